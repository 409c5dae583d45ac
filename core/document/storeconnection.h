#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace flowbench {

class ProjectStore;

// Watches the connection of a shared project's store to its PostgreSQL server. While
// online it probes every few seconds (SELECT 1, bounded by the store's keepalives and
// tcp_user_timeout), since a dead socket shows only when used; an edit that found the
// server gone says so through noticeFailure(). Once lost it tries to reconnect with a
// bounded backoff (1 s, 2 s, 4 s … up to 10 s) and says restored() when a fresh
// connection listens again. It never replays or queues anything: the store refuses edits
// while the connection is lost. A project file has no connection to lose: never created.
class StoreConnection : public QObject
{
    Q_OBJECT
public:
    explicit StoreConnection(ProjectStore *store, QObject *parent = nullptr);

    bool isLost() const { return m_lost; }
    QDateTime lostSince() const { return m_lostSince; }
    QString problem() const;
    QString server() const; // host:port, for messages
    int attempts() const { return m_attempts; } // reconnect attempts since it was lost

    void setProbeInterval(int ms); // default 2000
    void setRetryDelays(int firstMs, int maxMs); // default 1000 and 10000
    // Looks now: the probe timer calls this, and the document after a failed edit.
    void check();
    // While lost: tries to reconnect now instead of at the next backoff step.
    void retryNow();

signals:
    void lost();
    void restored();

private:
    void goLost();
    void retry();

    ProjectStore *m_store;
    QTimer m_probe;
    QTimer m_retry;
    bool m_lost = false;
    QDateTime m_lostSince;
    int m_firstDelay = 1000;
    int m_maxDelay = 10000;
    int m_attempts = 0;
};

} // namespace flowbench
