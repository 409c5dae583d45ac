// FaultProxy between a real client and a real server on 127.0.0.1: every fault kind,
// with its timing bounded both ways, its bytes counted, and the port freed when the
// proxy goes away. The proxy and the servers run on their own thread; the test's client
// is a plain blocking socket, so it sees the exact errno (ECONNREFUSED, ECONNRESET).
#include "faults/faultproxy.h"
#include "support/echoserver.h"
#include "support/eventthread.h"
#include "support/httptestserver.h"
#include "support/rawclient.h"

#include <QJsonDocument>
#include <QtTest>

#include <cerrno>
#include <thread>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// Slack for a loaded machine (the suite runs beside builds): a fault may take this much
// longer than it says, never less.
constexpr qint64 kMargin = 500;
constexpr int kWait = 5000; // bound of every wait that expects an answer

} // namespace

class TestFaultProxy : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void passesDataThroughAndCountsIt();
    void carriesLargeTransfersOnSeveralConnections();
    void latencyDelaysEachDirection_data();
    void latencyDelaysEachDirection();
    void latencyWithJitterStaysInItsRange();
    void downRefusesAndClosesThenRecovers();
    void resetPeerResetsTheClient_data();
    void resetPeerResetsTheClient();
    void timeoutHoldsThenCloses();
    void timeoutZeroHoldsUntilRemoved();
    void bandwidthLimitsTheRate_data();
    void bandwidthLimitsTheRate();
    void slowCloseDelaysTheClose();
    void slowCloseUpstreamDelaysTheServersClose();
    void limitDataClosesAfterBytes_data();
    void limitDataClosesAfterBytes();
    void faultsChangeOnOpenConnections();
    void toxicityZeroLeavesConnectionsAlone();
    void httpStatusAnswersFirstRequestsThenPassesThrough();
    void httpEmptyBodyThenRealBody();
    void httpFaultHonoursCloseAndChunkedBodies();
    void httpFaultAddedToAnOpenConnection();
    void httpFaultLetsOtherProtocolsThrough();
    void downFromTheStartKeepsThePort();
    void portIsFreedWhenTheProxyGoesAway();

private:
    HttpTestServer *startHttpUpstream(); // moves the proxy to it, same port
    Status addFault(const QString &text);
    void removeFault(const QString &name);
    ProxyStats stats();
    // Round trip of `payload` through the proxy, in ms; -1 if it did not come back.
    qint64 roundTrip(RawClient &client, const QByteArray &payload);

    std::unique_ptr<EventThread> m_thread;
    EchoServer *m_echo = nullptr;
    FaultProxy *m_proxy = nullptr;
    quint16 m_port = 0;
};

void TestFaultProxy::init()
{
    m_thread = std::make_unique<EventThread>();
    bool started = false;
    Status listening;
    m_thread->run([&] {
        m_echo = new EchoServer;
        started = m_echo->start();
        m_proxy = new FaultProxy;
        listening = m_proxy->listen(QStringLiteral("127.0.0.1"), m_echo->port());
        m_port = m_proxy->port();
    });
    QVERIFY(started);
    QVERIFY2(listening.ok(), qPrintable(listening.error()));
}

void TestFaultProxy::cleanup()
{
    m_thread->run([&] {
        delete m_proxy;
        delete m_echo;
    });
    m_proxy = nullptr;
    m_echo = nullptr;
    m_thread.reset();
}

HttpTestServer *TestFaultProxy::startHttpUpstream()
{
    HttpTestServer *http = nullptr;
    m_thread->run([&] {
        http = new HttpTestServer;
        if (http->start())
            m_proxy->listen(QStringLiteral("127.0.0.1"), http->port(), m_port);
    });
    return http;
}

Status TestFaultProxy::addFault(const QString &text)
{
    const Result<Fault> fault = parseFault(text);
    if (!fault)
        return Status::failure(fault.error());
    Status added;
    m_thread->run([&] { added = m_proxy->addFault(fault.value()); });
    return added;
}

void TestFaultProxy::removeFault(const QString &name)
{
    bool removed = false;
    m_thread->run([&] { removed = m_proxy->removeFault(name); });
    QVERIFY2(removed, qPrintable(name));
}

ProxyStats TestFaultProxy::stats()
{
    ProxyStats s;
    m_thread->run([&] { s = m_proxy->stats(); });
    return s;
}

qint64 TestFaultProxy::roundTrip(RawClient &client, const QByteArray &payload)
{
    const qint64 start = steadyMs();
    if (!client.send(payload))
        return -1;
    const RawClient::Read r = client.read(payload.size(), kWait + 10000);
    return r.data == payload ? steadyMs() - start : -1;
}

void TestFaultProxy::passesDataThroughAndCountsIt()
{
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    const QByteArray payload(3 * 1024 * 1024 + 17, 'x');
    QVERIFY(client.send(payload, kWait));
    QCOMPARE(client.read(payload.size(), kWait).data.size(), payload.size());
    const ProxyStats s = stats();
    QCOMPARE(s.connectionsAccepted, 1);
    QCOMPARE(s.connectionsOpen, 1);
    QCOMPARE(s.bytesUpstream, payload.size());
    QCOMPARE(s.bytesDownstream, payload.size());
    QCOMPARE(m_echo->received.load(), payload.size());
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(stats().connectionsOpen, 0, kWait);
}

void TestFaultProxy::carriesLargeTransfersOnSeveralConnections()
{
    // Enough to fill every buffer on the way many times over: the proxy must keep
    // reading and writing through its backpressure without losing a wakeup.
    constexpr int kConnections = 3;
    constexpr qint64 kBytes = 24LL * 1024 * 1024;
    QByteArray payload(kBytes, Qt::Uninitialized);
    for (qint64 i = 0; i < kBytes; ++i)
        payload[i] = char('a' + (i * 7 + i / 4093) % 26);
    std::vector<std::unique_ptr<RawClient>> clients;
    std::vector<std::thread> senders;
    for (int c = 0; c < kConnections; ++c) {
        clients.push_back(std::make_unique<RawClient>());
        QCOMPARE(clients.back()->connectTo(m_port), 0);
        senders.emplace_back([client = clients.back().get(), &payload] { client->send(payload, 30000); });
    }
    QList<QByteArray> received;
    for (auto &client : clients)
        received << client->read(kBytes, 30000).data;
    for (std::thread &t : senders)
        t.join();
    for (const QByteArray &r : received) {
        QCOMPARE(r.size(), kBytes);
        QVERIFY(r == payload);
    }
    const ProxyStats s = stats();
    QCOMPARE(s.bytesUpstream, kConnections * kBytes);
    QCOMPARE(s.bytesDownstream, kConnections * kBytes);
}

void TestFaultProxy::latencyDelaysEachDirection_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("downstream") << "latency=300";
    QTest::newRow("upstream") << "latency=300,stream=upstream";
}

void TestFaultProxy::latencyDelaysEachDirection()
{
    QFETCH(QString, fault);
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    const qint64 before = roundTrip(client, "warm");
    QVERIFY(before >= 0 && before < 300);
    QVERIFY(addFault(fault));
    for (int i = 0; i < 3; ++i) {
        const qint64 ms = roundTrip(client, "ping " + QByteArray::number(i));
        QVERIFY2(ms >= 300 && ms < 300 + kMargin, qPrintable(QString::number(ms)));
    }
}

void TestFaultProxy::latencyWithJitterStaysInItsRange()
{
    QVERIFY(addFault(QStringLiteral("latency=300,jitter=100")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    for (int i = 0; i < 4; ++i) {
        const qint64 ms = roundTrip(client, "ping");
        QVERIFY2(ms >= 200 && ms < 400 + kMargin, qPrintable(QString::number(ms)));
    }
}

void TestFaultProxy::downRefusesAndClosesThenRecovers()
{
    RawClient open;
    QCOMPARE(open.connectTo(m_port), 0);
    QVERIFY(roundTrip(open, "hello") >= 0);

    QVERIFY(addFault(QStringLiteral("down")));
    const RawClient::Read r = open.readUntilClosed(kWait);
    QVERIFY2(r.closed && !r.timedOut, "the open connection is closed");
    RawClient refused;
    QCOMPARE(refused.connectTo(m_port), ECONNREFUSED);
    QCOMPARE(stats().connectionsClosedByFault, 1);

    removeFault(QStringLiteral("down"));
    RawClient again;
    QCOMPARE(again.connectTo(m_port), 0);
    QVERIFY(roundTrip(again, "back") >= 0);
}

void TestFaultProxy::resetPeerResetsTheClient_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("afterMs");
    QTest::newRow("at once") << "reset_peer" << 0;
    QTest::newRow("after 300 ms") << "reset_peer=300" << 300;
    QTest::newRow("upstream after 300 ms") << "reset_peer=300,stream=upstream" << 300;
}

void TestFaultProxy::resetPeerResetsTheClient()
{
    QFETCH(QString, fault);
    QFETCH(int, afterMs);
    QVERIFY(addFault(fault));
    const qint64 start = steadyMs();
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    client.send("hello"); // may already fail with the reset
    const RawClient::Read r = client.readUntilClosed(afterMs + kWait);
    const qint64 ms = steadyMs() - start;
    QVERIFY(!r.timedOut);
    QCOMPARE(client.firstError(), ECONNRESET);
    if (afterMs > 0) // until the reset, data flows
        QCOMPARE(r.data, QByteArray("hello"));
    QVERIFY2(ms >= afterMs && ms < afterMs + kMargin, qPrintable(QString::number(ms)));
}

void TestFaultProxy::timeoutHoldsThenCloses()
{
    QVERIFY(addFault(QStringLiteral("timeout=400")));
    const qint64 start = steadyMs();
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    QVERIFY(client.send("anyone there?"));
    const RawClient::Read r = client.readUntilClosed(kWait);
    const qint64 ms = steadyMs() - start;
    QVERIFY(r.closed && !r.timedOut);
    QVERIFY2(r.data.isEmpty(), r.data.constData());
    QVERIFY2(ms >= 400 && ms < 400 + kMargin, qPrintable(QString::number(ms)));
}

void TestFaultProxy::timeoutZeroHoldsUntilRemoved()
{
    QVERIFY(addFault(QStringLiteral("timeout=0,stream=upstream")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    QVERIFY(client.send("held"));
    const RawClient::Read held = client.read(4, 600);
    QVERIFY(held.timedOut && held.data.isEmpty() && !held.closed);
    QCOMPARE(m_echo->received.load(), 0);
    removeFault(QStringLiteral("timeout_upstream"));
    QCOMPARE(client.read(4, kWait).data, QByteArray("held"));
}

void TestFaultProxy::bandwidthLimitsTheRate_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("downstream") << "bandwidth=100";
    QTest::newRow("upstream") << "bandwidth=100,stream=upstream";
}

void TestFaultProxy::bandwidthLimitsTheRate()
{
    QFETCH(QString, fault);
    QVERIFY(addFault(fault));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    const QByteArray payload(60000, 'b'); // 0.6 s at 100 KB/s
    const qint64 ms = roundTrip(client, payload);
    QVERIFY(ms >= 0);
    const double kbPerSecond = payload.size() / double(ms);
    qInfo("60,000 bytes at 100 KB/s: %lld ms, %.1f KB/s", ms, kbPerSecond);
    QVERIFY2(ms >= 550 && ms < 600 + 1500, qPrintable(QString::number(ms)));
}

void TestFaultProxy::slowCloseDelaysTheClose()
{
    QVERIFY(addFault(QStringLiteral("slow_close=400")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    QVERIFY(client.send("BYE")); // the server echoes and closes
    const RawClient::Read echoed = client.read(3, kWait);
    QCOMPARE(echoed.data, QByteArray("BYE"));
    const qint64 serverClosed = steadyMs();
    const RawClient::Read r = client.readUntilClosed(kWait);
    const qint64 ms = steadyMs() - serverClosed;
    QVERIFY(r.closed && !r.timedOut);
    QVERIFY2(ms >= 350 && ms < 400 + kMargin, qPrintable(QString::number(ms)));
}

void TestFaultProxy::slowCloseUpstreamDelaysTheServersClose()
{
    QVERIFY(addFault(QStringLiteral("slow_close=400,stream=upstream")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    QVERIFY(roundTrip(client, "hi") >= 0);
    const qint64 closedAt = steadyMs();
    client.close();
    QTRY_VERIFY_WITH_TIMEOUT(m_echo->endedAt.load() != 0, kWait);
    const qint64 ms = m_echo->endedAt.load() - closedAt;
    QVERIFY2(ms >= 400 && ms < 400 + kMargin, qPrintable(QString::number(ms)));
}

void TestFaultProxy::limitDataClosesAfterBytes_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<qint64>("serverReceives");
    QTest::addColumn<bool>("clientReceivesAll"); // all 1000 bytes (upstream: the close may come first)
    QTest::newRow("downstream") << "limit_data=1000" << qint64(5000) << true;
    QTest::newRow("upstream") << "limit_data=1000,stream=upstream" << qint64(1000) << false;
}

void TestFaultProxy::limitDataClosesAfterBytes()
{
    QFETCH(QString, fault);
    QFETCH(qint64, serverReceives);
    QFETCH(bool, clientReceivesAll);
    QVERIFY(addFault(fault));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    QVERIFY(client.send(QByteArray(5000, 'l')));
    const RawClient::Read r = client.readUntilClosed(kWait);
    QVERIFY(r.closed && !r.timedOut);
    if (clientReceivesAll)
        QCOMPARE(r.data.size(), 1000);
    else
        QVERIFY(r.data.size() <= 1000);
    QTRY_COMPARE_WITH_TIMEOUT(m_echo->received.load(), serverReceives, kWait);
    QCOMPARE(stats().connectionsClosedByFault, 1);
}

void TestFaultProxy::faultsChangeOnOpenConnections()
{
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    QVERIFY(roundTrip(client, "a") < 300);
    QVERIFY(addFault(QStringLiteral("latency=300")));
    QVERIFY(roundTrip(client, "b") >= 300);
    QVERIFY(addFault(QStringLiteral("latency=600"))); // same name: replaces
    QVERIFY(roundTrip(client, "c") >= 600);
    removeFault(QStringLiteral("latency_downstream"));
    const qint64 ms = roundTrip(client, "d");
    QVERIFY2(ms >= 0 && ms < 300, qPrintable(QString::number(ms)));
}

void TestFaultProxy::toxicityZeroLeavesConnectionsAlone()
{
    QVERIFY(addFault(QStringLiteral("reset_peer,toxicity=0")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    const qint64 ms = roundTrip(client, "untouched");
    QVERIFY2(ms >= 0 && ms < 300, qPrintable(QString::number(ms)));
}

void TestFaultProxy::httpStatusAnswersFirstRequestsThenPassesThrough()
{
    HttpTestServer *http = startHttpUpstream();
    QVERIFY(addFault(QStringLiteral("http_status=503,count=2")));
    const QByteArray request = "GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    RawClient keepAlive; // one keep-alive connection: two faulted answers, then the server's
    QCOMPARE(keepAlive.connectTo(m_port), 0);
    for (int i = 0; i < 2; ++i) {
        const RawHttpAnswer a = rawHttpExchange(keepAlive, request);
        QCOMPARE(a.status, 503);
        QVERIFY(a.head.contains("X-Flowbench-Fault: http_status"));
        QCOMPARE(a.body, QByteArray(R"({"fault":"http_status","status":503})"));
    }
    const RawHttpAnswer real = rawHttpExchange(keepAlive, request);
    QCOMPARE(real.status, 200);
    QCOMPARE(QJsonDocument::fromJson(real.body)[QStringLiteral("status")].toString(), QStringLiteral("ok"));
    RawClient fresh; // the count is the proxy's, not the connection's
    QCOMPARE(fresh.connectTo(m_port), 0);
    QCOMPARE(rawHttpExchange(fresh, request).status, 200);
    QCOMPARE(stats().httpRequestsAnswered, 2);
    m_thread->run([&] { delete http; });
}

void TestFaultProxy::httpEmptyBodyThenRealBody()
{
    HttpTestServer *http = startHttpUpstream();
    QVERIFY(addFault(QStringLiteral("http_empty,count=1")));
    const QByteArray post = "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello";
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    const RawHttpAnswer empty = rawHttpExchange(client, post);
    QCOMPARE(empty.status, 200);
    QVERIFY(empty.body.isEmpty());
    const RawHttpAnswer real = rawHttpExchange(client, post);
    QCOMPARE(real.status, 201);
    QCOMPARE(QJsonDocument::fromJson(real.body)[QStringLiteral("body")].toString(), QStringLiteral("hello"));
    m_thread->run([&] { delete http; });
}

void TestFaultProxy::portIsFreedWhenTheProxyGoesAway()
{
    RawClient open;
    QCOMPARE(open.connectTo(m_port), 0);
    QVERIFY(roundTrip(open, "x") >= 0);
    QVERIFY(addFault(QStringLiteral("latency=100000"))); // a fault in force...
    m_thread->run([&] {
        delete m_proxy; // ...ends with its owner
        m_proxy = nullptr;
    });
    RawClient refused;
    QCOMPARE(refused.connectTo(m_port), ECONNREFUSED);
    const RawClient::Read r = open.readUntilClosed(kWait);
    QVERIFY(r.closed && !r.timedOut);
}

void TestFaultProxy::httpFaultHonoursCloseAndChunkedBodies()
{
    HttpTestServer *http = startHttpUpstream();
    QVERIFY(addFault(QStringLiteral("http_status=500,count=2")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    // A chunked body is read whole before the answer, and the next request still parses.
    const RawHttpAnswer chunked = rawHttpExchange(
        client, "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    QCOMPARE(chunked.status, 500);
    const RawHttpAnswer closing = rawHttpExchange(client, "GET /json HTTP/1.1\r\nConnection: close\r\n\r\n");
    QCOMPARE(closing.status, 500);
    QVERIFY(closing.head.contains("Connection: close"));
    QVERIFY(client.readUntilClosed(kWait).closed); // as the client asked
    QCOMPARE(m_echo->received.load(), 0);
    m_thread->run([&] { delete http; });
}

void TestFaultProxy::httpFaultAddedToAnOpenConnection()
{
    HttpTestServer *http = startHttpUpstream();
    const QByteArray request = "GET /json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    RawClient client; // a kept connection from a client's pool, opened before the fault
    QCOMPARE(client.connectTo(m_port), 0);
    QCOMPARE(rawHttpExchange(client, request).status, 200);
    QVERIFY(addFault(QStringLiteral("http_status=503,count=1")));
    QCOMPARE(rawHttpExchange(client, request).status, 503);
    QCOMPARE(rawHttpExchange(client, request).status, 200);
    m_thread->run([&] { delete http; });
}

void TestFaultProxy::httpFaultLetsOtherProtocolsThrough()
{
    QVERIFY(addFault(QStringLiteral("http_status=503")));
    RawClient client;
    QCOMPARE(client.connectTo(m_port), 0);
    const QByteArray notHttp("\x16\x03\x01 a TLS-looking hello\r\n\r\n");
    QVERIFY(roundTrip(client, notHttp) >= 0);
    QCOMPARE(stats().httpRequestsAnswered, 0);
}

void TestFaultProxy::downFromTheStartKeepsThePort()
{
    FaultProxy *proxy = nullptr;
    Status listening;
    m_thread->run([&] {
        proxy = new FaultProxy;
        proxy->setFaults({ parseFault(QStringLiteral("down")).value() });
        listening = proxy->listen(QStringLiteral("127.0.0.1"), m_echo->port());
    });
    QVERIFY2(listening.ok(), qPrintable(listening.error()));
    QVERIFY(proxy->port() != 0);
    RawClient client;
    QCOMPARE(client.connectTo(proxy->port()), ECONNREFUSED);
    bool removed = false;
    m_thread->run([&] { removed = proxy->removeFault(QStringLiteral("down")); });
    QVERIFY(removed);
    QCOMPARE(client.connectTo(proxy->port()), 0);
    QVERIFY(roundTrip(client, "up") >= 0);
    m_thread->run([&] { delete proxy; });
}

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
