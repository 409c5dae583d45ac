#include "model/casefault.h"

#include "model/project.h"

#include <QHostAddress>
#include <QSet>

namespace flowbench {

Result<HostPort> parseHostPort(const QString &text, const QString &where)
{
    const QString t = text.trimmed();
    const int colon = t.lastIndexOf(QLatin1Char(':'));
    QString host = colon < 0 ? QString() : t.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const int port = colon < 0 ? 0 : t.mid(colon + 1).toInt(&ok);
    if (colon < 0 || host.isEmpty() || !ok || port < 1 || port > 65535)
        return Result<HostPort>::failure(
            QStringLiteral("%1: expected host:port such as 127.0.0.1:18091 (got \"%2\")").arg(where, text));
    return HostPort { host, quint16(port) };
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QStringList proxyRouteProblems(const Environment &e)
{
    QStringList problems;
    const QString env = QStringLiteral("environment \"%1\"").arg(e.name);
    QSet<QString> targets, listens;
    for (int i = 0; i < e.proxies.size(); ++i) {
        const ProxyRoute &r = e.proxies[i];
        const QString at = QStringLiteral("%1: proxies[%2]").arg(env).arg(i);
        if (r.target.trimmed().isEmpty())
            problems << QStringLiteral("%1.for: must name a node or edge of the map").arg(at);
        else if (targets.contains(r.target))
            problems << QStringLiteral("%1.for: \"%2\" has a proxy already; one route per node or edge")
                            .arg(at, r.target);
        targets.insert(r.target);
        const Result<HostPort> listen = parseHostPort(r.listen, at + QStringLiteral(".listen"));
        if (!listen) {
            problems << listen.error();
        } else if (!isLoopbackHost(listen->host)) {
            problems << QStringLiteral("%1.listen: \"%2\" is not a loopback address; Flowbench runs fault "
                                       "proxies only on 127.0.0.1, ::1 or localhost")
                            .arg(at, r.listen);
        } else {
            const QString key = QStringLiteral("%1:%2").arg(listen->host).arg(listen->port);
            if (listens.contains(key))
                problems << QStringLiteral("%1.listen: %2 is used by another proxy of the environment")
                                .arg(at, r.listen);
            listens.insert(key);
        }
        if (const Result<HostPort> upstream = parseHostPort(r.upstream, at + QStringLiteral(".upstream"));
            !upstream)
            problems << upstream.error();
    }
    return problems;
}

QString faultSummary(const Fault &fault)
{
    const QString defaultName = fault.hasDirection()
        ? toString(fault.kind) + QLatin1Char('_') + toString(fault.direction)
        : toString(fault.kind);
    const QStringList parts = faultToText(fault).split(QLatin1Char(','));
    QStringList kept;
    for (int i = 0; i < parts.size(); ++i) {
        const QString &p = parts[i];
        if (i > 0
            && (p.endsWith(QLatin1String("=0")) || p == QLatin1String("stream=downstream")
                || p == QStringLiteral("name=") + defaultName))
            continue;
        kept << p;
    }
    return kept.join(QLatin1Char(','));
}

QString describeFaultTarget(const Project &project, const QString &target)
{
    if (const Node *n = project.node(target))
        return n->name;
    for (const Edge &e : project.edges)
        if (e.id == target) {
            const Node *from = project.node(e.from);
            const Node *to = project.node(e.to);
            return QStringLiteral("%1 → %2").arg(from ? from->name : e.from, to ? to->name : e.to);
        }
    return target;
}

QString activeFaultsText(const Project &project, const QList<CaseFault> &faults)
{
    QStringList parts;
    for (const CaseFault &f : faults)
        parts << QStringLiteral("%1: %2").arg(describeFaultTarget(project, f.target), faultSummary(f.fault));
    return parts.join(QStringLiteral("; "));
}

} // namespace flowbench
