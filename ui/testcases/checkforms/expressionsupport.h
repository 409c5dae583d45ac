#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace flowbench {

// What the forms use to check jq programs and JSON paths as the user types them and to
// "Try it" against a response: the same JqProgram (compiled once per text, cached) and
// JsonPath the checks run with, so the editor reports exactly what a run would.
class ExpressionSupport
{
public:
    // An empty string when acceptable, else the reason in jq's or the parser's words.
    static QString validateJq(const QString &program);
    static QString validateJsonPath(const QString &path);
    // kind "jq" or "path": the expression's value over the JSON in body.
    static Result<QJsonValue> evaluate(
        const QString &kind, const QString &expression, const QByteArray &body);
};

// Assertion "expected" values are typed JSON: 201 is a number, true a boolean,
// "201" (quoted) or any other text a string. These convert to and from the cell text.
QJsonValue expectedFromText(const QString &text);
QString expectedToText(const QJsonValue &value);

} // namespace flowbench
