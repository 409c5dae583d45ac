#include "checks/httpconnectionpool.h"

#include <QTcpSocket>

namespace flowbench {

HttpConnectionPool::HttpConnectionPool(QObject *parent)
    : QObject(parent)
{
    setObjectName(QStringLiteral("flowbench-http-connection-pool"));
    m_sweep.setParent(this);
    m_sweep.setInterval(kIdleMs);
    connect(&m_sweep, &QTimer::timeout, this, &HttpConnectionPool::sweep);
}

HttpConnectionPool *HttpConnectionPool::of(QObject *anchor)
{
    if (!anchor)
        return nullptr;
    for (QObject *child : anchor->children())
        if (auto *pool = dynamic_cast<HttpConnectionPool *>(child))
            return pool;
    return new HttpConnectionPool(anchor);
}

QTcpSocket *HttpConnectionPool::take(const QString &server, QObject *owner)
{
    auto it = m_idle.find(server);
    if (it == m_idle.end())
        return nullptr;
    QTcpSocket *found = nullptr;
    while (!it->isEmpty() && !found) {
        Idle idle = it->takeLast(); // the most recently used is the least likely to be dropped
        QTcpSocket *socket = idle.socket;
        if (!socket)
            continue;
        // Closed by the server, stale, or sent bytes nobody asked for: not reusable.
        if (socket->state() != QAbstractSocket::ConnectedState || idle.since.elapsed() >= kIdleMs
            || socket->bytesAvailable() > 0) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        found = socket;
    }
    if (it->isEmpty())
        m_idle.erase(it);
    if (found) {
        disconnect(found, nullptr, this, nullptr);
        found->setParent(owner);
    }
    return found;
}

void HttpConnectionPool::put(const QString &server, QTcpSocket *socket)
{
    QList<Idle> &list = m_idle[server];
    if (list.size() >= kMaxIdlePerServer) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->setParent(this);
    // An idle connection the server closes (or writes to) is dropped at once.
    auto drop = [socket] {
        socket->abort();
        socket->deleteLater();
    };
    connect(socket, &QTcpSocket::disconnected, this, drop);
    connect(socket, &QTcpSocket::readyRead, this, drop);
    Idle idle;
    idle.socket = socket;
    idle.since.start();
    list.append(idle);
    if (!m_sweep.isActive())
        m_sweep.start();
}

int HttpConnectionPool::idleCount(const QString &server) const
{
    int n = 0;
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it)
        if (server.isEmpty() || it.key() == server)
            for (const Idle &idle : it.value())
                n += idle.socket ? 1 : 0;
    return n;
}

void HttpConnectionPool::sweep()
{
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        QList<Idle> &list = it.value();
        for (int i = list.size() - 1; i >= 0; --i) {
            if (list[i].socket && list[i].since.elapsed() < kIdleMs)
                continue;
            if (QTcpSocket *socket = list[i].socket) {
                socket->abort();
                socket->deleteLater();
            }
            list.removeAt(i);
        }
        it = list.isEmpty() ? m_idle.erase(it) : std::next(it);
    }
    if (m_idle.isEmpty())
        m_sweep.stop();
}

} // namespace flowbench
