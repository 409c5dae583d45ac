#include "document/storeconnection.h"

#include "store/projectstore.h"

#include <algorithm>

namespace flowbench {

StoreConnection::StoreConnection(ProjectStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_probe.setInterval(2000);
    connect(&m_probe, &QTimer::timeout, this, &StoreConnection::check);
    m_probe.start();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &StoreConnection::retry);
}

QString StoreConnection::problem() const
{
    return m_store->connectionProblem();
}

QString StoreConnection::server() const
{
    const ProjectLocation where = m_store->location();
    return QStringLiteral("%1:%2").arg(where.host()).arg(where.port());
}

void StoreConnection::setProbeInterval(int ms)
{
    m_probe.setInterval(ms);
}

void StoreConnection::setRetryDelays(int firstMs, int maxMs)
{
    m_firstDelay = firstMs;
    m_maxDelay = std::max(firstMs, maxMs);
}

void StoreConnection::check()
{
    if (m_lost)
        return; // the retry timer is on it
    // A failed edit may have found the server gone already (the store marked it).
    if (m_store->isConnectionLost() || !m_store->checkConnection())
        goLost();
}

void StoreConnection::retryNow()
{
    if (!m_lost)
        return;
    m_retry.stop();
    retry();
}

void StoreConnection::goLost()
{
    m_lost = true;
    m_lostSince = QDateTime::currentDateTime();
    m_attempts = 0;
    m_probe.stop();
    m_retry.start(m_firstDelay);
    emit lost();
}

void StoreConnection::retry()
{
    ++m_attempts;
    if (!m_store->reconnect()) {
        // 1 s, 2 s, 4 s, 8 s, then every 10 s: soon back after a restart, and no storm
        // against a server that is down for longer.
        const qint64 delay = qint64(m_firstDelay) << std::min(m_attempts, 16);
        m_retry.start(int(std::min<qint64>(delay, m_maxDelay)));
        return;
    }
    m_lost = false;
    m_probe.start();
    emit restored();
}

} // namespace flowbench
