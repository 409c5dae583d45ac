#pragma once

#include "checks/checktype.h"
#include "checks/observation.h"

#include <QStringList>

namespace flowbench {

struct CheckVocabulary;

// Judges assertions and extracts captures for every check type, against an Observation,
// by the kinds and capture sources the check's type declares (CheckType::vocabulary()).
// Failure messages are for a person: "status: expected 201, got 500",
// "json_path data.total: expected 27, got 30".
class AssertionEvaluator
{
public:
    // Checks kinds, ops, expected values, regexes, JSON paths and jq programs against the
    // vocabulary (compiling jq here, which fills the process-wide cache). Errors name the
    // assertion: "assertions[1] (json_path): op \"lenght\" is not known".
    static Status validate(const Check &check, const CheckVocabulary &vocabulary);
    // Compiles every jq program of the check once (cached); call before requests go out.
    static void prepare(const Check &check, const CheckVocabulary &vocabulary);

    // One message per failed assertion; empty when all hold. A string `expected` goes
    // through variable interpolation; an unknown variable fails the result. Kinds are
    // looked up in `vocabulary` first, then among every registered type's.
    static Result<QStringList> evaluate(const QList<Assertion> &assertions,
                                        const Observation &observation, const VariableScope &scope,
                                        const CheckVocabulary *vocabulary = nullptr);
    static Result<QMap<QString, QString>> capture(const QList<Capture> &captures,
                                                  const Observation &observation,
                                                  const CheckVocabulary *vocabulary = nullptr);

    // Assertions + captures -> a finished outcome (pass, fail, or error for an unknown
    // variable), with the vocabulary of the check's type. A check without assertions is
    // judged by the type's implied ones (log: count >= 1). The message of a pass says
    // how many assertions held.
    static CheckOutcome judge(const Check &check, const Observation &observation,
                              const VariableScope &scope);

    // nullopt when `actual` op `expected` holds; otherwise why not, without the subject
    // ("expected 201, got 500"). Implements every op of CommonVocabulary::allOps().
    static std::optional<QString> compare(const QString &op, const std::optional<QJsonValue> &actual,
                                          const QJsonValue &expected);
    // A JSON value for a message: strings quoted, whole numbers without ".0", long
    // values cut.
    static QString describe(const QJsonValue &value);
    // A capture's value as text: strings as is, numbers plainly, JSON otherwise.
    static QString asText(const QJsonValue &value);
};

// Cuts text to at most maxBytes of UTF-8, saying how much was left out. totalBytes is
// the size of the whole when utf8 is already only its beginning.
QString truncateEvidence(const QByteArray &utf8, int maxBytes, qint64 totalBytes = -1);

} // namespace flowbench
