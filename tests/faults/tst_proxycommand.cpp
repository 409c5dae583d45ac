// `flowbench-cli proxy` as a tester runs it: a real process in front of a real echo
// server, its faults changed through the control API, stopped by SIGTERM (exit 0) or
// killed (SIGKILL) — and in both cases nothing is left listening on its ports.
#include "support/cliprocess.h"
#include "support/echoserver.h"
#include "support/eventthread.h"
#include "support/rawclient.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <cerrno>

using namespace flowbench::testing;

namespace {

constexpr qint64 kMargin = 500;

// A running `flowbench-cli proxy`; killed in the destructor if a test left it running.
class ProxyProcess
{
public:
    ~ProxyProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    // Starts it and reads the ports it printed; false (with `output`) if it did not come up.
    bool start(const QStringList &args)
    {
        process.start(cliPath(), QStringList { QStringLiteral("proxy") } + args);
        QElapsedTimer clock;
        clock.start();
        while (!output.contains(QLatin1String("Ctrl+C stops it.")) && clock.elapsed() < 15000
            && process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(500);
            output += QString::fromUtf8(process.readAllStandardOutput());
        }
        output += QString::fromUtf8(process.readAllStandardError());
        const auto listen
            = QRegularExpression(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)")).match(output);
        const auto control
            = QRegularExpression(QStringLiteral("control API on http://127\\.0\\.0\\.1:(\\d+)"))
                  .match(output);
        port = listen.hasMatch() ? quint16(listen.captured(1).toUInt()) : 0;
        controlPort = control.hasMatch() ? quint16(control.captured(1).toUInt()) : 0;
        return port != 0;
    }

    QProcess process;
    QString output;
    quint16 port = 0;
    quint16 controlPort = 0;
};

RawHttpAnswer control(
    quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body = {})
{
    RawClient client;
    if (client.connectTo(port) != 0)
        return {};
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.isEmpty())
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return rawHttpExchange(client, request + "\r\n" + body);
}

// Round trip of a few bytes through the proxy on `port`, in ms; -1 if they did not come back.
qint64 roundTrip(RawClient &client, const QByteArray &payload)
{
    const qint64 start = steadyMs();
    if (!client.send(payload))
        return -1;
    return client.read(payload.size(), 15000).data == payload ? steadyMs() - start : -1;
}

} // namespace

class TestProxyCommand : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void controlApiChangesFaultsAndKillFreesThePorts();
    void sigtermStopsCleanly();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    EventThread m_thread;
    EchoServer *m_echo = nullptr;
    QString m_upstream;
};

void TestProxyCommand::initTestCase()
{
    bool started = false;
    m_thread.run([&] {
        m_echo = new EchoServer;
        started = m_echo->start();
    });
    QVERIFY(started);
    m_upstream = QStringLiteral("127.0.0.1:%1").arg(m_echo->port());
}

void TestProxyCommand::cleanupTestCase()
{
    m_thread.run([&] { delete m_echo; });
}

void TestProxyCommand::controlApiChangesFaultsAndKillFreesThePorts()
{
    ProxyProcess proxy;
    QVERIFY2(proxy.start({ QStringLiteral("--upstream"), m_upstream, QStringLiteral("--fault"),
                 QStringLiteral("latency=300"), QStringLiteral("--control"), QStringLiteral("0") }),
        qPrintable(proxy.output));
    QVERIFY2(proxy.controlPort != 0, qPrintable(proxy.output));
    QVERIFY(proxy.output.contains(
        QLatin1String("fault: latency=300,jitter=0,stream=downstream,name=latency_downstream")));

    RawClient client;
    QCOMPARE(client.connectTo(proxy.port), 0);
    qint64 ms = roundTrip(client, "one");
    QVERIFY2(ms >= 300 && ms < 300 + kMargin, qPrintable(QString::number(ms)));

    RawHttpAnswer a = control(proxy.controlPort, "GET", "/faults");
    QCOMPARE(a.status, 200);
    const QJsonArray faults = QJsonDocument::fromJson(a.body).array();
    QCOMPARE(faults.size(), 1);
    QCOMPARE(faults[0][QStringLiteral("name")].toString(), QStringLiteral("latency_downstream"));

    QCOMPARE(control(proxy.controlPort, "DELETE", "/faults/latency_downstream").status, 204);
    ms = roundTrip(client, "two");
    QVERIFY2(ms >= 0 && ms < 300, qPrintable(QString::number(ms)));

    a = control(proxy.controlPort, "POST", "/faults", "latency=400,stream=upstream");
    QCOMPARE(a.status, 201);
    ms = roundTrip(client, "three");
    QVERIFY2(ms >= 400 && ms < 400 + kMargin, qPrintable(QString::number(ms)));
    a = control(proxy.controlPort, "POST", "/faults",
        R"({"name":"latency_upstream","type":"latency","stream":"upstream","attributes":{"latency":0}})");
    QCOMPARE(a.status, 201);
    ms = roundTrip(client, "four");
    QVERIFY2(ms >= 0 && ms < 300, qPrintable(QString::number(ms)));

    a = control(proxy.controlPort, "POST", "/faults", "latency=fast");
    QCOMPARE(a.status, 400);
    QVERIFY2(a.body.contains("latency must be a number"), a.body.constData());
    QCOMPARE(control(proxy.controlPort, "DELETE", "/faults/nothing").status, 404);
    QCOMPARE(control(proxy.controlPort, "PUT", "/faults").status, 405);

    // An HTTP fault shows how many requests it answered; DELETE /faults clears them all.
    QCOMPARE(control(proxy.controlPort, "POST", "/faults", "http_status=502,count=1").status, 201);
    a = control(proxy.controlPort, "GET", "/faults");
    const QJsonArray two = QJsonDocument::fromJson(a.body).array();
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[1][QStringLiteral("answered")].toInt(), 0);
    QCOMPARE(control(proxy.controlPort, "DELETE", "/faults").status, 204);
    QCOMPARE(QJsonDocument::fromJson(control(proxy.controlPort, "GET", "/faults").body).array().size(), 0);

    a = control(proxy.controlPort, "GET", "/stats");
    QCOMPARE(a.status, 200);
    const QJsonObject stats = QJsonDocument::fromJson(a.body).object();
    QCOMPARE(stats[QStringLiteral("connectionsAccepted")].toInt(), 1);
    QCOMPARE(stats[QStringLiteral("bytesUpstream")].toInt(), 15); // one two three four
    QCOMPARE(stats[QStringLiteral("bytesDownstream")].toInt(), 15);
    QCOMPARE(stats[QStringLiteral("upstream")].toString(), m_upstream);

    proxy.process.kill(); // SIGKILL: no chance to clean up, yet the kernel frees the ports
    QVERIFY(proxy.process.waitForFinished(5000));
    RawClient after;
    QCOMPARE(after.connectTo(proxy.port), ECONNREFUSED);
    QCOMPARE(after.connectTo(proxy.controlPort), ECONNREFUSED);
    const RawClient::Read r = client.readUntilClosed(5000);
    QVERIFY(r.closed && !r.timedOut);
}

void TestProxyCommand::sigtermStopsCleanly()
{
    ProxyProcess proxy;
    QVERIFY2(proxy.start({ QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--upstream"), m_upstream }),
        qPrintable(proxy.output));
    {
        RawClient client;
        QCOMPARE(client.connectTo(proxy.port), 0);
        QVERIFY(roundTrip(client, "hello") >= 0);
        RawClient open; // still open when the signal comes
        QCOMPARE(open.connectTo(proxy.port), 0);
        proxy.process.terminate();
        QVERIFY(proxy.process.waitForFinished(5000));
        QVERIFY(open.readUntilClosed(5000).closed);
    }
    QCOMPARE(proxy.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(proxy.process.exitCode(), 0);
    const QString out = QString::fromUtf8(proxy.process.readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("stopped: 2 connections, 5 bytes upstream, 5 bytes downstream")),
        qPrintable(out));
    RawClient after;
    QCOMPARE(after.connectTo(proxy.port), ECONNREFUSED);
}

void TestProxyCommand::refusesBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString up = QStringLiteral("--upstream");
    QTest::newRow("no upstream") << QStringList {} << "--upstream HOST:PORT is required";
    QTest::newRow("upstream without port")
        << QStringList { up, QStringLiteral("localhost") } << "--upstream must be HOST:PORT";
    QTest::newRow("bad fault") << QStringList { up, QStringLiteral("127.0.0.1:9"), QStringLiteral("--fault"),
        QStringLiteral("latency=-1") }
                               << "latency must be a whole number";
    QTest::newRow("two faults, one name") << QStringList { up, QStringLiteral("127.0.0.1:9"),
        QStringLiteral("--fault"), QStringLiteral("latency=1"), QStringLiteral("--fault"),
        QStringLiteral("latency=2") } << "two faults are named \"latency_downstream\"";
    QTest::newRow("not loopback") << QStringList { up, QStringLiteral("127.0.0.1:9"),
        QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8080") }
                                  << "--listen must be a loopback address";
    QTest::newRow("bad control port") << QStringList { up, QStringLiteral("127.0.0.1:9"),
        QStringLiteral("--control"), QStringLiteral("http") }
                                      << "--control must be a port";
    QTest::newRow("port in use") << QStringList { up, QStringLiteral("127.0.0.1:9"),
        QStringLiteral("--listen"), m_upstream }
                                 << "cannot listen on 127.0.0.1:";
}

void TestProxyCommand::refusesBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const CliOutcome outcome = runCli(QStringList { QStringLiteral("proxy") } + args, QString(), 20000);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
}

QTEST_GUILESS_MAIN(TestProxyCommand)
#include "tst_proxycommand.moc"
