// The statement analyser every sql check passes before it reaches a database: one
// statement, split the way PostgreSQL or SQLite would split it, and for read-only checks
// only statements that read. No server needed: the write-attempt suite
// (tst_sqlwriteattempts) shows the same texts refused against real databases.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/sqlquery.h"
#include "checks/sqlstatementanalyzer.h"
#include "support/checkharness.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
enum class Reading { PostgreSQL, SQLite, Validation };
}
Q_DECLARE_METATYPE(Reading)

class TestSqlStatementAnalyzer : public QObject
{
    Q_OBJECT

private:
    static QString refusal(Reading reading, const QString &query, bool readOnly)
    {
        switch (reading) {
        case Reading::PostgreSQL:
            return SqlStatementAnalyzer::refusal(query, SqlDialect::PostgreSQL, readOnly);
        case Reading::SQLite:
            return SqlStatementAnalyzer::refusal(query, SqlDialect::SQLite, readOnly);
        case Reading::Validation:
            return SqlStatementAnalyzer::refusal(query, readOnly);
        }
        return QString();
    }

private slots:
    void refusal_data()
    {
        QTest::addColumn<Reading>("reading");
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("refused"); // the whole message, or a part of it; empty: runs
        const auto both = [](const char *name, const QString &query, bool readOnly, const QString &refused) {
            QTest::addRow("pg: %s", name) << Reading::PostgreSQL << query << readOnly << refused;
            QTest::addRow("sqlite: %s", name) << Reading::SQLite << query << readOnly << refused;
            QTest::addRow("validate: %s", name) << Reading::Validation << query << readOnly << refused;
        };
        const QString two = "spec.query: holds 2 statements; a sql check runs exactly one (remove the text "
                            "after the ';' at ";

        // What runs.
        both("select", "SELECT 1", true, "");
        both("lower case", "select * from orders where id = :id", true, "");
        both("trailing semicolon", "SELECT 1;", true, "");
        both("trailing comment", "SELECT 1; -- done\n", true, "");
        both("comments around", "/* head */ SELECT 1 /* a */ ; /* b */ ;", true, "");
        both("leading semicolon", " ; SELECT 1", true, "");
        both("semicolon in a string", "SELECT ';' AS s", true, "");
        both("doubled quote", "SELECT 'it''s; fine' AS s", true, "");
        both("semicolon in a quoted name", "SELECT 1 AS \"a;b\"", true, "");
        both("with", "WITH x AS (SELECT 1) SELECT * FROM x", true, "");
        both("values", "VALUES (1), (2)", true, "");
        both("table", "TABLE orders", true, "");
        both("show", "SHOW search_path", true, "");
        both("explain", "EXPLAIN SELECT 1", true, "");
        both("explain options", "EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM orders", true, "");
        both("parenthesised", "(SELECT 1) UNION (SELECT 2)", true, "");
        both("names like update", "SELECT last_update, updated_at, deleted FROM t", true, "");
        both("replace() is a function", "SELECT replace(name, 'a', 'b') FROM t", true, "");
        both("substring FOR", "SELECT substring(s FROM 1 FOR 2) FROM t", true, "");
        both("filter", "SELECT count(*) FILTER (WHERE status = 'paid') FROM orders", true, "");
        both("a column named like a function", "SELECT lo_status, set_config_name FROM t", true, "");
        both("writes with allow_writes", "INSERT INTO orders VALUES (1, 'x')", false, "");
        both("delete with allow_writes", "DELETE FROM orders WHERE id = :id", false, "");
        QTest::addRow("pg: E string") << Reading::PostgreSQL << "SELECT E'it\\'s; x' AS s" << true << "";
        QTest::addRow("pg: dollar quote") << Reading::PostgreSQL << "SELECT $$a;b$$" << true << "";
        QTest::addRow("pg: tagged dollar quote")
            << Reading::PostgreSQL << "SELECT $fn$ ; $$ ; $fn$" << true << "";
        QTest::addRow("pg: nested comment")
            << Reading::PostgreSQL << "SELECT 1 /* a /* b ; */ still ; */" << true << "";
        QTest::addRow("sqlite: [name]") << Reading::SQLite << "SELECT [a;b] FROM t" << true << "";
        QTest::addRow("sqlite: `name`") << Reading::SQLite << "SELECT `a;b` FROM t" << true << "";
        QTest::addRow("sqlite: unclosed comment at the end")
            << Reading::SQLite << "SELECT 1 /* open" << true << "";

        // More than one statement: refused for every driver, also with allow_writes.
        both("stacked", "SELECT 1; DELETE FROM t", true, two + "line 1, column 9)");
        both("stacked writes", "UPDATE t SET a = 1; DELETE FROM t", false, two + "line 1, column 19)");
        both("the issue's route",
            "SELECT 1;\nSET default_transaction_read_only = off;\nCOMMIT;\nDELETE FROM t", true,
            "spec.query: holds 4 statements; a sql check runs exactly one (remove the text after the ';' at "
            "line 1, column 9)");
        both("commit first", "COMMIT; BEGIN READ WRITE; DELETE FROM t", true, "holds 3 statements");
        both("after a comment", "SELECT 1 /* ; */ ; DELETE FROM t", true, two + "line 1, column 18)");
        both("after a string", "SELECT 'a'\n;\nDELETE FROM t", true, two + "line 2, column 1)");
        QTest::addRow("pg: after a dollar quote")
            << Reading::PostgreSQL << "SELECT $$;$$; DELETE FROM t" << true << two + "line 1, column 13)";
        QTest::addRow("pg: after an E string")
            << Reading::PostgreSQL << "SELECT E'it\\'s'; DELETE FROM t" << true << two + "line 1, column 16)";
        // SQLite ends a comment at the first */ and knows no E'…': text that PostgreSQL
        // reads as one statement is two to SQLite, which refuses it.
        QTest::addRow("sqlite: comments do not nest")
            << Reading::SQLite << "SELECT 1 /* /* */ ; DELETE FROM t -- */" << true
            << two + "line 1, column 19)";
        QTest::addRow("pg: comments nest")
            << Reading::PostgreSQL << "SELECT 1 /* /* */ ; DELETE FROM t -- */" << true << "";
        QTest::addRow("sqlite: no E strings")
            << Reading::SQLite << "SELECT e'x\\'; DELETE FROM t; --'" << true << two + "line 1, column 13)";
        QTest::addRow("pg: E string hides it")
            << Reading::PostgreSQL << "SELECT e'x\\'; DELETE FROM t; --'" << true << "";
        QTest::addRow("validate: one statement to PostgreSQL")
            << Reading::Validation << "SELECT e'x\\'; DELETE FROM t; --'" << true << "";
        QTest::addRow("validate: [name] is one statement to SQLite")
            << Reading::Validation << "SELECT [a;b] FROM t" << true << "";

        // No statement, or text the database could not read.
        both("only a comment", "-- nothing", true, "spec.query: holds no statement, only comments or ';'");
        both("only semicolons", " ; ;", false, "spec.query: holds no statement, only comments or ';'");
        both("open string", "SELECT 'open", true,
            "spec.query: a quoted string starting at line 1, column 8 is never closed");
        both("open name", "SELECT \"open", true,
            "spec.query: a quoted name starting at line 1, column 8 is never closed");
        QTest::addRow("pg: open dollar quote")
            << Reading::PostgreSQL << "SELECT 1,\n  $x$ abc" << true
            << "spec.query: a $x$ quote starting at line 2, column 3 is never closed";
        QTest::addRow("pg: open comment")
            << Reading::PostgreSQL << "SELECT 1 /* open" << true
            << "spec.query: a /* comment starting at line 1, column 10 is never closed";
        both("a typo", "SELEC nothing", true,
            "spec.query: the query starts with SELEC (line 1, column 1), which begins no SQL statement; a "
            "read-only check "
            "runs one SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN statement");

        // Read-only: the statement kinds that do not only read.
        const QString kinds
            = "; a read-only check runs one SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN statement "
              "(allow_writes lifts this on an unprotected environment)";
        both("insert", "INSERT INTO t VALUES (1)", true,
            "writes are refused: this sql check is read-only and spec.query starts with INSERT" + kinds);
        for (const char *statement :
            { "UPDATE t SET a = 1", "DELETE FROM t", "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE",
                "TRUNCATE t", "CREATE TABLE pwned (x int)", "DROP TABLE t", "ALTER TABLE t ADD c int",
                "COPY t TO PROGRAM 'touch /tmp/x'", "SET default_transaction_read_only = off", "RESET ALL",
                "BEGIN READ WRITE", "START TRANSACTION READ WRITE", "COMMIT", "ROLLBACK", "END", "ABORT",
                "CALL p()", "VACUUM", "VACUUM INTO '/tmp/copy.db'", "ANALYZE t", "LOCK t",
                "GRANT ALL ON t TO public", "PREPARE p AS DELETE FROM t", "EXECUTE p", "LISTEN c", "NOTIFY c",
                "DISCARD ALL", "REFRESH MATERIALIZED VIEW v", "PRAGMA query_only = 0",
                "ATTACH DATABASE '/tmp/x.db' AS x", "DETACH x", "REPLACE INTO t VALUES (1)",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                "SECURITY LABEL ON TABLE t IS 'x'" }) {
            const QString text = QString::fromLatin1(statement);
            both(statement, text, true,
                "writes are refused: this sql check is read-only and spec.query starts with "
                    + text.section(' ', 0, 0));
        }

        // SQLite has no $$ quotes: to it a DO block is several statements.
        QTest::addRow("pg: DO")
            << Reading::PostgreSQL << "DO $$BEGIN DELETE FROM t; END$$" << true
            << "writes are refused: this sql check is read-only and spec.query starts with DO" + kinds;
        QTest::addRow("validate: DO")
            << Reading::Validation << "DO $$BEGIN DELETE FROM t; END$$" << true
            << "writes are refused: this sql check is read-only and spec.query starts with DO" + kinds;
        QTest::addRow("sqlite: DO") << Reading::SQLite << "DO $$BEGIN DELETE FROM t; END$$" << true
                                    << "holds 2 statements";

        // Read-only: reading statements that write or act anyway.
        const QString ro = "writes are refused: this sql check is read-only and spec.query ";
        both("writing CTE", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", true,
            ro + "holds DELETE at line 1, column 12 (a data-modifying statement inside a reading one)");
        both("WITH then DELETE", "WITH x AS (SELECT 1) DELETE FROM t", true,
            ro + "holds DELETE at line 1, column 22");
        both("WITH then INSERT", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", true,
            ro + "holds INSERT");
        both("WITH then UPDATE", "with x as (select 1)\nupdate t set a = 1", true,
            ro + "holds UPDATE at line 2, column 1");
        both("SELECT INTO", "SELECT * INTO newt FROM t", true,
            ro + "holds INTO at line 1, column 10 (SELECT … INTO creates a table)");
        both("FOR UPDATE", "SELECT * FROM t FOR UPDATE", true,
            ro + "locks rows (FOR UPDATE at line 1, column 17)");
        both("FOR NO KEY UPDATE", "SELECT * FROM t FOR NO KEY UPDATE", true, ro + "locks rows (FOR NO");
        both("FOR SHARE", "SELECT * FROM t FOR SHARE", true, ro + "locks rows (FOR SHARE");
        both("EXPLAIN ANALYZE DELETE", "EXPLAIN ANALYZE DELETE FROM t", true, ro + "explains DELETE" + kinds);
        both("EXPLAIN (ANALYZE) UPDATE", "EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", true,
            ro + "explains UPDATE");

        // Read-only: calls with side effects, however the name is written.
        const auto call = [&](const char *name, const QString &query, const QString &function) {
            both(name, query, true, ro + "calls " + function + "() at ");
        };
        call("nextval", "SELECT nextval('orders_id_seq')", "nextval");
        call("setval", "SELECT setval('orders_id_seq', 1)", "setval");
        call("set_config", "SELECT set_config('default_transaction_read_only', 'off', false)", "set_config");
        call("qualified", "SELECT pg_catalog.set_config('a.b', 'c', false)", "set_config");
        call("upper case", "SELECT SET_CONFIG('a.b', 'c', false)", "SET_CONFIG");
        call("quoted name", "SELECT \"set_config\"('a.b', 'c', false)", "set_config");
        call("dblink_exec", "SELECT dblink_exec('dbname=shop', 'DELETE FROM t')", "dblink_exec");
        call("dblink in FROM", "SELECT * FROM dblink('dbname=shop', 'SELECT 1') AS t(a int)", "dblink");
        call("lo_import", "SELECT lo_import('/etc/hostname')", "lo_import");
        call("lo_export", "SELECT lo_export(1, '/tmp/x')", "lo_export");
        call("lo_from_bytea", "SELECT lo_from_bytea(0, '\\x00')", "lo_from_bytea");
        call("lowrite", "SELECT lowrite(0, 'x')", "lowrite");
        call("pg_terminate_backend", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity",
            "pg_terminate_backend");
        call("pg_cancel_backend", "SELECT pg_cancel_backend(1)", "pg_cancel_backend");
        call("pg_reload_conf", "SELECT pg_reload_conf()", "pg_reload_conf");
        call("pg_rotate_logfile", "SELECT pg_rotate_logfile()", "pg_rotate_logfile");
        call("pg_file_write", "SELECT pg_file_write('x', 'y', false)", "pg_file_write");
        call("pg_switch_wal", "SELECT pg_switch_wal()", "pg_switch_wal");
        call("pg_notify", "SELECT pg_notify('c', 'x')", "pg_notify");
        call("advisory lock", "SELECT pg_advisory_lock(1)", "pg_advisory_lock");
        call("try advisory lock", "SELECT pg_try_advisory_xact_lock(1)", "pg_try_advisory_xact_lock");
        call("replication slot", "SELECT pg_create_logical_replication_slot('s', 'test_decoding')",
            "pg_create_logical_replication_slot");
        call("stat reset", "SELECT pg_stat_reset()", "pg_stat_reset");
        call("in VALUES", "VALUES (nextval('s'))", "nextval");
        call("load_extension", "SELECT load_extension('/tmp/evil.so')", "load_extension");
        call("writefile", "SELECT writefile('/tmp/x', 'y')", "writefile");
        QTest::addRow("pg: unicode escapes spell set_config")
            << Reading::PostgreSQL << "SELECT U&\"\\0073et_config\"('a.b', 'c', false)" << true
            << ro + "calls set_config() at ";
        QTest::addRow("pg: UESCAPE spells set_config")
            << Reading::PostgreSQL << "SELECT U&\"!0073et_config\" UESCAPE '!' ('a.b', 'c', false)" << true
            << ro + "calls set_config() at ";
        QTest::addRow("pg: the call's reason")
            << Reading::PostgreSQL << "SELECT dblink_exec('x', 'DELETE FROM t')" << true
            << ro
                + "calls dblink_exec() at line 1, column 8, which runs SQL over a "
                  "connection of its own, outside the check's read-only transaction";
    }

    void refusal()
    {
        QFETCH(Reading, reading);
        QFETCH(QString, query);
        QFETCH(bool, readOnly);
        QFETCH(QString, refused);
        const QString actual = refusal(reading, query, readOnly);
        if (refused.isEmpty())
            QVERIFY2(actual.isEmpty(), qPrintable(actual));
        else
            QVERIFY2(actual.contains(refused),
                qPrintable(QStringLiteral("got: %1\nwanted: %2").arg(actual, refused)));
    }

    // validate and import refuse what a run refuses, with the same message.
    void validateRefusesTheSame_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("allowWrites");
        QTest::newRow("stacked") << "SELECT 1; SET default_transaction_read_only = off; COMMIT; DELETE FROM t"
                                 << false;
        QTest::newRow("stacked writes") << "UPDATE t SET a = 1; DELETE FROM t" << true;
        QTest::newRow("read-only insert") << "INSERT INTO t VALUES (1)" << false;
        QTest::newRow("dblink") << "SELECT dblink_exec('x', 'DELETE FROM t')" << false;
    }

    void validateRefusesTheSame()
    {
        QFETCH(QString, query);
        QFETCH(bool, allowWrites);
        const Status valid = CheckRegistry::instance().validate(makeCheck("sql",
            QJsonObject { { "connection", "db" }, { "query", query }, { "allow_writes", allowWrites } }));
        QVERIFY(!valid.ok());
        QCOMPARE(valid.error(), SqlStatementAnalyzer::refusal(query, SqlDialect::PostgreSQL, !allowWrites));
        QCOMPARE(valid.error(), SqlStatementAnalyzer::refusal(query, SqlDialect::SQLite, !allowWrites));
    }

    void placeholders_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("casts and quotes")
            << "SELECT :a, x::text, ':quoted' FROM t WHERE b = :b AND c = :a" << QStringList { "a", "b" };
        QTest::newRow("hidden places") << "SELECT ':a', \":b\", $$ :c $$, E' \\' :d', /* :e */ :f -- :g\n"
                                       << QStringList { "f" };
        QTest::newRow("slice is not a name")
            << "SELECT arr[1:2] FROM t WHERE id = :id" << QStringList { "id" };
        QTest::newRow("cast after a placeholder") << "SELECT :n::int + :m" << QStringList { "n", "m" };
    }

    void placeholders()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, names);
        QCOMPARE(SqlStatementAnalyzer::placeholders(query), names);
    }

    void positional()
    {
        const auto p = SqlStatementAnalyzer::positional("SELECT :a, ':a', :b, :a::int -- :c");
        QCOMPARE(p.text, QStringLiteral("SELECT $1, ':a', $2, $1::int -- :c"));
        QCOMPARE(p.names, QStringList({ "a", "b" }));
    }

    void statementText()
    {
        QCOMPARE(
            SqlStatementAnalyzer::statementText("  -- head\n SELECT 1 ; /* tail */ ", SqlDialect::SQLite),
            QStringLiteral("SELECT 1"));
        QCOMPARE(SqlStatementAnalyzer::statementText("SELECT 1; SELECT 2", SqlDialect::SQLite),
            QStringLiteral("SELECT 1; SELECT 2"));
    }

    // Qt's SQLite driver refuses any text after the statement, comments included: the
    // check hands it the statement alone, so what the analyser allows runs.
    void sqliteRunsTheStatementAlone()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "analyzer-sqlite");
            db.setDatabaseName(dir.filePath("t.db"));
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec("CREATE TABLE t (x)"));
        }
        QSqlDatabase::removeDatabase("analyzer-sqlite");
        SqlRequest request;
        request.connection.name = "lite";
        request.connection.driver = "QSQLITE";
        request.connection.database = dir.filePath("t.db");
        request.query = "/* head */ SELECT 1 AS one; -- done\n/* tail */ ;";
        const SqlResponse response = runSqlQuery(request);
        QVERIFY2(response.ok, qPrintable(response.error));
        QCOMPARE(response.rows.first().toObject().value("one").toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSqlStatementAnalyzer)
#include "tst_sqlstatementanalyzer.moc"
