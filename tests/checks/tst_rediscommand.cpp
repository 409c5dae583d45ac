// A redis check's command is normalised once (RedisCheck::allowedCommand) and held against
// the read-only allow-list, the same way in validate and at run time: what validation lets
// through is what is sent, and what it refuses never reaches the server.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/redischeck.h"
#include "checks/redisclient.h"
#include "support/checkharness.h"
#include "support/redisserver.h"
#include "support/testenv.h"

#include <QJsonArray>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

Q_DECLARE_METATYPE(flowbench::Assertion)

class TestRedisCommand : public QObject
{
    Q_OBJECT

private:
    RedisServer m_server;
    bool m_started = false; // the normalisation rows need no server
    Environment m_env;

    static QJsonObject spec(const QString &command, const QStringList &args)
    {
        return QJsonObject { { "connection", "cache" }, { "command", command },
            { "args", QJsonArray::fromStringList(args) } };
    }
    CheckContext context()
    {
        CheckContext c;
        c.environment = &m_env;
        return c;
    }
    QStringList keys()
    {
        RedisClient client;
        if (!client.connect("127.0.0.1", m_server.port(), 5000))
            return { "(no connection)" };
        const auto reply = client.command({ "KEYS", "*" });
        QStringList list;
        for (const QJsonValue &v : reply->toArray())
            list << v.toString();
        list.sort();
        return list;
    }

private slots:
    void normalised_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("command"); // empty: refused
        QTest::addColumn<QString>("message");
        QTest::newRow("upper") << "GET"
                               << "GET"
                               << "";
        QTest::newRow("lower") << "get"
                               << "GET"
                               << "";
        QTest::newRow("mixed") << "hGetAll"
                               << "HGETALL"
                               << "";
        QTest::newRow("leading and trailing spaces") << "  llen "
                                                     << "LLEN"
                                                     << "";
        QTest::newRow("tabs around") << "\tTTL\t"
                                     << "TTL"
                                     << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "spec.command: must not be empty";
        QTest::newRow("only spaces") << "   "
                                     << ""
                                     << "spec.command: must not be empty";
        QTest::newRow("CRLF smuggling") << "GET\r\nFLUSHALL"
                                        << ""
                                        << "spec.command: must not contain a line break (CR or LF)";
        QTest::newRow("trailing LF") << "GET\n"
                                     << ""
                                     << "spec.command: must not contain a line break (CR or LF)";
        QTest::newRow("lone CR") << "GET\rDEL"
                                 << ""
                                 << "spec.command: must not contain a line break (CR or LF)";
        QTest::newRow("NUL") << QString("GET") + QChar(0) + "DEL"
                             << ""
                             << "is not a Redis command name";
        QTest::newRow("non-ASCII that upper-cases to ASCII") << QString::fromUtf8("\u017fcard") << ""
                                                             << "is not a Redis command name";
        QTest::newRow("write command") << "set"
                                       << ""
                                       << "spec.command: SET is refused: redis checks only read";
        QTest::newRow("write command spaced") << " flushall  "
                                              << ""
                                              << "spec.command: FLUSHALL is refused";
        QTest::newRow("two words, inner spaces folded") << "flushall   async"
                                                        << ""
                                                        << "spec.command: FLUSHALL ASYNC is refused";
        QTest::newRow("arguments in the name") << "GET  session:1"
                                               << ""
                                               << "\"GET  session:1\" holds more than the command name";
        QTest::newRow("punctuation in the name") << "GET:x"
                                                 << ""
                                                 << "\"GET:x\" is not a Redis command name";
        QTest::newRow("argument word in the name") << "GET   key"
                                                   << ""
                                                   << "\"GET   key\" holds more than the command name";
        QTest::newRow("script") << "EVAL"
                                << ""
                                << "spec.command: EVAL is refused";
    }

    void normalised()
    {
        QFETCH(QString, text);
        QFETCH(QString, command);
        QFETCH(QString, message);
        const Result<QString> r = RedisCheck::allowedCommand(text);
        if (command.isEmpty()) {
            QVERIFY2(!r.ok(), qPrintable(r.ok() ? r.value() : QString()));
            QVERIFY2(r.error().contains(message), qPrintable(r.error()));
        } else {
            QVERIFY2(r.ok(), qPrintable(r.error()));
            QCOMPARE(r.value(), command);
        }
        // validate() says the same as the normalisation (it is what it calls).
        const Status valid = CheckRegistry::instance().validate(makeCheck("redis", spec(text, { "k" })));
        QCOMPARE(valid.ok(), r.ok());
        if (!r.ok())
            QCOMPARE(valid.error(), r.error());
    }

    void initTestCase()
    {
        m_started = m_server.start();
        if (!m_started) {
            if (serversRequired())
                QFAIL(qPrintable(m_server.errorString()));
            return; // the run-time rows skip
        }
        Connection cache;
        cache.name = "cache";
        cache.driver = "redis";
        cache.host = "127.0.0.1";
        cache.port = m_server.port();
        m_env.name = "staging";
        m_env.connections.append(cache);
        RedisClient client;
        QVERIFY(client.connect("127.0.0.1", m_server.port(), 5000).ok());
        QVERIFY(client.command({ "SET", "greeting", "hello" }).ok());
        QVERIFY(client.command({ "RPUSH", "queue", "a", "b" }).ok());
    }

    // What validation accepts runs as the normalised command.
    void acceptedTextRunsNormalised_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<Assertion>("check");
        QTest::newRow("spaces and lower case")
            << "  get  " << QStringList { "greeting" } << assertion("json_path", "$", "==", "hello");
        QTest::newRow("tab") << "\tllen" << QStringList { "queue" } << assertion("json_path", "$", "==", 2);
    }

    void acceptedTextRunsNormalised()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, args);
        QFETCH(Assertion, check);
        if (!m_started)
            QSKIP(qPrintable(m_server.errorString()));
        const Check c = makeCheck("redis", spec(text, args), { check });
        QVERIFY2(CheckRegistry::instance().validate(c).ok(),
            qPrintable(CheckRegistry::instance().validate(c).error()));
        const CheckOutcome outcome = runCheck(c, context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY2(outcome.evidence.startsWith(text.trimmed().toUpper() + ' '), qPrintable(outcome.evidence));
    }

    // What validation refuses is refused at run time with the same message, and nothing
    // reaches the server: the data is as it was.
    void refusedTextNeverRuns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("CRLF smuggling") << "GET\r\nFLUSHALL";
        QTest::newRow("LF then DEL") << "get greeting\ndel greeting";
        QTest::newRow("spaced write") << "  del ";
        QTest::newRow("two words") << "FLUSHALL SYNC";
    }

    void refusedTextNeverRuns()
    {
        QFETCH(QString, text);
        if (!m_started)
            QSKIP(qPrintable(m_server.errorString()));
        const Check c = makeCheck("redis", spec(text, { "greeting" }));
        const Status valid = CheckRegistry::instance().validate(c);
        QVERIFY(!valid.ok());
        const CheckOutcome outcome = runCheck(c, context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, valid.error());
        QCOMPARE(keys(), (QStringList { "greeting", "queue" }));
    }

    void cleanupTestCase()
    {
        if (m_started)
            m_server.stop();
    }
};

QTEST_GUILESS_MAIN(TestRedisCommand)
#include "tst_rediscommand.moc"
