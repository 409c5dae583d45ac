// The workbench window driven as a user would: palette, gestures, keyboard, panels.
// After each step the project file is reopened and checked: every edit is saved at once.
#include "document/addnodescommand.h"
#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "panels/flowspanel.h"
#include "shell/mainwindow.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "store/projectstore.h"
#include "support/projectfile.h"
#include "shell/pluraltranslator.h"
#include "testcases/testcaseeditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace flowbench;

namespace {
Project reopen(const QString &path) { return testing::reopenProject(path); }

// Sends a press-move-release drag in the view's viewport, as a mouse would.
void drag(MapView *view, const QPointF &fromScene, const QPointF &toScene, Qt::KeyboardModifiers mods = {})
{
    QWidget *vp = view->viewport();
    const QPointF a = view->mapFromScene(fromScene);
    const QPointF b = view->mapFromScene(toScene);
    const QPointF ga = vp->mapToGlobal(a.toPoint());
    QMouseEvent press(QEvent::MouseButtonPress, a, ga, Qt::LeftButton, Qt::LeftButton, mods);
    QApplication::sendEvent(vp, &press);
    for (int i = 1; i <= 5; ++i) {
        const QPointF p = a + (b - a) * (i / 5.0);
        QMouseEvent move(QEvent::MouseMove, p, vp->mapToGlobal(p.toPoint()), Qt::NoButton, Qt::LeftButton, mods);
        QApplication::sendEvent(vp, &move);
    }
    QMouseEvent release(QEvent::MouseButtonRelease, b, vp->mapToGlobal(b.toPoint()), Qt::LeftButton, Qt::NoButton, mods);
    QApplication::sendEvent(vp, &release);
}

QPointF centreOf(MainWindow &w, const Id &id)
{
    return w.mapScene()->nodeItem(id)->sceneBoundingRect().center();
}

// Answers the next modal dialog by clicking the button with this text.
void clickInNextDialog(const QString &buttonText, QString *seenText = nullptr)
{
    QTimer::singleShot(0, [=] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        if (seenText)
            *seenText = box->text();
        for (QAbstractButton *b : box->buttons())
            if (b->text() == buttonText)
                b->click();
    });
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void addConnectUndoRedo();
    void dragMovesIsOneUndoStep();
    void shiftDragConnects();
    void deleteAsksWithCountsAndCascades();
    void renameInPlace();
    void propertiesPanelEditsAreSaved();
    void copyPasteMakesNewNodes();
    void flowByPicking();
    void testCasesPanel();
    void jumpToNode();
    void layoutIsOneUndoStepAndKeepsPins();
    void cancelledLayoutChangesNothing();
    void saveAsCopiesAndContinuesThere();
    void saveAsOverAProjectReplacesItWhole();
    void badFileIsReported();
    void screenshotOfTheWindow();
    void screenshotOfTheExample();

private:
    Id add(NodeKind kind, double x, double y);
    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    MainWindow *m_window = nullptr;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings and recent files stay out of $HOME
    QApplication::setOrganizationName(QStringLiteral("FlowbenchTest"));
    QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QApplication::installTranslator(new PluralTranslator(qApp));
}

void TestMainWindow::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("shop.flowbench"));
    m_window = new MainWindow;
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    const Status s = m_window->newProjectFile(m_path);
    QVERIFY2(s.ok(), qPrintable(s.error()));
}

void TestMainWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
    delete m_dir;
}

Id TestMainWindow::add(NodeKind kind, double x, double y) { return m_window->addNode(kind, QPointF(x, y)); }

void TestMainWindow::addConnectUndoRedo()
{
    const Id api = add(NodeKind::Api, 0, 0);
    const Id table = add(NodeKind::Table, 400, 0);
    QCOMPARE(m_window->mapScene()->selectedNodeIds(), QList<Id>{table}); // a new node is selected
    m_window->mapScene()->connectNodes(api, table, EdgeKind::Writes);
    Project file = reopen(m_path);
    QCOMPARE(file.nodes.size(), 2);
    QCOMPARE(file.node(api)->name, QStringLiteral("New api endpoint"));
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));
    QCOMPARE(m_window->mapScene()->edgeItemCount(), 1);

    QAction *undo = m_window->action(QStringLiteral("actionUndo"));
    QAction *redo = m_window->action(QStringLiteral("actionRedo"));
    QVERIFY(undo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
    QVERIFY(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    undo->trigger();
    QVERIFY(reopen(m_path).edges.isEmpty());
    QCOMPARE(m_window->mapScene()->edgeItemCount(), 0);
    undo->trigger();
    QCOMPARE(reopen(m_path).nodes.size(), 1);
    QCOMPARE(m_window->mapScene()->nodeItemCount(), 1);
    redo->trigger();
    redo->trigger();
    file = reopen(m_path);
    QCOMPARE(file.nodes.size(), 2);
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(m_window->mapScene()->edgeItemCount(), 1);
}

void TestMainWindow::dragMovesIsOneUndoStep()
{
    const Id a = add(NodeKind::Service, 0, 0);
    m_window->mapView()->resetZoom();
    m_window->mapView()->centerOn(centreOf(*m_window, a));
    const int steps = m_window->document()->undoStack()->count();
    const QPointF start = centreOf(*m_window, a) + QPointF(-40, 10); // on the card, away from the handle
    drag(m_window->mapView(), start, start + QPointF(150, 80));
    QCOMPARE(m_window->document()->undoStack()->count(), steps + 1);
    const Node moved = *reopen(m_path).node(a);
    QVERIFY2(qAbs(moved.x - 150) < 3 && qAbs(moved.y - 80) < 3, qPrintable(QStringLiteral("%1,%2").arg(moved.x).arg(moved.y)));
    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(reopen(m_path).node(a)->x, 0.0);
    QCOMPARE(m_window->mapScene()->nodeItem(a)->pos(), QPointF(0, 0));
}

void TestMainWindow::shiftDragConnects()
{
    const Id a = add(NodeKind::Service, 0, 0);
    const Id b = add(NodeKind::Queue, 320, 0);
    m_window->mapView()->resetZoom();
    m_window->mapView()->centerOn(QPointF(260, 30));
    QSignalSpy requested(m_window->mapScene(), &MapScene::connectRequested);
    // Answer the edge-kind menu with "publishes".
    QTimer::singleShot(0, [] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *act : menu->actions())
            if (act->data().toString() == QStringLiteral("publishes"))
                menu->setActiveAction(act);
        QTest::keyClick(menu, Qt::Key_Return);
    });
    drag(m_window->mapView(), centreOf(*m_window, a), centreOf(*m_window, b), Qt::ShiftModifier);
    QCOMPARE(requested.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(reopen(m_path).edges.size(), 1, 5000);
    const Edge edge = reopen(m_path).edges.first();
    QCOMPARE(edge.from, a);
    QCOMPARE(edge.to, b);
    QCOMPARE(toString(edge.kind), QStringLiteral("publishes"));
    // The nodes did not move: Shift+drag draws a connection, it does not drag cards.
    QCOMPARE(reopen(m_path).node(a)->x, 0.0);
}

void TestMainWindow::deleteAsksWithCountsAndCascades()
{
    const Id a = add(NodeKind::Api, 0, 0);
    const Id b = add(NodeKind::Service, 300, 0);
    const Id c = add(NodeKind::Table, 600, 0);
    m_window->mapScene()->connectNodes(a, b, EdgeKind::Calls);
    m_window->mapScene()->connectNodes(b, c, EdgeKind::Reads);
    m_window->mapScene()->selectNodes({b});
    m_window->testCaseEditor()->addTestCase();
    QCOMPARE(reopen(m_path).testCases.size(), 1);

    m_window->mapScene()->selectNodes({b});
    // Cancel first: nothing is deleted.
    QString question;
    clickInNextDialog(QStringLiteral("Cancel"), &question);
    m_window->action(QStringLiteral("actionDelete"))->trigger();
    QVERIFY2(question.contains(QStringLiteral("2 connections")) && question.contains(QStringLiteral("1 test case")),
             qPrintable(question));
    QCOMPARE(reopen(m_path).nodes.size(), 3);

    clickInNextDialog(QStringLiteral("Delete"));
    m_window->action(QStringLiteral("actionDelete"))->trigger();
    Project file = reopen(m_path);
    QCOMPARE(file.nodes.size(), 2);
    QVERIFY(file.edges.isEmpty());
    QVERIFY(file.testCases.isEmpty());
    QCOMPARE(m_window->mapScene()->edgeItemCount(), 0);

    m_window->action(QStringLiteral("actionUndo"))->trigger();
    file = reopen(m_path);
    QCOMPARE(file.nodes.size(), 3);
    QCOMPARE(file.edges.size(), 2);
    QCOMPARE(file.testCases.size(), 1);
    QCOMPARE(m_window->mapScene()->edgeItemCount(), 2);
}

void TestMainWindow::renameInPlace()
{
    const Id a = add(NodeKind::Table, 0, 0);
    m_window->mapView()->setFocus();
    QTest::keyClick(m_window->mapView(), Qt::Key_F2);
    auto *editor = m_window->mapView()->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isVisible(), 2000);
    editor->setText(QStringLiteral("orders"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(reopen(m_path).node(a)->name, QStringLiteral("orders"));
    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(reopen(m_path).node(a)->name, QStringLiteral("New table"));
}

void TestMainWindow::propertiesPanelEditsAreSaved()
{
    const Id a = add(NodeKind::Api, 0, 0);
    auto *panel = reinterpret_cast<QWidget *>(m_window->propertiesPanel());
    auto *group = panel->findChild<QLineEdit *>(QStringLiteral("groupEdit"));
    auto *impact = panel->findChild<QSpinBox *>(QStringLiteral("impactSpin"));
    auto *method = panel->findChild<QLineEdit *>(QStringLiteral("property_method"));
    QVERIFY(group && impact && method);
    group->setText(QStringLiteral("Checkout"));
    emit group->editingFinished();
    impact->setValue(4);
    method->setText(QStringLiteral("POST"));
    emit method->editingFinished();
    const Node stored = *reopen(m_path).node(a);
    QCOMPARE(stored.group, QStringLiteral("Checkout"));
    QCOMPARE(stored.risk.impact, 4);
    QCOMPARE(stored.properties.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    // A cluster appears behind the grouped node.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->mapScene()->clusterItems().size(), 1, 5000);
}

void TestMainWindow::copyPasteMakesNewNodes()
{
    const Id a = add(NodeKind::Api, 0, 0);
    const Id b = add(NodeKind::Service, 300, 0);
    m_window->mapScene()->connectNodes(a, b, EdgeKind::Calls);
    m_window->mapScene()->selectNodes({a, b});
    m_window->action(QStringLiteral("actionCopy"))->trigger();
    m_window->action(QStringLiteral("actionPaste"))->trigger();
    const Project file = reopen(m_path);
    QCOMPARE(file.nodes.size(), 4);
    QCOMPARE(file.edges.size(), 2);
    const QList<Id> pasted = m_window->mapScene()->selectedNodeIds();
    QCOMPARE(pasted.size(), 2);
    QVERIFY(!pasted.contains(a) && !pasted.contains(b));
    for (const Id &id : pasted) {
        const Node *n = file.node(id);
        QVERIFY(n->x > 0 && n->y > 0); // offset from the originals
    }
    m_window->action(QStringLiteral("actionUndo"))->trigger(); // one step takes the paste back
    QCOMPARE(reopen(m_path).nodes.size(), 2);
    QCOMPARE(reopen(m_path).edges.size(), 1);
}

void TestMainWindow::flowByPicking()
{
    const Id a = add(NodeKind::Screen, 0, 0);
    const Id b = add(NodeKind::Api, 300, 0);
    const Id c = add(NodeKind::Table, 600, 0);
    m_window->mapScene()->connectNodes(a, b, EdgeKind::Calls);
    m_window->mapView()->resetZoom();
    m_window->mapView()->centerOn(QPointF(400, 30));
    m_window->flowsPanel()->startPicking(QStringLiteral("Checkout"));
    for (const Id &id : {a, b, c}) {
        const QPoint p = m_window->mapView()->mapFromScene(centreOf(*m_window, id) - QPointF(30, 0));
        QTest::mouseClick(m_window->mapView()->viewport(), Qt::LeftButton, {}, p);
    }
    QCOMPARE(m_window->flowsPanel()->pickedPath(), QList<Id>({a, b, c}));
    QTest::keyClick(m_window, Qt::Key_Return);
    const Project file = reopen(m_path);
    QCOMPARE(file.flows.size(), 1);
    QCOMPARE(file.flows.first().name, QStringLiteral("Checkout"));
    QCOMPARE(file.flows.first().nodeIds, QList<Id>({a, b, c}));
    // The new flow is selected and highlighted: its path numbered, its edge accented.
    QCOMPARE(m_window->mapScene()->highlightedFlow(), file.flows.first().id);
    QVERIFY(!m_window->mapScene()->pickMode());
    // Nodes were not moved by the clicks.
    QCOMPARE(file.node(b)->x, 300.0);
}

void TestMainWindow::testCasesPanel()
{
    const Id a = add(NodeKind::Cache, 0, 0);
    m_window->mapScene()->selectNodes({a});
    auto *panel = m_window->testCaseEditor();
    panel->findChild<QPushButton *>(QStringLiteral("addTestCase"))->click();
    auto *title = panel->findChild<QLineEdit *>(QStringLiteral("title"));
    title->setText(QStringLiteral("session expires after 30 min"));
    emit title->editingFinished();
    const Project file = reopen(m_path);
    QCOMPARE(file.testCases.size(), 1);
    QCOMPARE(file.testCases.first().title, QStringLiteral("session expires after 30 min"));
    QCOMPARE(file.testCases.first().nodeId, a);
}

void TestMainWindow::jumpToNode()
{
    add(NodeKind::Api, 0, 0);
    const Id far = add(NodeKind::Table, 5000, 3000);
    m_window->mapScene()->selectNodes({});
    auto *find = m_window->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    m_window->action(QStringLiteral("actionFind"))->trigger();
    QTest::keyClicks(find, QStringLiteral("new tab"));
    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(m_window->mapScene()->selectedNodeIds(), QList<Id>{far});
    const QRectF visible = m_window->mapView()->mapToScene(m_window->mapView()->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(centreOf(*m_window, far)));
}

void TestMainWindow::layoutIsOneUndoStepAndKeepsPins()
{
    // Everything piled up at the origin, one node pinned far away.
    QList<Id> ids;
    for (NodeKind kind : allNodeKinds())
        ids << add(kind, 0, 0);
    for (int i = 1; i < ids.size(); ++i)
        m_window->mapScene()->connectNodes(ids.at(i - 1), ids.at(i), EdgeKind::Calls);
    const Id pinned = ids.last();
    m_window->mapScene()->selectNodes({pinned});
    m_window->action(QStringLiteral("actionPin"))->trigger();
    QVERIFY(reopen(m_path).node(pinned)->pinned);
    QUndoStack *stack = m_window->document()->undoStack();
    const int steps = stack->count();

    m_window->action(QStringLiteral("actionLayout"))->trigger();
    QVERIFY(m_window->isLayoutRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isLayoutRunning(), 60000);
    QCOMPARE(stack->count(), steps + 1);
    Project file = reopen(m_path);
    // No two cards overlap any more, and the pinned one did not move.
    for (int i = 0; i < file.nodes.size(); ++i) {
        for (int j = i + 1; j < file.nodes.size(); ++j) {
            const Node &a = file.nodes.at(i);
            const Node &b = file.nodes.at(j);
            const QRectF ra(a.x, a.y, MapStyle::kNodeWidth, MapStyle::kNodeHeight);
            const QRectF rb(b.x, b.y, MapStyle::kNodeWidth, MapStyle::kNodeHeight);
            QVERIFY2(!ra.intersects(rb), qPrintable(a.name + QStringLiteral(" overlaps ") + b.name));
        }
    }
    QCOMPARE(file.node(pinned)->x, 0.0);
    QCOMPARE(file.node(pinned)->y, 0.0);
    // The scene shows what the file says.
    for (const Node &n : file.nodes)
        QCOMPARE(m_window->mapScene()->nodeItem(n.id)->pos(), QPointF(n.x, n.y));

    m_window->action(QStringLiteral("actionUndo"))->trigger();
    for (const Node &n : reopen(m_path).nodes) {
        QCOMPARE(n.x, 0.0);
        QCOMPARE(n.y, 0.0);
    }
    m_window->action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(reopen(m_path).nodes, file.nodes);
}

void TestMainWindow::cancelledLayoutChangesNothing()
{
    const Id a = add(NodeKind::Api, 0, 0);
    const Id b = add(NodeKind::Table, 0, 0);
    m_window->mapScene()->connectNodes(a, b, EdgeKind::Writes);
    const int steps = m_window->document()->undoStack()->count();
    m_window->action(QStringLiteral("actionLayout"))->trigger();
    auto *cancel = m_window->findChild<QPushButton *>(QStringLiteral("cancelLayoutButton"));
    QVERIFY(cancel && cancel->isVisible());
    cancel->click(); // before the result is delivered, so it is discarded
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isLayoutRunning(), 60000);
    QVERIFY(!cancel->isVisible());
    QCOMPARE(m_window->document()->undoStack()->count(), steps);
    QCOMPARE(reopen(m_path).node(b)->x, 0.0);
    QCOMPARE(reopen(m_path).node(b)->y, 0.0);
}

void TestMainWindow::saveAsCopiesAndContinuesThere()
{
    const Id a = add(NodeKind::Job, 10, 20);
    m_window->mapScene()->selectNodes({a});
    m_window->testCaseEditor()->addTestCase();
    const QString copy = m_dir->filePath(QStringLiteral("copy.flowbench"));
    const Status s = m_window->saveCopyAs(copy);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(m_window->document()->filePath(), QFileInfo(copy).absoluteFilePath());
    const Project original = reopen(m_path);
    Project copied = reopen(copy);
    QCOMPARE(copied.nodes, original.nodes);
    QCOMPARE(copied.testCases, original.testCases);
    // Edits now go to the copy only.
    add(NodeKind::Cache, 300, 20);
    QCOMPARE(reopen(copy).nodes.size(), 2);
    QCOMPARE(reopen(m_path).nodes.size(), 1);
}

void TestMainWindow::saveAsOverAProjectReplacesItWhole()
{
    add(NodeKind::Job, 10, 20);
    // Another project with three nodes.
    const QString other = m_dir->filePath(QStringLiteral("other.flowbench"));
    {
        auto doc = ProjectDocument::create(other, QStringLiteral("Other"));
        QVERIFY2(doc.ok(), qPrintable(doc.error()));
        QList<Node> nodes;
        for (int i = 0; i < 3; ++i) {
            Node n;
            n.id = newId();
            n.name = QStringLiteral("old %1").arg(i);
            nodes.append(n);
        }
        QList<Edge> none;
        QVERIFY(doc.value()->addNodes(nodes, none).ok());
        QCOMPARE(reopen(other).nodes.size(), 3);

        // A file that is not a project, with a log beside it: Save As must refuse to
        // replace it rather than let SQLite discard the log.
        const QString stranger = m_dir->filePath(QStringLiteral("stranger.flowbench"));
        for (const QString &name : {stranger, stranger + QStringLiteral("-wal")}) {
            QFile f(name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not sqlite\n");
        }
        const Status refused = m_window->saveCopyAs(stranger);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("stranger.flowbench")), qPrintable(refused.error()));
        QFile f(stranger + QStringLiteral("-wal"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not sqlite\n"));
        QCOMPARE(m_window->document()->filePath(), QFileInfo(m_path).absoluteFilePath()); // still here
    }
    const Status s = m_window->saveCopyAs(other);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    const Project replaced = reopen(other);
    QCOMPARE(replaced.nodes, reopen(m_path).nodes);
    // Nothing half-written is left beside it.
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("*.partial*")}, QDir::Files | QDir::Hidden), QStringList());
}

void TestMainWindow::badFileIsReported()
{
    const QString bad = m_dir->filePath(QStringLiteral("notes.flowbench"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a project\n");
    f.close();
    const Status s = m_window->openProjectFile(bad);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("notes.flowbench")), qPrintable(s.error()));
    // The open project stays open.
    QCOMPARE(m_window->document()->filePath(), QFileInfo(m_path).absoluteFilePath());
    // The dialog version names the file too.
    QString shown;
    QTimer::singleShot(0, [&shown] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    QVERIFY(!m_window->openProject(bad));
    QVERIFY2(shown.contains(QStringLiteral("notes.flowbench")), qPrintable(shown));
}

void TestMainWindow::screenshotOfTheWindow()
{
    // A small system: 3 groups, every kind, a flow highlighted.
    const char *names[] = {"Cart page", "POST /orders", "orders-service", "orders", "order-events",
                           "session-cache", "nightly-export", "payment gateway"};
    QList<Node> nodes;
    const QList<NodeKind> kinds = allNodeKinds();
    for (int i = 0; i < 8; ++i) {
        Node n;
        n.id = newId();
        n.kind = kinds.at(i);
        n.name = QString::fromLatin1(names[i]);
        n.group = i < 3 ? QStringLiteral("Checkout") : i < 6 ? QStringLiteral("Orders") : QStringLiteral("Back office");
        n.owner = i < 3 ? QStringLiteral("web") : QStringLiteral("core");
        n.risk = {1 + i % 5, 1 + (i * 2) % 5};
        n.x = (i % 3) * 290;
        n.y = (i / 3) * 140;
        nodes.append(n);
    }
    QList<Edge> edges = {{newId(), nodes[0].id, nodes[1].id, EdgeKind::Calls, {}},
                         {newId(), nodes[1].id, nodes[2].id, EdgeKind::Calls, {}},
                         {newId(), nodes[2].id, nodes[3].id, EdgeKind::Writes, {}},
                         {newId(), nodes[2].id, nodes[4].id, EdgeKind::Publishes, {}},
                         {newId(), nodes[2].id, nodes[5].id, EdgeKind::Reads, {}},
                         {newId(), nodes[6].id, nodes[3].id, EdgeKind::Reads, {}},
                         {newId(), nodes[2].id, nodes[7].id, EdgeKind::Calls, QStringLiteral("charge")}};
    m_window->document()->undoStack()->push(new AddNodesCommand(m_window->document(), nodes, edges));
    m_window->action(QStringLiteral("actionLayout"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isLayoutRunning(), 60000);
    m_window->mapView()->fitToContent();
    m_window->mapScene()->selectNodes({nodes[2].id});
    QTest::qWait(50);
    const QImage shot = m_window->grab().toImage();
    const QString out = QDir::temp().filePath(QStringLiteral("flowbench-window.png"));
    QVERIFY(shot.save(out));
    qInfo("window grabbed to %s", qPrintable(out));
    QVERIFY(shot.width() >= 1000);
}

void TestMainWindow::screenshotOfTheExample()
{
    const QString example = QStringLiteral(FLOWBENCH_BINARY_DIR "/examples/shop.flowbench");
    if (!QFileInfo::exists(example))
        QSKIP("the example project was not built (target example_project)");
    qputenv("FLOWBENCH_EXAMPLE", example.toUtf8());
    QCOMPARE(MainWindow::examplePath(), example);
    m_window->closeProject();
    // The welcome screen offers the example; opening it works on a copy.
    auto *button = m_window->findChild<QPushButton *>(QStringLiteral("welcomeExample"));
    QVERIFY(button && button->isVisible() && button->isEnabled());
    const QString grabWelcome = QDir::temp().filePath(QStringLiteral("flowbench-welcome.png"));
    QVERIFY(m_window->grab().save(grabWelcome));
    button->click();
    QVERIFY(m_window->document());
    QVERIFY(m_window->document()->filePath() != example);
    QVERIFY(m_window->document()->nodeCount() > 10);
    m_window->action(QStringLiteral("actionLayout"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isLayoutRunning(), 60000);
    QCOMPARE(m_window->document()->undoStack()->count(), 1);
    auto *flowList = m_window->flowsPanel()->findChild<QTreeWidget *>(QStringLiteral("flowList"));
    QVERIFY(flowList && flowList->topLevelItemCount() > 0);
    for (int i = 0; i < flowList->topLevelItemCount(); ++i)
        if (flowList->topLevelItem(i)->text(0) == QStringLiteral("Checkout"))
            flowList->setCurrentItem(flowList->topLevelItem(i));
    QVERIFY(!m_window->mapScene()->highlightedFlow().isEmpty());
    QVERIFY(m_window->jumpTo(QStringLiteral("Order service")));
    m_window->mapView()->fitToContent();
    QTest::qWait(100);
    const QString out = QDir::temp().filePath(QStringLiteral("flowbench-example.png"));
    QVERIFY(m_window->grab().save(out));
    qInfo("example grabbed to %s", qPrintable(out));
    qunsetenv("FLOWBENCH_EXAMPLE");
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
