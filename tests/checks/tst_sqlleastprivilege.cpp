// Least privilege, checked: before a read-only sql check runs on PostgreSQL it asks what
// its role may do. A protected environment refuses a role that could write or reach the
// server's files and programs, naming the role and the role to create; an unprotected
// one runs the check and warns once per run (Runner::warnings, `flowbench-cli run`).
#undef QT_NO_CAST_FROM_ASCII
#include "checks/pgroleverdict.h"
#include "run/runner.h"
#include "store/projectstore.h"
#include "support/checkharness.h"
#include "support/cliprocess.h"
#include "support/postgresserver.h"
#include "support/testenv.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>
#include <atomic>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const QStringList kRoles { "app_writer", "su_check", "reader", "exec_member", "file_writer", "all_writer",
    "role_maker", "rls_bypass", "dblink_user", "column_writer" };
const char kSelect[] = "SELECT id, status FROM orders ORDER BY id";
} // namespace

class TestSqlLeastPrivilege : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PostgresServer m_pg;
    bool m_pgUp = false;
    QString m_pgProblem;
    Environment m_env;

    QString where() const { return QStringLiteral("PostgreSQL 127.0.0.1:%1/shop").arg(m_pg.port()); }
    CheckContext context(bool protectedEnvironment)
    {
        m_env.isProtected = protectedEnvironment;
        m_env.name = protectedEnvironment ? "production" : "staging";
        CheckContext c;
        c.environment = &m_env;
        return c;
    }
    static Check select(const QString &connection)
    {
        return makeCheck("sql", QJsonObject { { "connection", connection }, { "query", kSelect } },
            { assertion("json_path", "[0].status", "==", "paid") });
    }
    // A project of `cases` test cases, one sql check each, over `connection`.
    Project project(const QString &connection, int cases) const
    {
        Project p;
        p.name = "least privilege";
        Node node;
        node.id = newId();
        node.kind = NodeKind::Table;
        node.name = "orders";
        p.nodes << node;
        for (int i = 0; i < cases; ++i) {
            TestCase t;
            t.id = newId();
            t.nodeId = node.id;
            t.title = QStringLiteral("orders readable %1").arg(i);
            t.automated = true;
            t.position = i;
            t.checks << select(connection);
            p.testCases << t;
        }
        for (const bool isProtected : { false, true }) {
            Environment e = m_env;
            e.id = newId();
            e.name = isProtected ? "production" : "staging";
            e.isProtected = isProtected;
            p.environments << e;
        }
        return p;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pgProblem = m_pg.startOrWhyNot("shop", "shop_owner", "owner-pw");
        m_pgUp = m_pgProblem.isEmpty();
        if (!m_pgUp) {
            if (serversRequired())
                QFAIL(qPrintable(m_pgProblem));
            return;
        }
        QStringList setup {
            "CREATE EXTENSION dblink",
            "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC",
            "CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL)",
            "INSERT INTO orders (status) VALUES ('paid'), ('open')",
            "CREATE TABLE audit (id bigserial PRIMARY KEY, note text)",
            "CREATE SCHEMA billing",
            "CREATE TABLE billing.invoices (id int PRIMARY KEY)",
            "CREATE TABLE billing.refunds (id int PRIMARY KEY)",
            "CREATE ROLE su_check LOGIN SUPERUSER PASSWORD 'pw'",
            "CREATE ROLE role_maker LOGIN CREATEROLE PASSWORD 'pw'",
            "CREATE ROLE rls_bypass LOGIN BYPASSRLS PASSWORD 'pw'",
        };
        for (const QString &role : kRoles)
            if (role != "su_check" && role != "role_maker" && role != "rls_bypass")
                setup << "CREATE ROLE " + role + " LOGIN PASSWORD 'pw'";
        for (const QString &role : kRoles)
            setup << "GRANT CONNECT ON DATABASE shop TO " + role
                  << "GRANT USAGE ON SCHEMA public, billing TO " + role
                  << "GRANT SELECT ON ALL TABLES IN SCHEMA public, billing TO " + role;
        setup << "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, billing TO app_writer"
              << "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO app_writer"
              << "GRANT pg_execute_server_program TO exec_member"
              << "GRANT pg_write_server_files TO file_writer"
              << "GRANT pg_write_all_data TO all_writer"
              << "GRANT EXECUTE ON FUNCTION dblink_exec(text, text) TO dblink_user"
              << "GRANT UPDATE (status) ON orders TO column_writer";
        for (const QString &sql : std::as_const(setup))
            QVERIFY2(m_pg.exec(sql), qPrintable(m_pg.errorString()));
        qputenv("FLOWBENCH_LP_PASSWORD", "pw");
        for (const QString &role : kRoles) {
            Connection c;
            c.name = role;
            c.driver = "QPSQL";
            c.host = "127.0.0.1";
            c.port = m_pg.port();
            c.database = "shop";
            c.user = role;
            c.passwordRef = "${env:FLOWBENCH_LP_PASSWORD}";
            m_env.connections.append(c);
        }
    }

    void cleanupTestCase() { QVERIFY2(m_pg.stop(), qPrintable(m_pg.errorString())); }

    void verdicts_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("powers"); // empty: a role that can only read
        QTest::newRow("reader") << "reader"
                                << "";
        QTest::newRow("app role")
            << "app_writer"
            << "can write 4 tables (billing.invoices, billing.refunds, public.audit, …) and can "
               "advance 2 sequences (public.audit_id_seq, public.orders_id_seq)";
        QTest::newRow("superuser") << "su_check"
                                   << "is a superuser:";
        QTest::newRow("server programs") << "exec_member"
                                         << "is a member of pg_execute_server_program";
        QTest::newRow("server files") << "file_writer"
                                      << "is a member of pg_write_server_files";
        QTest::newRow("write all data") << "all_writer"
                                        << "is a member of pg_write_all_data, can write 4 tables";
        QTest::newRow("createrole") << "role_maker"
                                    << "can create roles and grant itself theirs (CREATEROLE)";
        QTest::newRow("bypassrls") << "rls_bypass"
                                   << "bypasses row-level security (BYPASSRLS)";
        QTest::newRow("one column") << "column_writer" << "can write 1 table (public.orders):";
        QTest::newRow("dblink") << "dblink_user"
                                << "can run dblink_exec (SQL over a connection of its own)";
    }

    void verdicts()
    {
        QFETCH(QString, role);
        QFETCH(QString, powers);
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        const CheckOutcome onProtected = runCheck(select(role), context(true));
        const CheckOutcome onUnprotected = runCheck(select(role), context(false));
        // Unprotected: the check runs, read-only, and the run hears about the role once.
        FLOWBENCH_COMPARE_STATUS(onUnprotected, ResultStatus::Pass);
        if (powers.isEmpty()) {
            FLOWBENCH_COMPARE_STATUS(onProtected, ResultStatus::Pass);
            QVERIFY2(onProtected.warnings.isEmpty() && onUnprotected.warnings.isEmpty(),
                qPrintable(onUnprotected.warnings.join('\n')));
            return;
        }
        FLOWBENCH_COMPARE_STATUS(onProtected, ResultStatus::Error);
        const QString head = QStringLiteral("environment \"production\" is protected, and role %1 on %2 ")
                                 .arg(role, where());
        QVERIFY2(onProtected.message.startsWith(head + powers), qPrintable(onProtected.message));
        QVERIFY2(onProtected.message.endsWith(
                     ": sql checks there run only over a role that can only read. Create one (CREATE ROLE "
                     "flowbench_reader "
                     "LOGIN PASSWORD '…'; GRANT CONNECT ON DATABASE shop TO flowbench_reader; GRANT USAGE ON "
                     "SCHEMA public TO "
                     "flowbench_reader; GRANT SELECT ON ALL TABLES IN SCHEMA public TO flowbench_reader; see "
                     "docs/safety.md) and use it in connection \""
                     + role + "\""),
            qPrintable(onProtected.message));
        QCOMPARE(onUnprotected.warnings.size(), 1);
        const QString &warning = onUnprotected.warnings.first();
        QVERIFY2(warning.startsWith(QStringLiteral("role %1 on %2 %3").arg(role, where(), powers)),
            qPrintable(warning));
        QVERIFY2(
            warning.endsWith(
                ": its sql checks still run read-only, but a protected environment would refuse this role "
                "(docs/safety.md shows how to create one that can only read)"),
            qPrintable(warning));
    }

    // One verdict per run and connection: concurrent checks wait for the first answer;
    // a failed answer is not kept.
    void verdictsAreAskedOnce()
    {
        PgRoleVerdicts verdicts;
        std::atomic<int> asked { 0 };
        const auto audit = [&asked] {
            ++asked;
            QThread::msleep(50);
            PgRoleVerdict v;
            v.role = "r";
            return Result<PgRoleVerdict>(v);
        };
        QList<QFuture<bool>> futures;
        for (int i = 0; i < 8; ++i)
            futures << QtConcurrent::run([&] { return verdicts.verdict("db as r", audit).ok(); });
        for (auto &f : futures)
            QVERIFY(f.result());
        QCOMPARE(asked.load(), 1);
        QVERIFY(
            verdicts.verdict("other", [] { return Result<PgRoleVerdict>::failure("no"); }).error() == "no");
        QVERIFY(verdicts.verdict("other", audit).ok());
        QCOMPARE(asked.load(), 2);
    }

    // Through the runner: three checks over one writer role, one warning for the run.
    void runnerWarnsOncePerRun()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        QNetworkAccessManager network;
        Runner runner(&network);
        QSignalSpy raised(&runner, &Runner::warningRaised);
        QSignalSpy finished(&runner, &Runner::finished);
        RunOptions options;
        options.environment = "staging";
        const Status started = runner.start(project("app_writer", 3), options);
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY(finished.wait(60000));
        for (const CheckResult &r : runner.results())
            QVERIFY2(r.status == ResultStatus::Pass, qPrintable(r.message));
        QCOMPARE(runner.results().size(), 3);
        QCOMPARE(runner.warnings().size(), 1);
        QCOMPARE(raised.count(), 1);
        QVERIFY2(
            runner.warnings().first().startsWith("role app_writer on " + where() + " can write 4 tables"),
            qPrintable(runner.warnings().first()));
    }

    void cliPrintsTheWarningOnce()
    {
        if (!m_pgUp)
            QSKIP(qPrintable(m_pgProblem));
        QVERIFY(!cliPath().isEmpty()); // set by CTest: FLOWBENCH_CLI
        const QString path = m_dir.filePath("least.flowbench");
        {
            auto store = ProjectStore::create(path, "least privilege");
            QVERIFY2(store.ok(), qPrintable(store.error()));
            const Status replaced = store.value()->replaceContents(project("app_writer", 3));
            QVERIFY2(replaced.ok(), qPrintable(replaced.error()));
        }
        const CliOutcome unprotected = runCli({ "run", path, "--env", "staging" }, QString(), 120000);
        QCOMPARE(unprotected.exitCode, 0);
        QCOMPARE(unprotected.err.count("warning: role app_writer on " + where() + " can write 4 tables"), 1);
        const CliOutcome protectedRun
            = runCli({ "run", path, "--env", "production", "--yes-protected" }, QString(), 120000);
        QCOMPARE(protectedRun.exitCode, 2);
        QVERIFY2(
            protectedRun.out.contains("is protected, and role app_writer"), qPrintable(protectedRun.out));
        QVERIFY2(!protectedRun.err.contains("warning:"), qPrintable(protectedRun.err));
    }
};

QTEST_GUILESS_MAIN(TestSqlLeastPrivilege)
#include "tst_sqlleastprivilege.moc"
