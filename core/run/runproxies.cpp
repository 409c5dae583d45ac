#include "run/runproxies.h"

#include "faults/faultproxy.h"

#include <QHostAddress>

namespace flowbench {

struct RunProxies::Route
{
    ProxyRoute route;
    std::unique_ptr<FaultProxy> proxy; // null when it could not listen
    QString problem; // why it is not listening
};

RunProxies::RunProxies() = default;

RunProxies::~RunProxies()
{
    stop();
}

namespace {
QHostAddress listenAddress(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    return QHostAddress(host);
}
} // namespace

void RunProxies::start(const Project &project, const Environment &environment)
{
    stop();
    m_project = &project;
    m_environmentName = environment.name;
    for (const ProxyRoute &r : environment.proxies) {
        auto route = std::make_unique<Route>();
        route->route = r;
        const QString where = QStringLiteral("environment \"%1\", proxy for %2")
                                  .arg(environment.name, describeFaultTarget(project, r.target));
        const Result<HostPort> listen = parseHostPort(r.listen, where + QStringLiteral(", listen"));
        const Result<HostPort> upstream = parseHostPort(r.upstream, where + QStringLiteral(", upstream"));
        if (!listen || !upstream) {
            route->problem = !listen ? listen.error() : upstream.error();
        } else if (!isLoopbackHost(listen->host)) {
            // validate refuses it already; the runner never listens beyond loopback.
            route->problem = QStringLiteral("%1: %2 is not a loopback address").arg(where, r.listen);
        } else {
            auto proxy = std::make_unique<FaultProxy>();
            const Status listening
                = proxy->listen(upstream->host, upstream->port, listen->port, listenAddress(listen->host));
            if (listening)
                route->proxy = std::move(proxy);
            else
                route->problem
                    = QStringLiteral("%1: %2 (is a standalone `flowbench-cli proxy` or another "
                                     "program using that port? stop it, or change the environment's "
                                     "proxy)")
                          .arg(where, listening.error());
        }
        m_routes.push_back(std::move(route));
    }
}

void RunProxies::stop()
{
    m_routes.clear(); // each FaultProxy closes its listener and connections
}

const RunProxies::Route *RunProxies::routeFor(const QString &target) const
{
    for (const auto &r : m_routes)
        if (r->route.target == target)
            return r.get();
    return nullptr;
}

Status RunProxies::apply(const QList<CaseFault> &faults)
{
    for (const CaseFault &f : faults) {
        const QString what = m_project ? describeFaultTarget(*m_project, f.target) : f.target;
        const Route *route = routeFor(f.target);
        if (!route)
            return Status::failure(
                QStringLiteral("fault on %1: environment '%2' has no proxy for it; add one "
                               "under Environments ▸ Proxies")
                    .arg(what, m_environmentName));
        if (!route->proxy)
            return Status::failure(
                QStringLiteral("fault on %1: its proxy is not running: %2").arg(what, route->problem));
    }
    for (const CaseFault &f : faults) {
        const Route *route = routeFor(f.target);
        if (const Status added = route->proxy->addFault(f.fault); !added) {
            clear();
            return Status::failure(
                QStringLiteral("fault on %1: %2")
                    .arg(m_project ? describeFaultTarget(*m_project, f.target) : f.target, added.error()));
        }
    }
    return success();
}

void RunProxies::clear()
{
    for (const auto &r : m_routes)
        if (r->proxy && !r->proxy->faults().isEmpty())
            r->proxy->setFaults({}); // "down" removed: listens again on the same port
}

QStringList RunProxies::problems() const
{
    QStringList list;
    for (const auto &r : m_routes)
        if (!r->proxy)
            list << r->problem;
    return list;
}

int RunProxies::listening() const
{
    int n = 0;
    for (const auto &r : m_routes)
        if (r->proxy && r->proxy->isListening())
            ++n;
    return n;
}

} // namespace flowbench
