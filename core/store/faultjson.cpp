#include "store/faultjson.h"

namespace flowbench {

QJsonObject caseFaultToJson(const CaseFault &fault)
{
    QJsonObject json = faultToJson(fault.fault);
    json.insert(QStringLiteral("on"), fault.target);
    return json;
}

Result<CaseFault> caseFaultFromJson(const QJsonValue &json, const QString &where)
{
    if (!json.isObject())
        return Result<CaseFault>::failure(QStringLiteral("%1: must be an object").arg(where));
    QJsonObject object = json.toObject();
    const QJsonValue on = object.take(QStringLiteral("on"));
    if (!on.isString() || on.toString().trimmed().isEmpty())
        return Result<CaseFault>::failure(
            QStringLiteral("%1.on: must name the node or edge id the fault acts on").arg(where));
    const Result<Fault> fault = faultFromJson(object);
    if (!fault)
        return Result<CaseFault>::failure(QStringLiteral("%1: %2").arg(where, fault.error()));
    return CaseFault { on.toString(), fault.value() };
}

QJsonArray caseFaultsToJson(const QList<CaseFault> &faults)
{
    QJsonArray array;
    for (const CaseFault &f : faults)
        array.append(caseFaultToJson(f));
    return array;
}

Result<QList<CaseFault>> caseFaultsFromJson(const QJsonArray &json, const QString &where)
{
    QList<CaseFault> faults;
    for (int i = 0; i < json.size(); ++i) {
        Result<CaseFault> f = caseFaultFromJson(json[i], QStringLiteral("%1[%2]").arg(where).arg(i));
        if (!f)
            return Result<QList<CaseFault>>::failure(f.error());
        faults.append(f.value());
    }
    return faults;
}

QJsonArray proxyRoutesToJson(const QList<ProxyRoute> &routes)
{
    QJsonArray array;
    for (const ProxyRoute &r : routes)
        array.append(QJsonObject { { QStringLiteral("for"), r.target },
            { QStringLiteral("listen"), r.listen }, { QStringLiteral("upstream"), r.upstream } });
    return array;
}

Result<QList<ProxyRoute>> proxyRoutesFromJson(const QJsonArray &json, const QString &where)
{
    QList<ProxyRoute> routes;
    for (int i = 0; i < json.size(); ++i) {
        if (!json[i].isObject())
            return Result<QList<ProxyRoute>>::failure(
                QStringLiteral("%1[%2]: must be an object").arg(where).arg(i));
        const QJsonObject o = json[i].toObject();
        routes.append({ o.value(QStringLiteral("for")).toString(),
            o.value(QStringLiteral("listen")).toString(), o.value(QStringLiteral("upstream")).toString() });
    }
    return routes;
}

} // namespace flowbench
