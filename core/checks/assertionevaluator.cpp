#include "checks/assertionevaluator.h"

#include "checks/checkregistry.h"
#include "checks/checkvocabulary.h"
#include "checks/jqprogram.h"
#include "checks/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

namespace flowbench {

namespace {

// Numbers compare as numbers, also when one side is a numeric string ("27" == 27):
// Redis and SQL text columns hand numbers over as strings.
std::optional<double> asNumber(const QJsonValue &v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

bool looseEquals(const QJsonValue &actual, const QJsonValue &expected)
{
    if (actual.isDouble() || expected.isDouble()) {
        const auto a = asNumber(actual);
        const auto e = asNumber(expected);
        if (a && e)
            return *a == *e;
    }
    return actual == expected;
}

// <0, 0, >0, or nullopt when the two cannot be ordered.
std::optional<int> order(const QJsonValue &actual, const QJsonValue &expected)
{
    const auto a = asNumber(actual);
    const auto e = asNumber(expected);
    if (a && e)
        return *a < *e ? -1 : (*a > *e ? 1 : 0);
    if (actual.isString() && expected.isString())
        return actual.toString().compare(expected.toString());
    return std::nullopt;
}

QString expectation(const QString &op, const QJsonValue &expected)
{
    const QString e = AssertionEvaluator::describe(expected);
    if (op == QLatin1String("=="))
        return QStringLiteral("expected %1").arg(e);
    if (op == QLatin1String("!="))
        return QStringLiteral("expected anything but %1").arg(e);
    if (op == QLatin1String("contains"))
        return QStringLiteral("expected to contain %1").arg(e);
    if (op == QLatin1String("matches"))
        return QStringLiteral("expected to match %1").arg(e);
    if (op == QLatin1String("length"))
        return QStringLiteral("expected length %1").arg(e);
    return QStringLiteral("expected %1 %2").arg(op, e);
}

} // namespace

std::optional<QString> AssertionEvaluator::compare(const QString &op, const std::optional<QJsonValue> &actual,
                                                   const QJsonValue &expected)
{
    if (op == QLatin1String("exists"))
        return actual ? std::nullopt : std::optional<QString>(QStringLiteral("expected to exist, but it is missing"));
    if (op == QLatin1String("not_exists"))
        return !actual ? std::nullopt
                       : std::optional<QString>(QStringLiteral("expected to be absent, got %1")
                                                    .arg(AssertionEvaluator::describe(*actual)));
    if (!actual)
        return QStringLiteral("%1, but it is missing").arg(expectation(op, expected));
    const QJsonValue &a = *actual;
    const QString got = QStringLiteral("%1, got %2").arg(expectation(op, expected), AssertionEvaluator::describe(a));
    if (op == QLatin1String("=="))
        return looseEquals(a, expected) ? std::nullopt : std::optional<QString>(got);
    if (op == QLatin1String("!="))
        return !looseEquals(a, expected) ? std::nullopt : std::optional<QString>(got);
    if (op == QLatin1String("contains")) {
        bool holds = false;
        if (a.isString())
            holds = a.toString().contains(AssertionEvaluator::asText(expected));
        else if (a.isArray()) {
            for (const QJsonValue &item : a.toArray())
                holds = holds || looseEquals(item, expected);
        } else if (a.isObject())
            holds = a.toObject().contains(AssertionEvaluator::asText(expected));
        return holds ? std::nullopt : std::optional<QString>(got);
    }
    if (op == QLatin1String("matches")) {
        if (!a.isString() && !a.isDouble())
            return got;
        const QRegularExpression re(AssertionEvaluator::asText(expected));
        return re.match(AssertionEvaluator::asText(a)).hasMatch() ? std::nullopt : std::optional<QString>(got);
    }
    if (op == QLatin1String("length")) {
        qsizetype length = -1;
        if (a.isArray())
            length = a.toArray().size();
        else if (a.isObject())
            length = a.toObject().size();
        else if (a.isString())
            length = a.toString().size();
        if (length < 0)
            return QStringLiteral("%1, got %2 which has no length").arg(expectation(op, expected), AssertionEvaluator::describe(a));
        const auto e = asNumber(expected);
        if (e && double(length) == *e)
            return std::nullopt;
        return QStringLiteral("%1, got length %2").arg(expectation(op, expected)).arg(length);
    }
    const std::optional<int> o = order(a, expected);
    if (!o)
        return QStringLiteral("%1, got %2 which cannot be compared with it")
            .arg(expectation(op, expected), AssertionEvaluator::describe(a));
    bool holds = false;
    if (op == QLatin1String("<"))
        holds = *o < 0;
    else if (op == QLatin1String("<="))
        holds = *o <= 0;
    else if (op == QLatin1String(">"))
        holds = *o > 0;
    else if (op == QLatin1String(">="))
        holds = *o >= 0;
    return holds ? std::nullopt : std::optional<QString>(got);
}

QString AssertionEvaluator::describe(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = QLatin1Char('"') + value.toString() + QLatin1Char('"');
    else
        text = asText(value);
    if (value.isUndefined())
        text = QStringLiteral("nothing");
    if (text.size() > 200)
        text = text.left(200) + QStringLiteral("…");
    return text;
}

QString AssertionEvaluator::asText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::floor(d) == d && std::fabs(d) < 9.007199254740992e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

namespace {

// The kind of an assertion: the check type's own first, then any registered type's (a
// check may reach an execution without validate()).
const AssertionKind *kindOf(const QString &name, const CheckVocabulary *vocabulary)
{
    if (vocabulary)
        if (const AssertionKind *k = vocabulary->assertion(name))
            return k;
    return CheckRegistry::instance().assertionKind(name);
}

const CaptureSource *sourceOf(const QString &name, const CheckVocabulary *vocabulary)
{
    if (vocabulary)
        if (const CaptureSource *s = vocabulary->capture(name))
            return s;
    return CheckRegistry::instance().captureSource(name);
}

QString subjectOf(const AssertionKind &kind, const Assertion &a)
{
    if (!kind.subject.isEmpty())
        return kind.subject;
    return kind.target == Operand::None ? a.kind : QStringLiteral("%1 %2").arg(a.kind, a.target);
}

Status invalidRegex(const QString &where, const QString &text)
{
    const QRegularExpression re(text);
    if (re.isValid())
        return success();
    return Status::failure(QStringLiteral("%1: regex \"%2\" is invalid: %3").arg(where, text, re.errorString()));
}

} // namespace

Status AssertionEvaluator::validate(const Check &check, const CheckVocabulary &vocabulary)
{
    for (int i = 0; i < check.assertions.size(); ++i) {
        const Assertion &a = check.assertions.at(i);
        const QString where = QStringLiteral("assertions[%1] (%2)").arg(i).arg(a.kind);
        const AssertionKind *kind = vocabulary.assertion(a.kind);
        if (!kind)
            return Status::failure(QStringLiteral("assertions[%1]: kind \"%2\" is not known to %3 checks (known: %4)")
                                       .arg(i)
                                       .arg(a.kind, check.type, vocabulary.assertionNames().join(QStringLiteral(", "))));
        if (!kind->ops.isEmpty() && !kind->op(a.op))
            return Status::failure(QStringLiteral("%1: op \"%2\" is not known (known: %3)")
                                       .arg(where, a.op, kind->opNames().join(QStringLiteral(", "))));
        const Operand expected = kind->ops.isEmpty() ? kind->expected : kind->expectedWith(a.op);
        if (expected == Operand::Number && !a.expected.isDouble())
            return Status::failure(QStringLiteral("%1: expected must be a number").arg(where));
        if (expected == Operand::Bool && !a.expected.isBool())
            return Status::failure(QStringLiteral("%1: expected must be true or false").arg(where));
        if (kind->target != Operand::None && a.target.trimmed().isEmpty())
            return Status::failure(QStringLiteral("%1: target must not be empty").arg(where));
        if (kind->target == Operand::JsonPath) {
            const auto path = JsonPath::parse(a.target);
            if (!path)
                return Status::failure(QStringLiteral("%1: %2").arg(where, path.error()));
        }
        if (expected == Operand::Value && a.expected.isUndefined())
            return Status::failure(QStringLiteral("%1: expected must be given").arg(where));
        if ((expected == Operand::Text || expected == Operand::Regex) && asText(a.expected).isEmpty())
            return Status::failure(QStringLiteral("%1: expected must be a non-empty text").arg(where));
        if (expected == Operand::Regex)
            if (const Status re = invalidRegex(where, asText(a.expected)); !re)
                return re;
        if (kind->target == Operand::Jq) {
            const auto program = JqProgram::compiled(a.target);
            if (!program)
                return Status::failure(QStringLiteral("%1: %2").arg(where, program.error()));
        }
        if (kind->prepare)
            if (const Status prepared = kind->prepare(a.target, a.expected); !prepared)
                return Status::failure(QStringLiteral("%1: %2").arg(where, prepared.error()));
    }
    for (int i = 0; i < check.captures.size(); ++i) {
        const Capture &c = check.captures.at(i);
        const QString where = QStringLiteral("captures[%1] (%2)").arg(i).arg(c.name);
        if (c.name.trimmed().isEmpty())
            return Status::failure(QStringLiteral("captures[%1]: name must not be empty").arg(i));
        const CaptureSource *source = vocabulary.capture(c.source);
        if (!source)
            return Status::failure(QStringLiteral("%1: source \"%2\" is not known to %3 checks (known: %4)")
                                       .arg(where, c.source, check.type,
                                            vocabulary.captureNames().join(QStringLiteral(", "))));
        if (c.expression.trimmed().isEmpty())
            return Status::failure(QStringLiteral("%1: expression must not be empty").arg(where));
        if (source->expression == Operand::JsonPath) {
            const auto path = JsonPath::parse(c.expression);
            if (!path)
                return Status::failure(QStringLiteral("%1: %2").arg(where, path.error()));
        } else if (source->expression == Operand::Regex) {
            if (const Status re = invalidRegex(where, c.expression); !re)
                return re;
        } else if (source->expression == Operand::Jq) {
            const auto program = JqProgram::compiled(c.expression);
            if (!program)
                return Status::failure(QStringLiteral("%1: %2").arg(where, program.error()));
        }
    }
    return success();
}

void AssertionEvaluator::prepare(const Check &check, const CheckVocabulary &vocabulary)
{
    for (const Assertion &a : check.assertions) {
        const AssertionKind *kind = vocabulary.assertion(a.kind);
        if (kind && kind->target == Operand::Jq)
            JqProgram::compiled(a.target);
        if (kind && kind->prepare)
            kind->prepare(a.target, a.expected);
    }
    for (const Capture &c : check.captures)
        if (const CaptureSource *source = vocabulary.capture(c.source); source && source->expression == Operand::Jq)
            JqProgram::compiled(c.expression);
}

Result<QStringList> AssertionEvaluator::evaluate(const QList<Assertion> &assertions, const Observation &o,
                                                 const VariableScope &scope, const CheckVocabulary *vocabulary)
{
    QStringList failures;
    for (int i = 0; i < assertions.size(); ++i) {
        const Assertion &a = assertions.at(i);
        QJsonValue expected = a.expected;
        if (expected.isString()) {
            auto text = scope.interpolate(expected.toString(), QStringLiteral("assertions[%1].expected").arg(i));
            if (!text)
                return Result<QStringList>::failure(text.error());
            expected = *text;
        }
        const AssertionKind *kind = kindOf(a.kind, vocabulary);
        if (!kind) {
            failures.append(QStringLiteral("%1: unknown assertion kind").arg(a.kind));
            continue;
        }
        std::optional<QString> why;
        if (kind->judge) {
            why = kind->judge(o, a.target, expected);
        } else if (kind->read) {
            const KindReading actual = kind->read(o, a.target);
            why = actual ? compare(a.op, *actual, expected) : std::optional<QString>(actual.error());
        } else {
            why = QStringLiteral("the kind has no way to be judged");
        }
        if (why)
            failures.append(QStringLiteral("%1: %2").arg(subjectOf(*kind, a), *why));
    }
    return failures;
}

Result<QMap<QString, QString>> AssertionEvaluator::capture(const QList<Capture> &captures, const Observation &o,
                                                           const CheckVocabulary *vocabulary)
{
    using R = Result<QMap<QString, QString>>;
    QMap<QString, QString> values;
    for (const Capture &c : captures) {
        const QString where = QStringLiteral("capture %1 (%2 %3)").arg(c.name, c.source, c.expression);
        const CaptureSource *source = sourceOf(c.source, vocabulary);
        if (!source || !source->read)
            return R::failure(QStringLiteral("%1: unknown source").arg(where));
        const Result<QString> value = source->read(o, c.expression);
        if (!value)
            return R::failure(QStringLiteral("%1: %2").arg(where, value.error()));
        values.insert(c.name, *value);
    }
    return values;
}

CheckOutcome AssertionEvaluator::judge(const Check &check, const Observation &o, const VariableScope &scope)
{
    const CheckType *type = CheckRegistry::instance().type(check.type);
    const CheckVocabulary *vocabulary = type ? &type->vocabulary() : nullptr;
    const QList<Assertion> &assertions
        = check.assertions.isEmpty() && vocabulary ? vocabulary->impliedAssertions : check.assertions;
    CheckOutcome outcome;
    const auto failures = evaluate(assertions, o, scope, vocabulary);
    if (!failures) {
        outcome.status = ResultStatus::Error;
        outcome.message = failures.error();
        return outcome;
    }
    if (!failures->isEmpty()) {
        outcome.status = ResultStatus::Fail;
        outcome.message = failures->join(QStringLiteral("; "));
        return outcome;
    }
    const auto captured = capture(check.captures, o, vocabulary);
    if (!captured) {
        // The step ran but did not yield what later steps need: that is a failed expectation.
        outcome.status = ResultStatus::Fail;
        outcome.message = captured.error();
        return outcome;
    }
    outcome.status = ResultStatus::Pass;
    outcome.captures = *captured;
    const auto n = assertions.size();
    outcome.message = n == 1 ? QStringLiteral("1 assertion held") : QStringLiteral("%1 assertions held").arg(n);
    return outcome;
}

QString truncateEvidence(const QByteArray &utf8, int maxBytes, qint64 totalBytes)
{
    if (totalBytes < utf8.size())
        totalBytes = utf8.size();
    if (maxBytes <= 0 || totalBytes <= maxBytes)
        return QString::fromUtf8(utf8);
    // Cut on a character boundary: drop continuation bytes at the cut.
    qsizetype cut = maxBytes;
    while (cut > 0 && cut < utf8.size() && (uchar(utf8.at(cut)) & 0xC0) == 0x80)
        --cut;
    return QString::fromUtf8(utf8.left(cut))
        + QStringLiteral("\n… (%1 more bytes not shown)").arg(totalBytes - cut);
}

} // namespace flowbench
