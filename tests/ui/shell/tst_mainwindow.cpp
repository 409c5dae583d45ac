// The workbench window as a whole: its docks (one Test Cases dock whose edits are saved at
// once and undone from the Edit menu), its commands following the open project, and what
// it looks like on a small system and on the example, checked pixel by pixel.
#include "document/addnodescommand.h"
#include "map/mapstyle.h"
#include "map/overview/mapoverviewlayer.h"
#include "panels/flowspanel.h"
#include "shell/windowactions.h"
#include "store/projectstore.h"
#include "support/exampleproject.h"
#include "support/shopproject.h"
#include "testcases/testcaseeditor.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
// Each of these cards shows in a grab of the window where its node is: its block colour
// when the map is zoomed out, else the white card fill (right of the kind stripe, left
// of the icon on a full card and of the name on a compact one).
void verifyCardsDrawn(MainWindow *window, const QImage &shot, const QList<Id> &ids)
{
    MapView *view = window->mapView();
    const bool blocks = view->zoom() < NodeItem::kDetailLevel;
    int drawn = 0;
    QList<Node> nodes;
    for (const Id &id : ids)
        if (const Node *n = window->document()->node(id); n && !nodes.contains(*n))
            nodes.append(*n);
    for (const Node &n : nodes) {
        const QPointF at = blocks ? QPointF(n.x + MapStyle::kNodeWidth / 2, n.y + MapStyle::kNodeHeight / 2)
                                  : QPointF(n.x + 9, n.y + MapStyle::kNodeHeight / 2);
        const QColor expected = blocks ? window->mapScene()->nodeItem(n.id)->blockColor() : QColor(Qt::white);
        const QPoint p = view->viewport()->mapTo(window, view->mapFromScene(at));
        drawn += near(pixelAt(shot, p), expected, 16) ? 1 : 0;
    }
    QVERIFY(!nodes.isEmpty());
    QVERIFY2(drawn == nodes.size(),
        qPrintable(QStringLiteral("%1 of %2 cards drawn").arg(drawn).arg(nodes.size())));
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_mainwindow")); }
    void init();
    void cleanup() { m_f.stop(); }
    void oneTestCasesDock();
    void testCasesDockEditsAreSaved();
    void editTestCaseAndUndoFromTheMenu();
    void commandsFollowTheOpenProject();
    void screenshotOfTheWindow();
    void screenshotOfTheExample();

private:
    WindowFixture m_f;
};

void TestMainWindow::init()
{
    QString error;
    QVERIFY2(m_f.start(&error), qPrintable(error));
}

void TestMainWindow::oneTestCasesDock()
{
    QList<QDockWidget *> withEditor;
    for (QDockWidget *dock : m_f.window->findChildren<QDockWidget *>())
        if (dock->findChild<TestCaseEditor *>())
            withEditor << dock;
    QCOMPARE(withEditor.size(), 1);
    QCOMPARE(withEditor.first()->windowTitle(), QStringLiteral("Test Cases"));
    QCOMPARE(withEditor.first()->findChildren<TestCaseEditor *>().size(), 1);
    QCOMPARE(withEditor.first()->findChild<TestCaseEditor *>(), m_f.window->testCaseEditor());
    // The View menu shows or hides it, once.
    int toggles = 0;
    for (QAction *menu : m_f.window->menuBar()->actions())
        if (menu->menu())
            for (QAction *a : menu->menu()->actions())
                toggles += a->text() == QStringLiteral("Test Cases") ? 1 : 0;
    QCOMPARE(toggles, 1);
    // Add Test Case brings it forward with a new test case on the selected node.
    const Id node = m_f.add(NodeKind::Api, 0, 0);
    m_f.trigger("actionAddTestCase");
    QCOMPARE(m_f.file().testCases.size(), 1);
    QCOMPARE(m_f.window->testCaseEditor()->nodeId(), node);
    QCOMPARE(m_f.window->testCaseEditor()->currentTestCaseId(), m_f.file().testCases.first().id);
}

void TestMainWindow::testCasesDockEditsAreSaved()
{
    const Id a = m_f.add(NodeKind::Cache, 0, 0);
    m_f.scene()->selectNodes({ a });
    TestCaseEditor *panel = m_f.window->testCaseEditor();
    panel->findChild<QPushButton *>(QStringLiteral("addTestCase"))->click();
    auto *title = panel->findChild<QLineEdit *>(QStringLiteral("title"));
    title->setText(QStringLiteral("session expires after 30 min"));
    emit title->editingFinished();
    const Project file = m_f.file();
    QCOMPARE(file.testCases.size(), 1);
    QCOMPARE(file.testCases.first().title, QStringLiteral("session expires after 30 min"));
    QCOMPARE(file.testCases.first().nodeId, a);
    // Another node: the dock follows the selection.
    const Id b = m_f.add(NodeKind::Table, 300, 0);
    QCOMPARE(panel->nodeId(), b);
    QVERIFY(panel->testCases().isEmpty());
    m_f.scene()->clearSelection();
    QVERIFY(panel->nodeId().isEmpty());
}

void TestMainWindow::editTestCaseAndUndoFromTheMenu()
{
    // The run tests' shop project, reopened in the window.
    ShopProject shop
        = makeShopProject(QStringLiteral("http://127.0.0.1:9"), QStringLiteral("http://127.0.0.1:9"));
    const QString path = m_f.dir->filePath(QStringLiteral("shop.flowbench"));
    {
        auto store = ProjectStore::create(path, shop.project.name);
        QVERIFY2(store, qPrintable(store.error()));
        QVERIFY(store.value()->replaceContents(shop.project).ok());
    }
    QVERIFY(m_f.window->documents()->openProjectFile(path).ok());
    TestCaseEditor *editor = m_f.window->testCaseEditor();
    m_f.scene()->selectNodes({ shop.health });
    QTRY_COMPARE(editor->nodeId(), shop.health);
    QCOMPARE(editor->testCases().size(), 4);

    editor->selectTestCase(shop.upCase);
    auto *title = editor->findChild<QLineEdit *>(QStringLiteral("title"));
    QVERIFY(title);
    title->setText(QStringLiteral("Health answers ok"));
    emit title->editingFinished();
    auto titleOf = [&path](const Id &id) {
        for (const TestCase &t : reopenProject(path).testCases)
            if (t.id == id)
                return t.title;
        return QString();
    };
    QCOMPARE(titleOf(shop.upCase), QStringLiteral("Health answers ok")); // saved at once
    QCOMPARE(m_f.document()->undoStack()->count(), 1);

    m_f.trigger("actionUndo");
    QCOMPARE(titleOf(shop.upCase), QStringLiteral("Health endpoint answers"));
    QCOMPARE(editor->testCases().size(), 4);
    QCOMPARE(title->text(), QStringLiteral("Health endpoint answers")); // the dock follows

    const int before = reopenProject(path).testCases.size();
    editor->findChild<QPushButton *>(QStringLiteral("addTestCase"))->click();
    QCOMPARE(reopenProject(path).testCases.size(), before + 1);
    QTRY_COMPARE(editor->testCases().size(), 5);
    m_f.trigger("actionUndo");
    QCOMPARE(reopenProject(path).testCases.size(), before);
    QTRY_COMPARE(editor->testCases().size(), 4);
}

void TestMainWindow::commandsFollowTheOpenProject()
{
    const QString path = m_f.document()->filePath();
    QVERIFY(m_f.window->windowTitle().contains(QStringLiteral("map.flowbench")));
    QVERIFY(m_f.window->action(QStringLiteral("actionLayout"))->isEnabled());
    QVERIFY(m_f.window->action(QStringLiteral("actionRunAll"))->isEnabled()); // the run workspace's too
    m_f.trigger("actionClose");
    QVERIFY(!m_f.document());
    QVERIFY(!m_f.scene());
    QCOMPARE(m_f.window->windowTitle(), QStringLiteral("Flowbench"));
    for (const char *name : { "actionSaveAs", "actionClose", "actionLayout", "actionDelete", "actionAddTestCase",
             "actionRunAll", "actionRunNode" })
        QVERIFY2(!m_f.window->action(QString::fromLatin1(name))->isEnabled(), name);
    for (const char *name : { "actionNew", "actionOpen", "actionQuit" })
        QVERIFY2(m_f.window->action(QString::fromLatin1(name))->isEnabled(), name);
    QVERIFY(!m_f.window->testCaseEditor()->isEnabled());
    QVERIFY(m_f.window->findChild<QPushButton *>(QStringLiteral("welcomeExample")));
    QVERIFY(m_f.window->documents()->openProjectFile(path).ok());
    QVERIFY(m_f.window->action(QStringLiteral("actionLayout"))->isEnabled());
    QVERIFY(m_f.window->action(QStringLiteral("actionRunAll"))->isEnabled());
    QVERIFY(m_f.window->testCaseEditor()->isEnabled());
    // Every command is found by its name, the run workspace's as well as the window's.
    QVERIFY(m_f.window->action(QStringLiteral("actionCancelRun")));
    QVERIFY(m_f.window->action(QStringLiteral("actionOverlayImpact")));
    QVERIFY(!m_f.window->action(QStringLiteral("noSuchAction")));
}

void TestMainWindow::screenshotOfTheWindow()
{
    // A small system: 3 groups, every kind, a flow highlighted.
    const char *names[] = { "Cart page", "POST /orders", "orders-service", "orders", "order-events", "session-cache",
        "nightly-export", "payment gateway" };
    QList<Node> nodes;
    const QList<NodeKind> kinds = allNodeKinds();
    for (int i = 0; i < 8; ++i) {
        Node n;
        n.id = newId();
        n.kind = kinds.at(i);
        n.name = QString::fromLatin1(names[i]);
        n.group = i < 3 ? QStringLiteral("Checkout") : i < 6 ? QStringLiteral("Orders") : QStringLiteral("Back office");
        n.owner = i < 3 ? QStringLiteral("web") : QStringLiteral("core");
        n.risk = { 1 + i % 5, 1 + (i * 2) % 5 };
        n.x = (i % 3) * 290;
        n.y = (i / 3) * 140;
        nodes.append(n);
    }
    QList<Edge> edges = { { newId(), nodes[0].id, nodes[1].id, EdgeKind::Calls, {} },
        { newId(), nodes[1].id, nodes[2].id, EdgeKind::Calls, {} },
        { newId(), nodes[2].id, nodes[3].id, EdgeKind::Writes, {} },
        { newId(), nodes[2].id, nodes[4].id, EdgeKind::Publishes, {} },
        { newId(), nodes[2].id, nodes[5].id, EdgeKind::Reads, {} },
        { newId(), nodes[6].id, nodes[3].id, EdgeKind::Reads, {} },
        { newId(), nodes[2].id, nodes[7].id, EdgeKind::Calls, QStringLiteral("charge") } };
    m_f.document()->undoStack()->push(new AddNodesCommand(m_f.document(), nodes, edges));
    m_f.trigger("actionLayout");
    QTRY_VERIFY_WITH_TIMEOUT(!m_f.window->isLayoutRunning(), 60000);
    m_f.view()->fitToContent();
    m_f.scene()->selectNodes({ nodes[2].id });
    QTest::qWait(50);
    Screenshots shots;
    const QImage shot = shots.grab(m_f.window.get(), QStringLiteral("window"));
    QVERIFY(shot.width() >= 1000);
    // Every card is on screen, white where its texts leave room.
    QList<Id> all;
    for (const Node &n : nodes)
        all << n.id;
    verifyCardsDrawn(m_f.window.get(), shot, all);
    // The selected card is outlined in the selection colour.
    const QRectF selected = m_f.scene()->nodeItem(nodes[2].id)->sceneBoundingRect();
    const QRect outline = QRect(m_f.view()->viewport()->mapTo(m_f.window.get(), m_f.view()->mapFromScene(selected.topLeft())),
        m_f.view()->viewport()->mapTo(m_f.window.get(), m_f.view()->mapFromScene(selected.bottomRight())));
    QVERIFY(countNear(shot, MapStyle::selectionColor(), 60, outline) > 20);
}

void TestMainWindow::screenshotOfTheExample()
{
    const QString example = m_f.dir->filePath(QStringLiteral("example.flowbench"));
    const Status written = writeExampleProjectFile(example);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    qputenv("FLOWBENCH_EXAMPLE", example.toUtf8());
    QCOMPARE(DocumentController::examplePath(), example);
    m_f.window->documents()->closeProject();
    m_f.window->resize(1366, 768);
    // The welcome screen offers the example; opening it works on a copy.
    auto *button = m_f.window->findChild<QPushButton *>(QStringLiteral("welcomeExample"));
    QVERIFY(button && button->isVisible() && button->isEnabled());
    Screenshots shots;
    const QImage welcome = shots.grab(m_f.window.get(), QStringLiteral("welcome"));
    QVERIFY(!welcome.isNull());
    QVERIFY(!near(pixelAt(welcome, button->mapTo(m_f.window.get(), button->rect().center())),
        pixelAt(welcome, QPoint(welcome.width() / 2 / int(welcome.devicePixelRatio()), 5)), 4));
    button->click();
    QVERIFY(m_f.document());
    QVERIFY(m_f.document()->filePath() != example);
    QVERIFY(m_f.document()->nodeCount() > 10);
    m_f.trigger("actionLayout");
    QTRY_VERIFY_WITH_TIMEOUT(!m_f.window->isLayoutRunning(), 60000);
    QCOMPARE(m_f.document()->undoStack()->count(), 1);
    auto *flowList = m_f.window->flowsPanel()->findChild<QTreeWidget *>(QStringLiteral("flowList"));
    QVERIFY(flowList && flowList->topLevelItemCount() > 0);
    for (int i = 0; i < flowList->topLevelItemCount(); ++i)
        if (flowList->topLevelItem(i)->text(0) == QStringLiteral("Checkout"))
            flowList->setCurrentItem(flowList->topLevelItem(i));
    QVERIFY(!m_f.scene()->highlightedFlow().isEmpty());
    // A node on the flow with test cases, selected: its test cases fill the dock.
    const Flow *checkout = m_f.document()->flow(m_f.scene()->highlightedFlow());
    QString tested;
    for (const Id &id : checkout->nodeIds)
        if (tested.isEmpty() && m_f.document()->testCaseCount(id) > 1)
            tested = m_f.document()->node(id)->name;
    QVERIFY(!tested.isEmpty());
    QVERIFY(m_f.window->mapEditor()->jumpTo(tested));
    m_f.view()->fitToContent();
    QTest::qWait(100);
    const QImage shot = shots.grab(m_f.window.get(), QStringLiteral("example"));
    QCOMPARE(shot.size() / shot.devicePixelRatio(), QSize(1366, 768));
    // The highlighted flow's cards (the others are dimmed) are where their nodes are.
    verifyCardsDrawn(m_f.window.get(), shot, m_f.document()->flow(m_f.scene()->highlightedFlow())->nodeIds);
    // The selected node's test cases are in the one Test Cases dock, named in its header.
    TestCaseEditor *editor = m_f.window->testCaseEditor();
    QVERIFY(!editor->testCases().isEmpty());
    auto *header = editor->findChild<QLabel *>(QStringLiteral("testCasesHeader"));
    QVERIFY(header && header->isVisible());
    QVERIFY2(header->text().contains(tested.toHtmlEscaped()), qPrintable(header->text()));
    QVERIFY(editor->currentForm() || editor->testCases().first().checks.isEmpty());
    qunsetenv("FLOWBENCH_EXAMPLE");
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
