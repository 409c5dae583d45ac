// Laying the map out from the window: one undo step that keeps pinned cards, progress
// with a Cancel button in the status bar, and a cancelled layout changes nothing.
#include "map/mapstyle.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QPushButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestMapLayouter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_maplayouter")); }
    void init();
    void cleanup() { m_f.stop(); }
    void layoutIsOneUndoStepAndKeepsPins();
    void cancelledLayoutChangesNothing();

private:
    WindowFixture m_f;
};

void TestMapLayouter::init()
{
    QString error;
    QVERIFY2(m_f.start(&error), qPrintable(error));
}

void TestMapLayouter::layoutIsOneUndoStepAndKeepsPins()
{
    // Everything piled up at the origin, one node pinned far away.
    QList<Id> ids;
    for (NodeKind kind : allNodeKinds())
        ids << m_f.add(kind, 0, 0);
    for (int i = 1; i < ids.size(); ++i)
        m_f.scene()->connectNodes(ids.at(i - 1), ids.at(i), EdgeKind::Calls);
    const Id pinned = ids.last();
    m_f.scene()->selectNodes({ pinned });
    m_f.trigger("actionPin");
    QVERIFY(m_f.file().node(pinned)->pinned);
    QUndoStack *stack = m_f.document()->undoStack();
    const int steps = stack->count();

    m_f.trigger("actionLayout");
    QVERIFY(m_f.window->isLayoutRunning());
    QVERIFY(!m_f.window->action(QStringLiteral("actionLayout"))->isEnabled()); // one at a time
    QTRY_VERIFY_WITH_TIMEOUT(!m_f.window->isLayoutRunning(), 60000);
    QVERIFY(m_f.window->action(QStringLiteral("actionLayout"))->isEnabled());
    QCOMPARE(stack->count(), steps + 1);
    Project file = m_f.file();
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
        QCOMPARE(m_f.scene()->nodeItem(n.id)->pos(), QPointF(n.x, n.y));

    m_f.trigger("actionUndo");
    for (const Node &n : m_f.file().nodes) {
        QCOMPARE(n.x, 0.0);
        QCOMPARE(n.y, 0.0);
    }
    m_f.trigger("actionRedo");
    QCOMPARE(m_f.file().nodes, file.nodes);
}

void TestMapLayouter::cancelledLayoutChangesNothing()
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    const Id b = m_f.add(NodeKind::Table, 0, 0);
    m_f.scene()->connectNodes(a, b, EdgeKind::Writes);
    const int steps = m_f.document()->undoStack()->count();
    auto *cancel = m_f.window->findChild<QPushButton *>(QStringLiteral("cancelLayoutButton"));
    QVERIFY(cancel && !cancel->isVisible());
    m_f.trigger("actionLayout");
    QVERIFY(cancel->isVisible());
    cancel->click(); // before the result is delivered, so it is discarded
    QTRY_VERIFY_WITH_TIMEOUT(!m_f.window->isLayoutRunning(), 60000);
    QVERIFY(!cancel->isVisible());
    QCOMPARE(m_f.document()->undoStack()->count(), steps);
    QCOMPARE(m_f.file().node(b)->x, 0.0);
    QCOMPARE(m_f.file().node(b)->y, 0.0);
}

QTEST_MAIN(TestMapLayouter)
#include "tst_maplayouter.moc"
