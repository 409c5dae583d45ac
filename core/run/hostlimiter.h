#pragma once

#include <QHash>
#include <QString>

namespace flowbench {

// Counts executions in flight per host ("127.0.0.1:8080") so that no host gets more
// than the limit at once. An empty host (not networked) is never limited.
class HostLimiter
{
public:
    explicit HostLimiter(int perHost = 6) : m_perHost(qMax(1, perHost)) {}
    bool tryAcquire(const QString &host);
    void release(const QString &host);
    int inFlight(const QString &host) const { return m_inFlight.value(host); }
    int limit() const { return m_perHost; }

private:
    int m_perHost;
    QHash<QString, int> m_inFlight;
};

} // namespace flowbench
