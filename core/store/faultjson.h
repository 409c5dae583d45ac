#pragma once

#include "model/casefault.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace flowbench {

// One JSON shape for a test case's faults and an environment's proxies, in the store's
// columns and in the canonical JSON:
//   fault: {"on": "<node or edge id>", <Toxiproxy toxic: name, type, stream, toxicity, attributes>}
//   proxy: {"for": "<node or edge id>", "listen": "127.0.0.1:18091", "upstream": "127.0.0.1:18090"}
QJsonObject caseFaultToJson(const CaseFault &fault);
// `where` names the element in a message: "testCases[2].faults[0]: fault latency: ...".
Result<CaseFault> caseFaultFromJson(const QJsonValue &json, const QString &where);
QJsonArray caseFaultsToJson(const QList<CaseFault> &faults);
Result<QList<CaseFault>> caseFaultsFromJson(const QJsonArray &json, const QString &where);

QJsonArray proxyRoutesToJson(const QList<ProxyRoute> &routes);
Result<QList<ProxyRoute>> proxyRoutesFromJson(const QJsonArray &json, const QString &where);

} // namespace flowbench
