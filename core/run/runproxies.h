#pragma once

#include "model/project.h"
#include "result.h"

#include <QList>
#include <QString>
#include <memory>
#include <vector>

namespace flowbench {

class FaultProxy;

// The fault proxies of one run: every proxy route of the run's environment, started as a
// pass-through before the first test case (the system under test is configured to reach
// its dependency through them, so they must carry traffic for the whole run) and closed
// when the run ends. A faulted test case adds its faults while it runs (apply) and takes
// them away when it ends (clear). Proxies live on the runner's thread and listen on
// loopback only; the process going away, however it goes, closes them.
class RunProxies
{
public:
    RunProxies();
    ~RunProxies(); // closes every proxy

    // Starts one proxy per route. A route that cannot listen (its port is taken, e.g. by
    // a standalone `flowbench-cli proxy`) is remembered: the test cases that need it
    // error with the reason; the others run (whatever holds the port serves them).
    void start(const Project &project, const Environment &environment);
    void stop();

    // Adds a test case's faults to the proxies of their targets. Nothing is applied when
    // one of them cannot be (no route in the environment, the route's proxy is not
    // listening); the message names the fault and what to do.
    Status apply(const QList<CaseFault> &faults);
    // Back to pass-through on every proxy.
    void clear();

    int listening() const; // proxies carrying traffic now
    // Why a route is not listening, one text per route that is not (see start()).
    QStringList problems() const;

private:
    struct Route;
    const Route *routeFor(const QString &target) const;

    const Project *m_project = nullptr;
    QString m_environmentName;
    std::vector<std::unique_ptr<Route>> m_routes;
};

} // namespace flowbench
