// The example's "Order confirmed event is published" test case end to end: the demo
// backend started with --amqp publishes order.confirmed to a real rabbitmq-server, and
// the example's amqp check sees it without taking it from billing's queue. Without a
// broker the example's optional connection skips the check; with the broker gone the
// demo keeps the event in its outbox.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/amqpclient.h"
#include "run/runner.h"
#include "support/demobackend.h"
#include "support/exampleproject.h"
#include "support/freeport.h"
#include "support/rabbitmqserver.h"
#include "support/testenv.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestExampleEvents : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RabbitMqServer m_broker;
    QNetworkAccessManager m_network;

    AmqpAddress broker() const
    {
        AmqpAddress a;
        a.port = m_broker.port();
        return a;
    }

    // The example's "local" environment pointed at this test's backend and broker.
    Project example(const DemoBackend &backend, quint16 brokerPort)
    {
        Result<Project> loaded = exampleProject();
        if (!loaded)
            qWarning("%s", qPrintable(loaded.error()));
        Project p = loaded.value();
        for (Environment &e : p.environments) {
            if (e.name != "local")
                continue;
            e.variables.insert("base_url", backend.baseUrl());
            e.proxies.clear(); // its payment gateway's: this backend charges nothing
            for (Connection &c : e.connections) {
                if (c.name == "shop")
                    c.database = backend.dbPath();
                if (c.name == "events")
                    c.port = brokerPort;
            }
        }
        return p;
    }

    QList<CheckResult> runEventCase(const Project &p)
    {
        RunOptions options;
        options.environment = "local";
        options.projectDir = m_dir.path();
        for (const TestCase &t : p.testCases)
            if (t.title == "Order confirmed event is published")
                options.selection.testCaseIds << t.id;
        if (options.selection.testCaseIds.size() != 1)
            qWarning("the example has no test case \"Order confirmed event is published\"");
        Runner runner(&m_network);
        QSignalSpy finished(&runner, &Runner::finished);
        const Status started = runner.start(p, options);
        if (!started || !finished.wait(30000)) {
            qWarning("run: %s", started ? "did not finish in 30 s" : qPrintable(started.error()));
            return {};
        }
        return runner.results();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!m_broker.start()) {
            if (serversRequired())
                QFAIL(qPrintable(m_broker.errorString()));
            QSKIP(qPrintable(m_broker.errorString()));
        }
    }

    void cleanupTestCase() { m_broker.stop(); }

    void confirmedEventIsSeenAndBillingKeepsIt()
    {
        DemoBackend backend;
        QDir(m_dir.path()).mkpath("with-broker");
        const QString url = QStringLiteral("amqp://guest:guest@127.0.0.1:%1/").arg(m_broker.port());
        QVERIFY2(backend.start(m_dir.filePath("with-broker"), 100, 400, { "--amqp", url }),
            qPrintable(backend.errorString()));
        // Billing's own queue on the exchange (declared the way a consumer service would).
        AmqpClient billing;
        QVERIFY(billing.connect(broker(), 5000));
        QVERIFY(billing.declareExchange("shop.events", "topic"));
        QVERIFY(billing.declareQueue("billing.orders", "shop.events", "order.#"));
        const qint64 before = billing.depth("billing.orders")->messages;

        const QList<CheckResult> results = runEventCase(example(backend, m_broker.port()));
        QCOMPARE(results.size(), 3); // the two steps, then the cleanup that deletes the order
        for (const CheckResult &r : results)
            QVERIFY2(r.status == ResultStatus::Pass, qPrintable(r.message + "\n" + r.evidence));
        QVERIFY(results[2].cleanup);
        QVERIFY2(results[1].evidence.contains("\"status\":\"confirmed\""), qPrintable(results[1].evidence));
        QTRY_COMPARE_WITH_TIMEOUT(billing.depth("billing.orders")->messages, before + 1, 5000);
    }

    void withoutABrokerTheOptionalConnectionSkips()
    {
        DemoBackend backend;
        QDir(m_dir.path()).mkpath("no-broker");
        QVERIFY2(backend.start(m_dir.filePath("no-broker")), qPrintable(backend.errorString()));
        const quint16 closed = freeLoopbackPort();
        const QList<CheckResult> results = runEventCase(example(backend, closed));
        QCOMPARE(results.size(), 3);
        QVERIFY2(
            results[2].cleanup && results[2].status == ResultStatus::Pass, qPrintable(results[2].message));
        QVERIFY2(results[0].status == ResultStatus::Pass, qPrintable(results[0].message));
        QVERIFY2(results[1].status == ResultStatus::Skipped, qPrintable(results[1].message));
        QVERIFY2(
            results[1].message.contains("optional in environment \"local\""), qPrintable(results[1].message));
    }

    // The demo's broker unreachable: the order stays pending, the outbox keeps the event
    // and the log says why — nothing is confirmed without its event.
    void brokerDownKeepsTheEventInTheOutbox()
    {
        DemoBackend backend;
        QDir(m_dir.path()).mkpath("broker-down");
        const QString url = QStringLiteral("amqp://guest:guest@127.0.0.1:%1/").arg(freeLoopbackPort());
        QVERIFY2(backend.start(m_dir.filePath("broker-down"), 0, 0, { "--amqp", url }),
            qPrintable(backend.errorString()));
        const QList<CheckResult> results = runEventCase(example(backend, m_broker.port()));
        QCOMPARE(results.size(), 3);
        QVERIFY2(results[1].status == ResultStatus::Fail, qPrintable(results[1].message));
        const auto logged = [&] {
            QFile log(backend.logPath());
            return log.open(QIODevice::ReadOnly)
                && log.readAll().contains("event not published, kept in the outbox");
        };
        QTRY_VERIFY_WITH_TIMEOUT(logged(), 5000);
        QVERIFY2(!results[0].message.isEmpty(), "the order was placed");
    }
};

QTEST_GUILESS_MAIN(TestExampleEvents)
#include "tst_exampleevents.moc"
