// redis checks against a real redis-server on a loopback port.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/redisclient.h"
#include "support/checkharness.h"
#include "support/freeport.h"
#include "support/redisserver.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QTcpServer>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

Q_DECLARE_METATYPE(flowbench::Assertion)
Q_DECLARE_METATYPE(flowbench::ResultStatus)

class TestRedisCheck : public QObject
{
    Q_OBJECT

private:
    RedisServer m_server;
    Environment m_env;

    CheckContext context()
    {
        CheckContext c;
        c.environment = &m_env;
        c.variables.set("user", "u1");
        return c;
    }
    static QJsonObject spec(const QString &command, const QStringList &args, const QString &connection = "cache")
    {
        return QJsonObject{{"connection", connection}, {"command", command}, {"args", QJsonArray::fromStringList(args)}};
    }
    QString greeting()
    {
        RedisClient client;
        if (!client.connect("127.0.0.1", m_server.port(), 5000))
            return "(no connection)";
        return client.command({"GET", "greeting"})->toString();
    }

private slots:
    void initTestCase()
    {
        if (!m_server.start()) {
            if (serversRequired())
                QFAIL(qPrintable(m_server.errorString()));
            QSKIP(qPrintable(m_server.errorString()));
        }
        Connection cache;
        cache.name = "cache";
        cache.driver = "redis";
        cache.host = "127.0.0.1";
        cache.port = m_server.port();
        m_env.name = "staging";
        m_env.connections.append(cache);

        RedisClient client;
        const Status connected = client.connect("127.0.0.1", m_server.port(), 5000);
        QVERIFY2(connected.ok(), qPrintable(connected.error()));
        const QList<QStringList> seed{{"SET", "greeting", "hello"},
                                      {"EXPIRE", "greeting", "1000"},
                                      {"SET", "counter", "42"},
                                      {"HSET", "session:u1", "user", "ada", "role", "admin"},
                                      {"RPUSH", "queue", "a", "b", "c"},
                                      {"SADD", "tags", "x", "y"},
                                      {"ZADD", "scores", "1", "a", "2.5", "b"},
                                      {"XADD", "events", "*", "type", "created"},
                                      {"SET", "unicode", "ünï"},
                                      // Bytes that are not UTF-8 (ff fe 00 41; a field c8 -> 00 ff).
                                      {"EVAL", "return redis.call('SET', KEYS[1], string.char(255, 254, 0, 65))", "1", "binary"},
                                      {"EVAL", "return redis.call('HSET', KEYS[1], string.char(200), string.char(0, 255))", "1", "binhash"}};
        for (const QStringList &command : seed) {
            const auto r = client.command(command);
            QVERIFY2(r.ok(), qPrintable(r.error()));
        }
    }

    void commands_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Assertion>("check");
        QTest::addColumn<ResultStatus>("status");
        QTest::addColumn<QString>("message");
        const auto pass = ResultStatus::Pass;
        QTest::newRow("GET") << "GET" << QStringList{"greeting"} << assertion("json_path", "$", "==", "hello") << pass << "";
        QTest::newRow("GET number text") << "GET" << QStringList{"counter"} << assertion("json_path", "$", ">", 40) << pass << "";
        QTest::newRow("GET missing is null") << "GET" << QStringList{"nope"} << assertion("json_path", "$", "==", QJsonValue::Null) << pass << "";
        QTest::newRow("MGET") << "MGET" << QStringList{"greeting", "nope"} << assertion("jq", ". == [\"hello\", null]", "==", {}) << pass << "";
        QTest::newRow("HGETALL object") << "HGETALL" << QStringList{"session:{{user}}"} << assertion("json_path", "role", "==", "admin") << pass << "";
        QTest::newRow("HGETALL jq") << "HGETALL" << QStringList{"session:{{user}}"} << assertion("jq", ".user == \"ada\" and (keys | length) == 2", "==", {}) << pass << "";
        QTest::newRow("HGET") << "HGET" << QStringList{"session:u1", "user"} << assertion("json_path", "$", "==", "ada") << pass << "";
        QTest::newRow("LLEN") << "LLEN" << QStringList{"queue"} << assertion("json_path", "$", "==", 3) << pass << "";
        QTest::newRow("LLEN wrong") << "LLEN" << QStringList{"queue"} << assertion("json_path", "$", "==", 5) << ResultStatus::Fail
                                    << "json_path $: expected 5, got 3";
        QTest::newRow("LRANGE") << "LRANGE" << QStringList{"queue", "0", "-1"} << assertion("json_path", "[2]", "==", "c") << pass << "";
        QTest::newRow("LRANGE length") << "LRANGE" << QStringList{"queue", "0", "-1"} << assertion("json_path", "$", "length", 3) << pass << "";
        QTest::newRow("EXISTS") << "EXISTS" << QStringList{"greeting", "nope"} << assertion("json_path", "$", "==", 1) << pass << "";
        QTest::newRow("TTL") << "TTL" << QStringList{"greeting"} << assertion("json_path", "$", ">", 0) << pass << "";
        QTest::newRow("TYPE") << "TYPE" << QStringList{"queue"} << assertion("json_path", "$", "==", "list") << pass << "";
        QTest::newRow("SCARD") << "SCARD" << QStringList{"tags"} << assertion("json_path", "$", "==", 2) << pass << "";
        QTest::newRow("SMEMBERS") << "SMEMBERS" << QStringList{"tags"} << assertion("json_path", "$", "contains", "y") << pass << "";
        QTest::newRow("ZSCORE") << "ZSCORE" << QStringList{"scores", "b"} << assertion("json_path", "$", "==", 2.5) << pass << "";
        QTest::newRow("XLEN") << "XLEN" << QStringList{"events"} << assertion("json_path", "$", "==", 1) << pass << "";
        QTest::newRow("XRANGE") << "XRANGE" << QStringList{"events", "-", "+"} << assertion("jq", ".[0][1] == [\"type\", \"created\"]", "==", {}) << pass << "";
        QTest::newRow("lower-case command") << "llen" << QStringList{"queue"} << assertion("json_path", "$", "==", 3) << pass << "";
        QTest::newRow("UTF-8 text") << "GET" << QStringList{"unicode"} << assertion("json_path", "$", "==", "ünï") << pass << "";
        QTest::newRow("binary as base64") << "GET" << QStringList{"binary"} << assertion("json_path", "base64", "==", "//4AQQ==") << pass << "";
        QTest::newRow("binary hash field and value")
            << "HGETALL" << QStringList{"binhash"} << assertion("jq", ".[\"base64:yA==\"] == {\"base64\": \"AP8=\"}", "==", {}) << pass << "";
        QTest::newRow("wrong type") << "GET" << QStringList{"queue"} << assertion("json_path", "$", "exists", {}) << ResultStatus::Error
                                    << "refused GET: WRONGTYPE";
    }

    void commands()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        QFETCH(Assertion, check);
        QFETCH(ResultStatus, status);
        QFETCH(QString, message);
        const Check c = makeCheck("redis", spec(command, args), {check});
        QVERIFY2(CheckRegistry::instance().validate(c).ok(), qPrintable(CheckRegistry::instance().validate(c).error()));
        const CheckOutcome outcome = runCheck(c, context());
        FLOWBENCH_COMPARE_STATUS(outcome, status);
        if (!message.isEmpty())
            QVERIFY2(outcome.message.contains(message), qPrintable(outcome.message));
        if (status != ResultStatus::Error)
            QVERIFY2(outcome.evidence.startsWith(command.toUpper() + ' '), qPrintable(outcome.evidence));
    }

    void captures()
    {
        const CheckOutcome outcome = runCheck(
            makeCheck("redis", spec("HGETALL", {"session:{{user}}"}), {},
                      {{"role", "path", "role"}, {"who", "jq", ".user + \"/\" + .role"}}),
            context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(outcome.captures.value("role"), QStringLiteral("admin"));
        QCOMPARE(outcome.captures.value("who"), QStringLiteral("ada/admin"));
    }

    void writeCommandsAreRefused_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("SET") << "SET" << QStringList{"greeting", "overwritten"};
        QTest::newRow("FLUSHALL") << "FLUSHALL" << QStringList{};
        QTest::newRow("DEL") << "del" << QStringList{"greeting"};
        QTest::newRow("KEYS") << "KEYS" << QStringList{"*"};
        QTest::newRow("EVAL") << "EVAL" << QStringList{"redis.call('SET','greeting','x')", "0"};
    }

    void writeCommandsAreRefused()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        const Check c = makeCheck("redis", spec(command, args));
        const Status valid = CheckRegistry::instance().validate(c);
        QVERIFY(!valid.ok());
        QVERIFY2(valid.error().startsWith(QStringLiteral("spec.command: %1 is refused: redis checks only read").arg(command.toUpper())),
                 qPrintable(valid.error()));
        // Also refused when it reaches execution without validation.
        const CheckOutcome outcome = runCheck(c, context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, valid.error());
        QCOMPARE(greeting(), QStringLiteral("hello"));
    }

    void connectionRefused()
    {
        const quint16 port = freeLoopbackPort();
        Connection dead;
        dead.name = "dead";
        dead.driver = "redis";
        dead.host = "127.0.0.1";
        dead.port = port;
        m_env.connections.append(dead);
        const CheckOutcome outcome = runCheck(makeCheck("redis", spec("GET", {"greeting"}, "dead")), context());
        m_env.connections.removeLast();
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("could not connect to redis 127.0.0.1:%1: Connection refused").arg(port));
    }

    void commandTimeoutSaysHowLongItWaited()
    {
        // A server that accepts connections and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        Connection mute;
        mute.name = "mute";
        mute.driver = "redis";
        mute.host = "127.0.0.1";
        mute.port = silent.serverPort();
        m_env.connections.append(mute);
        QJsonObject s = spec("GET", {"greeting"}, "mute");
        s.insert("timeout_ms", 400);
        const CheckOutcome outcome = runCheck(makeCheck("redis", s), context());
        m_env.connections.removeLast();
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("redis 127.0.0.1:%1, GET: no answer within 400 ms").arg(silent.serverPort()));
        QVERIFY(outcome.durationMs >= 350);
    }

    void unknownVariableInArgs()
    {
        const CheckOutcome outcome = runCheck(makeCheck("redis", spec("GET", {"a", "{{missing}}"})), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("unknown variable {{missing}} in spec.args[1]"));
    }

    void targetIsHostAndPort()
    {
        auto exec = CheckRegistry::instance().type("redis")->create(makeCheck("redis", spec("GET", {"x"})), context());
        QCOMPARE(exec->target(), QStringLiteral("127.0.0.1:%1").arg(m_server.port()));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestRedisCheck)
#include "tst_redischeck.moc"
