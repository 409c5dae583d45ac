#pragma once

#include "faults/fault.h"
#include "faults/httprequestreader.h"

#include <QHash>
#include <QObject>
#include <deque>
#include <optional>

class QTcpSocket;
class QTimer;

namespace flowbench {

class FaultProxy;

// One proxied connection: the client's socket and the one to the upstream, with a lane
// per direction that carries the bytes and applies that direction's faults.
class ConnectionPair : public QObject
{
    Q_OBJECT
public:
    // Takes the accepted client socket. `proxy` outlives the pair (it owns it).
    ConnectionPair(QTcpSocket *client, FaultProxy *proxy);
    ~ConnectionPair() override; // closes both sockets at once

    void start(const QString &upstreamHost, quint16 upstreamPort);
    // The proxy's current faults; the pair keeps, per fault name, whether this
    // connection is affected (toxicity is drawn once per connection and fault).
    void applyFaults(const QList<Fault> &faults);

signals:
    void closed(); // both sockets are closed; the proxy deletes the pair

private:
    struct Chunk
    {
        QByteArray data;
        qint64 offset = 0;
        qint64 due = 0; // steady-clock ms when it may go (latency)
    };
    // What one direction does with its bytes, combined from the faults on it.
    struct LaneFaults
    {
        qint64 latencyMs = 0;
        qint64 jitterMs = 0;
        qint64 rateBytesPerSecond = 0; // 0: unlimited
        std::optional<qint64> limitBytes;
        qint64 slowCloseMs = 0;
        bool hold = false; // a timeout fault is on: nothing passes
    };
    struct Lane
    {
        FaultDirection direction;
        QTcpSocket *source = nullptr;
        QTcpSocket *sink = nullptr;
        std::deque<Chunk> queue;
        qint64 queuedBytes = 0;
        qint64 forwarded = 0;
        qint64 lastDue = 0;
        double tokens = 0; // bandwidth: bytes that may go now
        qint64 tokensAt = 0;
        bool sourceEnded = false;
        bool ending = false; // the sink is being closed (maybe after slow_close)
        LaneFaults faults;
        QTimer *timer = nullptr;
    };

    void pump(Lane &lane);
    void pull(Lane &lane);
    bool forward(Lane &lane); // false when it stopped the pair
    void enqueue(Lane &lane, QByteArray data);
    void inspectHttp(const QByteArray &bytes);
    void endLane(Lane &lane);
    void onSourceEnded(Lane &lane);
    void onUpstreamError();
    void wake(Lane &lane, qint64 afterMs);
    // How faults end a connection: a FIN after flushing (limit_data, timeout), or an RST.
    void closeByFault(bool reset);
    void maybeFinish();
    void armFaultTimer(const Fault &fault);

    FaultProxy *m_proxy;
    QTcpSocket *m_client;
    QTcpSocket *m_upstream;
    Lane m_up; // client -> upstream
    Lane m_down; // upstream -> client
    QHash<QString, bool> m_affected; // fault name -> this connection drew it
    QHash<QString, QTimer *> m_faultTimers; // timeout and reset_peer, by fault name
    QHash<QString, Fault> m_timedFaults; // the fault each timer was armed for
    HttpRequestReader m_http;
    bool m_inspecting = false; // requests are parsed, so HTTP faults can answer them
    bool m_upstreamEverConnected = false;
    bool m_finished = false;
};

} // namespace flowbench
