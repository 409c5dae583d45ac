// Edge labels on the map never sit on one another or on a card: after a layout of the
// shipped example, the visible label boxes are pairwise apart, written labels win over
// bare kind words, and no label is drawn where its text would be too small to read.
#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "map/maplayouter.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"
#include "support/exampleproject.h"

#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

class TestEdgeLabels : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void laidOutExampleLabelsDoNotOverlap();
    void movedCardPushesLabelsAside();
    void labelsHiddenBelowLegibility_data();
    void labelsHiddenBelowLegibility();

private:
    QList<EdgeItem *> placedLabels() const;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProjectDocument> m_doc;
    std::unique_ptr<MapScene> m_scene;
};

void TestEdgeLabels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString copy = m_dir->filePath(QStringLiteral("shop.flowbench"));
    const Status written = testing::writeExampleProjectFile(copy);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    auto doc = ProjectDocument::open(copy);
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    m_scene = std::make_unique<MapScene>(m_doc.get());
    MapLayouter layouter(m_doc.get());
    QSignalSpy done(&layouter, &MapLayouter::done);
    layouter.start();
    QVERIFY(done.wait(60000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    m_scene->placeEdgeLabelsNow();
}

void TestEdgeLabels::cleanup()
{
    m_scene.reset();
    m_doc.reset();
    m_dir.reset();
}

QList<EdgeItem *> TestEdgeLabels::placedLabels() const
{
    QList<EdgeItem *> placed;
    for (const auto &entry : m_scene->edgeItems())
        if (!entry.second->labelRect().isEmpty())
            placed << entry.second.get();
    return placed;
}

void TestEdgeLabels::laidOutExampleLabelsDoNotOverlap()
{
    const QList<EdgeItem *> placed = placedLabels();
    for (int i = 0; i < placed.size(); ++i) {
        const QRectF a = placed.at(i)->labelRect();
        for (int j = i + 1; j < placed.size(); ++j)
            QVERIFY2(!a.intersects(placed.at(j)->labelRect()),
                qPrintable(QStringLiteral("“%1” overlaps “%2”")
                               .arg(placed.at(i)->labelText(), placed.at(j)->labelText())));
        for (const auto &node : m_scene->nodeItems()) {
            const QRectF card(node.second->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
            QVERIFY2(!a.intersects(card),
                qPrintable(QStringLiteral("“%1” lies on a card").arg(placed.at(i)->labelText())));
        }
        // On its own edge, not floating somewhere else.
        QVERIFY(placed.at(i)->shape().intersects(a));
    }
    // Room was found for most labels people wrote (the example has 16 of them).
    int written = 0, writtenPlaced = 0;
    for (const Edge &e : m_doc->edges()) {
        if (e.label.isEmpty())
            continue;
        ++written;
        writtenPlaced += !m_scene->edgeItem(e.id)->labelRect().isEmpty();
    }
    QVERIFY(written >= 10);
    QVERIFY2(writtenPlaced * 4 >= written * 3,
        qPrintable(QStringLiteral("%1 of %2 written labels placed").arg(writtenPlaced).arg(written)));
}

void TestEdgeLabels::movedCardPushesLabelsAside()
{
    const QList<EdgeItem *> placed = placedLabels();
    QVERIFY(!placed.isEmpty());
    EdgeItem *edge = placed.first();
    const QRectF label = edge->labelRect();
    // Another card dropped right on the label: the label moves along its edge or hides.
    const Edge *e = m_doc->edge(edge->id());
    QVERIFY(e);
    Id other;
    for (const Node &n : m_doc->nodes())
        if (n.id != e->from && n.id != e->to)
            other = n.id;
    const QPointF topLeft = label.center() - QPointF(MapStyle::kNodeWidth / 2, MapStyle::kNodeHeight / 2);
    QVERIFY(m_doc->setNodePositions({ { other, topLeft.x(), topLeft.y(), false } }).ok());
    QTRY_VERIFY_WITH_TIMEOUT(edge->labelRect() != label, 2000);
    const QRectF card(m_scene->nodeItem(other)->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
    QVERIFY(!edge->labelRect().intersects(card));
}

void TestEdgeLabels::labelsHiddenBelowLegibility_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<bool>("shown");
    QTest::newRow("100 %") << 1.0 << true;
    QTest::newRow("70 %") << 0.7 << true; // 10 px × 0.7 = 7 px
    QTest::newRow("50 %") << 0.5 << false; // 5 px: not drawn
}

void TestEdgeLabels::labelsHiddenBelowLegibility()
{
    QFETCH(double, scale);
    QFETCH(bool, shown);
    QCOMPARE(EdgeItem::labelLegibleAt(scale), shown);
    // And as painted: the map with the label differs from the map without it, or not.
    const QList<EdgeItem *> placed = placedLabels();
    QVERIFY(!placed.isEmpty());
    EdgeItem *edge = placed.first();
    const QRectF box = edge->labelRect();
    auto render = [&] {
        QImage image((box.size() * scale).toSize() + QSize(2, 2), QImage::Format_RGB32);
        image.fill(MapStyle::canvasColor());
        QPainter p(&image);
        m_scene->render(&p, QRectF(image.rect()), QRectF(box.topLeft(), QSizeF(image.size()) / scale));
        return image;
    };
    const QImage with = render();
    edge->setLabelRect(QRectF());
    const QImage without = render();
    QCOMPARE(with != without, shown);
}

QTEST_MAIN(TestEdgeLabels)
#include "tst_edgelabels.moc"
