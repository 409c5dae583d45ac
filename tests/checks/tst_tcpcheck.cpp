// tcp checks against a real listener on 127.0.0.1 (a QTcpServer here) and a closed port.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "support/checkharness.h"
#include "support/freeport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace flowbench;
using namespace flowbench::testing;

Q_DECLARE_METATYPE(flowbench::Assertion)

class TestTcpCheck : public QObject
{
    Q_OBJECT

private:
    QTcpServer m_listener;

    static CheckContext context()
    {
        CheckContext c;
        c.variables.set("cache_host", "127.0.0.1");
        return c;
    }
    static QJsonObject spec(const QString &host, int port, int timeoutMs = 2000)
    {
        return QJsonObject { { "host", host }, { "port", port }, { "timeout_ms", timeoutMs } };
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_listener.listen(QHostAddress::LocalHost), qPrintable(m_listener.errorString()));
    }

    void connectsToAListener()
    {
        // No assertion: connected == true is implied.
        const CheckOutcome outcome
            = runCheck(makeCheck("tcp", spec("{{cache_host}}", m_listener.serverPort())), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(outcome.message, QString("tcp 127.0.0.1:%1: 1 assertion held").arg(m_listener.serverPort()));
        QVERIFY2(outcome.evidence.startsWith(
                     QString("connected to 127.0.0.1:%1 in ").arg(m_listener.serverPort())),
            qPrintable(outcome.evidence));
        // The listener really saw the connection.
        QTRY_VERIFY_WITH_TIMEOUT(m_listener.hasPendingConnections(), 5000);
        delete m_listener.nextPendingConnection();
    }

    void latencyOfTheConnect()
    {
        const CheckOutcome outcome = runCheck(
            makeCheck("tcp", spec("127.0.0.1", m_listener.serverPort()),
                { assertion("connected", "", "==", true), assertion("latency_ms", "", "<", 2000) }),
            context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(
            outcome.message, QString("tcp 127.0.0.1:%1: 2 assertions held").arg(m_listener.serverPort()));
    }

    void closedPortFailsWithTheReason()
    {
        const quint16 port = freeLoopbackPort();
        QElapsedTimer clock;
        clock.start();
        const CheckOutcome outcome = runCheck(makeCheck("tcp", spec("127.0.0.1", port)), context(), 10000);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QVERIFY2(
            outcome.message.startsWith("connected: expected true, got false (connection refused by 127.0.0.1:"
                + QString::number(port)),
            qPrintable(outcome.message));
        // Refused at once, well inside the bound.
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void closedPortCanBeAsserted()
    {
        const quint16 port = freeLoopbackPort();
        const CheckOutcome outcome
            = runCheck(makeCheck("tcp", spec("127.0.0.1", port), { assertion("connected", "", "==", false) }),
                context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY2(outcome.evidence.contains("connection refused"), qPrintable(outcome.evidence));
    }

    void unknownVariableIsAnError()
    {
        const CheckOutcome outcome = runCheck(makeCheck("tcp", spec("{{nope}}", 80)), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.contains("{{nope}}") && outcome.message.contains("spec.host"),
            qPrintable(outcome.message));
    }

    void cancelIsSkippedOnce()
    {
        const CheckType *type = CheckRegistry::instance().type("tcp");
        QVERIFY(type);
        QVERIFY(type->runsOnNetworkThread());
        std::unique_ptr<CheckExecution> execution
            = type->create(makeCheck("tcp", spec("127.0.0.1", m_listener.serverPort())), context());
        QCOMPARE(execution->target(), QString("127.0.0.1:%1").arg(m_listener.serverPort()));
        qRegisterMetaType<CheckOutcome>();
        QSignalSpy spy(execution.get(), &CheckExecution::finished);
        execution->start();
        execution->cancel();
        QVERIFY(spy.wait(5000));
        QTest::qWait(50);
        QCOMPARE(spy.count(), 1);
        FLOWBENCH_COMPARE_STATUS(spy.first().first().value<CheckOutcome>(), ResultStatus::Skipped);
        while (QTcpSocket *s = m_listener.nextPendingConnection())
            delete s;
    }

    // As the runner does: created here, moved to a network thread, started there; the
    // bound (a timer) must move with it.
    void runsOnAnotherThread()
    {
        const CheckType *type = CheckRegistry::instance().type("tcp");
        QThread network;
        network.start();
        std::unique_ptr<CheckExecution> execution
            = type->create(makeCheck("tcp", spec("127.0.0.1", freeLoopbackPort(), 500)), context());
        qRegisterMetaType<CheckOutcome>();
        QSignalSpy spy(execution.get(), &CheckExecution::finished);
        execution->moveToThread(&network);
        CheckExecution *raw = execution.get();
        QMetaObject::invokeMethod(
            raw, [raw] { raw->start(); }, Qt::QueuedConnection);
        QVERIFY(spy.wait(5000));
        const CheckOutcome outcome = spy.first().first().value<CheckOutcome>();
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QVERIFY2(outcome.message.contains("connection refused"), qPrintable(outcome.message));
        CheckExecution *leaving = execution.release();
        QMetaObject::invokeMethod(
            leaving, [leaving] { delete leaving; }, Qt::BlockingQueuedConnection);
        network.quit();
        QVERIFY(network.wait(5000));
    }

    void validation_data()
    {
        QTest::addColumn<QJsonObject>("spec");
        QTest::addColumn<QList<Assertion>>("assertions");
        QTest::addColumn<QString>("error"); // empty: valid
        const QList<Assertion> none;
        QTest::newRow("valid") << spec("db.internal", 5432) << none << "";
        QTest::newRow("valid with variable")
            << spec("{{cache_host}}", 6379) << QList<Assertion> { assertion("connected", "", "!=", false) }
            << "";
        QTest::newRow("no host") << QJsonObject { { "port", 80 } } << none << "spec.host: must not be empty";
        QTest::newRow("blank host") << spec("  ", 80) << none << "spec.host: must not be empty";
        QTest::newRow("no port") << QJsonObject { { "host", "h" } } << none
                                 << "spec.port: must be a port from 1 to 65535";
        QTest::newRow("port 0") << spec("h", 0) << none
                                << "spec.port: must be a whole number from 1 to 65535";
        QTest::newRow("port too big")
            << spec("h", 70000) << none << "spec.port: must be a whole number from 1 to 65535";
        QTest::newRow("port as text") << QJsonObject { { "host", "h" }, { "port", "80" } } << none
                                      << "spec.port: must be a whole number from 1 to 65535";
        QTest::newRow("bad timeout") << spec("h", 80, -5) << none
                                     << "spec.timeout_ms: must be a positive number of milliseconds";
        QTest::newRow("http kind")
            << spec("h", 80) << QList<Assertion> { assertion("status", "", "==", 200) }
            << "assertions[0]: kind \"status\" is not known to tcp checks (known: connected, latency_ms)";
        QTest::newRow("connected not bool")
            << spec("h", 80) << QList<Assertion> { assertion("connected", "", "==", "yes") }
            << "assertions[0] (connected): expected must be true or false";
        QTest::newRow("connected op")
            << spec("h", 80) << QList<Assertion> { assertion("connected", "", "<", true) }
            << "assertions[0] (connected): op \"<\" is not known (known: ==, !=)";
    }

    void validation()
    {
        QFETCH(QJsonObject, spec);
        QFETCH(QList<Assertion>, assertions);
        QFETCH(QString, error);
        const Status valid = CheckRegistry::instance().validate(makeCheck("tcp", spec, assertions));
        QCOMPARE(valid.ok() ? QString() : valid.error(), error);
    }
};

QTEST_GUILESS_MAIN(TestTcpCheck)
#include "tst_tcpcheck.moc"
