#include "faults/fault.h"

#include <QJsonValue>

#include <array>
#include <cmath>

namespace flowbench {

namespace {

// One row per kind: its name, the attribute its text form's first value sets, and the
// attributes it accepts (besides stream, toxicity and name).
struct KindInfo
{
    FaultKind kind;
    const char *name;
    const char *mainAttribute; // nullptr: the kind takes no value ("down", "http_empty")
    std::initializer_list<const char *> attributes;
};

const std::array<KindInfo, 9> &kinds()
{
    static const std::array<KindInfo, 9> table { {
        { FaultKind::Latency, "latency", "latency", { "latency", "jitter" } },
        { FaultKind::Down, "down", nullptr, {} },
        { FaultKind::ResetPeer, "reset_peer", "timeout", { "timeout" } },
        { FaultKind::Timeout, "timeout", "timeout", { "timeout" } },
        { FaultKind::Bandwidth, "bandwidth", "rate", { "rate" } },
        { FaultKind::SlowClose, "slow_close", "delay", { "delay" } },
        { FaultKind::LimitData, "limit_data", "bytes", { "bytes" } },
        { FaultKind::HttpStatus, "http_status", "status", { "status", "count" } },
        { FaultKind::HttpEmptyBody, "http_empty", "status", { "status", "count" } },
    } };
    return table;
}

const KindInfo *findKind(const QString &name)
{
    for (const KindInfo &k : kinds())
        if (name == QLatin1String(k.name))
            return &k;
    return nullptr;
}

const KindInfo &infoOf(FaultKind kind)
{
    for (const KindInfo &k : kinds())
        if (k.kind == kind)
            return k;
    return kinds()[0];
}

QString kindList()
{
    QStringList names;
    for (const KindInfo &k : kinds())
        names << QLatin1String(k.name);
    return names.join(QStringLiteral(", "));
}

bool accepts(const KindInfo &k, const QString &attribute)
{
    for (const char *a : k.attributes)
        if (attribute == QLatin1String(a))
            return true;
    return false;
}

qint64 *numberField(Fault &f, const QString &attribute)
{
    if (attribute == QLatin1String("latency"))
        return &f.latencyMs;
    if (attribute == QLatin1String("jitter"))
        return &f.jitterMs;
    if (attribute == QLatin1String("timeout"))
        return &f.timeoutMs;
    if (attribute == QLatin1String("rate"))
        return &f.rateKBps;
    if (attribute == QLatin1String("delay"))
        return &f.delayMs;
    if (attribute == QLatin1String("bytes"))
        return &f.bytes;
    return nullptr;
}

qint64 numberValue(const Fault &f, const QString &attribute)
{
    Fault copy = f;
    const qint64 *field = numberField(copy, attribute);
    return field ? *field : 0;
}

// Sets a kind's numeric attribute; `where` names the input in a message.
Status setAttribute(Fault &f, const QString &attribute, double value, const QString &where)
{
    const KindInfo &k = infoOf(f.kind);
    if (!accepts(k, attribute))
        return Status::failure(
            QStringLiteral("%1: %2 has no attribute \"%3\"").arg(where, QLatin1String(k.name), attribute));
    if (!std::isfinite(value) || value < 0 || value != std::floor(value) || value > 1e12)
        return Status::failure(QStringLiteral("%1: %2 must be a whole number, 0 or more (got %3)")
                                   .arg(where, attribute)
                                   .arg(value));
    if (attribute == QLatin1String("status")) {
        if (value < 100 || value > 599)
            return Status::failure(
                QStringLiteral("%1: status must be an HTTP status 100-599 (got %2)").arg(where).arg(value));
        f.status = int(value);
    } else if (attribute == QLatin1String("count")) {
        if (value > 1e9)
            return Status::failure(QStringLiteral("%1: count is too large (%2)").arg(where).arg(value));
        f.count = int(value);
    } else {
        *numberField(f, attribute) = qint64(value);
    }
    return success();
}

Status setDirection(Fault &f, const QString &value, const QString &where)
{
    if (!f.hasDirection())
        return Status::failure(QStringLiteral("%1: %2 has no stream (it does not act on one direction)")
                                   .arg(where, toString(f.kind)));
    if (value == QLatin1String("upstream"))
        f.direction = FaultDirection::Upstream;
    else if (value == QLatin1String("downstream"))
        f.direction = FaultDirection::Downstream;
    else
        return Status::failure(
            QStringLiteral("%1: stream must be upstream or downstream (got \"%2\")").arg(where, value));
    return success();
}

Status setToxicity(Fault &f, double value, const QString &where)
{
    if (!std::isfinite(value) || value < 0 || value > 1)
        return Status::failure(
            QStringLiteral("%1: toxicity must be between 0 and 1 (got %2)").arg(where).arg(value));
    f.toxicity = value;
    return success();
}

// What a kind needs once its attributes are read: defaults and cross-field checks.
Status finish(Fault &f, const QString &where)
{
    if (f.isHttp() && f.status == 0)
        f.status = f.kind == FaultKind::HttpStatus ? 503 : 200;
    if (f.kind == FaultKind::Bandwidth && f.rateKBps == 0)
        return Status::failure(QStringLiteral("%1: bandwidth needs a rate above 0 KB/s").arg(where));
    if (f.name.isEmpty())
        f.name = f.hasDirection() ? toString(f.kind) + QLatin1Char('_') + toString(f.direction)
                                  : toString(f.kind);
    return success();
}

} // namespace

bool Fault::operator==(const Fault &o) const
{
    return name == o.name && kind == o.kind && direction == o.direction && toxicity == o.toxicity
        && latencyMs == o.latencyMs && jitterMs == o.jitterMs && timeoutMs == o.timeoutMs
        && rateKBps == o.rateKBps && delayMs == o.delayMs && bytes == o.bytes && status == o.status
        && count == o.count;
}

QString toString(FaultKind kind)
{
    return QLatin1String(infoOf(kind).name);
}

QString toString(FaultDirection direction)
{
    return direction == FaultDirection::Upstream ? QStringLiteral("upstream") : QStringLiteral("downstream");
}

Result<Fault> parseFault(const QString &text)
{
    const QString where = QStringLiteral("fault \"%1\"").arg(text);
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return Result<Fault>::failure(QStringLiteral("empty fault: expected one of %1").arg(kindList()));
    const auto split = [](const QString &part) {
        const int eq = part.indexOf(QLatin1Char('='));
        return std::make_pair(
            part.left(eq < 0 ? part.size() : eq).trimmed(), eq < 0 ? QString() : part.mid(eq + 1).trimmed());
    };
    const auto [kindName, mainValue] = split(parts.first());
    const KindInfo *k = findKind(kindName);
    if (!k)
        return Result<Fault>::failure(
            QStringLiteral("%1: unknown kind \"%2\"; expected one of %3").arg(where, kindName, kindList()));
    Fault f;
    f.kind = k->kind;
    QList<std::pair<QString, QString>> attributes;
    if (!mainValue.isEmpty()) {
        if (!k->mainAttribute)
            return Result<Fault>::failure(QStringLiteral("%1: %2 takes no value").arg(where, kindName));
        attributes.append({ QLatin1String(k->mainAttribute), mainValue });
    } else if (k->mainAttribute && k->kind != FaultKind::HttpEmptyBody && k->kind != FaultKind::ResetPeer) {
        return Result<Fault>::failure(QStringLiteral("%1: %2 needs a value: %2=<%3>")
                                          .arg(where, kindName, QLatin1String(k->mainAttribute)));
    }
    for (int i = 1; i < parts.size(); ++i)
        attributes.append(split(parts[i]));
    for (const auto &[attribute, value] : attributes) {
        Status set;
        if (attribute == QLatin1String("stream") || attribute == QLatin1String("direction")) {
            set = setDirection(f, value, where);
        } else if (attribute == QLatin1String("name")) {
            f.name = value;
        } else {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok)
                return Result<Fault>::failure(
                    QStringLiteral("%1: %2 must be a number (got \"%3\")").arg(where, attribute, value));
            set = attribute == QLatin1String("toxicity") ? setToxicity(f, number, where)
                                                         : setAttribute(f, attribute, number, where);
        }
        if (!set)
            return Result<Fault>::failure(set.error());
    }
    if (const Status done = finish(f, where); !done)
        return Result<Fault>::failure(done.error());
    return f;
}

QString faultToText(const Fault &f)
{
    const KindInfo &k = infoOf(f.kind);
    const QJsonObject attributes = faultToJson(f).value(QStringLiteral("attributes")).toObject();
    QStringList parts;
    parts << (k.mainAttribute ? QStringLiteral("%1=%2")
                                    .arg(QLatin1String(k.name))
                                    .arg(attributes.value(QLatin1String(k.mainAttribute)).toInteger())
                              : QLatin1String(k.name));
    for (const char *a : k.attributes)
        if (!k.mainAttribute || qstrcmp(a, k.mainAttribute) != 0)
            parts << QStringLiteral("%1=%2")
                         .arg(QLatin1String(a))
                         .arg(attributes.value(QLatin1String(a)).toInteger());
    if (f.hasDirection())
        parts << QStringLiteral("stream=") + toString(f.direction);
    if (f.toxicity != 1.0)
        parts << QStringLiteral("toxicity=%1").arg(f.toxicity);
    parts << QStringLiteral("name=") + f.name;
    return parts.join(QLatin1Char(','));
}

Result<Fault> faultFromJson(const QJsonObject &json)
{
    const QString type = json.value(QStringLiteral("type")).toString();
    const QString where = QStringLiteral("fault %1").arg(type.isEmpty() ? QStringLiteral("(no type)") : type);
    const KindInfo *k = findKind(type);
    if (!k)
        return Result<Fault>::failure(
            QStringLiteral("fault: \"type\" must be one of %1 (got \"%2\")").arg(kindList(), type));
    for (auto it = json.begin(); it != json.end(); ++it) {
        static const QStringList known { QStringLiteral("name"), QStringLiteral("type"),
            QStringLiteral("stream"), QStringLiteral("toxicity"), QStringLiteral("attributes") };
        if (!known.contains(it.key()))
            return Result<Fault>::failure(QStringLiteral("%1: unknown field \"%2\"").arg(where, it.key()));
    }
    Fault f;
    f.kind = k->kind;
    f.name = json.value(QStringLiteral("name")).toString();
    if (json.contains(QStringLiteral("stream"))) {
        if (const Status s = setDirection(f, json.value(QStringLiteral("stream")).toString(), where); !s)
            return Result<Fault>::failure(s.error());
    }
    if (json.contains(QStringLiteral("toxicity"))) {
        if (const Status s = setToxicity(f, json.value(QStringLiteral("toxicity")).toDouble(-1), where); !s)
            return Result<Fault>::failure(s.error());
    }
    const QJsonValue attributes = json.value(QStringLiteral("attributes"));
    if (!attributes.isUndefined() && !attributes.isObject())
        return Result<Fault>::failure(QStringLiteral("%1: \"attributes\" must be an object").arg(where));
    const QJsonObject a = attributes.toObject();
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!it.value().isDouble())
            return Result<Fault>::failure(
                QStringLiteral("%1: attribute \"%2\" must be a number").arg(where, it.key()));
        if (const Status s = setAttribute(f, it.key(), it.value().toDouble(), where); !s)
            return Result<Fault>::failure(s.error());
    }
    if (k->mainAttribute && !a.contains(QLatin1String(k->mainAttribute))
        && k->kind != FaultKind::HttpEmptyBody && k->kind != FaultKind::ResetPeer)
        return Result<Fault>::failure(
            QStringLiteral("%1: attributes need \"%2\"").arg(where, QLatin1String(k->mainAttribute)));
    if (const Status done = finish(f, where); !done)
        return Result<Fault>::failure(done.error());
    return f;
}

QJsonObject faultToJson(const Fault &f)
{
    const KindInfo &k = infoOf(f.kind);
    QJsonObject attributes;
    for (const char *a : k.attributes) {
        const QString name = QLatin1String(a);
        if (name == QLatin1String("status"))
            attributes.insert(name, f.status);
        else if (name == QLatin1String("count"))
            attributes.insert(name, f.count);
        else
            attributes.insert(name, numberValue(f, name));
    }
    QJsonObject json { { QStringLiteral("name"), f.name }, { QStringLiteral("type"), toString(f.kind) },
        { QStringLiteral("toxicity"), f.toxicity }, { QStringLiteral("attributes"), attributes } };
    if (f.hasDirection())
        json.insert(QStringLiteral("stream"), toString(f.direction));
    return json;
}

} // namespace flowbench
