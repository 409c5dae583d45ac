#pragma once

#include "faults/fault.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace flowbench {

struct Environment;
struct Project;

// A fault proxy of an environment: Flowbench listens on `listen` (always loopback) and
// forwards to `upstream`. The system under test is pointed at `listen` by its own
// configuration, so during a run the proxy carries its traffic to that dependency; a
// test case's faults act on it (CaseFault).
struct ProxyRoute
{
    QString target; // node or edge id on the map: the dependency this route stands for
    QString listen; // "127.0.0.1:18091"
    QString upstream; // "127.0.0.1:18090"

    bool operator==(const ProxyRoute &o) const
    {
        return target == o.target && listen == o.listen && upstream == o.upstream;
    }
    bool operator!=(const ProxyRoute &o) const { return !(*this == o); }
};

// A fault that holds while its test case runs, on a node or edge of the map.
struct CaseFault
{
    QString target; // node or edge id
    Fault fault;

    bool operator==(const CaseFault &o) const { return target == o.target && fault == o.fault; }
    bool operator!=(const CaseFault &o) const { return !(*this == o); }
};

struct HostPort
{
    QString host;
    quint16 port = 0;
};

// "127.0.0.1:18091", "localhost:80", "[::1]:8080"; `where` names the field in the message.
Result<HostPort> parseHostPort(const QString &text, const QString &where);
bool isLoopbackHost(const QString &host);

// What is wrong with an environment's proxies on their own (no map needed): listen must be
// a loopback host:port, upstream a host:port, one route per target and per listen address.
// Messages name the environment and the field: environment "local": proxies[0].listen: ...
QStringList proxyRouteProblems(const Environment &environment);

// A short text of a fault that parseFault() reads back: the kind and its value, and only
// the attributes that differ from their defaults ("latency=3000", "http_status=503,count=1").
QString faultSummary(const Fault &fault);
// "orders → payment" for an edge, "payment" for a node, the id itself when unknown.
QString describeFaultTarget(const Project &project, const QString &target);
// What a result records as active: "orders → payment: latency=3000; payment: down".
QString activeFaultsText(const Project &project, const QList<CaseFault> &faults);

} // namespace flowbench
