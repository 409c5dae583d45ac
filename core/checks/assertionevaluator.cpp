#include "checks/assertionevaluator.h"

#include "checks/jqprogram.h"
#include "checks/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

namespace flowbench {

namespace {

const QStringList kCompareOps = {QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<"),
                                 QStringLiteral("<="), QStringLiteral(">"), QStringLiteral(">=")};

QStringList opsFor(const QString &kind)
{
    if (kind == QLatin1String("status") || kind == QLatin1String("row_count")
        || kind == QLatin1String("count"))
        return kCompareOps;
    if (kind == QLatin1String("latency_ms"))
        return {QStringLiteral("<"), QStringLiteral("<=")};
    if (kind == QLatin1String("header"))
        return {QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("contains"),
                QStringLiteral("matches"), QStringLiteral("exists"), QStringLiteral("not_exists")};
    if (kind == QLatin1String("json_path"))
        return kCompareOps
            + QStringList{QStringLiteral("exists"), QStringLiteral("not_exists"),
                          QStringLiteral("contains"), QStringLiteral("matches"),
                          QStringLiteral("length")};
    return {}; // body_contains, body_regex, jq: op unused
}

bool needsExpected(const QString &op)
{
    return op != QLatin1String("exists") && op != QLatin1String("not_exists");
}

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

// nullopt: holds; otherwise why it does not (without the subject prefix).
std::optional<QString> compare(const QString &op, const std::optional<QJsonValue> &actual,
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

QString subject(const Assertion &a)
{
    if (a.kind == QLatin1String("header") || a.kind == QLatin1String("json_path")
        || a.kind == QLatin1String("jq"))
        return QStringLiteral("%1 %2").arg(a.kind, a.target);
    if (a.kind == QLatin1String("body_contains") || a.kind == QLatin1String("body_regex"))
        return QStringLiteral("body");
    return a.kind;
}

std::optional<QJsonValue> headerValue(const Observation &o, const QString &name)
{
    const auto h = o.header(name);
    if (!h)
        return std::nullopt;
    return QJsonValue(QString::fromUtf8(*h));
}

std::optional<QString> noJson(const Observation &o)
{
    if (o.json)
        return std::nullopt;
    return o.jsonError.isEmpty() ? QStringLiteral("there is no JSON to look into") : o.jsonError;
}

} // namespace

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

Status AssertionEvaluator::validate(const Check &check, const QStringList &allowedKinds,
                                    const QStringList &allowedCaptureSources)
{
    for (int i = 0; i < check.assertions.size(); ++i) {
        const Assertion &a = check.assertions.at(i);
        const QString where = QStringLiteral("assertions[%1] (%2)").arg(i).arg(a.kind);
        if (!allowedKinds.contains(a.kind))
            return Status::failure(QStringLiteral("assertions[%1]: kind \"%2\" is not known to %3 checks (known: %4)")
                                       .arg(i).arg(a.kind, check.type, allowedKinds.join(QStringLiteral(", "))));
        const QStringList ops = opsFor(a.kind);
        if (!ops.isEmpty() && !ops.contains(a.op))
            return Status::failure(QStringLiteral("%1: op \"%2\" is not known (known: %3)")
                                       .arg(where, a.op, ops.join(QStringLiteral(", "))));
        const bool numeric = a.kind == QLatin1String("status") || a.kind == QLatin1String("row_count")
            || a.kind == QLatin1String("count") || a.kind == QLatin1String("latency_ms")
            || (a.kind == QLatin1String("json_path") && a.op == QLatin1String("length"));
        if (numeric && !a.expected.isDouble())
            return Status::failure(QStringLiteral("%1: expected must be a number").arg(where));
        if ((a.kind == QLatin1String("header") || a.kind == QLatin1String("json_path")
             || a.kind == QLatin1String("jq"))
            && a.target.trimmed().isEmpty())
            return Status::failure(QStringLiteral("%1: target must not be empty").arg(where));
        if (a.kind == QLatin1String("json_path")) {
            const auto path = JsonPath::parse(a.target);
            if (!path)
                return Status::failure(QStringLiteral("%1: %2").arg(where, path.error()));
        }
        if ((a.kind == QLatin1String("header") || a.kind == QLatin1String("json_path"))
            && needsExpected(a.op) && a.expected.isUndefined())
            return Status::failure(QStringLiteral("%1: expected must be given").arg(where));
        if ((a.kind == QLatin1String("body_contains") || a.kind == QLatin1String("body_regex"))
            && asText(a.expected).isEmpty())
            return Status::failure(QStringLiteral("%1: expected must be a non-empty text").arg(where));
        if (a.kind == QLatin1String("body_regex") || a.op == QLatin1String("matches")) {
            const QRegularExpression re(asText(a.expected));
            if (!re.isValid())
                return Status::failure(QStringLiteral("%1: regex \"%2\" is invalid: %3")
                                           .arg(where, asText(a.expected), re.errorString()));
        }
        if (a.kind == QLatin1String("jq")) {
            const auto program = JqProgram::compiled(a.target);
            if (!program)
                return Status::failure(QStringLiteral("%1: %2").arg(where, program.error()));
        }
    }
    for (int i = 0; i < check.captures.size(); ++i) {
        const Capture &c = check.captures.at(i);
        const QString where = QStringLiteral("captures[%1] (%2)").arg(i).arg(c.name);
        if (c.name.trimmed().isEmpty())
            return Status::failure(QStringLiteral("captures[%1]: name must not be empty").arg(i));
        if (!allowedCaptureSources.contains(c.source))
            return Status::failure(QStringLiteral("%1: source \"%2\" is not known to %3 checks (known: %4)")
                                       .arg(where, c.source, check.type,
                                            allowedCaptureSources.join(QStringLiteral(", "))));
        if (c.expression.trimmed().isEmpty())
            return Status::failure(QStringLiteral("%1: expression must not be empty").arg(where));
        if (c.source == QLatin1String("path")) {
            const auto path = JsonPath::parse(c.expression);
            if (!path)
                return Status::failure(QStringLiteral("%1: %2").arg(where, path.error()));
        } else if (c.source == QLatin1String("regex")) {
            const QRegularExpression re(c.expression);
            if (!re.isValid())
                return Status::failure(QStringLiteral("%1: regex \"%2\" is invalid: %3")
                                           .arg(where, c.expression, re.errorString()));
        } else if (c.source == QLatin1String("jq")) {
            const auto program = JqProgram::compiled(c.expression);
            if (!program)
                return Status::failure(QStringLiteral("%1: %2").arg(where, program.error()));
        }
    }
    return success();
}

void AssertionEvaluator::prepare(const Check &check)
{
    for (const Assertion &a : check.assertions)
        if (a.kind == QLatin1String("jq"))
            JqProgram::compiled(a.target);
    for (const Capture &c : check.captures)
        if (c.source == QLatin1String("jq"))
            JqProgram::compiled(c.expression);
}

Result<QStringList> AssertionEvaluator::evaluate(const QList<Assertion> &assertions,
                                                 const Observation &o, const VariableScope &scope)
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
        std::optional<QString> why;
        if (a.kind == QLatin1String("status")) {
            why = compare(a.op, o.status >= 0 ? std::optional<QJsonValue>(o.status) : std::nullopt, expected);
        } else if (a.kind == QLatin1String("header")) {
            why = compare(a.op, headerValue(o, a.target), expected);
        } else if (a.kind == QLatin1String("body_contains")) {
            const QString needle = asText(expected);
            if (!QString::fromUtf8(o.body).contains(needle))
                why = QStringLiteral("expected to contain %1").arg(describe(needle));
        } else if (a.kind == QLatin1String("body_regex")) {
            const QRegularExpression re(asText(expected));
            if (!re.match(QString::fromUtf8(o.body)).hasMatch())
                why = QStringLiteral("expected to match /%1/").arg(asText(expected));
        } else if (a.kind == QLatin1String("latency_ms")) {
            why = compare(a.op, QJsonValue(double(o.latencyMs)), expected);
        } else if (a.kind == QLatin1String("row_count") || a.kind == QLatin1String("count")) {
            why = compare(a.op, o.count >= 0 ? std::optional<QJsonValue>(double(o.count)) : std::nullopt, expected);
        } else if (a.kind == QLatin1String("json_path")) {
            const auto path = JsonPath::parse(a.target);
            if (!path)
                why = path.error();
            else if (auto missing = noJson(o))
                why = *missing;
            else
                why = compare(a.op, path->evaluate(*o.json), expected);
        } else if (a.kind == QLatin1String("jq")) {
            const auto program = JqProgram::compiled(a.target);
            if (!program) {
                why = program.error();
            } else if (auto missing = noJson(o)) {
                why = *missing;
            } else {
                const auto out = (*program)->first(*o.json);
                if (!out)
                    why = out.error();
                else if (!(out->isBool() && out->toBool()))
                    why = QStringLiteral("expected true, got %1").arg(describe(*out));
            }
        } else {
            why = QStringLiteral("unknown assertion kind");
        }
        if (why)
            failures.append(QStringLiteral("%1: %2").arg(subject(a), *why));
    }
    return failures;
}

Result<QMap<QString, QString>> AssertionEvaluator::capture(const QList<Capture> &captures,
                                                           const Observation &o)
{
    using R = Result<QMap<QString, QString>>;
    QMap<QString, QString> values;
    for (const Capture &c : captures) {
        const QString where = QStringLiteral("capture %1 (%2 %3)").arg(c.name, c.source, c.expression);
        if (c.source == QLatin1String("header")) {
            const auto h = o.header(c.expression);
            if (!h)
                return R::failure(QStringLiteral("%1: the response has no such header").arg(where));
            values.insert(c.name, QString::fromUtf8(*h));
        } else if (c.source == QLatin1String("regex")) {
            const QRegularExpressionMatch m = QRegularExpression(c.expression).match(QString::fromUtf8(o.body));
            if (!m.hasMatch())
                return R::failure(QStringLiteral("%1: no match").arg(where));
            values.insert(c.name, m.lastCapturedIndex() >= 1 ? m.captured(1) : m.captured(0));
        } else if (auto missing = noJson(o)) {
            return R::failure(QStringLiteral("%1: %2").arg(where, *missing));
        } else if (c.source == QLatin1String("path") || c.source == QLatin1String("column")) {
            const QString pathText = c.source == QLatin1String("column")
                ? QStringLiteral("[0][\"%1\"]").arg(c.expression)
                : c.expression;
            const auto path = JsonPath::parse(pathText);
            if (!path)
                return R::failure(QStringLiteral("%1: %2").arg(where, path.error()));
            const auto value = path->evaluate(*o.json);
            if (!value)
                return R::failure(QStringLiteral("%1: not found").arg(where));
            values.insert(c.name, asText(*value));
        } else if (c.source == QLatin1String("jq")) {
            const auto program = JqProgram::compiled(c.expression);
            if (!program)
                return R::failure(QStringLiteral("%1: %2").arg(where, program.error()));
            const auto out = (*program)->first(*o.json);
            if (!out)
                return R::failure(QStringLiteral("%1: %2").arg(where, out.error()));
            values.insert(c.name, asText(*out));
        } else {
            return R::failure(QStringLiteral("%1: unknown source").arg(where));
        }
    }
    return values;
}

CheckOutcome AssertionEvaluator::judge(const Check &check, const Observation &o, const VariableScope &scope)
{
    CheckOutcome outcome;
    const auto failures = evaluate(check.assertions, o, scope);
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
    const auto captured = capture(check.captures, o);
    if (!captured) {
        // The step ran but did not yield what later steps need: that is a failed expectation.
        outcome.status = ResultStatus::Fail;
        outcome.message = captured.error();
        return outcome;
    }
    outcome.status = ResultStatus::Pass;
    outcome.captures = *captured;
    const auto n = check.assertions.size();
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
