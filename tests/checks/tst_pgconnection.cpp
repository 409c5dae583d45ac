// The libpq connection under sql checks, against a real PostgreSQL: the extended query
// protocol refuses a second statement even when nothing else would; the statement
// timeout holds on the server and on the client; cancel() stops the statement on the
// server; a connection's options are parsed and checked.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/pgconnection.h"
#include "support/checkharness.h"
#include "support/postgresserver.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestPgConnection : public QObject
{
    Q_OBJECT

private:
    PostgresServer m_pg;
    bool m_pgUp = false;
    QString m_pgProblem;
    Environment m_env;

    Connection connection(const QString &user = "shop_user") const
    {
        Connection c;
        c.name = user;
        c.driver = "QPSQL";
        c.host = "127.0.0.1";
        c.port = m_pg.port();
        c.database = "shop";
        c.user = user;
        c.passwordRef = "${env:FLOWBENCH_PGC_PASSWORD}";
        return c;
    }
    CheckContext context()
    {
        CheckContext c;
        c.environment = &m_env;
        return c;
    }
    static Check sql(const QString &connection, const QString &query, int timeoutMs = 0)
    {
        QJsonObject spec { { "connection", connection }, { "query", query } };
        if (timeoutMs > 0)
            spec.insert("timeout_ms", timeoutMs);
        return makeCheck("sql", spec);
    }
    // Statements the server is running that contain `text` (the fixture's own excluded).
    int running(const QString &text)
    {
        const CheckOutcome o = runCheck(
            makeCheck("sql",
                QJsonObject { { "connection", "admin" },
                    { "query",
                        "SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'active' AND query = :q" },
                    { "params", QJsonObject { { "q", text } } } },
                {}, { { "n", "column", "n" } }),
            context());
        return o.status == ResultStatus::Pass ? o.captures.value("n").toInt() : -1;
    }

private slots:
    void initTestCase()
    {
        m_pgProblem = m_pg.startOrWhyNot("shop", "shop_user", "pw");
        m_pgUp = m_pgProblem.isEmpty();
        if (!m_pgUp) {
            if (serversRequired())
                QFAIL(qPrintable(m_pgProblem));
            return;
        }
        QVERIFY2(
            m_pg.exec("CREATE ROLE admin LOGIN SUPERUSER PASSWORD 'pw'"), qPrintable(m_pg.errorString()));
        qputenv("FLOWBENCH_PGC_PASSWORD", "pw");
        m_env.name = "staging";
        m_env.connections << connection() << connection("admin");
    }

    void cleanupTestCase() { QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString())); }

    // Below the analyser: the server itself refuses a text of two statements sent through
    // the extended protocol, with or without parameters.
    void extendedProtocolRunsOneStatement()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const PgConnection::Parameters parameters { { "host", "127.0.0.1" },
            { "port", QByteArray::number(m_pg.port()) }, { "dbname", "shop" }, { "user", "shop_user" },
            { "password", "pw" } };
        auto db = PgConnection::open(parameters, QDeadlineTimer(10000), nullptr);
        QVERIFY2(db.ok(), qPrintable(db.error()));
        PgReply reply = db->exec("SELECT 1; CREATE TABLE pwned (x int)", QDeadlineTimer(10000));
        QVERIFY(!reply.ok());
        QCOMPARE(reply.message, QStringLiteral("cannot insert multiple commands into a prepared statement"));
        reply = db->exec(
            "SELECT $1::int; CREATE TABLE pwned (x int)", { QByteArray("1") }, QDeadlineTimer(10000));
        QCOMPARE(reply.message, QStringLiteral("cannot insert multiple commands into a prepared statement"));
        reply = db->exec("SELECT to_regclass('pwned') IS NULL", QDeadlineTimer(10000));
        QVERIFY2(reply.ok(), qPrintable(reply.message));
        QCOMPARE(reply.rows.at(0).at(0).value(), QByteArray("t"));
    }

    // What the analyser lets through around the one statement, the server takes too.
    void trailingSemicolonAndComments()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const CheckOutcome o
            = runCheck(makeCheck("sql",
                           QJsonObject { { "connection", "shop_user" },
                               { "query", "/* head */ SELECT 1 AS one; -- done\n/* tail */ ;" } },
                           { assertion("json_path", "[0].one", "==", 1) }),
                context());
        FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Pass);
    }

    void serverStatementTimeout()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        QElapsedTimer clock;
        clock.start();
        const CheckOutcome o = runCheck(sql("shop_user", "SELECT pg_sleep(5)", 300), context());
        FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Error);
        QCOMPARE(o.message,
            QStringLiteral(
                "PostgreSQL 127.0.0.1:%1/shop: the query did not finish within 300 ms (spec.timeout_ms)")
                .arg(m_pg.port()));
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    // A server that accepts the connection and never answers: the client's bound ends it.
    void clientBoundsASilentServer()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        Connection c = connection();
        c.name = "silent";
        c.port = silent.serverPort();
        m_env.connections << c;
        QElapsedTimer clock;
        clock.start();
        const CheckOutcome o = runCheck(sql("silent", "SELECT 1", 500), context());
        m_env.connections.removeLast();
        FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Error);
        QCOMPARE(o.message,
            QStringLiteral("could not connect to PostgreSQL 127.0.0.1:%1/shop: no answer within 500 ms "
                           "(spec.timeout_ms)")
                .arg(silent.serverPort()));
        QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    }

    // cancel() of a running check stops its statement on the server (PQcancel), not only
    // the wait for it: without, pg_sleep(30) would run on after the client left.
    void cancelStopsTheStatementOnTheServer()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const QString query = "SELECT pg_sleep(30) AS slept";
        auto execution
            = CheckRegistry::instance().type("sql")->create(sql("shop_user", query, 60000), context());
        QSignalSpy finished(execution.get(), &CheckExecution::finished);
        execution->start();
        QTRY_COMPARE_WITH_TIMEOUT(running(query), 1, 10000);
        execution->cancel();
        QVERIFY(finished.wait(2000) || finished.count() == 1);
        const auto outcome = finished.first().first().value<CheckOutcome>();
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Skipped);
        QTRY_COMPARE_WITH_TIMEOUT(running(query), 0, 3000);
    }

    void rowLimit()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const CheckOutcome o = runCheck(sql("shop_user", "SELECT generate_series(1, 50000) AS n"), context());
        FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Error);
        QCOMPARE(o.message,
            QStringLiteral("PostgreSQL 127.0.0.1:%1/shop: the query returned more than 10000 rows; narrow it "
                           "(WHERE, LIMIT)")
                .arg(m_pg.port()));
    }

    void options_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("message"); // empty: the check runs
        QTest::newRow("QPSQL form") << "sslmode=disable;application_name=qa"
                                    << "";
        QTest::newRow("spaces") << "sslmode=disable connect_timeout=5"
                                << "";
        QTest::newRow("server options") << "options='-c search_path=public'"
                                        << "";
        QTest::newRow("unknown keyword")
            << "nonsense=1"
            << "connection opts: options: invalid connection option \"nonsense\"";
        QTest::newRow("replication")
            << "replication=database"
            << "connection opts: options: a replication connection cannot run sql checks";
        QTest::newRow("bad value") << "sslmode=bogus"
                                   << "could not connect to PostgreSQL";
    }

    void options()
    {
        QFETCH(QString, options);
        QFETCH(QString, message);
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        Connection c = connection();
        c.name = "opts";
        c.options = options;
        m_env.connections << c;
        const CheckOutcome o
            = runCheck(sql("opts", "SELECT current_setting('transaction_read_only') AS ro"), context());
        m_env.connections.removeLast();
        if (message.isEmpty()) {
            FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Pass);
            QVERIFY2(o.evidence.contains("\"ro\": \"on\""), qPrintable(o.evidence));
        } else {
            FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Error);
            QVERIFY2(o.message.startsWith(message), qPrintable(o.message));
        }
    }
};

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pgconnection.moc"
