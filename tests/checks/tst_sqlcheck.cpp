// sql checks on a real SQLite file and a real PostgreSQL server (initdb + pg_ctl).
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/sqlcheck.h"
#include "support/checkharness.h"
#include "support/postgresserver.h"
#include "support/testenv.h"

#include <QDir>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const char *kPgPassword = "pg-pass-'quoted";
}

class TestSqlCheck : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_projectDir;
    PostgresServer m_pg;
    bool m_pgUp = false;
    QString m_pgProblem;
    Environment m_env;

    CheckContext context(bool protectedEnv = false)
    {
        m_env.isProtected = protectedEnv;
        CheckContext c;
        c.environment = &m_env;
        c.projectDir = m_projectDir.path();
        c.variables.set("order_id", "1");
        c.variables.set("paid", "paid");
        return c;
    }
    static QJsonObject spec(const QString &connection, const QString &query, const QJsonObject &params = {},
                            bool allowWrites = false)
    {
        QJsonObject s{{"connection", connection}, {"query", query}, {"params", params}};
        if (allowWrites)
            s.insert("allow_writes", true);
        return s;
    }
    // Sets up the same orders table on both databases.
    static QStringList schema()
    {
        return {"CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, amount NUMERIC(10,2), note TEXT)",
                "INSERT INTO orders VALUES (1, 'paid', 27, NULL)",
                "INSERT INTO orders VALUES (2, 'open', 3.5, 'gift')",
                "INSERT INTO orders VALUES (3, 'open', 10, NULL)"};
    }
    // Skips or (under CI) fails a PostgreSQL test when the server is not there.
    bool postgresReady()
    {
        return m_pgUp;
    }
    int countRows(const QString &driverName, const QString &where)
    {
        const CheckOutcome o = runCheck(
            makeCheck("sql", spec(driverName, "SELECT id FROM orders WHERE " + where)), context());
        return o.status == ResultStatus::Pass ? o.message.section(": ", 1, 1).section(' ', 0, 0).toInt() : -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_projectDir.isValid());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "setup");
            db.setDatabaseName(QDir(m_projectDir.path()).filePath("shop.db"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &sql : schema())
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase("setup");

        m_env.name = "staging";
        Connection sqlite;
        sqlite.name = "sqlite";
        sqlite.driver = "QSQLITE";
        sqlite.database = "shop.db"; // relative to the project folder
        m_env.connections.append(sqlite);

        qputenv("FLOWBENCH_TEST_PG_PASSWORD", kPgPassword);
        if (!PostgresServer::isInstalled()) {
            m_pgProblem = "PostgreSQL 15 server binaries are missing: install the postgresql package";
        } else if (!m_pg.start("shop", "shop_user", QString::fromUtf8(kPgPassword))) {
            m_pgProblem = "PostgreSQL test server did not start: " + m_pg.errorString();
        } else {
            m_pgUp = true;
            for (const QString &sql : schema() + QStringList{"GRANT ALL ON orders TO shop_user"})
                QVERIFY2(m_pg.exec(sql), qPrintable(m_pg.errorString()));
        }
        if (!m_pgUp && serversRequired())
            QFAIL(qPrintable(m_pgProblem));
        Connection pg;
        pg.name = "postgres";
        pg.driver = "QPSQL";
        pg.host = "127.0.0.1";
        pg.port = m_pg.port();
        pg.database = "shop";
        pg.user = "shop_user";
        pg.passwordRef = "${env:FLOWBENCH_TEST_PG_PASSWORD}";
        m_env.connections.append(pg);
    }

    void cleanupTestCase()
    {
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString()));
    }

    void queries_data()
    {
        QTest::addColumn<QString>("connection");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QList<Assertion>>("checks");
        QTest::addColumn<ResultStatus>("status");
        QTest::addColumn<QString>("message");
        for (const char *driver : {"sqlite", "postgres"}) {
            const QString d = QString::fromLatin1(driver);
            QTest::addRow("%s: bound param, row_count, path, jq", driver)
                << d << "SELECT id, status, amount, note FROM orders WHERE id = :order_id"
                << QJsonObject{{"order_id", "{{order_id}}"}}
                << QList<Assertion>{assertion("row_count", {}, "==", 1), assertion("json_path", "[0].status", "==", "{{paid}}"),
                                    assertion("json_path", "[0].note", "==", QJsonValue::Null),
                                    assertion("jq", ".[0].amount == 27", "==", {})}
                << ResultStatus::Pass << "";
            QTest::addRow("%s: row_count fails", driver)
                << d << "SELECT id FROM orders WHERE status = :status" << QJsonObject{{"status", "open"}}
                << QList<Assertion>{assertion("row_count", {}, "==", 1)} << ResultStatus::Fail
                << "row_count: expected 1, got 2";
            QTest::addRow("%s: jq over rows fails", driver)
                << d << "SELECT id, amount FROM orders ORDER BY id" << QJsonObject{}
                << QList<Assertion>{assertion("jq", "map(.amount) | add == 99", "==", {})} << ResultStatus::Fail
                << "jq map(.amount) | add == 99: expected true, got false";
            QTest::addRow("%s: values are bound, never spliced", driver)
                << d << "SELECT id FROM orders WHERE status = :status" << QJsonObject{{"status", "paid' OR '1'='1"}}
                << QList<Assertion>{assertion("row_count", {}, "==", 0)} << ResultStatus::Pass << "";
            QTest::addRow("%s: numeric param", driver)
                << d << "SELECT status FROM orders WHERE id = :id" << QJsonObject{{"id", 2}}
                << QList<Assertion>{assertion("json_path", "[0].status", "==", "open")} << ResultStatus::Pass << "";
            QTest::addRow("%s: syntax error", driver)
                << d << "SELEC nothing" << QJsonObject{} << QList<Assertion>{} << ResultStatus::Error << "the query";
        }
    }

    void queries()
    {
        QFETCH(QString, connection);
        QFETCH(QString, query);
        QFETCH(QJsonObject, params);
        QFETCH(QList<Assertion>, checks);
        QFETCH(ResultStatus, status);
        QFETCH(QString, message);
        if (connection == "postgres" && !postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        const CheckOutcome outcome = runCheck(makeCheck("sql", spec(connection, query, params), checks), context());
        FLOWBENCH_COMPARE_STATUS(outcome, status);
        if (!message.isEmpty())
            QVERIFY2(outcome.message.contains(message), qPrintable(outcome.message));
        if (status != ResultStatus::Error)
            QVERIFY2(outcome.evidence.contains(" row(s)"), qPrintable(outcome.evidence));
    }

    void captures_data()
    {
        QTest::addColumn<QString>("connection");
        QTest::newRow("sqlite") << "sqlite";
        QTest::newRow("postgres") << "postgres";
    }

    void captures()
    {
        QFETCH(QString, connection);
        if (connection == "postgres" && !postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        const QList<Capture> captures{{"status", "column", "status"}, {"second", "path", "[1].id"},
                                      {"total", "jq", "map(.amount) | add"}};
        const CheckOutcome outcome = runCheck(
            makeCheck("sql", spec(connection, "SELECT id, status, amount FROM orders ORDER BY id"), {}, captures), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(outcome.captures.value("status"), QStringLiteral("paid"));
        QCOMPARE(outcome.captures.value("second"), QStringLiteral("2"));
        QCOMPARE(outcome.captures.value("total"), QStringLiteral("40.5"));
    }

    void writesRefusedWhenReadOnly_data()
    {
        QTest::addColumn<QString>("connection");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("changed"); // WHERE clause that would match if the write happened
        for (const char *driver : {"sqlite", "postgres"}) {
            QTest::addRow("%s: insert", driver) << driver << "INSERT INTO orders VALUES (90, 'hacked', 1, NULL)" << "id = 90";
            QTest::addRow("%s: update", driver) << driver << "UPDATE orders SET status = 'hacked' WHERE id = 1" << "status = 'hacked'";
            QTest::addRow("%s: delete", driver) << driver << "DELETE FROM orders WHERE id = 3" << "id = 3 AND 1 = 0";
        }
    }

    void writesRefusedWhenReadOnly()
    {
        QFETCH(QString, connection);
        QFETCH(QString, query);
        QFETCH(QString, changed);
        if (connection == "postgres" && !postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        const int before = countRows(connection, "1 = 1");
        const CheckOutcome outcome = runCheck(makeCheck("sql", spec(connection, query)), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        qInfo("%s", qPrintable(outcome.message));
        QVERIFY2(outcome.message.startsWith("writes are refused: this sql check is read-only"), qPrintable(outcome.message));
        QCOMPARE(countRows(connection, changed), 0);
        QCOMPARE(countRows(connection, "1 = 1"), before);
    }

    void allowWritesOnUnprotectedEnvironment_data() { captures_data(); }

    void allowWritesOnUnprotectedEnvironment()
    {
        QFETCH(QString, connection);
        if (connection == "postgres" && !postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        const CheckOutcome outcome = runCheck(
            makeCheck("sql", spec(connection, "INSERT INTO orders VALUES (:id, :status, 5, NULL)",
                                  QJsonObject{{"id", 50}, {"status", "new"}}, true),
                      {assertion("row_count", {}, "==", 1)}),
            context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(countRows(connection, "id = 50 AND status = 'new'"), 1);
    }

    void allowWritesRefusedOnProtectedEnvironment_data() { captures_data(); }

    void allowWritesRefusedOnProtectedEnvironment()
    {
        QFETCH(QString, connection);
        if (connection == "postgres" && !postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        m_env.name = "production";
        const CheckOutcome outcome = runCheck(
            makeCheck("sql", spec(connection, "DELETE FROM orders WHERE id = 1", {}, true)), context(true));
        m_env.name = "staging";
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message,
                 QStringLiteral("allow_writes is refused: environment \"production\" is protected, so sql checks may only read"));
        QCOMPARE(countRows(connection, "id = 1"), 1);
    }

    void concurrentExecutionsUseTheirOwnConnections_data() { captures_data(); }

    void concurrentExecutionsUseTheirOwnConnections()
    {
        QFETCH(QString, connection);
        if (connection == "postgres" && !postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        const CheckType *type = CheckRegistry::instance().type("sql");
        std::vector<std::unique_ptr<CheckExecution>> executions;
        QList<CheckOutcome> outcomes;
        const CheckContext ctx = context();
        for (int i = 1; i <= 3; ++i)
            for (int repeat = 0; repeat < 4; ++repeat) {
                const Check c = makeCheck("sql", spec(connection, "SELECT id FROM orders WHERE id = :id", QJsonObject{{"id", i}}),
                                          {assertion("json_path", "[0].id", "==", i)});
                executions.push_back(type->create(c, ctx));
                connect(executions.back().get(), &CheckExecution::finished, this,
                        [&outcomes](const CheckOutcome &o) { outcomes.append(o); });
            }
        for (auto &e : executions)
            e->start();
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 12, 60000);
        for (const CheckOutcome &o : std::as_const(outcomes))
            FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Pass);
    }

    void readOnlySelectOnProtectedEnvironment()
    {
        const CheckOutcome outcome = runCheck(
            makeCheck("sql", spec("sqlite", "SELECT id FROM orders"), {assertion("row_count", {}, ">=", 3)}), context(true));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    void missingSqliteFileIsNotCreated()
    {
        Connection missing;
        missing.name = "missing";
        missing.driver = "QSQLITE";
        missing.database = "nowhere/missing.db";
        m_env.connections.append(missing);
        const CheckOutcome outcome = runCheck(makeCheck("sql", spec("missing", "SELECT 1")), context());
        m_env.connections.removeLast();
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message,
                 QStringLiteral("SQLite database %1 does not exist").arg(QDir(m_projectDir.path()).filePath("nowhere/missing.db")));
        QVERIFY(!QFile::exists(QDir(m_projectDir.path()).filePath("nowhere/missing.db")));
    }

    // SQLite has no statement timeout of its own: spec.timeout_ms must still end a query
    // that runs on (here a recursive count that takes far longer than the bound).
    void sqliteQueryStopsAtTimeout()
    {
        QJsonObject s = spec("sqlite", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 200000000) "
                                       "SELECT count(*) AS n FROM c");
        s.insert("timeout_ms", 300);
        const CheckOutcome outcome = runCheck(makeCheck("sql", s), context(), 60000);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.contains("did not finish within 300 ms"), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(QStringLiteral("SQLite %1").arg(m_projectDir.path())), qPrintable(outcome.message));
    }

    void unknownConnection()
    {
        const CheckOutcome outcome = runCheck(makeCheck("sql", spec("warehouse", "SELECT 1")), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("spec.connection: environment \"staging\" has no connection named \"warehouse\""));
    }

    void unknownVariableInParams()
    {
        const CheckOutcome outcome = runCheck(
            makeCheck("sql", spec("sqlite", "SELECT id FROM orders WHERE id = :id", QJsonObject{{"id", "{{nope}}"}})), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("unknown variable {{nope}} in spec.params.id"));
    }

    void validation_data()
    {
        QTest::addColumn<QJsonObject>("s");
        QTest::addColumn<QString>("error");
        QTest::newRow("no connection") << QJsonObject{{"query", "SELECT 1"}} << "spec.connection: must name a connection of the environment";
        QTest::newRow("no query") << QJsonObject{{"connection", "x"}} << "spec.query: must not be empty";
        QTest::newRow("unbound placeholder")
            << QJsonObject{{"connection", "x"}, {"query", "SELECT * FROM t WHERE a = :a AND b = :b::int"}, {"params", QJsonObject{{"a", 1}}}}
            << "spec.params: the query uses :b but no value is given for it";
        QTest::newRow("allow_writes not bool")
            << QJsonObject{{"connection", "x"}, {"query", "SELECT 1"}, {"allow_writes", "yes"}} << "spec.allow_writes: must be true or false";
    }

    void validation()
    {
        QFETCH(QJsonObject, s);
        QFETCH(QString, error);
        const Status st = CheckRegistry::instance().validate(makeCheck("sql", s));
        QVERIFY(!st.ok());
        QCOMPARE(st.error(), error);
    }

    void placeholders()
    {
        QCOMPARE(SqlCheck::placeholders("SELECT :a, x::text, ':quoted' FROM t WHERE b = :b AND c = :a"),
                 QStringList({"a", "b"}));
    }

    void wrongPasswordNamesTheDatabase()
    {
        if (!postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        qputenv("FLOWBENCH_TEST_PG_WRONG", "not-the-password");
        Connection bad = *m_env.connection("postgres");
        bad.name = "badpw";
        bad.passwordRef = "${env:FLOWBENCH_TEST_PG_WRONG}";
        m_env.connections.append(bad);
        const CheckOutcome outcome = runCheck(makeCheck("sql", spec("badpw", "SELECT 1")), context());
        m_env.connections.removeLast();
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith(QStringLiteral("could not connect to PostgreSQL 127.0.0.1:%1/shop: ").arg(m_pg.port())),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains("password authentication failed"), qPrintable(outcome.message));
    }

    // Last: stops the server.
    void stoppedPostgresIsAClearError()
    {
        if (!postgresReady())
            QSKIP(qPrintable(m_pgProblem));
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString()));
        const CheckOutcome outcome = runCheck(makeCheck("sql", spec("postgres", "SELECT 1")), context());
        qInfo("%s", qPrintable(outcome.message));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith(QStringLiteral("could not connect to PostgreSQL 127.0.0.1:%1/shop: ").arg(m_pg.port())),
                 qPrintable(outcome.message));
    }
};

QTEST_GUILESS_MAIN(TestSqlCheck)
#include "tst_sqlcheck.moc"
