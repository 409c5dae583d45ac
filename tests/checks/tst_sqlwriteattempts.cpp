// Every way we know to make a read-only sql check change data, tried for real: against a
// PostgreSQL 15 started here (as an app role that may write the tables, as a superuser and
// as a proper read-only role; on a protected and an unprotected environment) and against
// a SQLite file. Each attempt must end as an error whose message says why, and a checksum
// of everything a write could touch (rows, sequences, large objects, roles, settings,
// grants, files) must be the same after it as before.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "support/checkharness.h"
#include "support/postgresserver.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// Which layer is expected to refuse: the statement analyser before anything is sent, or
// the server (read-only transaction, privileges) for what only it can see.
enum class Guard { Analyser, Server };

struct Route
{
    const char *name;
    QString query; // %TMP% is a private folder, %DBLINK% a connection string of app_writer
    Guard guard;
    const char *serverSays = nullptr; // the server's own reason, when not the read-only transaction's
};

const QStringList kRoles { "app_writer", "su_check", "reader" };
const char kChecksumConnection[] = "write-attempts-checksum";

QList<Route> postgresRoutes()
{
    using G = Guard;
    return {
        { "update", "UPDATE orders SET status = 'hacked'", G::Analyser },
        { "delete", "DELETE FROM orders", G::Analyser },
        { "insert", "INSERT INTO orders (status, amount) VALUES ('hacked', 1)", G::Analyser },
        { "truncate", "TRUNCATE orders", G::Analyser },
        { "merge", "MERGE INTO orders o USING (SELECT 1 AS id) s ON o.id = s.id WHEN MATCHED THEN DELETE",
            G::Analyser },
        { "writing CTE", "WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d", G::Analyser },
        { "WITH then DELETE", "WITH x AS (SELECT 1) DELETE FROM orders", G::Analyser },
        { "SELECT INTO", "SELECT * INTO pwned FROM orders", G::Analyser },
        { "nextval", "SELECT nextval('orders_id_seq')", G::Analyser },
        { "setval", "SELECT setval('orders_id_seq', 1000)", G::Analyser },
        { "writing function", "SELECT bump_orders()", G::Server },
        { "writing function in FROM", "SELECT * FROM bump_orders()", G::Server },
        { "writing function in VALUES", "VALUES ((SELECT bump_orders()))", G::Server },
        { "SECURITY DEFINER function", "SELECT definer_bump()", G::Server },
        { "query_to_xml runs a DELETE",
            "SELECT query_to_xml('DELETE FROM orders RETURNING id', true, false, '')", G::Server,
            "DELETE is not allowed in a non-volatile function" },
        { "EXPLAIN ANALYZE runs a writing function", "EXPLAIN ANALYZE SELECT bump_orders()", G::Server },
        { "procedure", "CALL wipe()", G::Analyser },
        { "DO block", "DO $$BEGIN DELETE FROM orders; END$$", G::Analyser },
        { "stacked: read-only off",
            "SELECT 1; SET default_transaction_read_only = off; COMMIT; DELETE FROM orders", G::Analyser },
        { "stacked: BEGIN READ WRITE", "COMMIT; BEGIN READ WRITE; DELETE FROM orders; COMMIT", G::Analyser },
        { "stacked: session characteristics",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; COMMIT; INSERT INTO orders (status) "
            "VALUES ('x')",
            G::Analyser },
        { "stacked: RESET ALL", "RESET ALL; COMMIT; DELETE FROM orders", G::Analyser },
        { "stacked behind a comment", "SELECT 1 /* ; */ ; DELETE FROM orders", G::Analyser },
        { "stacked behind a dollar quote", "SELECT $$;$$; DELETE FROM orders", G::Analyser },
        { "stacked behind an E string", "SELECT E'it\\'s'; DELETE FROM orders", G::Analyser },
        { "create table", "CREATE TABLE pwned (x int)", G::Analyser },
        { "alter role", "ALTER ROLE app_writer SUPERUSER", G::Analyser },
        { "grant", "GRANT ALL ON orders TO PUBLIC", G::Analyser },
        { "lock table", "LOCK orders IN ACCESS EXCLUSIVE MODE", G::Analyser },
        { "COPY TO PROGRAM", "COPY (SELECT 1) TO PROGRAM 'touch %TMP%/copy-program-ran'", G::Analyser },
        { "COPY TO file", "COPY orders TO '%TMP%/copy-file'", G::Analyser },
        { "lo_import", "SELECT lo_import('/etc/passwd')", G::Analyser },
        { "lo_from_bytea", "SELECT lo_from_bytea(0, 'x')", G::Analyser },
        { "lo_export", "SELECT lo_export(oid, '%TMP%/lo-export') FROM pg_largeobject_metadata", G::Analyser },
        { "dblink_exec", "SELECT dblink_exec('%DBLINK%', 'DELETE FROM orders')", G::Analyser },
        { "dblink", "SELECT * FROM dblink('%DBLINK%', 'DELETE FROM orders RETURNING id') AS t(id int)",
            G::Analyser },
        { "set_config", "SELECT set_config('default_transaction_read_only', 'off', false)", G::Analyser },
        { "set_config spelt in escapes",
            "SELECT U&\"\\0073et_config\"('default_transaction_read_only', 'off', false)", G::Analyser },
        { "FOR UPDATE", "SELECT * FROM orders FOR UPDATE", G::Analyser },
        { "advisory lock", "SELECT pg_advisory_lock(42)", G::Analyser },
        { "notify", "SELECT pg_notify('c', 'x')", G::Analyser },
        { "terminate backends",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()",
            G::Analyser },
        { "EXPLAIN ANALYZE DELETE", "EXPLAIN ANALYZE DELETE FROM orders", G::Analyser },
        { "prepare", "PREPARE p AS DELETE FROM orders", G::Analyser },
    };
}

QList<Route> sqliteRoutes()
{
    using G = Guard;
    return {
        { "update", "UPDATE orders SET status = 'hacked'", G::Analyser },
        { "delete", "DELETE FROM orders", G::Analyser },
        { "insert", "INSERT INTO orders VALUES (9, 'hacked', 1)", G::Analyser },
        { "upsert", "INSERT INTO orders VALUES (1, 'x', 1) ON CONFLICT DO NOTHING", G::Analyser },
        { "replace", "REPLACE INTO orders VALUES (1, 'hacked', 1)", G::Analyser },
        { "writing CTE", "WITH x AS (SELECT 1) DELETE FROM orders", G::Analyser },
        { "create table", "CREATE TABLE pwned (x)", G::Analyser },
        { "drop table", "DROP TABLE orders", G::Analyser },
        { "ATTACH", "ATTACH DATABASE '%TMP%/attached.db' AS x", G::Analyser },
        { "PRAGMA query_only = 0", "PRAGMA query_only = 0", G::Analyser },
        { "PRAGMA writable_schema", "PRAGMA writable_schema = 1", G::Analyser },
        { "load_extension", "SELECT load_extension('%TMP%/nothing.so')", G::Analyser },
        { "writefile", "SELECT writefile('%TMP%/written', 'x')", G::Analyser },
        { "VACUUM INTO", "VACUUM INTO '%TMP%/copy.db'", G::Analyser },
        { "VACUUM", "VACUUM", G::Analyser },
        { "ANALYZE", "ANALYZE", G::Analyser },
        { "REINDEX", "REINDEX", G::Analyser },
        { "BEGIN IMMEDIATE", "BEGIN IMMEDIATE", G::Analyser },
        { "stacked", "SELECT 1; DELETE FROM orders", G::Analyser },
        { "stacked: query_only off", "PRAGMA query_only = 0; DELETE FROM orders", G::Analyser },
        { "stacked behind a comment (SQLite's do not nest)", "SELECT 1 /* /* */ ; DELETE FROM orders -- */",
            G::Analyser },
        { "stacked behind an E string (SQLite has none)", "SELECT e'x\\'; DELETE FROM orders; --'",
            G::Analyser },
    };
}

bool analyserRefusal(const QString &message)
{
    return message.startsWith("writes are refused: this sql check is read-only and spec.query")
        || message.startsWith("spec.query: holds");
}

} // namespace

Q_DECLARE_METATYPE(Guard)

class TestSqlWriteAttempts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir; // SQLite file, files a route might create
    PostgresServer m_pg;
    bool m_pgUp = false;
    QString m_pgProblem;
    Environment m_env;

    QString expand(QString query) const
    {
        return query.replace("%TMP%", m_dir.path())
            .replace("%DBLINK%",
                QStringLiteral("host=127.0.0.1 port=%1 dbname=shop user=app_writer password=writer-pw")
                    .arg(m_pg.port()));
    }
    CheckContext context(bool protectedEnvironment)
    {
        m_env.isProtected = protectedEnvironment;
        m_env.name = protectedEnvironment ? "production" : "staging";
        CheckContext c;
        c.environment = &m_env;
        c.projectDir = m_dir.path();
        return c;
    }
    // Files a route might have created or changed in the private folder.
    QString files() const
    {
        QStringList list;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            const QByteArray bytes = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(unreadable)");
            list << QDir(m_dir.path()).relativeFilePath(path) + "="
                    + QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        }
        list.sort();
        return list.join('\n');
    }
    // Everything on the server a write could touch, as text.
    QString postgresChecksum()
    {
        QSqlQuery q(QSqlDatabase::database(kChecksumConnection));
        QStringList parts;
        const auto one = [&](const QString &sql) {
            if (!q.exec(sql) || !q.next())
                return "(failed: " + q.lastError().text() + ")";
            return q.value(0).toString();
        };
        QStringList tables;
        if (q.exec("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                   "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
            while (q.next())
                tables << q.value(0).toString();
        parts << "tables: " + tables.join(',');
        for (const QString &table : std::as_const(tables))
            parts << table + ": "
                    + one("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table
                        + " t");
        parts << "sequences: "
                + one("SELECT string_agg(sequencename || '=' || coalesce(last_value::text, '-'), ',' ORDER "
                      "BY 1) FROM pg_sequences");
        parts << "large objects: " + one("SELECT count(*) FROM pg_largeobject_metadata");
        parts << "roles: "
                + one("SELECT string_agg(rolname || ':' || rolsuper, ',' ORDER BY rolname) FROM pg_roles");
        parts << "databases: " + one("SELECT string_agg(datname, ',' ORDER BY 1) FROM pg_database");
        parts << "functions: "
                + one("SELECT string_agg(p.oid::regprocedure::text || md5(p.prosrc), ',' ORDER BY 1) FROM "
                      "pg_proc p "
                      "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'");
        parts << "grants: "
                + one("SELECT md5(string_agg(c.relname || coalesce(c.relacl::text, ''), ',' ORDER BY "
                      "c.relname)) FROM pg_class c "
                      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'");
        parts << "role settings: "
                + one("SELECT coalesce(string_agg(setconfig::text, ','), '') FROM pg_db_role_setting");
        parts << "file settings: "
                + one("SELECT md5(coalesce(string_agg(name || '=' || coalesce(setting, ''), ',' ORDER BY "
                      "name), '')) FROM pg_file_settings");
        parts << "advisory locks: " + one("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'");
        parts << "files:\n" + files();
        return parts.join('\n');
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pgProblem = m_pg.startOrWhyNot("shop", "shop_owner", "owner-pw");
        m_pgUp = m_pgProblem.isEmpty();
        if (!m_pgUp && serversRequired())
            QFAIL(qPrintable(m_pgProblem));
        // The server runs as another user (postgres, when the tests run as root): it may
        // write here, so a route that writes a file would leave it if it were not refused.
        QVERIFY(QFile::setPermissions(m_dir.path(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                | QFileDevice::WriteOther | QFileDevice::ExeOther));
        if (m_pgUp) {
            const QStringList setup {
                "CREATE EXTENSION dblink",
                "CREATE ROLE app_writer LOGIN PASSWORD 'writer-pw'",
                "CREATE ROLE su_check LOGIN SUPERUSER PASSWORD 'super-pw'",
                "CREATE ROLE reader LOGIN PASSWORD 'reader-pw'",
                "CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL, amount numeric(10,2))",
                "INSERT INTO orders (status, amount) VALUES ('paid', 27), ('open', 3.5), ('open', 10)",
                "CREATE TABLE audit (id bigserial PRIMARY KEY, note text)",
                "INSERT INTO audit (note) VALUES ('seeded')",
                "SELECT lo_from_bytea(0, 'a large object')",
                "CREATE FUNCTION bump_orders() RETURNS int LANGUAGE plpgsql AS $$BEGIN UPDATE orders SET "
                "status = 'bumped'; RETURN 1; END$$",
                "CREATE FUNCTION definer_bump() RETURNS int LANGUAGE plpgsql SECURITY DEFINER AS $$BEGIN "
                "DELETE FROM orders; RETURN 1; END$$",
                "CREATE PROCEDURE wipe() LANGUAGE sql AS $$DELETE FROM orders$$",
                // app_writer: what an application role usually has.
                "GRANT CONNECT ON DATABASE shop TO app_writer, reader",
                "GRANT USAGE ON SCHEMA public TO app_writer, reader",
                "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO app_writer",
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO app_writer",
                // reader: the read-only role docs/safety.md describes.
                "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
                "REVOKE EXECUTE ON ALL PROCEDURES IN SCHEMA public FROM PUBLIC",
                "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO app_writer",
                "GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA public TO app_writer",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader",
                "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO reader",
                "GRANT EXECUTE ON FUNCTION definer_bump() TO reader",
            };
            for (const QString &sql : setup)
                QVERIFY2(m_pg.exec(sql), qPrintable(m_pg.errorString()));
            QSqlDatabase db = QSqlDatabase::addDatabase("QPSQL", kChecksumConnection);
            db.setHostName("127.0.0.1");
            db.setPort(m_pg.port());
            db.setDatabaseName("shop");
            db.setUserName("su_check");
            db.setPassword("super-pw");
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            qputenv("FLOWBENCH_WA_APP_WRITER", "writer-pw");
            qputenv("FLOWBENCH_WA_SU_CHECK", "super-pw");
            qputenv("FLOWBENCH_WA_READER", "reader-pw");
            for (const QString &role : kRoles) {
                Connection c;
                c.name = role;
                c.driver = "QPSQL";
                c.host = "127.0.0.1";
                c.port = m_pg.port();
                c.database = "shop";
                c.user = role;
                c.passwordRef = "${env:FLOWBENCH_WA_" + role.toUpper() + "}";
                m_env.connections.append(c);
            }
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "write-attempts-sqlite");
            db.setDatabaseName(QDir(m_dir.path()).filePath("shop.db"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *sql :
                { "CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, amount NUMERIC)",
                    "INSERT INTO orders VALUES (1, 'paid', 27), (2, 'open', 3.5)" })
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase("write-attempts-sqlite");
        Connection lite;
        lite.name = "sqlite";
        lite.driver = "QSQLITE";
        lite.database = "shop.db";
        m_env.connections.append(lite);
    }

    void cleanupTestCase()
    {
        QSqlDatabase::removeDatabase(kChecksumConnection);
        QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString()));
    }

    void postgres_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("protectedEnvironment");
        QTest::addColumn<QString>("query");
        QTest::addColumn<Guard>("guard");
        QTest::addColumn<QString>("serverSays");
        for (const Route &route : postgresRoutes())
            for (const QString &role : kRoles)
                for (const bool protectedEnvironment : { false, true })
                    QTest::addRow("%s as %s, %s", route.name, qPrintable(role),
                        protectedEnvironment ? "protected" : "unprotected")
                        << role << protectedEnvironment << route.query << route.guard
                        << QString::fromUtf8(route.serverSays);
    }

    void postgres()
    {
        QFETCH(QString, role);
        QFETCH(bool, protectedEnvironment);
        QFETCH(QString, query);
        QFETCH(Guard, guard);
        QFETCH(QString, serverSays);
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const QString before = postgresChecksum();
        const CheckOutcome outcome
            = runCheck(makeCheck("sql", QJsonObject { { "connection", role }, { "query", expand(query) } }),
                context(protectedEnvironment));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        const QString &m = outcome.message;
        if (guard == Guard::Analyser)
            QVERIFY2(analyserRefusal(m), qPrintable(m));
        else if (protectedEnvironment && role != "reader")
            QVERIFY2(m.startsWith(
                         QStringLiteral("environment \"production\" is protected, and role %1 on PostgreSQL")
                             .arg(role)),
                qPrintable(m));
        else
            QVERIFY2(m.startsWith("writes are refused: this sql check is read-only (set allow_writes")
                    || (role == "reader" && m.contains("permission denied"))
                    || (!serverSays.isEmpty() && m.endsWith("the query failed: " + serverSays)),
                qPrintable(m));
        QCOMPARE(postgresChecksum(), before);
    }

    void sqlite_data()
    {
        QTest::addColumn<bool>("protectedEnvironment");
        QTest::addColumn<QString>("query");
        for (const Route &route : sqliteRoutes())
            for (const bool protectedEnvironment : { false, true })
                QTest::addRow("%s, %s", route.name, protectedEnvironment ? "protected" : "unprotected")
                    << protectedEnvironment << route.query;
    }

    void sqlite()
    {
        QFETCH(bool, protectedEnvironment);
        QFETCH(QString, query);
        const QString before = files();
        const CheckOutcome outcome = runCheck(
            makeCheck("sql", QJsonObject { { "connection", "sqlite" }, { "query", expand(query) } }),
            context(protectedEnvironment));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(analyserRefusal(outcome.message), qPrintable(outcome.message));
        QCOMPARE(files(), before);
    }

    // allow_writes is refused on a protected environment whatever the role.
    void allowWritesOnProtected_data()
    {
        QTest::addColumn<QString>("connection");
        for (const QString &c : kRoles + QStringList { "sqlite" })
            QTest::newRow(qPrintable(c)) << c;
    }

    void allowWritesOnProtected()
    {
        QFETCH(QString, connection);
        if (connection != "sqlite" && !m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const QString before = connection == "sqlite" ? files() : postgresChecksum();
        const CheckOutcome outcome
            = runCheck(makeCheck("sql",
                           QJsonObject { { "connection", connection }, { "query", "DELETE FROM orders" },
                               { "allow_writes", true } }),
                context(true));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message,
            QStringLiteral("allow_writes is refused: environment \"production\" is protected, so sql checks "
                           "may only read"));
        QCOMPARE(connection == "sqlite" ? files() : postgresChecksum(), before);
    }

    // A role made as docs/safety.md says runs on a protected environment and reads right.
    void readerRunsOnProtected()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const CheckOutcome outcome = runCheck(
            makeCheck("sql",
                QJsonObject { { "connection", "reader" },
                    { "query", "SELECT id, status, amount FROM orders ORDER BY id" } },
                { assertion("row_count", {}, "==", 3), assertion("json_path", "[0].status", "==", "paid"),
                    assertion("json_path", "[1].amount", "==", 3.5),
                    assertion("jq", "map(.amount) | add == 40.5", "==", {}) }),
            context(true));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY2(outcome.warnings.isEmpty(), qPrintable(outcome.warnings.join('\n')));
    }

    // The checksum is not blind: each kind of change the routes aim at shows in it.
    // Runs last: it writes (allow_writes, unprotected, as the superuser).
    void checksumSeesWrites_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("a row") << "UPDATE audit SET note = note || '!'";
        QTest::newRow("a sequence") << "SELECT nextval('audit_id_seq')";
        QTest::newRow("a large object") << "SELECT lo_from_bytea(0, 'more')";
        QTest::newRow("a table") << "CREATE TABLE extra (x int)";
        QTest::newRow("a role setting") << "ALTER ROLE reader SET statement_timeout = '1min'";
        QTest::newRow("a grant") << "GRANT SELECT ON audit TO PUBLIC";
        QTest::newRow("a file") << "COPY (SELECT 1) TO '%TMP%/copied'";
    }

    void checksumSeesWrites()
    {
        QFETCH(QString, query);
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const QString before = postgresChecksum();
        const CheckOutcome outcome = runCheck(makeCheck("sql",
                                                  QJsonObject { { "connection", "su_check" },
                                                      { "query", expand(query) }, { "allow_writes", true } }),
            context(false));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY(postgresChecksum() != before);
    }
};

QTEST_GUILESS_MAIN(TestSqlWriteAttempts)
#include "tst_sqlwriteattempts.moc"
