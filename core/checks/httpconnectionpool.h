#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QTcpSocket;

namespace flowbench {

// Keep-alive for http checks: open connections whose last response was read completely,
// per "scheme://host:port", for the next check to the same server on the same thread.
// One pool per network thread, a child of that thread's QNetworkAccessManager (the object
// the runner gives each thread's checks), so it is created, used and deleted there.
// Connections idle longer than kIdleMs are closed: servers drop idle keep-alive
// connections after a few seconds, and a request on a dropped one would fail.
class HttpConnectionPool : public QObject
{
public:
    static constexpr int kIdleMs = 3000;
    static constexpr int kMaxIdlePerServer = 16;

    // The pool of `anchor`'s thread, created on first use as its child.
    static HttpConnectionPool *of(QObject *anchor);

    // An open idle connection to `server`, now owned by `owner`; nullptr if none.
    QTcpSocket *take(const QString &server, QObject *owner);
    // Hands back a connection that may carry another request.
    void put(const QString &server, QTcpSocket *socket);
    // Idle connections to `server` ("http://127.0.0.1:8080"), or to all servers.
    int idleCount(const QString &server = QString()) const;

private:
    explicit HttpConnectionPool(QObject *parent);
    void sweep();

    struct Idle
    {
        QPointer<QTcpSocket> socket;
        QElapsedTimer since;
    };
    QHash<QString, QList<Idle>> m_idle;
    QTimer m_sweep;
};

} // namespace flowbench
