#pragma once

#include "faults/fault.h"
#include "result.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>

class QTcpServer;

namespace flowbench {

class ConnectionPair;

// What a proxy has carried since it started listening.
struct ProxyStats
{
    qint64 connectionsAccepted = 0;
    qint64 connectionsOpen = 0;
    qint64 connectionsClosedByFault = 0; // down, timeout, reset_peer, limit_data
    qint64 bytesUpstream = 0; // client -> upstream, written to the upstream
    qint64 bytesDownstream = 0; // upstream -> client, written to the client
    qint64 httpRequestsAnswered = 0; // answered by an HTTP fault instead of the upstream

    QJsonObject toJson() const;
};

// A TCP proxy from a listen address (127.0.0.1 by default) to an upstream host:port that
// applies faults to what it carries (see fault.h). The fault set may change at any time;
// open connections pick the change up at once. Lives on one thread (its owner's).
//
// Owning the proxy owns its effect: the destructor closes the listener and every
// connection, so the port is free again and nothing keeps failing once it is gone.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;

    // Listens on address:port (port 0 picks a free one; see port()) and forwards each
    // connection to upstreamHost:upstreamPort. Fails with a message naming the address.
    Status listen(const QString &upstreamHost, quint16 upstreamPort, quint16 port = 0,
        const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
    // Stops listening and closes every connection (the destructor does this too).
    void close();

    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    QString upstreamHost() const { return m_upstreamHost; }
    quint16 upstreamPort() const { return m_upstreamPort; }
    bool isListening() const;

    QList<Fault> faults() const { return m_faults; }
    // Adds a fault, or replaces the one with the same name. Fails only when removing
    // "down" cannot listen on the port again (someone else took it meanwhile).
    Status addFault(const Fault &fault);
    Status setFaults(const QList<Fault> &faults); // names must be unique
    // false when no fault has that name.
    bool removeFault(const QString &name);
    // Requests an HTTP fault has answered so far (its count of K is used up at K).
    int httpAnswered(const QString &faultName) const { return m_httpAnswered.value(faultName); }

    ProxyStats stats() const { return m_stats; }

signals:
    void faultsChanged();
    // Something went wrong while running (e.g. the port was taken while "down"); also
    // returned by the call that caused it.
    void problem(const QString &message);

private:
    friend class ConnectionPair;
    void onNewConnection();
    Status applyFaults(); // down on/off, then every connection
    void onPairClosed(ConnectionPair *pair);
    // For a connection that inspects HTTP: the fault that answers the next request, if
    // any has requests left (it counts the request as answered).
    const Fault *takeHttpFault();
    bool httpFaultsPending() const;
    bool isDown() const;

    QTcpServer *m_server;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    bool m_open = false; // listen() succeeded and close() was not called
    QList<Fault> m_faults;
    QHash<QString, int> m_httpAnswered;
    QList<ConnectionPair *> m_pairs;
    ProxyStats m_stats;
};

} // namespace flowbench
