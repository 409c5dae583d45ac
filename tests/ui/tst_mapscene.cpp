// The map canvas against a real project file: items follow the document, gestures
// become commands, and a rendered map is a picture with visible cards.
#include "clusteritem.h"
#include "document/addnodescommand.h"
#include "document/projectdocument.h"
#include "edgeitem.h"
#include "mapscene.h"
#include "mapstyle.h"
#include "nodeitem.h"

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
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
    // The example project when it was built, else a generated map.
    const QString example = QStringLiteral(FLOWBENCH_BINARY_DIR "/examples/shop.flowbench");
    if (QFileInfo::exists(example)) {
        const QString copy = m_dir->filePath(QStringLiteral("shop.flowbench"));
        QVERIFY(QFile::copy(example, copy));
        QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        auto doc = ProjectDocument::open(copy);
        QVERIFY2(doc.ok(), qPrintable(doc.error()));
        m_doc = std::move(doc.value());
        QVERIFY(m_doc->nodeCount() > 10);
    }
    MapScene scene(m_doc.get());
    if (m_doc->nodeCount() == 0)
        addSampleMap(m_doc.get());
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
    const QString out = QDir::temp().filePath(QStringLiteral("flowbench-map.png"));
    QVERIFY(image.save(out));
    qInfo("map rendered to %s", qPrintable(out));
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

QTEST_MAIN(TestMapScene)
#include "tst_mapscene.moc"
