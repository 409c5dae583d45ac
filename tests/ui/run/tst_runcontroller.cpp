// RunController, the GUI's side of a run, against the real demo backend: it runs through
// RunSession like `flowbench-cli run`, so the GUI and the CLI store the same run for the
// same selection; the GUI's own sentences for "nothing to run"; the history the views
// show grows with every stored run.
#include "support/demobackend.h"
#include "support/shopproject.h"

#include "document/projectdocument.h"
#include "run/runcontroller.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/freeport.h"
#include "support/projectfile.h"
#include "support/testenv.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

constexpr int kRunTimeoutMs = 90000; // two shared cores, several builds at once

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

// The CLI arguments that select what `selection` selects.
QStringList cliArguments(const RunSelection &selection)
{
    QStringList args;
    for (const QString &tag : selection.tags)
        args << QStringLiteral("--tag") << tag;
    for (const QString &flow : selection.flows)
        args << QStringLiteral("--flow") << flow;
    for (const QString &id : selection.testCaseIds)
        args << QStringLiteral("--test-case") << id;
    return args;
}

} // namespace

class RunControllerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void guiAndCliStoreTheSameRun_data();
    void guiAndCliStoreTheSameRun();
    void nothingToRunSaysSoAndStoresNothing();

private:
    QTemporaryDir m_dir;
    DemoBackend m_backend;
    ShopProject m_shop;
    QString m_guiPath;
    QString m_cliPath;
};

void RunControllerTest::initTestCase()
{
    QVERIFY(!cliPath().isEmpty()); // set by CTest: FLOWBENCH_CLI
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path()), qPrintable(m_backend.errorString()));
    m_shop
        = makeShopProject(m_backend.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort()));
    // Two files with the same content (same ids), both beside the demo backend's database
    // that the sql checks name relative to the project.
    m_guiPath = m_dir.filePath(QStringLiteral("gui.flowbench"));
    m_cliPath = m_dir.filePath(QStringLiteral("cli.flowbench"));
    QVERIFY(writeProject(m_guiPath, m_shop.project));
    QVERIFY(writeProject(m_cliPath, m_shop.project));
}

void RunControllerTest::cleanupTestCase()
{
    m_backend.stop();
}

void RunControllerTest::guiAndCliStoreTheSameRun_data()
{
    QTest::addColumn<RunSelection>("selection");
    QTest::addColumn<int>("cliExitCode");
    QTest::addColumn<int>("checks");

    RunSelection tags;
    tags.tags << QStringLiteral("defect") << QStringLiteral("health");
    QTest::newRow("tags: a failing defect and health") << tags << 1 << 4;
    RunSelection skip; // a failing first step skips the rest
    skip.tags << QStringLiteral("skip");
    QTest::newRow("failed and skipped") << skip << 1 << 3;
    RunSelection oneCase; // what "Run selected test case" hands the controller
    oneCase.testCaseIds << m_shop.upCase;
    QTest::newRow("one test case") << oneCase << 0 << 1;
}

void RunControllerTest::guiAndCliStoreTheSameRun()
{
    QFETCH(RunSelection, selection);
    QFETCH(int, cliExitCode);
    QFETCH(int, checks);

    // The GUI path: the controller the Run bar drives.
    Run guiRun;
    {
        auto opened = ProjectDocument::open(m_guiPath);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        const std::unique_ptr<ProjectDocument> document = std::move(opened).value();
        RunController controller(document.get());
        const int historyBefore = int(controller.runs().size());
        QSignalSpy started(&controller, &RunController::started);
        QSignalSpy finished(&controller, &RunController::finished);
        const Status s = controller.start(selection, QStringLiteral("local"), false);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(controller.isRunning());
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(1).toInt(), checks);
        QVERIFY(finished.wait(kRunTimeoutMs));
        guiRun = finished.first().first().value<Run>();
        QCOMPARE(finished.first().at(1).toString(), QString()); // stored: no note
        QVERIFY(!controller.isRunning());
        // The views' history has the stored run once, with its results.
        QCOMPARE(controller.runs().size(), historyBefore + 1);
        QCOMPARE(controller.runs().last().id, guiRun.id);
        QCOMPARE(controller.resultsOf(guiRun.id).size(), checks);
    }

    // The CLI path on a file with the same content.
    const CliOutcome cli
        = runCli(QStringList { QStringLiteral("run"), m_cliPath, QStringLiteral("--env=local") }
                + cliArguments(selection),
            QString(), 120000);
    QVERIFY2(
        cli.exitCode == cliExitCode, qPrintable(QString::number(cli.exitCode) + QLatin1Char(' ') + cli.err));

    // What a user finds in the two files afterwards: the same run.
    const Project gui = reopenProject(m_guiPath);
    const Project cliProject = reopenProject(m_cliPath);
    QCOMPARE(gui.runs.size(), cliProject.runs.size());
    const Run &g = gui.runs.last();
    const Run &c = cliProject.runs.last();
    QCOMPARE(g.id, guiRun.id);
    QVERIFY(g.id != c.id);
    QCOMPARE(g.environment, c.environment);
    QCOMPARE(g.selection, c.selection);
    QCOMPARE(g.passed, c.passed);
    QCOMPARE(g.failed, c.failed);
    QCOMPARE(g.errors, c.errors);
    QCOMPARE(g.skipped, c.skipped);
    QCOMPARE(g.cancelled, c.cancelled);
    QCOMPARE(g.passed + g.failed + g.errors + g.skipped, checks);
    QList<CheckResult> guiResults, cliResults;
    for (const CheckResult &r : gui.results)
        if (r.runId == g.id)
            guiResults << r;
    for (const CheckResult &r : cliProject.results)
        if (r.runId == c.id)
            cliResults << r;
    QCOMPARE(guiResults.size(), checks);
    QCOMPARE(cliResults.size(), checks);
    for (int i = 0; i < checks; ++i) {
        const CheckResult &a = guiResults.at(i);
        const CheckResult &b = cliResults.at(i);
        QCOMPARE(a.checkId, b.checkId);
        QCOMPARE(a.testCaseId, b.testCaseId);
        QCOMPARE(a.nodeId, b.nodeId);
        QVERIFY2(a.status == b.status, qPrintable(a.message + QStringLiteral(" | ") + b.message));
    }
}

void RunControllerTest::nothingToRunSaysSoAndStoresNothing()
{
    auto opened = ProjectDocument::open(m_guiPath);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    const std::unique_ptr<ProjectDocument> document = std::move(opened).value();
    RunController controller(document.get());
    const int historyBefore = int(controller.runs().size());
    QSignalSpy started(&controller, &RunController::started);
    QSignalSpy finished(&controller, &RunController::finished);
    RunSelection selection;
    selection.tags << QStringLiteral("no-such-tag");
    const Status s = controller.start(selection, QStringLiteral("local"), false);
    QVERIFY(!s.ok());
    QCOMPARE(
        s.error(), QStringLiteral("Nothing to run: no automated test case with checks in tag no-such-tag."));
    QVERIFY(!controller.isRunning());
    QTest::qWait(50); // nothing is left queued to run or store
    QCOMPARE(started.size(), 0);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(controller.runs().size(), historyBefore);
    QCOMPARE(reopenProject(m_guiPath).runs.size(), historyBefore);
}

QTEST_MAIN(RunControllerTest)
#include "tst_runcontroller.moc"
