// Gestures on the canvas as a mouse and keyboard make them: a drag of a card is one undo
// step, Shift+drag from card to card asks for the kind of the connection, F2 renames in
// place. The project file is checked after each.
#include "map/mapstyle.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestMapView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_mapview")); }
    void init();
    void cleanup() { m_f.stop(); }
    void dragMovesIsOneUndoStep();
    void shiftDragConnects();
    void renameInPlace();
    void emptyMapIsCanvasAndANewCardIsWhite();

private:
    WindowFixture m_f;
};

void TestMapView::init()
{
    QString error;
    QVERIFY2(m_f.start(&error), qPrintable(error));
}

void TestMapView::dragMovesIsOneUndoStep()
{
    const Id a = m_f.add(NodeKind::Service, 0, 0);
    m_f.view()->resetZoom();
    m_f.view()->centerOn(m_f.centreOf(a));
    const int steps = m_f.document()->undoStack()->count();
    const QPointF start = m_f.centreOf(a) + QPointF(-40, 10); // on the card, away from the handle
    drag(m_f.view(), start, start + QPointF(150, 80));
    QCOMPARE(m_f.document()->undoStack()->count(), steps + 1);
    const Node moved = *m_f.file().node(a);
    QVERIFY2(qAbs(moved.x - 150) < 3 && qAbs(moved.y - 80) < 3,
        qPrintable(QStringLiteral("%1,%2").arg(moved.x).arg(moved.y)));
    m_f.trigger("actionUndo");
    QCOMPARE(m_f.file().node(a)->x, 0.0);
    QCOMPARE(m_f.scene()->nodeItem(a)->pos(), QPointF(0, 0));
}

void TestMapView::shiftDragConnects()
{
    const Id a = m_f.add(NodeKind::Service, 0, 0);
    const Id b = m_f.add(NodeKind::Queue, 320, 0);
    m_f.view()->resetZoom();
    m_f.view()->centerOn(QPointF(260, 30));
    QSignalSpy requested(m_f.scene(), &MapScene::connectRequested);
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
    drag(m_f.view(), m_f.centreOf(a), m_f.centreOf(b), Qt::ShiftModifier);
    QCOMPARE(requested.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_f.file().edges.size(), 1, 5000);
    const Edge edge = m_f.file().edges.first();
    QCOMPARE(edge.from, a);
    QCOMPARE(edge.to, b);
    QCOMPARE(toString(edge.kind), QStringLiteral("publishes"));
    // The nodes did not move: Shift+drag draws a connection, it does not drag cards.
    QCOMPARE(m_f.file().node(a)->x, 0.0);
}

void TestMapView::renameInPlace()
{
    const Id a = m_f.add(NodeKind::Table, 0, 0);
    m_f.view()->setFocus();
    QTest::keyClick(m_f.view(), Qt::Key_F2);
    auto *editor = m_f.view()->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
    QVERIFY(editor);
    QTRY_VERIFY_WITH_TIMEOUT(editor->isVisible(), 2000);
    editor->setText(QStringLiteral("orders"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(m_f.file().node(a)->name, QStringLiteral("orders"));
    m_f.trigger("actionUndo");
    QCOMPARE(m_f.file().node(a)->name, QStringLiteral("New table"));
}

// What the user sees, read from a screenshot: an empty map is the canvas colour edge to
// edge; a new card (no test cases, no results) is white where it is, with the canvas
// still around it.
void TestMapView::emptyMapIsCanvasAndANewCardIsWhite()
{
    MapView *view = m_f.view();
    Screenshots shots;
    const QImage empty = shots.grab(view->viewport(), QStringLiteral("map-empty"));
    QVERIFY(!empty.isNull());
    const int pixels = empty.width() * empty.height();
    QCOMPARE(countNear(empty, MapStyle::canvasColor(), 2), pixels);

    const Id a = m_f.add(NodeKind::Service, 0, 0);
    view->resetZoom();
    view->centerOn(m_f.centreOf(a));
    m_f.scene()->clearSelection(); // the selection outline is not the card
    const QImage shot = shots.grab(view->viewport(), QStringLiteral("map-one-card"));
    const QPoint low = view->mapFromScene(QPointF(MapStyle::kNodeWidth * 0.6, MapStyle::kNodeHeight - 6));
    QVERIFY2(near(pixelAt(shot, low), Qt::white, 3), qPrintable(pixelAt(shot, low).name()));
    const QPoint outside = view->mapFromScene(QPointF(MapStyle::kNodeWidth + 40, MapStyle::kNodeHeight / 2));
    QVERIFY2(
        near(pixelAt(shot, outside), MapStyle::canvasColor(), 2), qPrintable(pixelAt(shot, outside).name()));
    // The card covers about its own area and no more.
    const int card = pixels - countNear(shot, MapStyle::canvasColor(), 2);
    QVERIFY2(card > MapStyle::kNodeWidth * MapStyle::kNodeHeight * 0.8
            && card < MapStyle::kNodeWidth * MapStyle::kNodeHeight * 1.5,
        qPrintable(QString::number(card)));
}

QTEST_MAIN(TestMapView)
#include "tst_mapview.moc"
