#include "faults/faultproxy.h"

#include "faults/connectionpair.h"

#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>

namespace flowbench {

QJsonObject ProxyStats::toJson() const
{
    return QJsonObject { { QStringLiteral("connectionsAccepted"), connectionsAccepted },
        { QStringLiteral("connectionsOpen"), connectionsOpen },
        { QStringLiteral("connectionsClosedByFault"), connectionsClosedByFault },
        { QStringLiteral("bytesUpstream"), bytesUpstream },
        { QStringLiteral("bytesDownstream"), bytesDownstream },
        { QStringLiteral("httpRequestsAnswered"), httpRequestsAnswered } };
}

FaultProxy::FaultProxy(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    close();
}

Status FaultProxy::listen(
    const QString &upstreamHost, quint16 upstreamPort, quint16 port, const QHostAddress &address)
{
    close();
    if (upstreamHost.isEmpty() || upstreamPort == 0)
        return Status::failure(
            QStringLiteral("fault proxy: the upstream needs a host and a port (got \"%1:%2\")")
                .arg(upstreamHost)
                .arg(upstreamPort));
    m_upstreamHost = upstreamHost;
    m_upstreamPort = upstreamPort;
    m_address = address;
    if (!m_server->listen(address, port))
        return Status::failure(QStringLiteral("fault proxy: cannot listen on %1:%2: %3")
                                   .arg(address.toString())
                                   .arg(port)
                                   .arg(m_server->errorString()));
    m_port = m_server->serverPort(); // the one asked for, or the one picked for port 0
    m_open = true;
    if (isDown()) // "down" from the start: the port is known, but nothing listens on it
        m_server->close();
    return success();
}

void FaultProxy::close()
{
    m_open = false;
    m_server->close();
    const QList<ConnectionPair *> pairs = std::exchange(m_pairs, {});
    for (ConnectionPair *pair : pairs) {
        pair->disconnect(this);
        delete pair; // closes both sockets now, not on a later event-loop turn
    }
    m_stats.connectionsOpen = 0;
}

bool FaultProxy::isListening() const
{
    return m_server->isListening();
}

Status FaultProxy::addFault(const Fault &fault)
{
    QList<Fault> faults = m_faults;
    bool replaced = false;
    for (Fault &f : faults)
        if (f.name == fault.name) {
            f = fault;
            replaced = true;
        }
    if (!replaced)
        faults.append(fault);
    return setFaults(faults);
}

Status FaultProxy::setFaults(const QList<Fault> &faults)
{
    QSet<QString> names;
    for (const Fault &f : faults) {
        if (names.contains(f.name))
            return Status::failure(QStringLiteral("fault proxy: two faults are named \"%1\"").arg(f.name));
        names.insert(f.name);
    }
    // A changed HTTP fault starts counting its K requests again.
    for (const Fault &old : std::as_const(m_faults)) {
        const auto same = std::find(faults.begin(), faults.end(), old);
        if (same == faults.end())
            m_httpAnswered.remove(old.name);
    }
    m_faults = faults;
    const Status applied = applyFaults();
    if (!applied)
        emit problem(applied.error());
    emit faultsChanged();
    return applied;
}

bool FaultProxy::removeFault(const QString &name)
{
    QList<Fault> faults = m_faults;
    const auto removed = faults.removeIf([&](const Fault &f) { return f.name == name; });
    if (removed == 0)
        return false;
    setFaults(faults); // a failure to listen again is reported through problem()
    return true;
}

bool FaultProxy::isDown() const
{
    return std::any_of(
        m_faults.begin(), m_faults.end(), [](const Fault &f) { return f.kind == FaultKind::Down; });
}

Status FaultProxy::applyFaults()
{
    if (isDown()) {
        // Toxiproxy's disabled proxy: nothing listens (a connect is refused) and the
        // open connections are closed.
        m_server->close();
        const QList<ConnectionPair *> pairs = std::exchange(m_pairs, {});
        m_stats.connectionsClosedByFault += pairs.size();
        for (ConnectionPair *pair : pairs) {
            pair->disconnect(this);
            delete pair;
        }
        m_stats.connectionsOpen = 0;
        return success();
    }
    if (m_open && !m_server->isListening() && !m_server->listen(m_address, m_port))
        return Status::failure(QStringLiteral("fault proxy: cannot listen on %1:%2 again after \"down\": %3")
                                   .arg(m_address.toString())
                                   .arg(m_port)
                                   .arg(m_server->errorString()));
    for (ConnectionPair *pair : std::as_const(m_pairs))
        pair->applyFaults(m_faults);
    return success();
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        ++m_stats.connectionsAccepted;
        ++m_stats.connectionsOpen;
        auto *pair = new ConnectionPair(client, this);
        m_pairs.append(pair);
        connect(pair, &ConnectionPair::closed, this, [this, pair] { onPairClosed(pair); });
        pair->start(m_upstreamHost, m_upstreamPort); // first: data may only wait for a connecting upstream
        pair->applyFaults(m_faults);
    }
}

void FaultProxy::onPairClosed(ConnectionPair *pair)
{
    if (!m_pairs.removeOne(pair))
        return;
    --m_stats.connectionsOpen;
    pair->deleteLater();
}

const Fault *FaultProxy::takeHttpFault()
{
    for (const Fault &f : std::as_const(m_faults)) {
        if (!f.isHttp())
            continue;
        int &answered = m_httpAnswered[f.name];
        if (f.count == 0 || answered < f.count) {
            ++answered;
            ++m_stats.httpRequestsAnswered;
            return &f;
        }
    }
    return nullptr;
}

bool FaultProxy::httpFaultsPending() const
{
    return std::any_of(m_faults.begin(), m_faults.end(), [this](const Fault &f) {
        return f.isHttp() && (f.count == 0 || m_httpAnswered.value(f.name) < f.count);
    });
}

} // namespace flowbench
