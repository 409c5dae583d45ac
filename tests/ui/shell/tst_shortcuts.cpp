// The keyboard as a QA engineer uses it, through real key events on the main window:
// F5 / Alt+F5 / Ctrl+F5 / Shift+F5 run the selected node, test case, highlighted flow or
// everything against a real HTTP server in this process; Escape ends a flow pick first and
// cancels a run next (never both, never "ambiguous"); the map's undo, redo, delete (with its
// question), find, zoom and fit keys act on the open project file.
#include "support/shopproject.h"
#include "document/projectdocument.h"
#include "shell/escapeshortcut.h"
#include "panels/flowspanel.h"
#include "shell/mainwindow.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "run/resultspanel.h"
#include "run/runbar.h"
#include "run/runcontroller.h"
#include "run/runworkspace.h"
#include "store/projectstore.h"
#include "support/httptestserver.h"
#include "support/projectfile.h"
#include "support/testenv.h"
#include "testcases/testcaseeditor.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
constexpr int kRunTimeoutMs = 60000; // two shared cores, several builds at once

Check statusCheck(const QString &name, const QString &path, int expected)
{
    Check c = httpCheck(name, QStringLiteral("GET"), QStringLiteral("{{base_url}}") + path);
    c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), expected);
    return c;
}

bool hasNode(const Project &p, const Id &id)
{
    for (const Node &n : p.nodes)
        if (n.id == id)
            return true;
    return false;
}
} // namespace

class TestShortcuts : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void f5RunsTheSelectedNode();
    void altF5RunsTheSelectedTestCase();
    void ctrlF5RunsTheHighlightedFlow();
    void shiftF5RunsEverythingAndEscapeCancels();
    void escapeEndsAPickBeforeItCancelsARun();
    void escapeEndsAPickWithoutARun();
    void escapeInARenameLeavesTheRunAlone();
    void undoAndRedoKeys();
    void deleteKeyAsksFirst();
    void findKeysSelectTheNode();
    void zoomAndFitKeys();

private:
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    RunController *runs() const { return m_window->runWorkspace()->runController(); }
    void waitForRun();

    QTemporaryDir m_dir;
    HttpTestServer m_server;
    Project m_project;
    Id m_screen, m_jsonApi, m_brokenApi, m_slowApi, m_ordersTable;
    Id m_jsonCase, m_otherBrokenCase;
    QString m_path;
    MainWindow *m_window = nullptr;
};

void TestShortcuts::initTestCase()
{
    isolateSettings(QStringLiteral("tst_shortcuts"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));

    Project &p = m_project;
    p.name = QStringLiteral("keys");
    const Node screen = makeNode(NodeKind::Screen, QStringLiteral("Checkout page"));
    const Node json = makeNode(NodeKind::Api, QStringLiteral("GET /json"));
    const Node broken = makeNode(NodeKind::Api, QStringLiteral("GET /status/500"));
    const Node slow = makeNode(NodeKind::Api, QStringLiteral("GET /slow"));
    const Node orders = makeNode(NodeKind::Table, QStringLiteral("orders"));
    p.nodes << screen << json << broken << slow << orders;
    for (int i = 0; i < p.nodes.size(); ++i) {
        p.nodes[i].x = (i % 3) * 300;
        p.nodes[i].y = (i / 3) * 180;
    }
    m_screen = screen.id;
    m_jsonApi = json.id;
    m_brokenApi = broken.id;
    m_slowApi = slow.id;
    m_ordersTable = orders.id;
    p.edges << makeEdge(screen.id, json.id, EdgeKind::Calls) << makeEdge(json.id, orders.id, EdgeKind::Reads)
            << makeEdge(screen.id, broken.id, EdgeKind::Calls);
    Flow checkout;
    checkout.id = newId();
    checkout.name = QStringLiteral("Checkout");
    checkout.nodeIds << screen.id << json.id << broken.id;
    p.flows << checkout;
    Environment local;
    local.id = newId();
    local.name = QStringLiteral("local");
    local.variables.insert(QStringLiteral("base_url"), m_server.baseUrl());
    p.environments << local;

    const TestCase jsonCase = makeCase(json.id, QStringLiteral("JSON answers"), {}, { statusCheck(QStringLiteral("json"), QStringLiteral("/json"), 200) });
    const TestCase brokenCase = makeCase(broken.id, QStringLiteral("Status is fine"), {},
        { statusCheck(QStringLiteral("status"), QStringLiteral("/status/500"), 200) });
    const TestCase otherBroken = makeCase(broken.id, QStringLiteral("Status is 500"), {},
        { statusCheck(QStringLiteral("500"), QStringLiteral("/status/500"), 500), statusCheck(QStringLiteral("json"), QStringLiteral("/json"), 200) });
    QList<Check> slowSteps;
    for (int i = 0; i < 5; ++i)
        slowSteps << statusCheck(QStringLiteral("slow %1").arg(i), QStringLiteral("/slow/700"), 200);
    TestCase slowCase = makeCase(slow.id, QStringLiteral("Slow but fine"), {}, slowSteps);
    p.testCases << jsonCase << brokenCase << otherBroken << slowCase;
    for (int i = 0; i < p.testCases.size(); ++i)
        p.testCases[i].position = i;
    m_jsonCase = jsonCase.id;
    m_otherBrokenCase = otherBroken.id;
}

void TestShortcuts::init()
{
    // Two shortcuts on one key make Qt print this and run neither.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("[Aa]mbiguous")));
    m_path = m_dir.filePath(QStringLiteral("%1.flowbench").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(m_path);
    {
        auto store = ProjectStore::create(m_path, m_project.name);
        QVERIFY2(store, qPrintable(store.error()));
        const Status written = store.value()->replaceContents(m_project);
        QVERIFY2(written.ok(), qPrintable(written.error()));
    }
    m_window = new MainWindow;
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    const Status opened = m_window->openProjectFile(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    // Window shortcuts fire only in the active window, as on a desktop.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    m_window->mapView()->setFocus();
    QTRY_VERIFY(m_window->mapView()->hasFocus());
    QCOMPARE(m_window->runWorkspace()->runBar()->currentEnvironment(), QStringLiteral("local"));
}

void TestShortcuts::cleanup()
{
    if (m_window && runs() && runs()->isRunning()) {
        runs()->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!runs()->isRunning(), kRunTimeoutMs);
    }
    delete m_window;
    m_window = nullptr;
}

void TestShortcuts::press(int key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(m_window, Qt::Key(key), modifiers);
}

void TestShortcuts::waitForRun()
{
    QTRY_VERIFY_WITH_TIMEOUT(!runs()->isRunning(), kRunTimeoutMs);
}

void TestShortcuts::f5RunsTheSelectedNode()
{
    MapOverlay *overlay = m_window->runWorkspace()->overlay();
    m_window->mapScene()->selectNodes({ m_brokenApi });
    press(Qt::Key_F5);
    QVERIFY(runs()->isRunning());
    waitForRun();
    const Run run = runs()->currentRun();
    QCOMPARE(run.failed, 1); // "Status is fine" gets a 500
    QCOMPARE(run.passed, 2);
    QVERIFY(overlay->nodeState(m_brokenApi) == NodeState::Fail); // painted red on the map
    QVERIFY(overlay->nodeState(m_jsonApi) == NodeState::NotRun);
    QCOMPARE(m_window->runWorkspace()->resultsPanel()->model()->rowCount(), 3);
    QCOMPARE(reopenProject(m_path).runs.size(), 1);

    // Nothing selected: F5 runs nothing and says why.
    m_window->mapScene()->clearSelection();
    press(Qt::Key_F5);
    QVERIFY(!runs()->isRunning());
    QCOMPARE(reopenProject(m_path).runs.size(), 1);
}

void TestShortcuts::altF5RunsTheSelectedTestCase()
{
    TestCaseEditor *editor = m_window->testCaseEditor();
    m_window->mapScene()->selectNodes({ m_brokenApi });
    QTRY_COMPARE(editor->nodeId(), m_brokenApi);
    editor->selectTestCase(m_otherBrokenCase);
    press(Qt::Key_F5, Qt::AltModifier);
    waitForRun();
    const Run run = runs()->currentRun();
    QCOMPARE(run.passed, 2); // only "Status is 500": its two steps
    QCOMPARE(run.failed, 0);
    const QList<CheckResult> results = runs()->currentResults();
    QCOMPARE(results.size(), 2);
    for (const CheckResult &r : results)
        QCOMPARE(r.testCaseId, m_otherBrokenCase);
    QVERIFY(m_window->runWorkspace()->overlay()->nodeState(m_brokenApi) == NodeState::Pass);
}

void TestShortcuts::ctrlF5RunsTheHighlightedFlow()
{
    m_window->flowsPanel()->selectFlow(m_project.flows.first().id);
    QCOMPARE(m_window->mapScene()->highlightedFlow(), m_project.flows.first().id);
    m_window->mapView()->setFocus();
    press(Qt::Key_F5, Qt::ControlModifier);
    waitForRun();
    const Run run = runs()->currentRun();
    // The flow's nodes: json (1 pass) and the broken api (1 fail, 2 pass); not the slow one.
    QCOMPARE(run.passed, 3);
    QCOMPARE(run.failed, 1);
    MapOverlay *overlay = m_window->runWorkspace()->overlay();
    QVERIFY(overlay->nodeState(m_jsonApi) == NodeState::Pass);
    QVERIFY(overlay->nodeState(m_brokenApi) == NodeState::Fail);
    QVERIFY(overlay->nodeState(m_slowApi) == NodeState::NotRun);
}

void TestShortcuts::shiftF5RunsEverythingAndEscapeCancels()
{
    QSignalSpy finished(runs(), &RunController::finished);
    press(Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(runs()->isRunning());
    QVERIFY(m_window->runWorkspace()->runBar()->isRunning());
    QVERIFY(m_window->runWorkspace()->overlay()->isRunning(m_slowApi));
    press(Qt::Key_Escape);
    QVERIFY(finished.wait(20000));
    const Run run = finished.first().first().value<Run>();
    QVERIFY(run.cancelled);
    QVERIFY(run.skipped > 0); // the slow steps still queued
    QVERIFY(!m_window->runWorkspace()->runBar()->isRunning());
    QVERIFY(reopenProject(m_path).runs.first().cancelled);
}

void TestShortcuts::escapeEndsAPickBeforeItCancelsARun()
{
    FlowsPanel *flows = m_window->flowsPanel();
    press(Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(runs()->isRunning());
    flows->startPicking(QStringLiteral("Refund"));
    QVERIFY(flows->isPicking());
    QVERIFY(m_window->mapScene()->pickMode());

    press(Qt::Key_Escape); // the innermost first: the pick ends, the run goes on
    QVERIFY(!flows->isPicking());
    QVERIFY(!m_window->mapScene()->pickMode());
    QVERIFY(runs()->isRunning());
    QVERIFY(!runs()->currentRun().cancelled);

    press(Qt::Key_Escape); // then the run
    waitForRun();
    QVERIFY(runs()->currentRun().cancelled);
    QCOMPARE(reopenProject(m_path).flows.size(), 1); // the cancelled pick created nothing
}

void TestShortcuts::escapeEndsAPickWithoutARun()
{
    FlowsPanel *flows = m_window->flowsPanel();
    flows->startPicking(QStringLiteral("Refund"));
    m_window->mapView()->setFocus();
    QVERIFY(m_window->escapeShortcut()->isEnabled());
    press(Qt::Key_Escape);
    QVERIFY(!flows->isPicking());
    QVERIFY(!m_window->escapeShortcut()->isEnabled()); // nothing left to cancel
    QVERIFY(!runs()->isRunning());

    // Enter still finishes a pick.
    flows->startPicking(QStringLiteral("Browse"));
    emit m_window->mapScene()->nodePicked(m_screen);
    emit m_window->mapScene()->nodePicked(m_jsonApi);
    press(Qt::Key_Return);
    QVERIFY(!flows->isPicking());
    const Project stored = reopenProject(m_path);
    QCOMPARE(stored.flows.size(), 2);
    QCOMPARE(stored.flowByName(QStringLiteral("Browse"))->nodeIds, (QList<Id> { m_screen, m_jsonApi }));
}

void TestShortcuts::escapeInARenameLeavesTheRunAlone()
{
    press(Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(runs()->isRunning());
    m_window->mapScene()->selectNodes({ m_ordersTable });
    press(Qt::Key_F2);
    auto *editor = m_window->mapView()->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
    QVERIFY(editor);
    QTRY_VERIFY(editor->hasFocus());
    editor->setText(QStringLiteral("orders v2"));
    QTest::keyClick(editor, Qt::Key_Escape); // where the focus is, as a real key press goes
    QTRY_VERIFY(!m_window->mapView()->findChild<QLineEdit *>(QStringLiteral("renameEditor")));
    QCOMPARE(m_window->document()->node(m_ordersTable)->name, QStringLiteral("orders"));
    QVERIFY(runs()->isRunning()); // the rename's Escape is not the run's
    QVERIFY(m_window->escapeShortcut()->isEnabled());
    press(Qt::Key_Escape);
    waitForRun();
    QVERIFY(runs()->currentRun().cancelled);
}

void TestShortcuts::undoAndRedoKeys()
{
    MapScene *scene = m_window->mapScene();
    scene->selectNodes({ m_ordersTable });
    m_window->deleteSelection(false);
    QVERIFY(!hasNode(reopenProject(m_path), m_ordersTable));
    m_window->mapView()->setFocus();

    press(Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(hasNode(reopenProject(m_path), m_ordersTable)); // back in the file
    QVERIFY(scene->nodeItem(m_ordersTable));
    press(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!hasNode(reopenProject(m_path), m_ordersTable));
    QVERIFY(!scene->nodeItem(m_ordersTable));
    press(Qt::Key_Z, Qt::ControlModifier);
    press(Qt::Key_Y, Qt::ControlModifier); // the other redo key
    QVERIFY(!hasNode(reopenProject(m_path), m_ordersTable));
}

void TestShortcuts::deleteKeyAsksFirst()
{
    // The json api has a test case and two connections: Delete asks before it takes them.
    QString question;
    auto answer = [&question](bool confirm) {
        QTimer::singleShot(0, [&question, confirm] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            if (confirm)
                QTest::keyClick(box, Qt::Key_Return); // Delete is the default button
            else
                QTest::keyClick(box, Qt::Key_Escape);
        });
    };
    m_window->mapScene()->selectNodes({ m_jsonApi });
    answer(false);
    press(Qt::Key_Delete);
    QVERIFY2(question.contains(QStringLiteral("GET /json")), qPrintable(question));
    QVERIFY(question.contains(QStringLiteral("test case")));
    QVERIFY(hasNode(reopenProject(m_path), m_jsonApi)); // Escape on the question keeps it

    question.clear();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    answer(true);
    press(Qt::Key_Delete);
    QVERIFY(!question.isEmpty());
    const Project stored = reopenProject(m_path);
    QVERIFY(!hasNode(stored, m_jsonApi));
    QCOMPARE(stored.edges.size(), 1); // its two connections went with it
    for (const TestCase &t : stored.testCases)
        QVERIFY(t.id != m_jsonCase);

    // A node with nothing attached goes without a question.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    question.clear();
    m_window->mapScene()->selectNodes({ m_ordersTable });
    answer(false); // would keep the node, were it asked
    press(Qt::Key_Delete);
    QVERIFY(question.isEmpty());
    QVERIFY(!hasNode(reopenProject(m_path), m_ordersTable));
    QCOMPARE(reopenProject(m_path).nodes.size(), m_project.nodes.size() - 2);
}

void TestShortcuts::findKeysSelectTheNode()
{
    MapView *view = m_window->mapView();
    auto *find = m_window->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    QVERIFY(find);
    view->setZoom(2.0, QPointF(0, 0));
    view->centerOn(QPointF(0, 0));
    for (const Qt::Key key : { Qt::Key_F, Qt::Key_K }) {
        m_window->mapScene()->clearSelection();
        view->setFocus();
        press(key, Qt::ControlModifier);
        QTRY_VERIFY(find->hasFocus());
        QTest::keyClicks(find, QStringLiteral("orders"));
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(m_window->mapScene()->selectedNodeIds(), QList<Id> { m_ordersTable });
        QTRY_VERIFY(view->hasFocus()); // back on the map, ready for the next key
        const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
        QVERIFY(shown.contains(m_window->mapScene()->nodeItem(m_ordersTable)->sceneBoundingRect().center()));
        QVERIFY(find->text().isEmpty());
        view->centerOn(QPointF(0, 0));
    }
}

void TestShortcuts::zoomAndFitKeys()
{
    MapView *view = m_window->mapView();
    view->resetZoom();
    QCOMPARE(view->zoom(), 1.0);
    press(Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(view->zoom() > 1.0);
    const double in = view->zoom();
    press(Qt::Key_Minus, Qt::ControlModifier);
    press(Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(view->zoom() < in);
    QVERIFY(view->zoom() < 1.0);
    press(Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(view->zoom(), 1.0);

    view->setZoom(3.0, QPointF(0, 0));
    view->centerOn(QPointF(0, 0));
    press(Qt::Key_1, Qt::ControlModifier); // fit: every card in sight
    const QRectF shown = view->mapToScene(view->viewport()->rect()).boundingRect();
    for (const Node &n : m_project.nodes)
        QVERIFY2(shown.contains(m_window->mapScene()->nodeItem(n.id)->sceneBoundingRect()), qPrintable(n.name));
    QVERIFY(view->zoom() < 3.0);
}

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
