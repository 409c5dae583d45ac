#include "faults/connectionpair.h"

#include "faults/faultproxy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <cmath>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace flowbench {

namespace {

// Bytes a lane holds before it stops reading its source; the kernel's buffers and TCP's
// window then slow the sender down (backpressure) instead of the proxy growing.
constexpr qint64 kMaxQueued = 1024 * 1024;
// Bytes a sink may have waiting in Qt's write buffer before the lane waits for it.
constexpr qint64 kSinkHighWater = 1024 * 1024;
constexpr qint64 kReadBuffer = 1024 * 1024;

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Closing a socket whose linger time is 0 sends an RST: the peer reads ECONNRESET
// ("connection reset by peer"), which is what reset_peer simulates.
void resetOnClose(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    const qintptr fd = socket->socketDescriptor();
    if (fd < 0)
        return;
    const linger noLinger { 1, 0 };
    ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
#else
    Q_UNUSED(socket);
#endif
}

void prepare(QTcpSocket *socket)
{
    socket->setReadBufferSize(kReadBuffer);
    // The proxy must not add Nagle's delay to small writes the client already sent.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

} // namespace

ConnectionPair::ConnectionPair(QTcpSocket *client, FaultProxy *proxy)
    : QObject(proxy)
    , m_proxy(proxy)
    , m_client(client)
    , m_upstream(new QTcpSocket(this))
{
    client->setParent(this);
    prepare(client);
    m_up.direction = FaultDirection::Upstream;
    m_up.source = client;
    m_up.sink = m_upstream;
    m_down.direction = FaultDirection::Downstream;
    m_down.source = m_upstream;
    m_down.sink = client;
    for (Lane *lane : { &m_up, &m_down }) {
        lane->timer = new QTimer(this);
        lane->timer->setSingleShot(true);
        lane->timer->setTimerType(Qt::PreciseTimer);
        connect(lane->timer, &QTimer::timeout, this, [this, lane] { pump(*lane); });
    }
    connect(m_client, &QTcpSocket::readyRead, this, [this] { pump(m_up); });
    connect(m_upstream, &QTcpSocket::readyRead, this, [this] { pump(m_down); });
    connect(m_client, &QTcpSocket::bytesWritten, this, [this] { pump(m_down); });
    connect(m_upstream, &QTcpSocket::bytesWritten, this, [this] { pump(m_up); });
    connect(m_client, &QTcpSocket::disconnected, this, [this] { onSourceEnded(m_up); });
    connect(m_upstream, &QTcpSocket::disconnected, this, [this] { onSourceEnded(m_down); });
    connect(m_upstream, &QTcpSocket::connected, this, [this] {
        m_upstreamEverConnected = true;
        prepare(m_upstream);
        pump(m_up);
    });
    connect(m_upstream, &QTcpSocket::errorOccurred, this, [this] { onUpstreamError(); });
}

ConnectionPair::~ConnectionPair()
{
    m_client->disconnect(this);
    m_upstream->disconnect(this);
    m_client->abort();
    m_upstream->abort();
}

void ConnectionPair::start(const QString &upstreamHost, quint16 upstreamPort)
{
    prepare(m_upstream);
    m_upstream->connectToHost(upstreamHost, upstreamPort);
}

void ConnectionPair::applyFaults(const QList<Fault> &faults)
{
    QHash<QString, bool> affected;
    for (const Fault &f : faults) {
        const auto known = m_affected.constFind(f.name);
        affected.insert(f.name,
            known != m_affected.cend()
                ? *known
                : f.toxicity >= 1.0 || QRandomGenerator::global()->generateDouble() < f.toxicity);
    }
    m_affected = affected;

    LaneFaults up, down;
    QHash<QString, Fault> timed;
    for (const Fault &f : faults) {
        if (!m_affected.value(f.name))
            continue;
        LaneFaults &lane = f.direction == FaultDirection::Upstream ? up : down;
        switch (f.kind) {
        case FaultKind::Latency: // several latencies add up, as in Toxiproxy
            lane.latencyMs += f.latencyMs;
            lane.jitterMs += f.jitterMs;
            break;
        case FaultKind::Bandwidth: {
            const qint64 rate = f.rateKBps * 1000;
            lane.rateBytesPerSecond = lane.rateBytesPerSecond ? qMin(lane.rateBytesPerSecond, rate) : rate;
            break;
        }
        case FaultKind::LimitData:
            lane.limitBytes = lane.limitBytes ? qMin(*lane.limitBytes, f.bytes) : f.bytes;
            break;
        case FaultKind::SlowClose:
            lane.slowCloseMs = qMax(lane.slowCloseMs, f.delayMs);
            break;
        case FaultKind::Timeout:
            lane.hold = true;
            if (f.timeoutMs > 0)
                timed.insert(f.name, f);
            break;
        case FaultKind::ResetPeer:
            timed.insert(f.name, f);
            break;
        case FaultKind::Down: // the proxy handles these
        case FaultKind::HttpStatus:
        case FaultKind::HttpEmptyBody:
            break;
        }
    }
    // A timer runs from when its fault first applied to this connection; a changed or
    // removed fault stops it.
    for (auto it = m_faultTimers.begin(); it != m_faultTimers.end();) {
        const auto now = timed.constFind(it.key());
        if (now == timed.cend() || *now != m_timedFaults.value(it.key())) {
            delete it.value();
            m_timedFaults.remove(it.key());
            it = m_faultTimers.erase(it);
        } else {
            ++it;
        }
    }
    for (const Fault &f : std::as_const(timed))
        if (!m_faultTimers.contains(f.name))
            armFaultTimer(f);

    const qint64 now = nowMs();
    for (auto [lane, faults] : { std::make_pair(&m_up, up), std::make_pair(&m_down, down) }) {
        if (faults.rateBytesPerSecond && !lane->faults.rateBytesPerSecond) {
            lane->tokens = 0;
            lane->tokensAt = now;
        }
        lane->faults = faults;
    }
    m_inspecting = m_proxy->httpFaultsPending();
    pump(m_up);
    pump(m_down);
}

void ConnectionPair::armFaultTimer(const Fault &fault)
{
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    const bool reset = fault.kind == FaultKind::ResetPeer;
    connect(timer, &QTimer::timeout, this, [this, reset] { closeByFault(reset); });
    m_faultTimers.insert(fault.name, timer);
    m_timedFaults.insert(fault.name, fault);
    timer->start(int(qMin<qint64>(fault.timeoutMs, std::numeric_limits<int>::max())));
}

void ConnectionPair::pump(Lane &lane)
{
    if (m_finished)
        return;
    // A few rounds of read-then-write; what is left waits for the next readyRead or
    // bytesWritten, so one busy connection cannot starve the others.
    for (int round = 0; round < 8; ++round) {
        pull(lane);
        if (!forward(lane))
            return;
        if (lane.source->bytesAvailable() == 0 || lane.queuedBytes >= kMaxQueued)
            break;
    }
    if (lane.sourceEnded && !lane.ending && lane.queue.empty() && lane.source->bytesAvailable() == 0) {
        endLane(lane);
        return;
    }
    // Work left and nothing that will call again: the sink has nothing pending (so no
    // bytesWritten will come; Qt also drops the one a flush inside a bytesWritten handler
    // would emit), no timer is armed and the source may not notify again (its buffer was
    // full, so Qt stopped reading the socket). Come back on the next event-loop turn.
    if ((lane.source->bytesAvailable() > 0 || !lane.queue.empty()) && !lane.faults.hold && !lane.ending
        && lane.sink->state() == QAbstractSocket::ConnectedState && lane.sink->bytesToWrite() == 0
        && !lane.timer->isActive())
        wake(lane, 0);
}

void ConnectionPair::pull(Lane &lane)
{
    while (lane.queuedBytes < kMaxQueued) {
        const qint64 available = lane.source->bytesAvailable();
        if (available <= 0)
            break;
        QByteArray data = lane.source->read(qMin(available, kMaxQueued - lane.queuedBytes));
        if (data.isEmpty())
            break;
        if (&lane == &m_up && (m_inspecting || !m_http.idle()))
            inspectHttp(data);
        else
            enqueue(lane, std::move(data));
    }
}

void ConnectionPair::enqueue(Lane &lane, QByteArray data)
{
    if (data.isEmpty())
        return;
    Chunk chunk;
    chunk.data = std::move(data);
    const LaneFaults &f = lane.faults;
    if (f.latencyMs > 0 || f.jitterMs > 0) {
        const qint64 jitter
            = f.jitterMs > 0 ? QRandomGenerator::global()->bounded(2 * f.jitterMs + 1) - f.jitterMs : 0;
        // Data keeps its order: a chunk never overtakes the one before it.
        chunk.due = qMax(nowMs() + qMax<qint64>(0, f.latencyMs + jitter), lane.lastDue);
        lane.lastDue = chunk.due;
    }
    lane.queuedBytes += chunk.data.size();
    lane.queue.push_back(std::move(chunk));
}

bool ConnectionPair::forward(Lane &lane)
{
    if (lane.faults.hold || lane.ending)
        return true;
    QTcpSocket *sink = lane.sink;
    if (sink->state() != QAbstractSocket::ConnectedState) {
        if (sink->state() == QAbstractSocket::UnconnectedState) { // gone: nobody to deliver to
            lane.queue.clear();
            lane.queuedBytes = 0;
        }
        return true;
    }
    const qint64 now = nowMs();
    const qint64 rate = lane.faults.rateBytesPerSecond;
    bool wrote = false;
    while (!lane.queue.empty() && sink->bytesToWrite() < kSinkHighWater) {
        Chunk &chunk = lane.queue.front();
        if (chunk.due > now) {
            wake(lane, chunk.due - now);
            break;
        }
        qint64 n = chunk.data.size() - chunk.offset;
        if (lane.faults.limitBytes)
            n = qMin(n, *lane.faults.limitBytes - lane.forwarded);
        if (rate > 0) {
            // Token bucket: at most `rate` bytes a second, in bursts of at most 100 ms.
            const double burst = qMax<double>(rate / 10.0, 1.0);
            lane.tokens = qMin(burst, lane.tokens + double(now - lane.tokensAt) * rate / 1000.0);
            lane.tokensAt = now;
            const qint64 want = qMin<qint64>(n, qMax<qint64>(rate / 100, 1)); // ~10 ms of data
            if (lane.tokens < want) {
                wake(lane, qMax<qint64>(1, qint64(std::ceil((want - lane.tokens) * 1000.0 / rate))));
                break;
            }
            n = qMin(n, qint64(lane.tokens));
            lane.tokens -= n;
        }
        if (n > 0) {
            if (chunk.offset == 0 && n == chunk.data.size())
                sink->write(chunk.data);
            else
                sink->write(chunk.data.constData() + chunk.offset, n);
            wrote = true;
            lane.forwarded += n;
            (lane.direction == FaultDirection::Upstream ? m_proxy->m_stats.bytesUpstream
                                                        : m_proxy->m_stats.bytesDownstream)
                += n;
            chunk.offset += n;
            lane.queuedBytes -= n;
            if (chunk.offset == chunk.data.size())
                lane.queue.pop_front();
        }
        if (lane.faults.limitBytes && lane.forwarded >= *lane.faults.limitBytes) {
            sink->flush();
            closeByFault(false);
            return false;
        }
    }
    if (wrote)
        sink->flush(); // now, not on the next event-loop turn: this is the latency we add
    return true;
}

void ConnectionPair::wake(Lane &lane, qint64 afterMs)
{
    const int ms = int(qMin<qint64>(afterMs, std::numeric_limits<int>::max()));
    if (!lane.timer->isActive() || lane.timer->remainingTime() > ms)
        lane.timer->start(ms);
}

void ConnectionPair::inspectHttp(const QByteArray &bytes)
{
    if (!m_http.feed(bytes)) {
        // Not HTTP after all: pass it on untouched and stop looking.
        enqueue(m_up, m_http.takeBuffered());
        m_http = HttpRequestReader();
        m_inspecting = false;
        return;
    }
    while (m_http.hasRequest()) {
        HttpRequest request = m_http.take();
        const Fault *fault = m_proxy->takeHttpFault();
        if (!fault) {
            enqueue(m_up, std::move(request.raw));
            continue;
        }
        const bool close = !request.keepAlive();
        const QByteArray body = fault->kind == FaultKind::HttpStatus ? QJsonDocument(
                                    QJsonObject { { QStringLiteral("fault"), fault->name },
                                        { QStringLiteral("status"),
                                            fault->status } }).toJson(QJsonDocument::Compact)
                                                                     : QByteArray();
        enqueue(m_down,
            httpResponse(fault->status, body.isEmpty() ? QByteArray() : QByteArrayLiteral("application/json"),
                request.method == "HEAD" ? QByteArray() : body,
                { { QByteArrayLiteral("X-Flowbench-Fault"), fault->name.toUtf8() } }, close));
        if (close)
            m_down.sourceEnded = true; // the client closes after this answer
    }
    m_inspecting = m_proxy->httpFaultsPending();
    pump(m_down);
}

void ConnectionPair::onSourceEnded(Lane &lane)
{
    lane.sourceEnded = true;
    pull(lane);
    if (&lane == &m_up && !m_http.idle()) {
        // The client left in the middle of a request: pass on what it sent, as a plain
        // proxy would.
        enqueue(m_up, m_http.takeBuffered());
        m_http = HttpRequestReader();
        m_inspecting = false;
    }
    pump(lane);
    maybeFinish();
}

void ConnectionPair::onUpstreamError()
{
    if (m_upstreamEverConnected)
        return; // a connected upstream ends through `disconnected`
    // It could not be reached: the client is closed, after any answers already queued
    // for it (the HTTP faults need no upstream).
    m_up.sourceEnded = true;
    m_up.ending = true;
    m_down.sourceEnded = true;
    pump(m_down);
    maybeFinish();
}

void ConnectionPair::endLane(Lane &lane)
{
    lane.ending = true;
    const auto close = [this, sink = lane.sink] {
        if (sink == m_upstream && !m_upstreamEverConnected)
            sink->abort();
        else
            sink->disconnectFromHost(); // after what Qt still buffers for it
        maybeFinish();
    };
    if (lane.faults.slowCloseMs > 0)
        QTimer::singleShot(
            int(qMin<qint64>(lane.faults.slowCloseMs, std::numeric_limits<int>::max())), this, close);
    else
        close();
}

void ConnectionPair::closeByFault(bool reset)
{
    if (m_finished || (m_up.ending && m_down.ending))
        return;
    ++m_proxy->m_stats.connectionsClosedByFault;
    for (Lane *lane : { &m_up, &m_down }) {
        lane->ending = true;
        lane->queue.clear();
        lane->queuedBytes = 0;
    }
    for (QTcpSocket *socket : { m_client, m_upstream }) {
        if (reset) {
            resetOnClose(socket);
            socket->abort();
        } else {
            socket->disconnectFromHost();
        }
    }
    maybeFinish();
}

void ConnectionPair::maybeFinish()
{
    if (m_finished || m_client->state() != QAbstractSocket::UnconnectedState
        || m_upstream->state() != QAbstractSocket::UnconnectedState)
        return;
    m_finished = true;
    m_up.timer->stop();
    m_down.timer->stop();
    qDeleteAll(m_faultTimers);
    m_faultTimers.clear();
    emit closed();
}

} // namespace flowbench
