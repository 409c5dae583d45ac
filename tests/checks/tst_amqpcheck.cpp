// amqp and amqp_queue checks against a real rabbitmq-server started by the test on
// loopback ports, run through the real Runner: the trigger is an HTTP call to a server in
// this process that publishes like a backend would.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/amqpclient.h"
#include "checks/checkregistry.h"
#include "run/runner.h"
#include "support/checkharness.h"
#include "support/freeport.h"
#include "support/rabbitmqserver.h"
#include "support/shopproject.h"
#include "support/testenv.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const QString kExchange = "shop.events";
const QString kShared = "billing.orders"; // a queue "someone else" consumes: never touched
} // namespace

class TestAmqpCheck : public QObject
{
    Q_OBJECT

private:
    RabbitMqServer m_broker;
    AmqpClient m_publisher;
    QHttpServer m_backend;
    QTcpServer *m_listener = nullptr;
    QNetworkAccessManager m_network;
    int m_published = 0;

    AmqpAddress brokerAddress() const
    {
        AmqpAddress a;
        a.port = m_broker.port();
        return a;
    }

    // What a backend does: POST /orders/<id>?delay=ms publishes order.confirmed (after ms).
    void publishOrder(int id, const QString &routingKey = "order.confirmed")
    {
        const QJsonObject body { { "order_id", id }, { "total", 30 }, { "currency", "EUR" } };
        const Status sent
            = m_publisher.publish(kExchange, routingKey, QJsonDocument(body).toJson(QJsonDocument::Compact),
                QJsonObject { { "x-source", "shop" }, { "x-attempt", 1 } });
        if (!sent)
            qWarning("publish failed: %s", qPrintable(sent.error()));
        ++m_published;
    }

    Environment environment(quint16 port, const QString &passwordRef = {}) const
    {
        Connection c;
        c.name = "broker";
        c.driver = "amqp";
        c.host = "127.0.0.1";
        c.port = port;
        c.passwordRef = passwordRef;
        Environment env;
        env.id = newId();
        env.name = "local";
        env.variables.insert("base_url", QStringLiteral("http://127.0.0.1:%1").arg(m_listener->serverPort()));
        env.connections << c;
        return env;
    }

    static Check amqpCheck(const QJsonObject &extra, const QList<Assertion> &assertions)
    {
        QJsonObject spec { { "connection", "broker" }, { "exchange", kExchange },
            { "routing_key", "order.*" } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            spec.insert(it.key(), it.value());
        Check c = makeCheck("amqp", spec, assertions);
        c.name = "order.confirmed published";
        // A publish is routed after the publisher's call returns: the message arrives
        // "soon after" the trigger's answer, as from any real backend.
        c.eventually = eventually(2000, 50);
        return c;
    }

    // One test case: POST /orders/<id> (capturing order_id), then `observe`.
    Project project(const Check &observe, int orderId = 42, int delayMs = 0, quint16 brokerPort = 0)
    {
        Project p;
        p.name = "amqp";
        const Node node = makeNode(NodeKind::Queue, "shop.events");
        p.nodes << node;
        p.environments << environment(brokerPort ? brokerPort : m_broker.port());
        Check trigger = httpCheck("place order", "POST",
            QStringLiteral("{{base_url}}/orders/%1?delay=%2").arg(orderId).arg(delayMs));
        trigger.captures << capture("orderId", "path", "order_id");
        p.testCases << makeCase(node.id, "order confirmed event", {}, { trigger, observe });
        return p;
    }

    QList<CheckResult> run(const Project &p, int waitMs = 60000)
    {
        Runner runner(&m_network);
        QSignalSpy finished(&runner, &Runner::finished);
        RunOptions options;
        options.environment = "local";
        const Status started = runner.start(p, options);
        if (!started) {
            qWarning("start failed: %s", qPrintable(started.error()));
            return {};
        }
        if (!finished.wait(waitMs)) {
            qWarning("the run did not finish within %d ms", waitMs);
            return {};
        }
        return runner.results();
    }

    qint64 sharedDepth()
    {
        AmqpClient client;
        if (!client.connect(brokerAddress(), 5000))
            return -1;
        const auto depth = client.depth(kShared);
        return depth ? depth->messages : -1;
    }

private slots:
    void initTestCase()
    {
        if (!m_broker.start()) {
            if (serversRequired())
                QFAIL(qPrintable(m_broker.errorString()));
            QSKIP(qPrintable(m_broker.errorString()));
        }
        QVERIFY2(m_publisher.connect(brokerAddress(), 5000), "publisher cannot connect");
        QVERIFY(m_publisher.declareExchange(kExchange, "topic"));
        m_backend.route("/orders/<arg>", [this](int id, const QHttpServerRequest &request) {
            const int delay = request.query().queryItemValue("delay").toInt();
            if (delay > 0)
                QTimer::singleShot(delay, this, [this, id] { publishOrder(id); });
            else
                publishOrder(id);
            return QHttpServerResponse(
                QJsonObject { { "order_id", id } }, QHttpServerResponder::StatusCode::Created);
        });
        m_listener = new QTcpServer(this);
        QVERIFY(m_listener->listen(QHostAddress::LocalHost, 0));
        m_backend.bind(m_listener);
        // Declared durable and bound by "the billing service", through a separate client.
        AmqpClient billing;
        QVERIFY(billing.connect(brokerAddress(), 5000));
        QVERIFY(billing.declareQueue(kShared, kExchange, "order.#"));
    }

    void cleanupTestCase() { m_broker.stop(); }

    void assertionsOverTheObservedMessages_data()
    {
        QTest::addColumn<Assertion>("assertion");
        QTest::addColumn<ResultStatus>("status");
        QTest::newRow("count") << expect("message_count", "", "==", 1) << ResultStatus::Pass;
        QTest::newRow("count wrong") << expect("message_count", "", "==", 2) << ResultStatus::Fail;
        QTest::newRow("routing key") << expect("json_path", "[0].routing_key", "==", "order.confirmed")
                                     << ResultStatus::Pass;
        QTest::newRow("exchange") << expect("json_path", "[0].exchange", "==", kExchange)
                                  << ResultStatus::Pass;
        QTest::newRow("header") << expect("json_path", "[0].headers.x-source", "==", "shop")
                                << ResultStatus::Pass;
        QTest::newRow("header number")
            << expect("json_path", "[0].headers.x-attempt", "==", 1) << ResultStatus::Pass;
        QTest::newRow("content type") << expect("json_path", "[0].properties.content_type",
            "==", "application/json") << ResultStatus::Pass;
        QTest::newRow("body field") << expect("json_path", "[0].body.order_id", "==", "{{orderId}}")
                                    << ResultStatus::Pass;
        QTest::newRow("body field wrong")
            << expect("json_path", "[0].body.total", "==", 31) << ResultStatus::Fail;
        QTest::newRow("jq") << expect("jq", "map(.body.total) | add == 30", "", {}) << ResultStatus::Pass;
        const QJsonObject schema { { "type", "array" },
            { "items",
                QJsonObject { { "type", "object" }, { "required", QJsonArray { "body" } },
                    { "properties",
                        QJsonObject { { "body",
                            QJsonObject { { "required", QJsonArray { "order_id", "total" } } } } } } } } };
        QTest::newRow("json_schema") << expect("json_schema", "", "", schema) << ResultStatus::Pass;
        QJsonObject strict = schema;
        strict["items"] = QJsonObject { { "properties",
            QJsonObject { { "body", QJsonObject { { "required", QJsonArray { "refund_id" } } } } } } };
        QTest::newRow("json_schema fails") << expect("json_schema", "", "", strict) << ResultStatus::Fail;
    }

    // A message published before the test case started, and one on another routing key,
    // are not seen; the one the trigger caused is, whatever the assertion looks at.
    void assertionsOverTheObservedMessages()
    {
        QFETCH(Assertion, assertion);
        QFETCH(ResultStatus, status);
        publishOrder(1); // before the test case: not observed
        const Check observe
            = amqpCheck({ { "match", QJsonObject { { "body.order_id", "{{orderId}}" } } } }, { assertion });
        Project p = project(observe);
        // Also published during the test case, but not "order.*".
        QTimer::singleShot(0, this, [this] { publishOrder(42, "invoice.created"); });
        const QList<CheckResult> results = run(p);
        QCOMPARE(results.size(), 2);
        QVERIFY2(results[0].status == ResultStatus::Pass, qPrintable(results[0].message));
        QVERIFY2(
            results[1].status == status, qPrintable(toString(results[1].status) + ": " + results[1].message));
        if (status == ResultStatus::Fail)
            QVERIFY2(results[1].message.contains("message(s) published to shop.events"),
                qPrintable(results[1].message));
        QVERIFY2(results[1].evidence.contains("\"order_id\":42"), qPrintable(results[1].evidence));
    }

    // Without match, every order.* message of the test case counts; the earlier one never.
    void onlyWhatWasPublishedDuringTheTestCase()
    {
        publishOrder(7);
        const QList<CheckResult> results
            = run(project(amqpCheck({}, { expect("message_count", "", "==", 1) }), 8));
        QCOMPARE(results.size(), 2);
        QVERIFY2(results[1].status == ResultStatus::Pass, qPrintable(results[1].message));
        QVERIFY2(!results[1].evidence.contains("\"order_id\":7"), qPrintable(results[1].evidence));
    }

    // The backend publishes 400 ms after answering: `eventually` polls until it arrives;
    // the messages of every try add up.
    void eventuallyWaitsForALateMessage()
    {
        Check observe = amqpCheck({}, { expect("message_count", "", ">=", 1) });
        QElapsedTimer clock;
        clock.start();
        const QList<CheckResult> results = run(project(observe, 43, 400));
        QCOMPARE(results.size(), 2);
        QVERIFY2(results[1].status == ResultStatus::Pass, qPrintable(results[1].message));
        QVERIFY2(results[1].attempts > 1, qPrintable(QString::number(results[1].attempts)));
        QVERIFY(clock.elapsed() < 2000);

        // Without eventually the same late message is missed: a failure saying so.
        Check once_ = amqpCheck({}, { expect("message_count", "", ">=", 1) });
        once_.eventually = Eventually();
        const QList<CheckResult> once = run(project(once_, 44, 400));
        QVERIFY2(once[1].status == ResultStatus::Fail, qPrintable(once[1].message));
        QVERIFY2(once[1].message.contains("0 of 0 message(s)"), qPrintable(once[1].message));
        QTest::qWait(600); // let the late publish land before the next test
    }

    // Observing never takes messages from a queue the system consumes, and leaves no queue behind.
    void sharedQueueKeepsItsMessagesAndNoQueueIsLeft()
    {
        const qint64 before = sharedDepth();
        QVERIFY(before >= 0);
        const QList<CheckResult> results
            = run(project(amqpCheck({}, { expect("message_count", "", "==", 1) }), 50));
        QVERIFY2(results.value(1).status == ResultStatus::Pass, qPrintable(results.value(1).message));
        QCOMPARE(sharedDepth(), before + 1);
        const QStringList queues = m_broker.queueNames();
        QVERIFY2(queues == QStringList { kShared }, qPrintable(queues.join(", ")));
    }

    void queueDepthIsReadWithoutTouchingTheQueue()
    {
        const qint64 depth = sharedDepth();
        Check check = makeCheck("amqp_queue", { { "connection", "broker" }, { "queue", kShared } },
            { expect("queue_messages", "", "==", double(depth)), expect("queue_consumers", "", "==", 0) });
        Project p;
        const Node node = makeNode(NodeKind::Queue, kShared);
        p.nodes << node;
        p.environments << environment(m_broker.port());
        p.testCases << makeCase(node.id, "billing queue depth", {}, { check });
        QList<CheckResult> results = run(p);
        QCOMPARE(results.size(), 1);
        QVERIFY2(results[0].status == ResultStatus::Pass, qPrintable(results[0].message));
        QCOMPARE(sharedDepth(), depth);

        // A queue that does not exist is an error naming it, and is not created by asking.
        p.testCases[0].checks[0].spec["queue"] = "no.such.queue";
        results = run(p);
        QVERIFY2(results[0].status == ResultStatus::Error, qPrintable(results[0].message));
        QVERIFY2(results[0].message.contains("no.such.queue") && results[0].message.contains("404"),
            qPrintable(results[0].message));
        QVERIFY(!m_broker.queueNames().contains("no.such.queue"));
    }

    // The broker down: the amqp step errors naming where; the trigger still ran.
    void brokerDownIsAnErrorNamingIt()
    {
        const quint16 closed = freeLoopbackPort();
        const QList<CheckResult> results = run(project(amqpCheck({}, {}), 60, 0, closed));
        QCOMPARE(results.size(), 2);
        QVERIFY2(results[0].status == ResultStatus::Pass, qPrintable(results[0].message));
        QVERIFY2(results[1].status == ResultStatus::Error, qPrintable(results[1].message));
        QVERIFY2(results[1].message.contains(QStringLiteral("127.0.0.1:%1").arg(closed)),
            qPrintable(results[1].message));
    }

    // An exchange that does not exist: the broker's own words, and the trigger still ran.
    void missingExchangeIsAnErrorInTheBrokersWords()
    {
        Check observe = amqpCheck({ { "exchange", "no.such.exchange" } }, {});
        const QList<CheckResult> results = run(project(observe, 62));
        QVERIFY2(results.value(0).status == ResultStatus::Pass, qPrintable(results.value(0).message));
        QVERIFY2(results.value(1).status == ResultStatus::Error, qPrintable(results.value(1).message));
        QVERIFY2(results[1].message.contains("404")
                && results[1].message.contains("no exchange 'no.such.exchange'"),
            qPrintable(results[1].message));
    }

    // An environment that marks its broker connection optional (the example's "local")
    // skips the check when no broker listens, saying why; a broker that answers wrongly
    // is still an error.
    void optionalConnectionWithoutABrokerIsSkipped()
    {
        const quint16 closed = freeLoopbackPort();
        Project p = project(amqpCheck({}, {}), 63, 0, closed);
        p.environments[0].connections[0].options = "optional";
        QList<CheckResult> results = run(p);
        QVERIFY2(results.value(1).status == ResultStatus::Skipped, qPrintable(results.value(1).message));
        QVERIFY2(results[1].message.contains("connection \"broker\" is optional in environment \"local\"")
                && results[1].message.contains(QString::number(closed)),
            qPrintable(results[1].message));

        Project depth = p;
        depth.testCases[0].checks
            = { makeCheck("amqp_queue", { { "connection", "broker" }, { "queue", kShared } }) };
        results = run(depth);
        QVERIFY2(results.value(0).status == ResultStatus::Skipped, qPrintable(results.value(0).message));

        p.environments[0].connections[0].port = m_broker.port();
        p.environments[0].connections[0].passwordRef = "${env:FLOWBENCH_TEST_AMQP_WRONG}";
        qputenv("FLOWBENCH_TEST_AMQP_WRONG", "wrong");
        results = run(p);
        qunsetenv("FLOWBENCH_TEST_AMQP_WRONG");
        QVERIFY2(results.value(1).status == ResultStatus::Error, qPrintable(results.value(1).message));
    }

    // Assertions over the messages do not hold for none: a schema alone still needs a message.
    void assertionsAloneNeedAMessage()
    {
        const QJsonObject schema { { "type", "array" } };
        Check observe
            = amqpCheck({ { "routing_key", "never.published" } }, { expect("json_schema", "", "", schema) });
        observe.eventually = eventually(300, 50);
        const QList<CheckResult> results = run(project(observe, 64));
        QVERIFY2(results.value(1).status == ResultStatus::Fail, qPrintable(results.value(1).message));
        QVERIFY2(results[1].message.contains("expected at least 1, got 0"), qPrintable(results[1].message));
    }

    // A wrong password is refused by the broker; the message names the user, never the password.
    void wrongPasswordNamesTheUserNotThePassword()
    {
        qputenv("FLOWBENCH_TEST_AMQP_PASSWORD", "hunter2-not-guest");
        Project p = project(amqpCheck({}, {}), 61);
        p.environments[0].connections[0].passwordRef = "${env:FLOWBENCH_TEST_AMQP_PASSWORD}";
        const QList<CheckResult> results = run(p);
        QVERIFY2(results.value(1).status == ResultStatus::Error, qPrintable(results.value(1).message));
        QVERIFY2(results[1].message.contains("login as guest"), qPrintable(results[1].message));
        QVERIFY(!results[1].message.contains("hunter2"));
        qunsetenv("FLOWBENCH_TEST_AMQP_PASSWORD");
    }

    void validation_data()
    {
        QTest::addColumn<QJsonObject>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("no exchange") << QJsonObject { { "connection", "broker" }, { "exchange", " " } }
                                     << "spec.exchange";
        QTest::newRow("no connection") << QJsonObject { { "exchange", "x" } } << "spec.connection";
        QTest::newRow("bad match path") << QJsonObject { { "connection", "broker" }, { "exchange", "x" },
            { "match", QJsonObject { { "body[", "1" } } } }
                                        << "spec.match";
        QTest::newRow("match object value") << QJsonObject { { "connection", "broker" }, { "exchange", "x" },
            { "match", QJsonObject { { "body.id", QJsonObject {} } } } }
                                            << "spec.match[\"body.id\"]";
    }

    void validation()
    {
        QFETCH(QJsonObject, spec);
        QFETCH(QString, error);
        const Status valid = CheckRegistry::instance().validate(makeCheck("amqp", spec));
        QVERIFY(!valid);
        QVERIFY2(valid.error().contains(error), qPrintable(valid.error()));
    }
};

QTEST_GUILESS_MAIN(TestAmqpCheck)
#include "tst_amqpcheck.moc"
