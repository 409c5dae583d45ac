// Runs on shared environments (issue 14 item 4): a run against a shared or protected
// environment holds its lease in the project's store, so a second run (another client of
// the same shared project on a real PostgreSQL, or of the same file) is refused naming who
// holds it; the lease is released when the run ends and taken over once a killed client's
// lease expired; `flowbench-cli run --wait-lease` waits for it; every such run is in the
// environment's audit with its writes and faults flags; unshared, unprotected
// environments take no lease at all.
#undef QT_NO_CAST_FROM_ASCII
#include "support/cliprocess.h"
#include "support/httptestserver.h"
#include "support/sharedprojectserver.h"
#include "support/slowproject.h"
#include "support/testenv.h"

#include "document/projectdocument.h"
#include "run/environmentlease.h"
#include "run/runsession.h"
#include "store/leasestore.h"
#include "store/projectstore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

constexpr int kRunTimeoutMs = 30000;
constexpr int kQuickMs = 1500; // the length of a run of the "quick" test case
constexpr int kLongMs = 8000; // the "long" one: long enough to kill its client mid-run

// Who a lease names: the OS user the test runs as.
QString osUser()
{
    return EnvironmentLease::who(QString()).section(' ', 0, 0);
}

} // namespace

class TestEnvironmentLease : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SharedProjectServer m_pg;
    HttpTestServer m_http;
    Id m_quickCase;
    Id m_longCase;

    void requireServer()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
    }

    // Environments: local (neither shared nor protected), staging (shared), prod
    // (protected); test cases "quick" and "long" against the test's HTTP server.
    Project leaseProject()
    {
        Project p = slowProject(m_http.baseUrl(), 1, 1, kQuickMs);
        p.name = "Leases";
        p.testCases[0].title = "quick";
        m_quickCase = p.testCases[0].id;
        const Project slow = slowProject(m_http.baseUrl(), 1, 1, kLongMs);
        TestCase longCase = slow.testCases[0];
        longCase.title = "long";
        longCase.nodeId = p.nodes[0].id;
        longCase.position = 1;
        m_longCase = longCase.id;
        p.testCases << longCase;
        Environment staging = p.environments[0];
        staging.id = newId();
        staging.name = "staging";
        staging.isShared = true;
        Environment prod = staging;
        prod.id = newId();
        prod.name = "prod";
        prod.isShared = false;
        prod.isProtected = true;
        p.environments << staging << prod;
        return p;
    }
    // A fresh shared project `name` (one per test: no lease or audit carries over).
    QString sharedProject(const QString &name)
    {
        const Result<ProjectLocation> location = ProjectLocation::parse(m_pg.url(name));
        if (!location)
            return QString();
        const Status written = ProjectStore::writeShared(location.value(), leaseProject(), true);
        if (!written) {
            qWarning("%s", qPrintable(written.error()));
            return QString();
        }
        return m_pg.url(name);
    }
    static std::unique_ptr<ProjectDocument> open(const QString &path)
    {
        auto opened = ProjectDocument::open(path);
        if (!opened) {
            qWarning("%s", qPrintable(opened.error()));
            return nullptr;
        }
        return std::move(opened).value();
    }
    RunOptions options(const QString &environment, const Id &testCase) const
    {
        RunOptions o;
        o.environment = environment;
        o.selection.testCaseIds = QStringList { testCase };
        o.confirmProtected = true;
        return o;
    }
    static bool waitFinished(RunSession &session)
    {
        if (session.isFinished())
            return true;
        QSignalSpy finished(&session, &RunSession::finished);
        return finished.wait(kRunTimeoutMs);
    }
    static QList<AuditEntry> audit(ProjectDocument &document, const QString &environment)
    {
        for (const Environment &e : document.environments())
            if (e.name == environment) {
                const Result<QList<AuditEntry>> entries = document.leaseStore().audit(e.id);
                if (!entries)
                    qWarning("%s", qPrintable(entries.error()));
                return entries ? entries.value() : QList<AuditEntry>();
            }
        qWarning("no environment %s", qPrintable(environment));
        return {};
    }
    // runCli() blocks, and the HTTP server the runs call is in this process: the event
    // loop turns while this one runs.
    static CliOutcome runCliLooping(const QStringList &arguments)
    {
        std::unique_ptr<QProcess> process(startCli(arguments));
        CliOutcome outcome;
        if (!process->waitForStarted(10000))
            return outcome;
        QElapsedTimer timer;
        timer.start();
        while (process->state() != QProcess::NotRunning && timer.elapsed() < kRunTimeoutMs)
            QTest::qWait(20);
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
            outcome.err = "flowbench-cli did not finish in time";
            return outcome;
        }
        outcome.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -2;
        outcome.out = QString::fromUtf8(process->readAllStandardOutput());
        outcome.err = QString::fromUtf8(process->readAllStandardError());
        return outcome;
    }
    static QProcess *startCli(const QStringList &arguments, int leaseExpiryMs = 0)
    {
        auto *process = new QProcess;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (leaseExpiryMs > 0)
            env.insert("FLOWBENCH_LEASE_EXPIRY_MS", QString::number(leaseExpiryMs));
        process->setProcessEnvironment(env);
        process->start(cliPath(), arguments);
        return process;
    }

    // A second client is refused while the first runs, naming the environment and the
    // holder; once the first run ended (its lease released), the second one runs.
    void secondRunIsRefusedThenRuns(const QString &project, const QString &environment)
    {
        auto first = open(project);
        auto second = open(project);
        QVERIFY(first && second);
        RunSession running(first.get(), options(environment, m_quickCase));
        QVERIFY2(running.start().ok(), "the first run starts");

        RunSession refused(second.get(), options(environment, m_quickCase));
        const Status s = refused.start();
        QVERIFY(!s);
        QCOMPARE(refused.refusal(), RunSession::Refusal::LeaseHeld);
        QVERIFY2(s.error().contains(
                     QStringLiteral("environment \"%1\" is in use by another run").arg(environment)),
            qPrintable(s.error()));
        QVERIFY2(s.error().contains(osUser()) && s.error().contains(QSysInfo::machineHostName())
                && s.error().contains("since ") && s.error().contains("running test case"),
            qPrintable(s.error()));
        QVERIFY(!refused.isRunning());

        QVERIFY(waitFinished(running));
        QCOMPARE(running.run().passed, 1);
        // Released on the way out: the other client runs now, without waiting for expiry.
        QVERIFY2(refused.start().ok(), "the lease was released when the first run ended");
        QVERIFY(waitFinished(refused));
        QCOMPARE(refused.run().passed, 1);

        const QList<AuditEntry> entries = audit(*first, environment);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].runId, running.run().id);
        QCOMPARE(entries[0].outcome, QStringLiteral("passed"));
        QVERIFY(entries[0].finishedAt.isValid());
        QCOMPARE(entries[1].runId, refused.run().id);
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_environmentlease");
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_http.start(), qPrintable(m_http.errorString()));
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void sharedProjectSecondRunIsRefused_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::newRow("shared") << "staging";
        QTest::newRow("protected") << "prod";
    }
    void sharedProjectSecondRunIsRefused()
    {
        requireServer();
        QFETCH(QString, environment);
        const QString project = sharedProject("refused" + environment);
        QVERIFY(!project.isEmpty());
        secondRunIsRefusedThenRuns(project, environment);
    }

    // The same rule in a project file: two windows (or the CLI and a window) on one file.
    void fileProjectSecondRunIsRefused()
    {
        const QString path = m_dir.filePath("leases.flowbench");
        {
            auto created = ProjectStore::create(path, "Leases");
            QVERIFY2(created.ok(), qPrintable(created.error()));
            QVERIFY(created.value()->replaceContents(leaseProject()).ok());
        }
        secondRunIsRefusedThenRuns(path, "staging");
    }

    void unsharedEnvironmentTakesNoLease()
    {
        requireServer();
        const QString project = sharedProject("unshared");
        QVERIFY(!project.isEmpty());
        auto first = open(project);
        auto second = open(project);
        QVERIFY(first && second);
        RunSession a(first.get(), options("local", m_quickCase));
        RunSession b(second.get(), options("local", m_quickCase));
        QVERIFY(a.start().ok());
        QVERIFY2(b.start().ok(), "two runs at once on an environment nobody marked shared");
        QVERIFY(waitFinished(a) && waitFinished(b));
        QVERIFY(audit(*first, "local").isEmpty());
    }

    // A client killed mid-run (SIGKILL: nothing released) leaves its lease behind; others
    // are refused until it expires, then take it over. The audit keeps the killed run,
    // unfinished.
    void killedClientsLeaseExpires()
    {
        requireServer();
        const QString project = sharedProject("killed");
        QVERIFY(!project.isEmpty());
        constexpr int expiryMs = 3000;
        std::unique_ptr<QProcess> client(
            startCli({ "run", project, "--env", "staging", "--test-case", m_longCase }, expiryMs));
        QVERIFY(client->waitForStarted(10000));
        auto other = open(project);
        QVERIFY(other);
        // The client holds the lease once its run started.
        QTRY_VERIFY_WITH_TIMEOUT(audit(*other, "staging").size() == 1, 15000);
        QVERIFY(client->state() == QProcess::Running);
        const qint64 pid = client->processId();
        client->kill();
        QVERIFY(client->waitForFinished(10000));
        QElapsedTimer sinceKill;
        sinceKill.start();

        RunSession early(other.get(), options("staging", m_quickCase));
        const Status refused = early.start();
        QVERIFY2(!refused && early.refusal() == RunSession::Refusal::LeaseHeld,
            "a killed client's lease holds until it expires");
        QVERIFY2(refused.error().contains(QStringLiteral("pid %1,").arg(pid)), qPrintable(refused.error()));

        RunSession later(other.get(), options("staging", m_quickCase));
        QTRY_VERIFY_WITH_TIMEOUT(
            later.start().ok() || later.refusal() != RunSession::Refusal::LeaseHeld, 10000);
        QVERIFY(later.isRunning());
        QVERIFY2(sinceKill.elapsed() < 3 * expiryMs, "taken over soon after expiry, not much later");
        QVERIFY(waitFinished(later));
        const QList<AuditEntry> entries = audit(*other, "staging");
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].outcome, QString()); // killed: never finished
        QVERIFY(!entries[0].finishedAt.isValid());
        QCOMPARE(entries[1].outcome, QStringLiteral("passed"));
    }

    // The CLI: refused at once with exit 2 naming the holder, or --wait-lease waits until
    // the run holding it ended and then runs.
    void cliRefusesOrWaits()
    {
        requireServer();
        const QString project = sharedProject("cliwait");
        QVERIFY(!project.isEmpty());
        auto document = open(project);
        QVERIFY(document);
        // The long case: the run still holds the lease whatever the CLI's start-up takes.
        RunSession holding(document.get(), options("staging", m_longCase));
        QVERIFY(holding.start().ok());

        const CliOutcome refused
            = runCliLooping({ "run", project, "--env", "staging", "--test-case", m_quickCase });
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("environment \"staging\" is in use by another run: " + osUser()),
            qPrintable(refused.err));
        QVERIFY2(refused.err.contains("(pass --wait-lease SECONDS to wait for it)"), qPrintable(refused.err));

        // Waits while this process's run holds the lease: the event loop must turn meanwhile.
        std::unique_ptr<QProcess> waiting(startCli(
            { "run", project, "--env", "staging", "--test-case", m_quickCase, "--wait-lease", "30" }));
        QVERIFY(waiting->waitForStarted(10000));
        QVERIFY(waitFinished(holding));
        QTRY_VERIFY_WITH_TIMEOUT(waiting->state() == QProcess::NotRunning, kRunTimeoutMs);
        const QString err = QString::fromUtf8(waiting->readAllStandardError());
        QVERIFY2(waiting->exitCode() == 0, qPrintable(err));
        QVERIFY2(err.contains("waiting up to 30 s: environment \"staging\" is in use"), qPrintable(err));
        QVERIFY(QString::fromUtf8(waiting->readAllStandardOutput()).contains("1 passed"));
        QCOMPARE(audit(*document, "staging").size(), 2);
    }

    // Every run against a shared or protected environment is in its audit: who, which
    // test cases, and whether writes (never on a protected one) and faults were allowed.
    void auditRecordsRunsWithTheirFlags()
    {
        requireServer();
        const QString project = sharedProject("audit");
        QVERIFY(!project.isEmpty());
        QCOMPARE(
            runCliLooping({ "run", project, "--env", "staging", "--test-case", m_quickCase }).exitCode, 0);
        QCOMPARE(
            runCliLooping({ "run", project, "--env", "prod", "--test-case", m_quickCase, "--yes-protected" })
                .exitCode,
            0);
        QCOMPARE(runCliLooping({ "run", project, "--env", "prod", "--test-case", m_quickCase,
                                   "--yes-protected", "--yes-faults" })
                     .exitCode,
            0);
        // Refused (not confirmed): no run, no audit row.
        QCOMPARE(runCliLooping({ "run", project, "--env", "prod", "--test-case", m_quickCase }).exitCode, 2);

        const CliOutcome staging = runCli({ "audit", project, "--env", "staging", "--json" });
        QVERIFY2(staging.exitCode == 0, qPrintable(staging.err));
        const QJsonObject s = QJsonDocument::fromJson(staging.out.toUtf8()).object();
        QCOMPARE(s.value("shared").toBool(), true);
        const QJsonArray stagingRuns = s.value("runs").toArray();
        QCOMPARE(stagingRuns.size(), 1);
        const QJsonObject first = stagingRuns[0].toObject();
        QCOMPARE(first.value("who").toString(), EnvironmentLease::who("team"));
        QCOMPARE(first.value("writesAllowed").toBool(), true);
        QCOMPARE(first.value("faultsAllowed").toBool(), true);
        QCOMPARE(first.value("outcome").toString(), QStringLiteral("passed"));
        QVERIFY2(first.value("checks").toString().contains("quick (1 checks)"), qPrintable(staging.out));

        const CliOutcome prod = runCli({ "audit", project, "--env", "prod", "--json" });
        QVERIFY2(prod.exitCode == 0, qPrintable(prod.err));
        const QJsonArray prodRuns
            = QJsonDocument::fromJson(prod.out.toUtf8()).object().value("runs").toArray();
        QCOMPARE(prodRuns.size(), 2);
        QCOMPARE(prodRuns[0].toObject().value("writesAllowed").toBool(), false);
        QCOMPARE(prodRuns[0].toObject().value("faultsAllowed").toBool(), false);
        QCOMPARE(prodRuns[1].toObject().value("faultsAllowed").toBool(), true);

        const CliOutcome table = runCli({ "audit", project, "--env", "prod" });
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("Environment: prod (protected)") && table.out.contains("WRITES")
                && table.out.contains("passed"),
            qPrintable(table.out));
        const CliOutcome unknown = runCli({ "audit", project, "--env", "nowhere" });
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no environment \"nowhere\" (it has: local, prod, staging)"),
            qPrintable(unknown.err));
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentLease)
#include "tst_environmentlease.moc"
