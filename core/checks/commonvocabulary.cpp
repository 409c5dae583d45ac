#include "checks/commonvocabulary.h"

#include "checks/assertionevaluator.h"
#include "checks/jqprogram.h"
#include "checks/jsonpath.h"
#include "checks/jsonschema.h"

#include <QRegularExpression>

namespace flowbench {

const QList<AssertionOp> &CommonVocabulary::allOps()
{
    static const QList<AssertionOp> ops = {
        { QStringLiteral("=="), std::nullopt,
            QStringLiteral(
                "equal; numbers compare as numbers, also when one side is numeric text (\"27\" == 27)") },
        { QStringLiteral("!="), std::nullopt, QStringLiteral("not equal") },
        { QStringLiteral("<"), std::nullopt, QStringLiteral("less than (numbers, or texts in order)") },
        { QStringLiteral("<="), std::nullopt, QStringLiteral("less than or equal") },
        { QStringLiteral(">"), std::nullopt, QStringLiteral("greater than") },
        { QStringLiteral(">="), std::nullopt, QStringLiteral("greater than or equal") },
        { QStringLiteral("exists"), Operand::None, QStringLiteral("is present (expected is not used)") },
        { QStringLiteral("not_exists"), Operand::None, QStringLiteral("is absent (expected is not used)") },
        { QStringLiteral("contains"), std::nullopt,
            QStringLiteral(
                "a text contains the expected text, a list the expected value, an object the expected key") },
        { QStringLiteral("matches"), Operand::Regex,
            QStringLiteral("a text or number matches the expected regex") },
        { QStringLiteral("length"), Operand::Number,
            QStringLiteral("a list, text or object has the expected length") },
    };
    return ops;
}

AssertionOp CommonVocabulary::op(const QString &name)
{
    for (const AssertionOp &o : allOps())
        if (o.name == name)
            return o;
    Q_ASSERT_X(false, "CommonVocabulary::op", "an op AssertionEvaluator does not implement");
    return AssertionOp { name, std::nullopt, QString() };
}

QList<AssertionOp> CommonVocabulary::comparisonOps()
{
    return allOps().mid(0, 6);
}

std::optional<QString> CommonVocabulary::missingJson(const Observation &o)
{
    if (o.json)
        return std::nullopt;
    return o.jsonError.isEmpty() ? QStringLiteral("there is no JSON to look into") : o.jsonError;
}

AssertionKind CommonVocabulary::jsonPath()
{
    AssertionKind k;
    k.name = QStringLiteral("json_path");
    k.label = QStringLiteral("JSON path");
    k.description
        = QStringLiteral("the value at a JSON path (dots, [index], a leading $. is optional) in the JSON");
    k.target = Operand::JsonPath;
    k.targetHint = QStringLiteral("path, e.g. data.items[0].id");
    k.ops = comparisonOps()
        + QList<AssertionOp> { op(QStringLiteral("exists")), op(QStringLiteral("not_exists")),
              op(QStringLiteral("contains")), op(QStringLiteral("matches")), op(QStringLiteral("length")) };
    k.expected = Operand::Value;
    k.read = [](const Observation &o, const QString &target) -> KindReading {
        const auto path = JsonPath::parse(target);
        if (!path)
            return KindReading::failure(path.error());
        if (const auto missing = missingJson(o))
            return KindReading::failure(*missing);
        return KindReading(path->evaluate(*o.json));
    };
    return k;
}

AssertionKind CommonVocabulary::jq()
{
    AssertionKind k;
    k.name = QStringLiteral("jq");
    k.label = QStringLiteral("jq");
    k.description = QStringLiteral("a jq program over the JSON; holds when its first output is true");
    k.target = Operand::Jq;
    k.targetHint = QStringLiteral("jq program that must yield true, e.g. .items | length == 3");
    k.judge = [](const Observation &o, const QString &target, const QJsonValue &) -> std::optional<QString> {
        const auto program = JqProgram::compiled(target);
        if (!program)
            return program.error();
        if (const auto missing = missingJson(o))
            return *missing;
        const auto out = (*program)->first(*o.json);
        if (!out)
            return out.error();
        if (!(out->isBool() && out->toBool()))
            return QStringLiteral("expected true, got %1").arg(AssertionEvaluator::describe(*out));
        return std::nullopt;
    };
    return k;
}

AssertionKind CommonVocabulary::jsonSchema()
{
    AssertionKind k;
    k.name = QStringLiteral("json_schema");
    k.label = QStringLiteral("JSON Schema");
    k.description = QStringLiteral("the JSON is valid against the expected JSON Schema (draft 7; OpenAPI 3.0 "
                                   "nullable and Swagger 2 definitions understood); a failure names the "
                                   "JSON pointer and the rule");
    k.expected = Operand::JsonSchema;
    k.newExpected = QJsonObject { { QStringLiteral("type"), QStringLiteral("object") } };
    k.prepare = [](const QString &, const QJsonValue &expected) -> Status {
        const auto schema = JsonSchema::compiled(expected);
        return schema ? success() : Status::failure(schema.error());
    };
    k.judge = [](const Observation &o, const QString &, const QJsonValue &expected) -> std::optional<QString> {
        const auto schema = JsonSchema::compiled(expected); // compiled in prepare(); cached
        if (!schema)
            return schema.error();
        if (const auto missing = missingJson(o))
            return *missing;
        const QStringList violations = (*schema)->violations(*o.json);
        if (violations.isEmpty())
            return std::nullopt;
        return violations.join(QStringLiteral("; "));
    };
    return k;
}

AssertionKind CommonVocabulary::latencyMs()
{
    AssertionKind k;
    k.name = QStringLiteral("latency_ms");
    k.label = QStringLiteral("latency (ms)");
    k.description = QStringLiteral("how long the check took, in milliseconds");
    k.ops = { op(QStringLiteral("<")), op(QStringLiteral("<=")) };
    k.expected = Operand::Number;
    k.newOp = QStringLiteral("<");
    k.read = [](const Observation &o, const QString &) -> KindReading {
        return KindReading(o.latencyMs >= 0 ? std::optional<QJsonValue>(double(o.latencyMs)) : std::nullopt);
    };
    return k;
}

AssertionKind CommonVocabulary::count(const QString &name, const QString &label, const QString &description)
{
    AssertionKind k;
    k.name = name;
    k.label = label;
    k.description = description;
    k.ops = comparisonOps();
    k.expected = Operand::Number;
    k.newOp = QStringLiteral(">=");
    k.newExpected = 1;
    k.read = [](const Observation &o, const QString &) -> KindReading {
        return KindReading(o.count >= 0 ? std::optional<QJsonValue>(double(o.count)) : std::nullopt);
    };
    return k;
}

CaptureSource CommonVocabulary::path()
{
    CaptureSource s;
    s.name = QStringLiteral("path");
    s.description = QStringLiteral("the value at a JSON path in the JSON");
    s.expression = Operand::JsonPath;
    s.hint = QStringLiteral("data.id");
    s.read = [](const Observation &o, const QString &expression) -> Result<QString> {
        if (const auto missing = missingJson(o))
            return Result<QString>::failure(*missing);
        const auto path = JsonPath::parse(expression);
        if (!path)
            return Result<QString>::failure(path.error());
        const auto value = path->evaluate(*o.json);
        if (!value)
            return Result<QString>::failure(QStringLiteral("not found"));
        return AssertionEvaluator::asText(*value);
    };
    return s;
}

CaptureSource CommonVocabulary::jqCapture()
{
    CaptureSource s;
    s.name = QStringLiteral("jq");
    s.description = QStringLiteral("the first output of a jq program over the JSON");
    s.expression = Operand::Jq;
    s.hint = QStringLiteral(".items[0].id");
    s.read = [](const Observation &o, const QString &expression) -> Result<QString> {
        if (const auto missing = missingJson(o))
            return Result<QString>::failure(*missing);
        const auto program = JqProgram::compiled(expression);
        if (!program)
            return Result<QString>::failure(program.error());
        const auto out = (*program)->first(*o.json);
        if (!out)
            return Result<QString>::failure(out.error());
        return AssertionEvaluator::asText(*out);
    };
    return s;
}

CaptureSource CommonVocabulary::regex(const QString &over)
{
    CaptureSource s;
    s.name = QStringLiteral("regex");
    s.description = QStringLiteral("the first group (or else the whole match) of a regex over %1").arg(over);
    s.expression = Operand::Regex;
    s.hint = QStringLiteral("id=(\\d+)");
    s.read = [](const Observation &o, const QString &expression) -> Result<QString> {
        const QRegularExpressionMatch m = QRegularExpression(expression).match(QString::fromUtf8(o.body));
        if (!m.hasMatch())
            return Result<QString>::failure(QStringLiteral("no match"));
        return m.lastCapturedIndex() >= 1 ? m.captured(1) : m.captured(0);
    };
    return s;
}

SpecField CommonVocabulary::timeoutMs(int defaultMs, const QString &description)
{
    SpecField f;
    f.name = QStringLiteral("timeout_ms");
    f.kind = SpecField::Kind::Duration;
    f.label = QStringLiteral("Timeout");
    f.description = description;
    f.defaultValue = defaultMs;
    f.inNewCheck = true;
    return f;
}

} // namespace flowbench
