// During a run the map marks what is under a fault: a fault-coloured dashed outline and a
// ⚡ on the cards, a dashed fault-coloured edge; nothing once it is cleared; the legend
// names it. Rendered from a real project file.
#include "map/export/maplegend.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "ui/testcases/testcasefixture.h"

#include <QImage>
#include <QPainter>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
int pixelsNear(const QImage &image, const QColor &colour, int tolerance)
{
    int n = 0;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            if (qAbs(qRed(line[x]) - colour.red()) <= tolerance
                && qAbs(qGreen(line[x]) - colour.green()) <= tolerance
                && qAbs(qBlue(line[x]) - colour.blue()) <= tolerance)
                ++n;
    }
    return n;
}

QImage render(MapScene &scene, const QRectF &area)
{
    QImage image(area.size().toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene.render(&painter, QRectF(QPointF(0, 0), area.size()), area);
    return image;
}
} // namespace

class TestFaultMarks : public QObject
{
    Q_OBJECT
private slots:
    void faultedNodesAndEdgesAreMarkedWhileTheFaultHolds();
};

void TestFaultMarks::faultedNodesAndEdgesAreMarkedWhileTheFaultHolds()
{
    TestCaseFixture f;
    f.project.nodes.first().x = 0;
    f.project.nodes.first().y = 0;
    Node payment;
    payment.id = newId();
    payment.kind = NodeKind::External;
    payment.name = QStringLiteral("payment");
    payment.x = 600;
    payment.y = 0;
    f.project.nodes.append(payment);
    Edge edge;
    edge.id = newId();
    edge.from = f.node;
    edge.to = payment.id;
    edge.kind = EdgeKind::Calls;
    f.project.edges.append(edge);
    ProjectDocument *doc = f.open({ f.testCase });
    MapScene scene(doc);
    auto *overlay = new MapOverlay(&scene);
    scene.setOverlay(overlay);
    const QRectF area = scene.itemsBoundingRect().adjusted(-30, -30, 30, 30);
    const QColor fault = MapOverlay::faultColor();

    const int before = pixelsNear(render(scene, area), fault, 20);
    QCOMPARE(before, 0); // the colour is the fault's alone
    overlay->setFaulted({ payment.id });
    const int nodeOnly = pixelsNear(render(scene, area), fault, 20);
    QVERIFY2(nodeOnly > 150, qPrintable(QString::number(nodeOnly))); // outline and ⚡ badge
    QVERIFY(overlay->isFaulted(payment.id));
    overlay->setFaulted({ payment.id, edge.id });
    const QImage marked = render(scene, area);
    if (qEnvironmentVariableIsSet("FLOWBENCH_FAULTS_PNG"))
        marked.save(QStringLiteral("/tmp/faultrun-map.png"));
    const int withEdge = pixelsNear(marked, fault, 20);
    QVERIFY2(withEdge > nodeOnly + 100, qPrintable(QStringLiteral("%1 vs %2").arg(withEdge).arg(nodeOnly)));
    overlay->setFaulted({});
    QCOMPARE(pixelsNear(render(scene, area), fault, 20), 0);

    // The legend of the results overlay explains the mark.
    const MapLegend legend(MapOverlay::Mode::Results);
    QImage key(legend.size().toSize(), QImage::Format_RGB32);
    key.fill(Qt::white);
    QPainter painter(&key);
    legend.paint(&painter, QPointF(0, 0));
    painter.end();
    QVERIFY(pixelsNear(key, fault, 20) > 20);
}

QTEST_MAIN(TestFaultMarks)
#include "tst_faultmarks.moc"
