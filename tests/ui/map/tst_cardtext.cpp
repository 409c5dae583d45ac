// A card's name on the map reads at every zoom where text can be read: the full card
// while its 13 px name is legible, a compact card with the name large below that, a plain
// block only when even that would be too small. Long names wrap to two lines; the whole
// name is in the tooltip.
#include "document/addnodescommand.h"
#include "document/projectdocument.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {
// Pixels dark enough to be the card's text (#0f172a), not its white fill, grey outline,
// kind stripe or the canvas.
int darkPixels(const QImage &image, const QRect &area)
{
    int count = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            count += qGray(image.pixel(x, y)) < 90;
    return count;
}
} // namespace

class TestCardText : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void nameDrawnWhileLegible_data();
    void nameDrawnWhileLegible();
    void longNameWrapsToTwoLines_data();
    void longNameWrapsToTwoLines();
    void tooltipHasTheFullName();

private:
    Id addNode(const QString &name);
    // The card alone rendered at `scale` device pixels per scene unit, as a view or an
    // export at that zoom paints it.
    QImage render(double scale);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProjectDocument> m_doc;
    std::unique_ptr<MapScene> m_scene;
};

void TestCardText::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto doc
        = ProjectDocument::create(m_dir->filePath(QStringLiteral("map.flowbench")), QStringLiteral("Map"));
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    m_scene = std::make_unique<MapScene>(m_doc.get()); // no overview layer: cards draw at every zoom
}

void TestCardText::cleanup()
{
    m_scene.reset();
    m_doc.reset();
    m_dir.reset();
}

Id TestCardText::addNode(const QString &name)
{
    Node n;
    n.id = newId();
    n.kind = NodeKind::Service;
    n.name = name;
    m_doc->undoStack()->push(new AddNodesCommand(m_doc.get(), { n }, {}));
    return n.id;
}

QImage TestCardText::render(double scale)
{
    const QRectF source(-10, -10, MapStyle::kNodeWidth + 20, MapStyle::kNodeHeight + 20);
    QImage image((source.size() * scale).toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    m_scene->render(&p, QRectF(image.rect()), source);
    p.end();
    return image;
}

void TestCardText::nameDrawnWhileLegible_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<bool>("nameDrawn");
    // 13 px × 1.0: the full card, as exports draw it.
    QTest::newRow("100 %") << 1.0 << true;
    // The full card's kind line (11 px) would not read at 57 % (6.3 px), its 13 px name
    // barely: the compact card's 24 px name is ~14 px there, ~11 px at 45 %.
    QTest::newRow("57 %") << 0.57 << true;
    QTest::newRow("45 %") << 0.45 << true;
    // A fitted 30-node map at 1366 × 768: 24 px × 0.31 ≈ 7.4 px, still read.
    QTest::newRow("31 %") << 0.31 << true;
    // 24 px × 0.2 ≈ 5 px: no text would read, the card is a block (the overview layer's).
    QTest::newRow("20 %") << 0.2 << false;
}

void TestCardText::nameDrawnWhileLegible()
{
    QFETCH(double, scale);
    QFETCH(bool, nameDrawn);
    addNode(QStringLiteral("Payments"));
    const QImage image = render(scale);
    const QRect card
        = QRectF(10 * scale, 10 * scale, MapStyle::kNodeWidth * scale, MapStyle::kNodeHeight * scale)
              .toAlignedRect()
              .adjusted(3, 2, -3, -2);
    const int dark = darkPixels(image, card);
    if (nameDrawn)
        QVERIFY2(dark > 12, qPrintable(QStringLiteral("%1 dark pixels of text").arg(dark)));
    else
        QCOMPARE(dark, 0);
}

void TestCardText::longNameWrapsToTwoLines_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<QRectF>("firstLine"); // scene units, in the card
    QTest::addColumn<QRectF>("secondLine");
    QTest::newRow("full card") << 1.0 << QRectF(48, 5, 120, 14) << QRectF(48, 22, 120, 14);
    QTest::newRow("compact card") << 0.4 << QRectF(10, 4, 180, 24) << QRectF(10, 32, 180, 24);
}

void TestCardText::longNameWrapsToTwoLines()
{
    QFETCH(double, scale);
    QFETCH(QRectF, firstLine);
    QFETCH(QRectF, secondLine);
    addNode(QStringLiteral("Order confirmation worker for the outbox"));
    const QImage image = render(scale);
    auto onImage = [scale](const QRectF &r) {
        return QRectF((r.topLeft() + QPointF(10, 10)) * scale, r.size() * scale).toAlignedRect();
    };
    QVERIFY2(darkPixels(image, onImage(firstLine)) > 10, "no first line of the name");
    QVERIFY2(darkPixels(image, onImage(secondLine)) > 10, "no second line of the name");
}

void TestCardText::tooltipHasTheFullName()
{
    const QString name = QStringLiteral("Order confirmation worker for the outbox and its retries");
    const Id id = addNode(name);
    QVERIFY(m_scene->nodeItem(id)->toolTip().contains(name));
}

QTEST_MAIN(TestCardText)
#include "tst_cardtext.moc"
