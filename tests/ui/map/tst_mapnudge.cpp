// Arrow keys move the selected cards (10 px, 50 px with Shift); a run of nudges of one
// selection is one undo step; arrows in text fields and in the rename editor keep their
// meaning.
#include "panels/propertiespanel.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestMapNudge : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_mapnudge")); }
    void init();
    void cleanup() { m_f.stop(); }
    void arrowKeysNudgeAndOneUndoRestores();
    void nudgeRunsEndWithTheSelectionOrADrag();
    void nudgedCardsStayInSight();
    void arrowsInTextFieldsDoNotNudge();
    void noNudgeWhileRenaming();

private:
    WindowFixture m_f;
};

void TestMapNudge::init()
{
    QString error;
    QVERIFY2(m_f.start(&error, true), qPrintable(error));
}

void TestMapNudge::arrowKeysNudgeAndOneUndoRestores()
{
    const Id a = m_f.add(NodeKind::Service, 40, 60);
    const Id b = m_f.add(NodeKind::Queue, 400, 60);
    m_f.scene()->selectNodes({a, b});
    MapView *view = m_f.view();
    view->setFocus();
    QUndoStack *stack = m_f.document()->undoStack();
    const int steps = stack->count();

    QTest::keyClick(view, Qt::Key_Right);
    QTest::keyClick(view, Qt::Key_Right);
    Project file = m_f.file();
    QCOMPARE(file.node(a)->x, 60.0);
    QCOMPARE(file.node(a)->y, 60.0);
    QCOMPARE(file.node(b)->x, 420.0);
    QTest::keyClick(view, Qt::Key_Down, Qt::ShiftModifier); // 50 px
    QTest::keyClick(view, Qt::Key_Up);
    file = m_f.file();
    QCOMPARE(file.node(a)->x, 60.0);
    QCOMPARE(file.node(a)->y, 100.0);
    QCOMPARE(file.node(b)->y, 100.0);
    // The cards follow the file.
    QCOMPARE(m_f.scene()->nodeItem(a)->pos(), QPointF(60, 100));
    QCOMPARE(stack->count(), steps + 1); // the whole run is one step
    QCOMPARE(m_f.window->action(QStringLiteral("actionUndo"))->text(), QStringLiteral("&Undo Nudge 2 nodes"));

    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    file = m_f.file();
    QCOMPARE(file.node(a)->x, 40.0);
    QCOMPARE(file.node(a)->y, 60.0);
    QCOMPARE(file.node(b)->x, 400.0);
    QCOMPARE(m_f.scene()->nodeItem(b)->pos(), QPointF(400, 60));
    QCOMPARE(stack->index(), steps);

    // The actions are in the Map menu with their keys.
    QAction *left = m_f.window->action(QStringLiteral("actionNudgeLeftFar"));
    QVERIFY(left);
    QCOMPARE(left->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_Left));
    QCOMPARE(left->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    QVERIFY(m_f.view()->actions().contains(left));
}

void TestMapNudge::nudgeRunsEndWithTheSelectionOrADrag()
{
    const Id a = m_f.add(NodeKind::Service, 0, 0);
    const Id b = m_f.add(NodeKind::Table, 400, 0);
    MapView *view = m_f.view();
    QUndoStack *stack = m_f.document()->undoStack();
    m_f.scene()->selectNodes({a});
    view->setFocus();
    const int steps = stack->count();
    QTest::keyClick(view, Qt::Key_Left);
    m_f.scene()->selectNodes({b});
    m_f.scene()->selectNodes({a}); // the same node again: a new run
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(stack->count(), steps + 2);
    QCOMPARE(m_f.file().node(a)->x, -20.0);
    m_f.window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(m_f.file().node(a)->x, -10.0);

    // With nothing selected the arrows do not move anything (the view may scroll).
    m_f.scene()->clearSelection();
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(stack->index(), steps + 1);
    QCOMPARE(m_f.file().node(a)->x, -10.0);

    // A nudge after a mouse drag is a step of its own: undo keeps the drag.
    view->resetZoom();
    const QPointF start = m_f.scene()->nodeItem(a)->sceneBoundingRect().center() + QPointF(-40, 10);
    view->centerOn(start);
    drag(view, start, start + QPointF(100, 0));
    QCOMPARE(stack->index(), steps + 2);
    const double dragged = m_f.file().node(a)->x;
    QVERIFY2(qAbs(dragged - 90) < 3, qPrintable(QString::number(dragged)));
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id>{a});
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(stack->index(), steps + 3);
    QCOMPARE(m_f.file().node(a)->x, dragged + 10);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_f.file().node(a)->x, dragged);
}

void TestMapNudge::nudgedCardsStayInSight()
{
    const Id a = m_f.add(NodeKind::Job, 0, 0);
    MapView *view = m_f.view();
    view->resetZoom();
    NodeItem *item = m_f.scene()->nodeItem(a);
    // The card at the right edge of the view.
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    view->centerOn(item->sceneBoundingRect().right() - visible.width() / 2 + 20, item->sceneBoundingRect().center().y());
    m_f.scene()->selectNodes({a});
    view->setFocus();
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(m_f.file().node(a)->x, 300.0);
    const QRectF now = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY2(now.contains(item->sceneBoundingRect()), qPrintable(QStringLiteral("card at x %1, view up to %2")
                                                                  .arg(item->sceneBoundingRect().right())
                                                                  .arg(now.right())));
}

void TestMapNudge::arrowsInTextFieldsDoNotNudge()
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    m_f.scene()->selectNodes({a});
    auto *name = child<QLineEdit>(m_f.window->propertiesPanel(), "nameEdit");
    QVERIFY(name && name->isVisible());
    name->setFocus();
    QVERIFY(name->hasFocus());
    name->setCursorPosition(3);
    QTest::keyClick(name, Qt::Key_Left);
    QCOMPARE(name->cursorPosition(), 2); // the caret moved, the node did not
    QTest::keyClick(name, Qt::Key_Up);
    QTest::keyClick(name, Qt::Key_Down, Qt::ShiftModifier);
    const Node stored = *m_f.file().node(a);
    QCOMPARE(stored.x, 0.0);
    QCOMPARE(stored.y, 0.0);
}

void TestMapNudge::noNudgeWhileRenaming()
{
    const Id a = m_f.add(NodeKind::Table, 0, 0);
    MapView *view = m_f.view();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = view->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(editor->hasFocus(), 2000);
    editor->setCursorPosition(editor->text().size());
    for (Qt::Key key : {Qt::Key_Left, Qt::Key_Down, Qt::Key_Down, Qt::Key_Right})
        QTest::keyClick(editor, key);
    QTest::keyClick(editor, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(editor, Qt::Key_Left);
    QCOMPARE(editor->cursorPosition(), editor->text().size() - 1); // the caret moves
    Node stored = *m_f.file().node(a);
    QCOMPARE(stored.x, 0.0);
    QCOMPARE(stored.y, 0.0);
    QTest::keyClick(editor, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(view->hasFocus(), 2000);
    // Back on the map, the arrows move the card again.
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(m_f.file().node(a)->y, 10.0);
    QCOMPARE(m_f.file().node(a)->name, QStringLiteral("New table"));
}

QTEST_MAIN(TestMapNudge)
#include "tst_mapnudge.moc"
