// The zoomed-out map: below the detail zoom cards, edges and clusters leave painting to
// the overview layer's picture. What a user sees and does there must still work: blocks
// in the right place and colour, clicks and rubber bands select, a selection or a change
// shows at once, zooming back in shows cards again, and the minimap shows the map and
// moves the view.
#include "document/addcommentcommand.h"
#include "document/addnodescommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "map/overview/mapoverviewlayer.h"
#include "map/overview/overviewwidget.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {
constexpr int kColumns = 20;

// 200 cards on a grid in groups of 20, each linked to the next.
QList<Node> addGrid(ProjectDocument *doc)
{
    QList<Node> nodes;
    for (int i = 0; i < 200; ++i) {
        Node n;
        n.id = newId();
        n.kind = allNodeKinds().at(i % 8);
        n.name = QStringLiteral("node %1").arg(i);
        n.group = QStringLiteral("group %1").arg(i / 20);
        n.x = (i % kColumns) * 300;
        n.y = (i / kColumns) * 140;
        nodes.append(n);
    }
    QList<Edge> edges;
    for (int i = 1; i < nodes.size(); ++i)
        edges.append({newId(), nodes.at(i - 1).id, nodes.at(i).id, EdgeKind::Calls, QString()});
    doc->undoStack()->push(new AddNodesCommand(doc, nodes, edges));
    return nodes;
}

bool near(const QColor &a, const QColor &b)
{
    return qAbs(a.red() - b.red()) < 6 && qAbs(a.green() - b.green()) < 6 && qAbs(a.blue() - b.blue()) < 6;
}
} // namespace

class TestMapOverview : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void zoomedOutMapShowsBlocksWhereCardsAre();
    void clickAndRubberBandSelectWhenZoomedOut();
    void changesShowWithoutZoomingIn();
    void zoomingInShowsCardsAgain();
    void openCommentsShowABubbleOnTheCard();
    void minimapShowsTheMapAndMovesTheView();

private:
    QPoint viewPos(const Node &n) const; // the centre of its card, in viewport pixels
    QColor pixelAt(const QPoint &pos) const;

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<ProjectDocument> m_doc;
    MapScene *m_scene = nullptr;
    MapView *m_view = nullptr;
    QList<Node> m_nodes;
};

void TestMapOverview::init()
{
    m_dir = new QTemporaryDir;
    auto doc = ProjectDocument::create(m_dir->filePath(QStringLiteral("map.flowbench")), QStringLiteral("Map"));
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    m_nodes = addGrid(m_doc.get());
    m_scene = new MapScene(m_doc.get());
    MapOverviewLayer::install(m_scene);
    m_scene->updateClustersNow();
    m_view = new MapView;
    m_view->resize(1000, 700);
    m_view->setMapScene(m_scene);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    m_view->fitToContent();
    QVERIFY(m_view->zoom() < NodeItem::kDetailLevel);
}

void TestMapOverview::cleanup()
{
    delete m_view;
    delete m_scene;
    m_doc.reset();
    delete m_dir;
}

QPoint TestMapOverview::viewPos(const Node &n) const
{
    const Node *now = m_doc->node(n.id);
    return m_view->mapFromScene(QPointF(now->x, now->y) + QPointF(MapStyle::kNodeWidth / 2, MapStyle::kNodeHeight / 2));
}

QColor TestMapOverview::pixelAt(const QPoint &pos) const { return QColor(m_view->viewport()->grab().toImage().pixel(pos)); }

void TestMapOverview::zoomedOutMapShowsBlocksWhereCardsAre()
{
    QVERIFY(m_scene->overviewMode());
    QVERIFY(m_scene->nodeItem(m_nodes.first().id)->flags() & QGraphicsItem::ItemHasNoContents);
    const QImage frame = m_view->viewport()->grab().toImage();
    for (int i : {0, 7, 42, 199}) {
        const Node &n = m_nodes.at(i);
        QVERIFY2(near(QColor(frame.pixel(viewPos(n))), MapStyle::kindColor(n.kind)),
                 qPrintable(QStringLiteral("node %1 shows %2").arg(i).arg(QColor(frame.pixel(viewPos(n))).name())));
    }
    // Between two cards of a row is the group's tint, not a card.
    const QPoint gap = (viewPos(m_nodes.at(0)) + viewPos(m_nodes.at(1))) / 2;
    QVERIFY(near(QColor(frame.pixel(gap)), MapStyle::groupColor(m_nodes.at(0).group))
            || near(QColor(frame.pixel(gap)), QColor(0x64, 0x74, 0x8b))); // or the edge between them
}

void TestMapOverview::clickAndRubberBandSelectWhenZoomedOut()
{
    const Node &target = m_nodes.at(45);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::NoModifier, viewPos(target));
    QCOMPARE(m_scene->selectedNodeIds(), QList<Id>{target.id});
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(viewPos(target)), MapStyle::selectionColor()), 5000);

    // A rubber band around the first row's first three cards selects exactly them.
    const QPoint from = viewPos(m_nodes.at(0)) - QPoint(12, 8);
    const QPoint to = viewPos(m_nodes.at(2)) + QPoint(6, 4);
    QTest::mousePress(m_view->viewport(), Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), m_view->viewport()->mapToGlobal(QPointF(to)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_view->viewport(), &move);
    QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, Qt::NoModifier, to);
    QList<Id> selected = m_scene->selectedNodeIds();
    std::sort(selected.begin(), selected.end());
    QList<Id> expected = {m_nodes.at(0).id, m_nodes.at(1).id, m_nodes.at(2).id};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(selected, expected);
    // The earlier selection's block went back to its kind colour.
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(viewPos(target)), MapStyle::kindColor(target.kind)), 5000);
}

void TestMapOverview::changesShowWithoutZoomingIn()
{
    // Changing a node's kind recolours its block; moving it moves the block.
    const Node &n = m_nodes.at(60);
    Node after = *m_doc->node(n.id);
    after.kind = n.kind == NodeKind::Queue ? NodeKind::Cache : NodeKind::Queue;
    m_doc->undoStack()->push(new ChangeValue<Node, Node>(m_doc.get(), *m_doc->node(n.id), after, QStringLiteral("kind")));
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(viewPos(n)), MapStyle::kindColor(after.kind)), 5000);
    m_doc->undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(viewPos(n)), MapStyle::kindColor(n.kind)), 5000);
}

void TestMapOverview::zoomingInShowsCardsAgain()
{
    const Node &n = m_nodes.at(10);
    m_view->setZoom(1.0, QPointF(n.x, n.y));
    QVERIFY(!m_scene->overviewMode());
    QVERIFY(!(m_scene->nodeItem(n.id)->flags() & QGraphicsItem::ItemHasNoContents));
    // At 100 % the card body is white, not a block of its kind colour.
    const QPoint body = m_view->mapFromScene(QPointF(n.x, n.y) + QPointF(MapStyle::kNodeWidth * 0.6, MapStyle::kNodeHeight - 6));
    QCOMPARE(pixelAt(body).name(), QStringLiteral("#ffffff"));
    m_view->setZoom(0.1, QPointF(n.x, n.y));
    QVERIFY(m_scene->overviewMode());
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(viewPos(n)), MapStyle::kindColor(n.kind)), 5000);
}

void TestMapOverview::openCommentsShowABubbleOnTheCard()
{
    const Node &n = m_nodes.at(23);
    m_view->setZoom(1.0, QPointF(n.x, n.y));
    // Left of the risk dot, on the card's top edge.
    const QPoint bubble = m_view->mapFromScene(QPointF(n.x + MapStyle::kNodeWidth - 43, n.y - 1));
    const QColor amber(0xd9, 0x77, 0x06);
    QVERIFY(!near(pixelAt(bubble), amber));
    Comment c;
    c.id = newId();
    c.nodeId = n.id;
    c.author = QStringLiteral("qa");
    c.text = QStringLiteral("Is the refund path covered?");
    c.createdAt = QDateTime::currentDateTimeUtc();
    m_doc->undoStack()->push(new AddCommentCommand(m_doc.get(), c));
    QTRY_VERIFY_WITH_TIMEOUT(near(pixelAt(bubble), amber), 5000);
    m_doc->undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(!near(pixelAt(bubble), amber), 5000);
}

void TestMapOverview::minimapShowsTheMapAndMovesTheView()
{
    OverviewWidget minimap;
    minimap.resize(300, 200);
    minimap.setMapView(m_view);
    minimap.show();
    QVERIFY(QTest::qWaitForWindowExposed(&minimap));
    const QImage picture = minimap.grab().toImage();
    int drawn = 0;
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x)
            drawn += !near(QColor(picture.pixel(x, y)), MapStyle::canvasColor());
    QVERIFY2(drawn > picture.width() * picture.height() / 4, qPrintable(QString::number(drawn)));

    // A click where the last card is drawn brings it into the main view. The minimap
    // shows the map's content (with a margin) fitted and centred.
    m_view->setZoom(1.0, QPointF(0, 0));
    const Node &last = m_nodes.last();
    QVERIFY(!m_view->viewport()->rect().contains(viewPos(last)));
    const QRectF extent = m_scene->contentRect().adjusted(-60, -60, 60, 60);
    const double scale = qMin(minimap.width() / extent.width(), minimap.height() / extent.height());
    const QPointF offset((minimap.width() - extent.width() * scale) / 2, (minimap.height() - extent.height() * scale) / 2);
    const QPointF lastCentre(last.x + MapStyle::kNodeWidth / 2, last.y + MapStyle::kNodeHeight / 2);
    const QPoint click = ((lastCentre - extent.topLeft()) * scale + offset).toPoint();
    QVERIFY(!near(QColor(picture.pixel(click)), MapStyle::canvasColor())); // the card is drawn there
    QTest::mouseClick(&minimap, Qt::LeftButton, Qt::NoModifier, click);
    QVERIFY(m_view->viewport()->rect().contains(viewPos(last)));
}

QTEST_MAIN(TestMapOverview)
#include "tst_mapoverview.moc"
