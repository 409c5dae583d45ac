// The map canvas against a real project file: items follow the document, gestures
// become commands, and a rendered map is a picture with visible cards.
#include "map/clusteritem.h"
#include "document/addnodescommand.h"
#include "document/changevalue.h"
#include "document/movenodescommand.h"
#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "map/maplayouter.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "map/overview/mapoverviewlayer.h"
#include "support/exampleproject.h"
#include "ui/screenshots.h"

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {
// A 25-node map in 5 groups with a chain of edges, like a small real system.
void addSampleMap(ProjectDocument *doc)
{
    const QStringList groups = {QStringLiteral("Checkout"), QStringLiteral("Catalog"),
                                QStringLiteral("Accounts"), QStringLiteral("Payments"),
                                QStringLiteral("Shipping")};
    QList<Node> nodes;
    for (int i = 0; i < 25; ++i) {
        Node n;
        n.id = newId();
        n.kind = allNodeKinds().at(i % 8);
        n.name = QStringLiteral("%1 %2").arg(toString(n.kind)).arg(i);
        n.group = groups.at(i / 5);
        n.owner = QStringLiteral("team-%1").arg(i / 5);
        n.risk = {1 + i % 5, 1 + (i * 3) % 5};
        n.x = (i / 5) * 300;
        n.y = (i % 5) * 110;
        nodes.append(n);
    }
    QList<Edge> edges;
    for (int i = 1; i < 25; ++i)
        edges.append({newId(), nodes.at(i - 1).id, nodes.at(i).id, allEdgeKinds().at(i % 7), QString()});
    doc->undoStack()->push(new AddNodesCommand(doc, nodes, edges));
}

// How many of the spline's on-curve points (p0, then every third) are points of the
// drawn path: all of them when the item draws the stored spline.
int splinePointsOnPath(const QPainterPath &path, const SplineRoute &route)
{
    int found = 0;
    for (int i = 0; i < route.points.size(); i += 3) {
        for (int k = 0; k < path.elementCount(); ++k) {
            if (QLineF(QPointF(path.elementAt(k)), route.points.at(i)).length() < 0.01) {
                ++found;
                break;
            }
        }
    }
    return found;
}

int nonBackgroundPixels(const QImage &image, QRgb background)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            count += (line[x] & 0xffffff) != (background & 0xffffff);
    }
    return count;
}
} // namespace

class TestMapScene : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void itemsFollowTheDocument();
    void renderedMapIsNotBlank();
    void reopenedMapDrawsTheLayoutSplines();
    void zoomedOutCardsNeedAnOverviewLayerToHide();

private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<ProjectDocument> m_doc;
};

void TestMapScene::init()
{
    m_dir = new QTemporaryDir;
    auto doc = ProjectDocument::create(m_dir->filePath(QStringLiteral("map.flowbench")), QStringLiteral("Map"));
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
}

void TestMapScene::cleanup()
{
    m_doc.reset();
    delete m_dir;
}

void TestMapScene::itemsFollowTheDocument()
{
    MapScene scene(m_doc.get());
    MapOverviewLayer::install(&scene);
    addSampleMap(m_doc.get());
    QCOMPARE(scene.nodeItemCount(), 25);
    QCOMPARE(scene.edgeItemCount(), 24);
    QTRY_COMPARE_WITH_TIMEOUT(scene.clusterItems().size(), 5, 5000);
    m_doc->undoStack()->undo();
    QCOMPARE(scene.nodeItemCount(), 0);
    QCOMPARE(scene.edgeItemCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(scene.clusterItems().size(), 0, 5000);
}

void TestMapScene::renderedMapIsNotBlank()
{
    // The example project as shipped.
    const QString copy = m_dir->filePath(QStringLiteral("shop.flowbench"));
    const Status written = testing::writeExampleProjectFile(copy);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    auto doc = ProjectDocument::open(copy);
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    QVERIFY(m_doc->nodeCount() > 10);
    MapScene scene(m_doc.get());
    MapOverviewLayer::install(&scene);
    scene.updateClustersNow();
    const QRectF source = scene.contentRect().adjusted(-20, -20, 20, 20);
    QImage image(source.size().toSize(), QImage::Format_ARGB32_Premultiplied);
    const QRgb background = MapStyle::canvasColor().rgb();
    image.fill(background);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    testing::Screenshots shots;
    QVERIFY(shots.save(image, QStringLiteral("map")));
    // Much of the picture is cards, clusters and edges, not background.
    const int drawn = nonBackgroundPixels(image, background);
    QVERIFY2(drawn > image.width() * image.height() / 5, qPrintable(QString::number(drawn)));
    // A card is drawn where its node is: the centre of each card is white card fill.
    // (Cards drawn later may cover earlier ones where a project's positions overlap.)
    int whiteCards = 0;
    for (const Node &n : m_doc->nodes()) {
        const QPoint centre = (QPointF(n.x, n.y) - source.topLeft()
                               + QPointF(MapStyle::kNodeWidth * 0.6, MapStyle::kNodeHeight - 6)).toPoint();
        whiteCards += QColor(image.pixel(centre)).name() == QStringLiteral("#ffffff");
        QVERIFY(scene.nodeItem(n.id)->sceneBoundingRect().width() >= MapStyle::kNodeWidth);
        QVERIFY(scene.nodeItem(n.id)->sceneBoundingRect().width() < MapStyle::kNodeWidth * 1.5);
    }
    QVERIFY2(whiteCards >= m_doc->nodeCount() * 9 / 10, qPrintable(QString::number(whiteCards)));
}

// Lay out a small map with Graphviz, close it, open the file in a new document and scene:
// the edges follow the stored splines, not the plain curve between the cards.
void TestMapScene::reopenedMapDrawsTheLayoutSplines()
{
    const QString path = m_doc->filePath();
    QList<Node> nodes;
    for (int i = 0; i < 4; ++i) {
        Node n;
        n.id = newId();
        n.kind = allNodeKinds().at(i);
        n.name = QStringLiteral("part %1").arg(i);
        n.x = i * 40; // overlapping: the layout has to move them
        nodes.append(n);
    }
    const QList<Edge> edges = {{newId(), nodes[0].id, nodes[1].id, EdgeKind::Calls, QString()},
                               {newId(), nodes[1].id, nodes[2].id, EdgeKind::Writes, QString()},
                               {newId(), nodes[0].id, nodes[3].id, EdgeKind::Publishes, QString()},
                               {newId(), nodes[3].id, nodes[2].id, EdgeKind::Reads, QString()}};
    m_doc->undoStack()->push(new AddNodesCommand(m_doc.get(), nodes, edges));
    {
        MapScene scene(m_doc.get());
        MapOverviewLayer::install(&scene);
        MapLayouter layouter(m_doc.get(), &scene);
        QSignalSpy done(&layouter, &MapLayouter::done);
        layouter.start();
        QVERIFY(done.wait(60000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        // The live scene takes the splines from the document, too.
        const Edge *laidOut = m_doc->edge(edges[2].id);
        QVERIFY(!laidOut->route.isEmpty());
        QCOMPARE(splinePointsOnPath(scene.edgeItem(laidOut->id)->path(), laidOut->route),
                 int(laidOut->route.points.size() / 3 + 1));
    }
    m_doc.reset(); // closed

    auto reopened = ProjectDocument::open(path);
    QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
    m_doc = std::move(reopened.value());
    MapScene scene(m_doc.get());
    MapOverviewLayer::install(&scene);
    for (const Edge &e : edges) {
        const Edge *stored = m_doc->edge(e.id);
        QVERIFY(stored);
        QVERIFY2(SplineRoute::isValidPointCount(stored->route.points.size()), qPrintable(e.id));
        const Node *from = m_doc->node(e.from);
        const Node *to = m_doc->node(e.to);
        QVERIFY(stored->route.fits(QPointF(from->x, from->y), QPointF(to->x, to->y)));
        EdgeItem *item = scene.edgeItem(e.id);
        QVERIFY(item);
        const int onCurve = int(stored->route.points.size() / 3 + 1);
        QCOMPARE(splinePointsOnPath(item->path(), stored->route), onCurve);
    }

    // Not the default curve: moving an end makes the item drop the spline, and undoing
    // the move brings it back.
    const Edge *edge = m_doc->edge(edges[0].id);
    const SplineRoute route = edge->route;
    const int onCurve = int(route.points.size() / 3 + 1);
    const Node *target = m_doc->node(edge->to);
    m_doc->undoStack()->push(new MoveNodesCommand(m_doc.get(), {{target->id, target->x, target->y, false}},
                                                  {{target->id, target->x + 400, target->y + 300, false}}));
    QVERIFY(splinePointsOnPath(scene.edgeItem(edge->id)->path(), route) < onCurve);
    m_doc->undoStack()->undo();
    QCOMPARE(splinePointsOnPath(scene.edgeItem(edges[0].id)->path(), route), onCurve);

    // Labelling the edge keeps its spline.
    Edge labelled = *m_doc->edge(edges[0].id);
    labelled.label = QStringLiteral("submit");
    m_doc->undoStack()->push(new ChangeValue<Edge, Edge>(m_doc.get(), *m_doc->edge(edges[0].id), labelled, QStringLiteral("Label")));
    QCOMPARE(splinePointsOnPath(scene.edgeItem(edges[0].id)->path(), route), onCurve);
}

// The scene hides its cards when zoomed out only while a layer draws them instead.
void TestMapScene::zoomedOutCardsNeedAnOverviewLayerToHide()
{
    addSampleMap(m_doc.get());
    MapScene scene(m_doc.get());
    scene.updateClustersNow();
    MapView view;
    view.resize(900, 600);
    view.setMapScene(&scene);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(0.2, scene.contentRect().center());
    view.centerOn(scene.contentRect().center());
    const QList<Node> nodes = m_doc->nodes();
    auto cardsDrawn = [&] {
        const QImage frame = view.viewport()->grab().toImage();
        int drawn = 0;
        for (const Node &n : nodes) {
            const QPointF centre(n.x + MapStyle::kNodeWidth / 2, n.y + MapStyle::kNodeHeight / 2);
            drawn += !testing::near(testing::pixelAt(frame, view.mapFromScene(centre)), MapStyle::canvasColor(), 6);
        }
        return drawn;
    };
    QVERIFY(!scene.overviewMode()); // no layer: the cards draw themselves
    QVERIFY(!scene.nodeItem(nodes.first().id)->flags().testFlag(QGraphicsItem::ItemHasNoContents));
    QCOMPARE(cardsDrawn(), int(nodes.size()));

    MapOverviewLayer::install(&scene);
    QVERIFY(scene.overviewMode());
    QVERIFY(scene.nodeItem(nodes.first().id)->flags().testFlag(QGraphicsItem::ItemHasNoContents));
    QCOMPARE(cardsDrawn(), int(nodes.size())); // now as the layer's blocks

    scene.setOverviewLayer(nullptr);
    QVERIFY(!scene.overviewMode());
    QVERIFY(!scene.nodeItem(nodes.first().id)->flags().testFlag(QGraphicsItem::ItemHasNoContents));
    QCOMPARE(cardsDrawn(), int(nodes.size()));
    view.setMapScene(nullptr);
}

QTEST_MAIN(TestMapScene)
#include "tst_mapscene.moc"
