#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "tcp": connects to spec.host:spec.port within spec.timeout_ms and closes again, sending
// nothing. A reachability check for what a tester cannot query (a queue, a cache, a
// database behind a firewall): `connected == true` is implied when no assertion is given;
// `connected == false` asserts that a port is closed. A refused, unresolved or unanswered
// connection is an observation (connected: false, with the reason), not an error.
class TcpCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("tcp"); }
    const CheckVocabulary &vocabulary() const override;
    bool runsOnNetworkThread() const override { return true; }
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;
};

} // namespace flowbench
