#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <functional>

namespace flowbench {

// How the forms check and try jq programs and JSON paths. The defaults need nothing
// beyond Qt: jq text is checked for balanced brackets and closed strings only, and
// "Try it" evaluates JSON paths natively but cannot run jq. The integrator installs
// the real engine (JqProgram and the JSON path evaluator of core/checks) with the setters
// once that branch is merged, so the forms then report exactly what a run would.
class ExpressionSupport
{
public:
    // Returns an empty string when the program is acceptable, else the reason.
    using JqValidator = std::function<QString(const QString &program)>;
    // kind is "jq" or "path"; evaluates expression over the JSON in body.
    using Evaluator = std::function<Result<QJsonValue>(const QString &kind, const QString &expression,
                                                       const QByteArray &body)>;

    static void setJqValidator(JqValidator validator);
    static void setEvaluator(Evaluator evaluator);

    static QString validateJq(const QString &program);
    static QString validateJsonPath(const QString &path);
    static Result<QJsonValue> evaluate(const QString &kind, const QString &expression, const QByteArray &body);

    // The fallbacks, public for tests.
    static QString checkBrackets(const QString &text);
    static Result<QJsonValue> evaluateJsonPath(const QString &path, const QJsonValue &root);
};

// Assertion "expected" values are typed JSON: 201 is a number, true a boolean,
// "201" (quoted) or any other text a string. These convert to and from the cell text.
QJsonValue expectedFromText(const QString &text);
QString expectedToText(const QJsonValue &value);

} // namespace flowbench
