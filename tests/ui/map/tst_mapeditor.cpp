// Editing the map through the window's commands (MapEditor): add, connect, delete with its
// question, copy and paste, jump to a node, pin. After each step the project file is
// reopened and checked: every edit is saved at once and undoes in one step.
#include "document/changevalue.h"
#include "map/mapstyle.h"
#include "testcases/testcaseeditor.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestMapEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_mapeditor")); }
    void init();
    void cleanup() { m_f.stop(); }
    void addConnectUndoRedo();
    void namesOfNewNodesAreUnique();
    void duplicateEdgeIsRefused();
    void paletteClicksLandOnFreeSpots();
    void deleteAsksWithCountsAndCascades();
    void copyPasteMakesNewNodes();
    void jumpToNode();
    void pinIsOneStepForTheSelection();

private:
    WindowFixture m_f;
};

void TestMapEditor::init()
{
    QString error;
    QVERIFY2(m_f.start(&error), qPrintable(error));
}

void TestMapEditor::addConnectUndoRedo()
{
    const Id api = m_f.add(NodeKind::Api, 0, 0);
    const Id table = m_f.add(NodeKind::Table, 400, 0);
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { table }); // a new node is selected
    m_f.scene()->connectNodes(api, table, EdgeKind::Writes);
    Project file = m_f.file();
    QCOMPARE(file.nodes.size(), 2);
    QCOMPARE(file.node(api)->name, QStringLiteral("New api endpoint"));
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));
    QCOMPARE(m_f.scene()->edgeItemCount(), 1);

    QAction *undo = m_f.window->action(QStringLiteral("actionUndo"));
    QAction *redo = m_f.window->action(QStringLiteral("actionRedo"));
    QVERIFY(undo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
    QVERIFY(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    undo->trigger();
    QVERIFY(m_f.file().edges.isEmpty());
    QCOMPARE(m_f.scene()->edgeItemCount(), 0);
    undo->trigger();
    QCOMPARE(m_f.file().nodes.size(), 1);
    QCOMPARE(m_f.scene()->nodeItemCount(), 1);
    redo->trigger();
    redo->trigger();
    file = m_f.file();
    QCOMPARE(file.nodes.size(), 2);
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(m_f.scene()->edgeItemCount(), 1);
}

void TestMapEditor::namesOfNewNodesAreUnique()
{
    MapEditor *editor = m_f.window->mapEditor();
    const Id first = editor->addNodeInView(NodeKind::Queue);
    const Id second = editor->addNodeInView(NodeKind::Queue);
    const Project file = m_f.file();
    QCOMPARE(file.node(first)->name, QStringLiteral("New queue"));
    QCOMPARE(file.node(second)->name, QStringLiteral("New queue 2"));
    // The second card does not hide the first (see paletteClicksLandOnFreeSpots).
    QVERIFY(!m_f.scene()->nodeItem(second)->sceneBoundingRect().intersects(
        m_f.scene()->nodeItem(first)->sceneBoundingRect()));
}

void TestMapEditor::duplicateEdgeIsRefused()
{
    const Id api = m_f.add(NodeKind::Api, 0, 0);
    const Id table = m_f.add(NodeKind::Table, 300, 0);
    QVERIFY(m_f.scene()->connectNodes(api, table, EdgeKind::Writes));
    QSignalSpy refused(m_f.scene(), &MapScene::refused);
    QVERIFY(!m_f.scene()->connectNodes(api, table, EdgeKind::Writes));
    QCOMPARE(refused.size(), 1);
    const QString why = refused.first().first().toString();
    QVERIFY2(why.contains(m_f.document()->node(api)->name) && why.contains(m_f.document()->node(table)->name),
        qPrintable(why));
    QVERIFY(m_f.window->statusBar()->currentMessage().contains(QStringLiteral("already")));
    QCOMPARE(m_f.file().edges.size(), 1);
    QCOMPARE(m_f.scene()->edgeItemCount(), 1);
    // Another kind, or the other direction, is a different connection.
    QVERIFY(m_f.scene()->connectNodes(api, table, EdgeKind::Reads));
    QVERIFY(m_f.scene()->connectNodes(table, api, EdgeKind::Writes));
    QCOMPARE(m_f.file().edges.size(), 3);
    QCOMPARE(refused.size(), 1);
}

void TestMapEditor::paletteClicksLandOnFreeSpots()
{
    // A card already sits in the middle of the view.
    const QPointF centre = m_f.view()->visibleCentre();
    const Id existing = m_f.add(NodeKind::Service, centre.x() - 80, centre.y() - 30);
    QList<Id> ids { existing };
    MapEditor *editor = m_f.window->mapEditor();
    for (int i = 0; i < 6; ++i)
        ids << editor->addNodeInView(NodeKind::Api);
    for (int i = 0; i < ids.size(); ++i) {
        const QRectF r = m_f.scene()->nodeItem(ids.at(i))->sceneBoundingRect();
        for (int j = i + 1; j < ids.size(); ++j)
            QVERIFY2(!r.intersects(m_f.scene()->nodeItem(ids.at(j))->sceneBoundingRect()),
                qPrintable(QStringLiteral("cards %1 and %2 overlap").arg(i).arg(j)));
        // Near the centre: within two card steps of it.
        QVERIFY(QLineF(r.center(), centre).length() < 2.5 * (MapStyle::kNodeWidth + 24));
    }
    QCOMPARE(m_f.file().nodes.size(), ids.size());
}

void TestMapEditor::deleteAsksWithCountsAndCascades()
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    const Id b = m_f.add(NodeKind::Service, 300, 0);
    const Id c = m_f.add(NodeKind::Table, 600, 0);
    m_f.scene()->connectNodes(a, b, EdgeKind::Calls);
    m_f.scene()->connectNodes(b, c, EdgeKind::Reads);
    m_f.scene()->selectNodes({ b });
    m_f.window->testCaseEditor()->addTestCase();
    QCOMPARE(m_f.file().testCases.size(), 1);
    QCOMPARE(m_f.window->mapEditor()->deleteQuestion({ b }),
        QStringLiteral("Delete “New service”? This also deletes 2 connections, 1 test case."));
    QVERIFY(m_f.window->mapEditor()->deleteQuestion({ c }).contains(QStringLiteral("1 connection")));

    m_f.scene()->selectNodes({ b });
    // Cancel first: nothing is deleted.
    QString question;
    clickInNextDialog(QStringLiteral("Cancel"), &question);
    m_f.trigger("actionDelete");
    QVERIFY2(question.contains(QStringLiteral("2 connections"))
            && question.contains(QStringLiteral("1 test case")),
        qPrintable(question));
    QCOMPARE(m_f.file().nodes.size(), 3);

    clickInNextDialog(QStringLiteral("Delete"));
    m_f.trigger("actionDelete");
    Project file = m_f.file();
    QCOMPARE(file.nodes.size(), 2);
    QVERIFY(file.edges.isEmpty());
    QVERIFY(file.testCases.isEmpty());
    QCOMPARE(m_f.scene()->edgeItemCount(), 0);

    m_f.trigger("actionUndo");
    file = m_f.file();
    QCOMPARE(file.nodes.size(), 3);
    QCOMPARE(file.edges.size(), 2);
    QCOMPARE(file.testCases.size(), 1);
    QCOMPARE(m_f.scene()->edgeItemCount(), 2);
}

void TestMapEditor::copyPasteMakesNewNodes()
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    const Id b = m_f.add(NodeKind::Service, 300, 0);
    m_f.scene()->connectNodes(a, b, EdgeKind::Calls);
    m_f.scene()->selectNodes({ a, b });
    m_f.trigger("actionCopy");
    m_f.trigger("actionPaste");
    const Project file = m_f.file();
    QCOMPARE(file.nodes.size(), 4);
    QCOMPARE(file.edges.size(), 2);
    const QList<Id> pasted = m_f.scene()->selectedNodeIds();
    QCOMPARE(pasted.size(), 2);
    QVERIFY(!pasted.contains(a) && !pasted.contains(b));
    for (const Id &id : pasted) {
        const Node *n = file.node(id);
        QVERIFY(n->x > 0 && n->y > 0); // offset from the originals
    }
    m_f.trigger("actionUndo"); // one step takes the paste back
    QCOMPARE(m_f.file().nodes.size(), 2);
    QCOMPARE(m_f.file().edges.size(), 1);
}

void TestMapEditor::jumpToNode()
{
    m_f.add(NodeKind::Api, 0, 0);
    const Id far = m_f.add(NodeKind::Table, 5000, 3000);
    m_f.scene()->selectNodes({});
    auto *find = m_f.window->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    m_f.trigger("actionFind");
    QTest::keyClicks(find, QStringLiteral("new tab"));
    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { far });
    const QRectF visible = m_f.view()->mapToScene(m_f.view()->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(m_f.centreOf(far)));
    // Exact names first, then names that start with the text, then any that contain it.
    const Id exact = m_f.add(NodeKind::Api, 0, 300);
    QVERIFY(m_f.document()->updateNode([&] {
        Node n = *m_f.document()->node(exact);
        n.name = QStringLiteral("table");
        return n;
    }()));
    QVERIFY(m_f.window->mapEditor()->jumpTo(QStringLiteral("TABLE")));
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { exact });
    QVERIFY(!m_f.window->mapEditor()->jumpTo(QStringLiteral("no such node")));
}

void TestMapEditor::pinIsOneStepForTheSelection()
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    const Id b = m_f.add(NodeKind::Table, 300, 0);
    QUndoStack *stack = m_f.document()->undoStack();
    QAction *pin = m_f.window->action(QStringLiteral("actionPin"));
    m_f.scene()->selectNodes({ a });
    pin->trigger();
    QVERIFY(m_f.file().node(a)->pinned);
    QCOMPARE(pin->text(), QStringLiteral("Un&pin"));
    // One pinned, one not: Pin pins both, as one step.
    m_f.scene()->selectNodes({ a, b });
    QCOMPARE(pin->text(), QStringLiteral("&Pin in Place"));
    const int steps = stack->count();
    pin->trigger();
    QCOMPARE(stack->count(), steps + 1);
    QVERIFY(m_f.file().node(a)->pinned && m_f.file().node(b)->pinned);
    // All pinned: Unpin unpins both.
    QCOMPARE(pin->text(), QStringLiteral("Un&pin"));
    pin->trigger();
    QVERIFY(!m_f.file().node(a)->pinned && !m_f.file().node(b)->pinned);
    m_f.trigger("actionUndo");
    QVERIFY(m_f.file().node(a)->pinned && m_f.file().node(b)->pinned);
    m_f.trigger("actionUndo");
    QVERIFY(m_f.file().node(a)->pinned && !m_f.file().node(b)->pinned);
    m_f.scene()->clearSelection();
    QVERIFY(!pin->isEnabled());
}

QTEST_MAIN(TestMapEditor)
#include "tst_mapeditor.moc"
