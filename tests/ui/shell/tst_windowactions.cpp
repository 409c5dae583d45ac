// The window's commands through real key events on the main window: F5 / Alt+F5 / Ctrl+F5
// / Shift+F5 run the selected node, test case, highlighted flow or everything against a
// real HTTP server in this process; undo, redo, delete (with its question), find, zoom and
// fit act on the open project file. No key is bound twice ("ambiguous" fails the test).
#include "ui/shell/keyboardfixture.h"
#include "map/mapeditor.h"
#include "testcases/testcaseeditor.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestWindowActions : public QObject, public KeyboardFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpProject(QStringLiteral("tst_windowactions")); }
    void init() { openWindow(); }
    void cleanup() { closeWindow(); }
    void f5RunsTheSelectedNode();
    void altF5RunsTheSelectedTestCase();
    void ctrlF5RunsTheHighlightedFlow();
    void undoAndRedoKeys();
    void deleteKeyAsksFirst();
    void findKeysSelectTheNode();
    void zoomAndFitKeys();
};

void TestWindowActions::f5RunsTheSelectedNode()
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

void TestWindowActions::altF5RunsTheSelectedTestCase()
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

void TestWindowActions::ctrlF5RunsTheHighlightedFlow()
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

void TestWindowActions::undoAndRedoKeys()
{
    MapScene *scene = m_window->mapScene();
    scene->selectNodes({ m_ordersTable });
    m_window->mapEditor()->deleteSelection(false);
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

void TestWindowActions::deleteKeyAsksFirst()
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

void TestWindowActions::findKeysSelectTheNode()
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

void TestWindowActions::zoomAndFitKeys()
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

QTEST_MAIN(TestWindowActions)
#include "tst_windowactions.moc"
