// RunSession, the one way the GUI and `flowbench-cli run` run a selection: against the
// demo backend (a child process) and the test HTTP server in this process, on real
// project files opened as ProjectDocuments. Selection, refusals ("nothing to run",
// protected environments), progress signals, the run stored through the document before
// finished(), cancel, a read-only project (run, not stored, a note) and run warnings
// (a PostgreSQL role that could write, once per run).
#include "support/demobackend.h"
#include "support/shopproject.h"
#include "support/slowproject.h"

#include "document/projectdocument.h"
#include "run/runsession.h"
#include "store/projectstore.h"
#include "support/freeport.h"
#include "support/httptestserver.h"
#include "support/postgresserver.h"
#include "support/projectfile.h"
#include "support/specialfiles.h"
#include "support/testenv.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

constexpr int kRunTimeoutMs = 60000;

// Writes `project` as a new project file; the test fails (returns false) when it cannot.
bool writeProject(const QString &path, const Project &project)
{
    auto store = ProjectStore::create(path, project.name);
    if (!store) {
        qWarning("%s", qPrintable(store.error()));
        return false;
    }
    const Status replaced = store.value()->replaceContents(project);
    if (!replaced)
        qWarning("%s", qPrintable(replaced.error()));
    return replaced.ok();
}

std::unique_ptr<ProjectDocument> openDocument(const QString &path)
{
    auto opened = ProjectDocument::open(path);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error()));
        return nullptr;
    }
    return std::move(opened).value();
}

QList<Id> runIds(const ProjectDocument &document)
{
    QList<Id> ids;
    if (const Result<QList<Run>> runs = document.runs())
        for (const Run &r : runs.value())
            ids << r.id;
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(RunSession::Refusal)

class RunSessionTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void selectionRunsSignalsAndIsStoredBeforeFinished();
    void refusals_data();
    void refusals();
    void protectedEnvironmentRunsWhenConfirmed();
    void cancelStoresTheCancelledRun();
    void destroyedWhileRunningStoresNothing();
    void readOnlyProjectRunsButIsNotStored();
    void warningsOncePerRun();

private:
    QTemporaryDir m_dir;
    DemoBackend m_backend;
    ShopProject m_shop;
    QString m_shopPath;
    HttpTestServer m_http;
};

void RunSessionTest::initTestCase()
{
    qRegisterMetaType<RunSession::Refusal>();
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path()), qPrintable(m_backend.errorString()));
    QVERIFY2(m_http.start(), qPrintable(m_http.errorString()));
    m_shop
        = makeShopProject(m_backend.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort()));
    // Beside the demo backend's database: the sql checks name it relative to the project.
    m_shopPath = m_dir.filePath(QStringLiteral("shop.flowbench"));
    QVERIFY(writeProject(m_shopPath, m_shop.project));
}

void RunSessionTest::cleanupTestCase()
{
    m_backend.stop();
}

void RunSessionTest::selectionRunsSignalsAndIsStoredBeforeFinished()
{
    const auto document = openDocument(m_shopPath);
    QVERIFY(document);
    const QList<Id> before = runIds(*document);
    RunOptions options;
    options.environment = QStringLiteral("local");
    options.selection.tags = QStringList { QStringLiteral("defect"), QStringLiteral("health") };
    options.projectDir = QStringLiteral("/nowhere"); // the session takes the document's folder
    RunSession session(document.get(), options);
    QSignalSpy started(&session, &RunSession::started);
    QSignalSpy checkFinished(&session, &RunSession::checkFinished);
    QSignalSpy finished(&session, &RunSession::finished);
    QSignalSpy runAdded(document.get(), &ProjectDocument::runAdded);
    QList<QPair<int, int>> progress;
    connect(&session, &RunSession::progress, this,
        [&](int done, int total) { progress << qMakePair(done, total); });
    QStringList order; // stored first, then finished: views that react to finished see the run stored
    connect(document.get(), &ProjectDocument::runAdded, this, [&] { order << QStringLiteral("runAdded"); });
    connect(&session, &RunSession::finished, this, [&] {
        order << QStringLiteral("finished");
        QVERIFY(session.storage() == RunSession::Storage::Stored);
    });

    const Status s = session.start();
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QVERIFY(session.refusal() == RunSession::Refusal::None);
    QVERIFY(session.isRunning()); // asynchronous: start() returns at once
    QVERIFY(session.storage() == RunSession::Storage::Pending);
    QCOMPARE(session.testCases().size(), 2); // the refund defect + the health check
    QCOMPARE(session.totalChecks(), 4);
    QCOMPARE(session.project().environments.size(), 2); // the snapshot carries the environments
    const Status again = session.start();
    QVERIFY(!again.ok());
    QVERIFY(session.refusal() == RunSession::Refusal::AlreadyStarted);

    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(order, (QStringList { QStringLiteral("runAdded"), QStringLiteral("finished") }));
    const Run run = finished.first().first().value<Run>();
    QCOMPARE(run.environment, QStringLiteral("local"));
    QCOMPARE(run.selection, QStringLiteral("tag defect, tag health"));
    QVERIFY(!run.cancelled);
    QCOMPARE(run.passed, 3); // the order, the refund call, health
    QCOMPARE(run.failed, 1); // the stored refund is the subtotal (the sql check found the row: projectDir)
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().at(1).toInt(), 4);
    QCOMPARE(started.first().first().value<Run>().id, run.id);
    QCOMPARE(checkFinished.size(), 4);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), qMakePair(4, 4));
    for (int i = 1; i < progress.size(); ++i)
        QVERIFY(progress.at(i).first >= progress.at(i - 1).first);

    // Stored through the document: runAdded, the document's history, the file.
    QVERIFY(session.storage() == RunSession::Storage::Stored);
    QVERIFY2(session.storeNote().isEmpty(), qPrintable(session.storeNote()));
    QCOMPARE(runAdded.size(), 1);
    QCOMPARE(runAdded.first().first().value<Run>(), run);
    const QList<CheckResult> results = session.results();
    QCOMPARE(results.size(), 4);
    QCOMPARE(runAdded.first().at(1).value<QList<CheckResult>>(), results);
    QCOMPARE(runIds(*document), before + QList<Id> { run.id });
    const Result<QList<CheckResult>> stored = document->results(run.id);
    QVERIFY2(stored.ok(), qPrintable(stored.error()));
    QCOMPARE(stored.value().size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(stored.value().at(i).checkId, results.at(i).checkId);
        QVERIFY(stored.value().at(i).status == results.at(i).status);
    }
    const Project reopened = reopenProject(m_shopPath);
    QVERIFY(std::any_of(
        reopened.runs.cbegin(), reopened.runs.cend(), [&](const Run &r) { return r.id == run.id; }));
    QVERIFY(!session.isRunning());
    QVERIFY(session.isFinished());
}

void RunSessionTest::refusals_data()
{
    QTest::addColumn<QString>("environment");
    QTest::addColumn<RunSelection>("selection");
    QTest::addColumn<RunSession::Refusal>("refusal");
    QTest::addColumn<QString>("message");

    RunSelection health;
    health.tags << QStringLiteral("health");
    RunSelection noSuchTag;
    noSuchTag.tags << QStringLiteral("no-such-tag");
    RunSelection noSuchFlow;
    noSuchFlow.flows << QStringLiteral("Returns");
    RunSelection manualOnly; // a test case that exists but has nothing to run
    for (const TestCase &t : std::as_const(m_shop.project.testCases))
        if (!t.automated)
            manualOnly.testCaseIds << t.id;
    QVERIFY(!manualOnly.testCaseIds.isEmpty());

    QTest::newRow("unknown environment")
        << QStringLiteral("prod") << health << RunSession::Refusal::BadInput
        << QStringLiteral("no environment named \"prod\"; environments: local, staging");
    QTest::newRow("environment needed") << QString() << health << RunSession::Refusal::BadInput
                                        << QStringLiteral("choose one of: local, staging");
    QTest::newRow("protected, unconfirmed")
        << QStringLiteral("staging") << health << RunSession::Refusal::NeedsConfirmation
        << QStringLiteral("environment \"staging\" is protected");
    QTest::newRow("unknown flow") << QStringLiteral("local") << noSuchFlow << RunSession::Refusal::BadInput
                                  << QStringLiteral("no flow named \"Returns\"; flows: Checkout");
    QTest::newRow("nothing matches") << QStringLiteral("local") << noSuchTag
                                     << RunSession::Refusal::NothingToRun
                                     << QStringLiteral("nothing to run: no automated test case matches the "
                                                       "selection (tag no-such-tag)");
    QTest::newRow("only a manual test case")
        << QStringLiteral("local") << manualOnly << RunSession::Refusal::NothingToRun
        << QStringLiteral("nothing to run: no automated test case matches the selection (test case %1)")
               .arg(manualOnly.testCaseIds.first());
}

void RunSessionTest::refusals()
{
    QFETCH(QString, environment);
    QFETCH(RunSelection, selection);
    QFETCH(RunSession::Refusal, refusal);
    QFETCH(QString, message);
    const auto document = openDocument(m_shopPath);
    QVERIFY(document);
    const QList<Id> before = runIds(*document);
    RunOptions options;
    options.environment = environment;
    options.selection = selection;
    RunSession session(document.get(), options);
    QSignalSpy finished(&session, &RunSession::finished);
    QSignalSpy started(&session, &RunSession::started);
    QSignalSpy runAdded(document.get(), &ProjectDocument::runAdded);
    const Status s = session.start();
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(message), qPrintable(s.error()));
    QVERIFY(session.refusal() == refusal);
    QVERIFY(!session.isRunning());
    QTest::qWait(50); // nothing is left queued to run or store
    QCOMPARE(started.size(), 0);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(runAdded.size(), 0);
    QVERIFY(session.storage() == RunSession::Storage::Pending);
    QCOMPARE(runIds(*document), before);
}

void RunSessionTest::protectedEnvironmentRunsWhenConfirmed()
{
    const auto document = openDocument(m_shopPath);
    QVERIFY(document);
    RunOptions options;
    options.environment = QStringLiteral("staging");
    options.selection.tags << QStringLiteral("health");
    options.confirmProtected = true;
    RunSession session(document.get(), options);
    QSignalSpy finished(&session, &RunSession::finished);
    const Status s = session.start();
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QVERIFY(finished.wait(kRunTimeoutMs));
    const Run run = session.run();
    QCOMPARE(run.environment, QStringLiteral("staging"));
    QCOMPARE(run.passed, 1);
    QVERIFY(session.storage() == RunSession::Storage::Stored);
    QCOMPARE(runIds(*document).last(), run.id);
}

void RunSessionTest::cancelStoresTheCancelledRun()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("slow.flowbench"));
    QVERIFY(writeProject(path, slowProject(m_http.baseUrl(), 20, 3, 300)));
    const auto document = openDocument(path);
    QVERIFY(document);
    RunOptions options;
    options.concurrency = 4;
    RunSession session(document.get(), options);
    QSignalSpy checkFinished(&session, &RunSession::checkFinished);
    QSignalSpy finished(&session, &RunSession::finished);
    QSignalSpy runAdded(document.get(), &ProjectDocument::runAdded);
    QVERIFY(session.start().ok());
    QVERIFY(checkFinished.wait(20000)); // mid-run: some results are in
    QVERIFY(session.isRunning());
    QElapsedTimer clock;
    clock.start();
    session.cancel();
    QVERIFY(finished.wait(10000));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    const Run run = finished.first().first().value<Run>();
    QVERIFY(run.cancelled);
    QVERIFY2(run.skipped > 30, qPrintable(QString::number(run.skipped)));
    QCOMPARE(session.results().size(), 60); // every check has a result, the skipped ones too
    QVERIFY(session.storage() == RunSession::Storage::Stored);
    QCOMPARE(runAdded.size(), 1);
    const Project reopened = reopenProject(path);
    QCOMPARE(reopened.runs.size(), 1);
    QVERIFY(reopened.runs.first().cancelled);
    QCOMPARE(reopened.runs.first().skipped, run.skipped);
    QCOMPARE(reopened.results.size(), 60);
    session.cancel(); // a second cancel is harmless
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(runAdded.size(), 1);
}

void RunSessionTest::destroyedWhileRunningStoresNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("slow.flowbench"));
    QVERIFY(writeProject(path, slowProject(m_http.baseUrl(), 4, 3, 300)));
    const auto document = openDocument(path);
    QVERIFY(document);
    QSignalSpy runAdded(document.get(), &ProjectDocument::runAdded);
    auto session = std::make_unique<RunSession>(document.get(), RunOptions());
    QSignalSpy checkFinished(session.get(), &RunSession::checkFinished);
    QVERIFY(session->start().ok());
    QVERIFY(checkFinished.wait(20000));
    session.reset(); // the window closed mid-run
    QTest::qWait(500);
    QCOMPARE(runAdded.size(), 0);
    QCOMPARE(runIds(*document).size(), 0);
    QCOMPARE(reopenProject(path).runs.size(), 0);
}

void RunSessionTest::readOnlyProjectRunsButIsNotStored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("readonly.flowbench"));
    Project p = slowProject(m_http.baseUrl(), 2, 1, 10);
    p.testCases[1].checks[0].assertions
        = { expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 418) };
    QVERIFY(writeProject(path, p));
    const QFileInfo beforeInfo(path);
    const qint64 sizeBefore = beforeInfo.size();
    const QDateTime modifiedBefore = beforeInfo.lastModified();
    ReadOnlyMark mark(path);
    FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());

    const auto document = openDocument(path);
    QVERIFY(document);
    QVERIFY(document->isReadOnly());
    RunSession session(document.get(), RunOptions());
    QSignalSpy finished(&session, &RunSession::finished);
    QSignalSpy runAdded(document.get(), &ProjectDocument::runAdded);
    const Status s = session.start();
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QVERIFY(finished.wait(kRunTimeoutMs));
    const Run run = session.run();
    QCOMPARE(run.passed, 1);
    QCOMPARE(run.failed, 1);
    QCOMPARE(session.results().size(), 2); // the caller has the results to show
    QVERIFY(session.storage() == RunSession::Storage::ReadOnly);
    QVERIFY2(session.storeNote().startsWith(path + QStringLiteral(": is read-only (")),
        qPrintable(session.storeNote()));
    QVERIFY2(session.storeNote().endsWith(QStringLiteral("the results of this run were not stored in it")),
        qPrintable(session.storeNote()));
    QCOMPARE(runAdded.size(), 0);
    QCOMPARE(runIds(*document).size(), 0);
    const QFileInfo afterInfo(path);
    QCOMPARE(afterInfo.size(), sizeBefore);
    QCOMPARE(afterInfo.lastModified(), modifiedBefore);
    QCOMPARE(reopenProject(path).runs.size(), 0);
}

// A PostgreSQL role that could write, on an unprotected environment: the checks pass and
// the session says so once for the run, however many checks use the role.
void RunSessionTest::warningsOncePerRun()
{
    PostgresServer pg;
    QString problem;
    if (!PostgresServer::isInstalled())
        problem = QStringLiteral("PostgreSQL 15 server binaries are missing: install the postgresql package");
    else if (!pg.start(QStringLiteral("shop"), QStringLiteral("shop_owner"), QStringLiteral("owner-pw")))
        problem = QStringLiteral("PostgreSQL test server did not start: ") + pg.errorString();
    if (!problem.isEmpty()) {
        if (serversRequired())
            QFAIL(qPrintable(problem));
        QSKIP(qPrintable(problem));
    }
    for (const QString &sql :
        { QStringLiteral("CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL)"),
            QStringLiteral("INSERT INTO orders (status) VALUES ('paid')"),
            QStringLiteral("GRANT SELECT, INSERT, UPDATE ON orders TO shop_owner") })
        QVERIFY2(pg.exec(sql), qPrintable(pg.errorString()));
    qputenv("FLOWBENCH_RUNSESSION_PG_PASSWORD", "owner-pw");

    Project p;
    p.name = QStringLiteral("warnings");
    const Node table = makeNode(NodeKind::Table, QStringLiteral("orders"));
    p.nodes << table;
    Environment env;
    env.id = newId();
    env.name = QStringLiteral("staging");
    Connection c;
    c.name = QStringLiteral("shop");
    c.driver = QStringLiteral("QPSQL");
    c.host = QStringLiteral("127.0.0.1");
    c.port = pg.port();
    c.database = QStringLiteral("shop");
    c.user = QStringLiteral("shop_owner");
    c.passwordRef = QStringLiteral("${env:FLOWBENCH_RUNSESSION_PG_PASSWORD}");
    env.connections << c;
    p.environments << env;
    for (int i = 0; i < 3; ++i) {
        Check check = sqlCheck(
            QStringLiteral("orders readable"), QStringLiteral("SELECT status FROM orders ORDER BY id"));
        check.assertions << expect(QStringLiteral("row_count"), QString(), QStringLiteral("=="), 1);
        TestCase t = makeCase(table.id, QStringLiteral("orders readable %1").arg(i), {}, { check });
        t.position = i;
        p.testCases << t;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("warnings.flowbench"));
    QVERIFY(writeProject(path, p));
    const auto document = openDocument(path);
    QVERIFY(document);
    RunSession session(document.get(), RunOptions());
    QSignalSpy raised(&session, &RunSession::warningRaised);
    QSignalSpy finished(&session, &RunSession::finished);
    const Status s = session.start();
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QVERIFY(finished.wait(kRunTimeoutMs));
    for (const CheckResult &r : session.results())
        QVERIFY2(r.status == ResultStatus::Pass, qPrintable(r.message));
    QCOMPARE(session.results().size(), 3);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(session.warnings().size(), 1);
    QCOMPARE(raised.first().first().toString(), session.warnings().first());
    QVERIFY2(session.warnings().first().startsWith(QStringLiteral("role shop_owner on ")),
        qPrintable(session.warnings().first()));
    QVERIFY(session.storage() == RunSession::Storage::Stored);
    QVERIFY2(pg.stop(), qPrintable(pg.errorString()));
}

QTEST_GUILESS_MAIN(RunSessionTest)
#include "tst_runsession.moc"
