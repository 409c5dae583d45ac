// Map images (ui/map/export): what a person gets from File ▸ Export Map… and
// `flowbench-cli export --format svg|png|pdf`, read back the way they would read it.
#include "io/canonicaljson.h"
#include "map/export/mapexportactions.h"
#include "map/export/mapimage.h"
#include "map/export/pngencoder.h"
#include "map/export/projectmap.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "ui/screenshots.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPrinter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace flowbench;

namespace {

// The example with one run: the first node's checks fail, the second's end in an error,
// every other node's checks pass.
Project exampleWithResults(QString *passingNode, QString *failingNode)
{
    Project p = testing::exampleProject().value();
    Run run;
    run.id = newId();
    run.environment = QStringLiteral("local");
    run.selection = QStringLiteral("all");
    run.startedAt = QDateTime::currentDateTimeUtc().addSecs(-5);
    run.finishedAt = QDateTime::currentDateTimeUtc();
    QHash<Id, ResultStatus> statusOfNode;
    for (const TestCase &t : p.testCases) {
        if (t.checks.isEmpty())
            continue;
        if (!statusOfNode.contains(t.nodeId)) {
            const ResultStatus s = statusOfNode.size() == 0 ? ResultStatus::Fail
                : statusOfNode.size() == 1                  ? ResultStatus::Error
                                                            : ResultStatus::Pass;
            statusOfNode.insert(t.nodeId, s);
            if (s == ResultStatus::Fail)
                *failingNode = p.node(t.nodeId)->name;
            else if (s == ResultStatus::Pass && passingNode->isEmpty())
                *passingNode = p.node(t.nodeId)->name;
        }
        for (const Check &c : t.checks) {
            CheckResult r;
            r.id = newId();
            r.runId = run.id;
            r.testCaseId = t.id;
            r.checkId = c.id;
            r.nodeId = t.nodeId;
            r.status = statusOfNode.value(t.nodeId);
            r.finishedAt = run.finishedAt;
            p.results.append(r);
            switch (r.status) {
            case ResultStatus::Pass:
                ++run.passed;
                break;
            case ResultStatus::Fail:
                ++run.failed;
                break;
            case ResultStatus::Error:
                ++run.errors;
                break;
            case ResultStatus::Skipped:
                ++run.skipped;
                break;
            }
        }
    }
    p.runs.append(run);
    return p;
}

struct SvgContent
{
    int cards = 0;
    QSet<QString> cardIds;
    QStringList texts;
    QSet<QString> colours; // fill and stroke values
    QHash<QString, QStringList> cardIcons; // node id -> the <use> references inside its card
    QSet<QString> definedIds;
    int images = 0; // embedded bitmaps
};

SvgContent readSvg(const QByteArray &svg, QString *error)
{
    SvgContent c;
    QXmlStreamReader xml(svg);
    int depth = 0;
    int cardDepth = -1;
    QString card;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::EndElement && --depth == cardDepth) {
            cardDepth = -1;
            card.clear();
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        ++depth;
        const QXmlStreamAttributes a = xml.attributes();
        if (a.hasAttribute(QLatin1String("id")))
            c.definedIds.insert(a.value(QLatin1String("id")).toString());
        if (xml.name() == QLatin1String("image"))
            ++c.images;
        if (xml.name() == QLatin1String("use") && !card.isEmpty())
            c.cardIcons[card]
                << a.value(QLatin1String("http://www.w3.org/1999/xlink"), QLatin1String("href")).toString();
        for (const char *name : { "fill", "stroke" })
            if (a.hasAttribute(QLatin1String(name)))
                c.colours.insert(a.value(QLatin1String(name)).toString().toLower());
        if (xml.name() == QLatin1String("g") && a.hasAttribute(QLatin1String("data-node"))) {
            ++c.cards;
            c.cardIds.insert(a.value(QLatin1String("data-node")).toString());
            card = a.value(QLatin1String("data-node")).toString();
            cardDepth = depth - 1;
            if (a.value(QLatin1String("id")).toString()
                != QStringLiteral("node-") + a.value(QLatin1String("data-node")).toString())
                *error = QStringLiteral("card group id %1 does not name its node")
                             .arg(a.value(QLatin1String("id")));
        }
        if (xml.name() == QLatin1String("text")) {
            c.texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            --depth; // read to its end element
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return c;
}

// Pixels whose colour is within `tolerance` of `colour` in every channel.
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

bool isShortName(const QString &name)
{
    return name.size() <= 12;
} // drawn whole, not elided

} // namespace

class TestMapImage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(testing::exampleProject(), "the example project is needed");
        m_project = exampleWithResults(&m_passing, &m_failing);
        QVERIFY(!m_passing.isEmpty() && !m_failing.isEmpty());
    }

    void svgHasEveryCardItsNameAndTheResultColours()
    {
        MapImageOptions o;
        o.overlay = MapOverlay::Mode::Results;
        const QByteArray svg = mapSvg(m_project, o);
        QVERIFY(!svg.isEmpty());
        QString error;
        const SvgContent c = readSvg(svg, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.cards, m_project.nodes.size());
        for (const Node &n : m_project.nodes) {
            QVERIFY2(c.cardIds.contains(n.id), qPrintable(n.name));
            if (isShortName(n.name))
                QVERIFY2(
                    c.texts.contains(n.name), qPrintable(n.name + QStringLiteral(" is not text in the SVG")));
        }
        QVERIFY(c.texts.contains(QStringLiteral("Latest results"))); // the legend
        // Each card's kind icon is one <use> of a definition shared by every card of its
        // kind, not a bitmap per card; the markers the drawing was split by are all gone.
        QCOMPARE(c.images, 0);
        for (const Node &n : m_project.nodes) {
            const QString kind = QStringLiteral("#fb-kind-") + toString(n.kind);
            QCOMPARE(c.cardIcons.value(n.id), QStringList { kind });
            QVERIFY2(c.definedIds.contains(kind.mid(1)), qPrintable(kind));
        }
        QVERIFY(!svg.contains("fbmark"));
        QVERIFY(c.colours.contains(MapOverlay::stateColor(NodeState::Pass).name()));
        QVERIFY(c.colours.contains(MapOverlay::stateColor(NodeState::Fail).name()));
        QVERIFY(std::any_of(c.texts.cbegin(), c.texts.cend(), [](const QString &t) {
            return t.contains(QStringLiteral("✗")) && t.contains(QStringLiteral("failed"));
        }));

        // Without an overlay the result colours are nowhere.
        const SvgContent plain = readSvg(mapSvg(m_project, MapImageOptions {}), &error);
        QVERIFY(!plain.colours.contains(MapOverlay::stateColor(NodeState::Fail).name()));
        QVERIFY(std::none_of(plain.texts.cbegin(), plain.texts.cend(),
            [](const QString &t) { return t.contains(QStringLiteral("failed")); }));
        QVERIFY(!plain.texts.contains(QStringLiteral("Latest results")));
    }

    // What a reader of the exported map learns from the lines between cards: each edge's
    // label is text, as on screen, also when the map is drawn from a file (no event loop
    // has placed the labels yet); the legend names the kinds.
    void edgeLabelsAndKindsAreText()
    {
        QString error;
        const SvgContent c = readSvg(mapSvg(m_project, MapImageOptions {}), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        int labels = 0;
        for (const Edge &e : m_project.edges) {
            if (e.label.isEmpty() || e.label.size() > 12)
                continue; // long labels may be elided
            ++labels;
            QVERIFY2(
                c.texts.contains(e.label), qPrintable(e.label + QStringLiteral(" is not text in the SVG")));
        }
        QVERIFY(labels >= 5);
        QVERIFY(c.texts.contains(QStringLiteral("Kinds")));
        QVERIFY(c.texts.contains(QStringLiteral("Connections")));
    }

    // Each overlay's colours are in the image it makes, and not in the plain map.
    void overlayColours_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QStringList>("colours");
        QTest::addColumn<QString>("heading");
        QTest::newRow("coverage")
            << int(MapOverlay::Mode::Coverage)
            << QStringList { MapOverlay::coverageColor(MapOverlay::Coverage::Passing).name(),
                   MapOverlay::coverageColor(MapOverlay::Coverage::Automated).name(),
                   MapOverlay::coverageColor(MapOverlay::Coverage::None).name() }
            << QStringLiteral("Coverage");
        QTest::newRow("impact")
            << int(MapOverlay::Mode::Impact)
            << QStringList { MapOverlay::impactColor(MapOverlay::ImpactRole::Centre).name(),
                   MapOverlay::impactColor(MapOverlay::ImpactRole::Upstream).name(),
                   MapOverlay::impactColor(MapOverlay::ImpactRole::Downstream).name() }
            << QStringLiteral("Impact");
    }

    void overlayColours()
    {
        QFETCH(int, mode);
        QFETCH(QStringList, colours);
        QFETCH(QString, heading);
        MapImageOptions o;
        o.overlay = MapOverlay::Mode(mode);
        // Impact around a node with edges in and out: upstream and downstream both exist.
        for (const Node &n : m_project.nodes) {
            const auto has = [&](bool in) {
                return std::any_of(m_project.edges.cbegin(), m_project.edges.cend(),
                    [&](const Edge &e) { return (in ? e.to : e.from) == n.id; });
            };
            if (has(true) && has(false)) {
                o.impactNode = n.name;
                break;
            }
        }
        QString error;
        const SvgContent c = readSvg(mapSvg(m_project, o), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(c.texts.contains(heading));
        const SvgContent plain = readSvg(mapSvg(m_project, MapImageOptions {}), &error);
        for (const QString &colour : colours) {
            QVERIFY2(c.colours.contains(colour), qPrintable(colour));
            QVERIFY2(
                !plain.colours.contains(colour), qPrintable(colour + QStringLiteral(" without an overlay")));
        }
    }

    void selectionScopeDrawsOnlyTheSelectedCards()
    {
        MapImageOptions o;
        auto map = ProjectMap::build(m_project, o);
        QVERIFY2(map, qPrintable(map.error()));
        MapScene *scene = map.value()->scene();
        const Node *one = m_project.nodeByName(m_failing);
        scene->selectNodes({ one->id });
        o.scope = MapImageOptions::Scope::Selection;
        QString error;
        const SvgContent c = readSvg(mapSvg(scene, o), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.cards, 1);
        QVERIFY(c.cardIds.contains(one->id));
        scene->selectNodes({});
        QVERIFY(!mapFile(scene, o)); // nothing selected: a message, not an empty image
    }

    void pdfKeepsTextAndShowsTheFailure()
    {
        const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftoppm.isEmpty() || pdftotext.isEmpty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("pdftoppm/pdftotext missing: scripts/install-deps.sh installs poppler-utils");
            QSKIP("install poppler-utils for pdftoppm and pdftotext");
        }
        MapImageOptions o;
        o.format = MapImageOptions::Format::Pdf;
        o.overlay = MapOverlay::Mode::Results;
        const Result<QByteArray> pdf = mapFile(m_project, o);
        QVERIFY2(pdf, qPrintable(pdf.error()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("map.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(pdf.value());
        f.close();

        QProcess text;
        text.start(pdftotext, { path, QStringLiteral("-") });
        QVERIFY(text.waitForFinished(30000));
        const QString words = QString::fromUtf8(text.readAllStandardOutput());
        int found = 0;
        for (const Node &n : m_project.nodes)
            if (isShortName(n.name)) {
                QVERIFY2(
                    words.contains(n.name), qPrintable(n.name + QStringLiteral(" is not text in the PDF")));
                ++found;
            }
        QVERIFY(found >= 5);
        QVERIFY(words.contains(QStringLiteral("Latest results")));

        QProcess render;
        render.start(pdftoppm,
            { QStringLiteral("-r"), QStringLiteral("72"), QStringLiteral("-png"),
                QStringLiteral("-singlefile"), path, dir.filePath(QStringLiteral("page")) });
        QVERIFY(render.waitForFinished(30000));
        const QImage page(dir.filePath(QStringLiteral("page.png")));
        QVERIFY(!page.isNull());
        // 96 page units per inch: at 72 dpi the page is three quarters of the map's size.
        const QSizeF expected = mapPageSize(map(m_project, o)->scene(), o) * 0.75;
        QVERIFY(qAbs(page.width() - expected.width()) <= 2);
        QVERIFY(pixelsNear(page, MapOverlay::stateColor(NodeState::Fail), 24) > 100); // ring and badge
        QVERIFY(pixelsNear(page, MapOverlay::stateColor(NodeState::Pass), 24) > 100);
        QVERIFY(pixelsNear(page, QColor(Qt::white), 8) < page.width() * page.height() * 0.95); // not blank
    }

    // The PNG file of the visible area holds what the view shows, overlay included: the
    // same painting code, not a second renderer.
    void pngMatchesTheMapOnScreen_data()
    {
        QTest::addColumn<int>("overlay"); // -1: none
        QTest::newRow("plain") << -1;
        QTest::newRow("results") << int(MapOverlay::Mode::Results);
        QTest::newRow("coverage") << int(MapOverlay::Mode::Coverage);
    }

    void pngMatchesTheMapOnScreen()
    {
        QFETCH(int, overlay);
        MapImageOptions o;
        if (overlay >= 0)
            o.overlay = MapOverlay::Mode(overlay);
        auto built = map(m_project, o);
        MapScene *scene = built->scene();
        MapView view;
        view.setMapScene(scene);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.resetZoom();
        view.centerOn(scene->contentRect().center());
        QCoreApplication::processEvents();
        const QImage screen = view.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);

        o.format = MapImageOptions::Format::Png;
        o.scope = MapImageOptions::Scope::Visible;
        o.visibleRect = view.mapToScene(view.viewport()->rect()).boundingRect();
        o.legend = false;
        const Result<QByteArray> file = mapFile(scene, o);
        QVERIFY2(file, qPrintable(file.error()));
        const QImage exported = QImage::fromData(file.value(), "PNG").convertToFormat(QImage::Format_RGB32);
        QVERIFY(!exported.isNull());
        const QImage area = exported.copy(24, 24, screen.width(), screen.height());
        QCOMPARE(area.size(), screen.size());

        int inked = 0, differ = 0;
        for (int y = 0; y < screen.height(); ++y)
            for (int x = 0; x < screen.width(); ++x) {
                const QRgb a = screen.pixel(x, y), b = area.pixel(x, y);
                if (qGray(a) < 200)
                    ++inked;
                const int d = qMax(
                    qAbs(qRed(a) - qRed(b)), qMax(qAbs(qGreen(a) - qGreen(b)), qAbs(qBlue(a) - qBlue(b))));
                if (d > 60)
                    ++differ;
            }
        QVERIFY2(inked > screen.width() * screen.height() / 50, "the view shows cards");
        // Measured: 0 differ. A missing edge label or badge would be hundreds.
        QVERIFY2(differ <= screen.width() * screen.height() / 2000,
            qPrintable(
                QStringLiteral("%1 of %2 pixels differ").arg(differ).arg(screen.width() * screen.height())));

        // Twice the scale, twice the size.
        o.scale = 2;
        QCOMPARE(mapRaster(scene, o).width(), exported.width() * 2);
    }

    // The PNG is written by our own encoder, in strips on several threads: a viewer must
    // get back exactly the pixels painted, whatever the strip count and image shape.
    void pngEncoderKeepsEveryPixel_data()
    {
        QTest::addColumn<int>("strips");
        QTest::addColumn<QSize>("size");
        QTest::newRow("one strip") << 1 << QSize(301, 257);
        QTest::newRow("two strips") << 2 << QSize(301, 257);
        QTest::newRow("seven strips, odd rows") << 7 << QSize(97, 1001);
        QTest::newRow("more strips than rows allow") << 8 << QSize(40, 70);
        QTest::newRow("one pixel") << 4 << QSize(1, 1);
    }
    void pngEncoderKeepsEveryPixel()
    {
        QFETCH(int, strips);
        QFETCH(QSize, size);
        QImage image(size, QImage::Format_RGB32);
        image.fill(Qt::white);
        QRandomGenerator random(42);
        for (int y = 0; y < size.height(); y += 3) // noise on some rows, flat white between
            for (int x = 0; x < size.width(); ++x)
                image.setPixel(x, y, 0xff000000 | random.generate());
        QPainter(&image).fillRect(QRect(QPoint(0, 0), size / 2), QColor(0xd5, 0x5e, 0x00));
        const auto png = encodeMapPng(image, strips);
        QVERIFY2(png.ok(), qPrintable(png.error()));
        const QImage decoded = QImage::fromData(png.value(), "PNG").convertToFormat(QImage::Format_RGB32);
        QCOMPARE(decoded.size(), size);
        QVERIFY(decoded == image);
    }

    // The band writer takes rows a band at a time; a viewer gets back exactly those rows.
    void pngBandWriterKeepsEveryPixel()
    {
        QImage image(QSize(123, 700), QImage::Format_RGB32);
        QRandomGenerator random(7);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                image.setPixel(x, y, 0xff000000 | (y % 5 ? 0xffffff : random.generate()));
        PngBandWriter writer(image.width(), image.height());
        for (int top = 0; top < image.height(); top += 256)
            writer.add(image.copy(0, top, image.width(), qMin(256, image.height() - top)));
        const auto png = writer.finish();
        QVERIFY2(png.ok(), qPrintable(png.error()));
        QVERIFY(QImage::fromData(png.value(), "PNG").convertToFormat(QImage::Format_RGB32) == image);

        PngBandWriter short_(10, 10); // rows missing: an error, not a truncated picture
        short_.add(image.copy(0, 0, 10, 4));
        QVERIFY(!short_.finish().ok());
    }

    // The PNG file is painted in bands (map/export/mapimage.cpp mapPng); a card cut by a
    // band's edge must come out as in the picture painted whole.
    void pngFileHasThePixelsOfTheWholePage()
    {
        MapImageOptions o;
        o.overlay = MapOverlay::Mode::Results;
        o.format = MapImageOptions::Format::Png;
        o.scale = 3; // several bands high
        auto built = map(m_project, o);
        const QImage whole = mapRaster(built->scene(), o);
        QVERIFY(whole.height() > 2 * 256);
        const auto png = mapFile(built->scene(), o);
        QVERIFY2(png.ok(), qPrintable(png.error()));
        const QImage banded = QImage::fromData(png.value(), "PNG").convertToFormat(QImage::Format_RGB32);
        QCOMPARE(banded.size(), whole.size());
        int differ = 0;
        for (int y = 0; y < whole.height(); ++y)
            for (int x = 0; x < whole.width(); ++x) {
                const QRgb a = whole.pixel(x, y), b = banded.pixel(x, y);
                if (qMax(
                        qAbs(qRed(a) - qRed(b)), qMax(qAbs(qGreen(a) - qGreen(b)), qAbs(qBlue(a) - qBlue(b))))
                    > 40)
                    ++differ;
            }
        // A glyph may land a pixel apart when its band is shifted (0.05 % of the pixels
        // here, all in text); a card or edge left out of a band would be far more.
        QVERIFY2(differ <= whole.width() * whole.height() / 1000,
            qPrintable(
                QStringLiteral("%1 of %2 pixels differ").arg(differ).arg(whole.width() * whole.height())));
    }

    // The picture in docs/images/map-export.png: the example with results and a flow.
    void pngOfTheExampleShowsResultsFlowAndLegend()
    {
        MapImageOptions o;
        o.format = MapImageOptions::Format::Png;
        o.overlay = MapOverlay::Mode::Results;
        auto built = map(m_project, o);
        QVERIFY(built);
        const QImage image = mapRaster(built->scene(), o);
        testing::Screenshots shots;
        QVERIFY(shots.save(image, QStringLiteral("map-export")));
        QVERIFY(pixelsNear(image, MapOverlay::stateColor(NodeState::Pass), 16) > 200);
        QVERIFY(pixelsNear(image, MapOverlay::stateColor(NodeState::Fail), 16) > 200);
        QVERIFY(pixelsNear(image, MapOverlay::stateColor(NodeState::Error), 16) > 200);
        // The legend's box beside the cards.
        const QRectF cards = built->scene()->contentRect();
        QVERIFY(image.width() > cards.width() + 250);

        // A flow highlighted: its steps numbered, the rest dimmed.
        QVERIFY(!m_project.flows.isEmpty());
        o.flow = m_project.flows.first().name;
        auto flow = map(m_project, o);
        QVERIFY(flow);
        const QImage highlighted = mapRaster(flow->scene(), o);
        QVERIFY(shots.save(highlighted, QStringLiteral("map-export-flow")));
        QVERIFY(pixelsNear(highlighted, MapStyle::selectionColor(), 16) > 50);
        QVERIFY(pixelsNear(image, MapStyle::selectionColor(), 16) < 10);
    }

    // File ▸ Export Map… and File ▸ Print… on the window's view, without their dialogs.
    void exportAndPrintActionsWriteTheMapAsShown()
    {
        auto built = map(m_project);
        QWidget window;
        auto *view = new MapView(&window);
        view->setMapScene(built->scene());
        MapExportActions actions(&window, view);
        QTemporaryDir dir;
        MapImageOptions o = actions.options(MapImageOptions::Scope::Whole);
        o.format = MapImageOptions::Format::Svg;
        const QString svg = dir.filePath(QStringLiteral("map.svg"));
        const Status written = actions.exportMap(svg, o);
        QVERIFY2(written, qPrintable(written.error()));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        QCOMPARE(readSvg(file.readAll(), &error).cards, m_project.nodes.size());

        o.scope = MapImageOptions::Scope::Selection; // nothing selected
        const Status refused = actions.exportMap(dir.filePath(QStringLiteral("none.png")), o);
        QVERIFY(!refused);
        QVERIFY2(
            refused.error().contains(QStringLiteral("nothing is selected")), qPrintable(refused.error()));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.png"))));

        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(dir.filePath(QStringLiteral("printed.pdf")));
        const Status printed = actions.print(&printer, actions.options(MapImageOptions::Scope::Whole));
        QVERIFY2(printed, qPrintable(printed.error()));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("printed.pdf"))).size() > 1000);
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (!pdftotext.isEmpty()) {
            QProcess text;
            text.start(pdftotext, { dir.filePath(QStringLiteral("printed.pdf")), QStringLiteral("-") });
            QVERIFY(text.waitForFinished(30000));
            QVERIFY(QString::fromUtf8(text.readAllStandardOutput()).contains(m_failing));
        }
    }

    void cliExportsWithoutADisplay()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("shop.json"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(toCanonicalJson(m_project, JsonExportOptions { true }));
        f.close();
        // No X server and no platform chosen: the CLI picks the offscreen one itself.
        const QByteArray display = qgetenv("DISPLAY"), platform = qgetenv("QT_QPA_PLATFORM");
        qunsetenv("DISPLAY");
        qunsetenv("QT_QPA_PLATFORM");
        const QString svg = dir.filePath(QStringLiteral("map.svg"));
        const auto out
            = testing::runCli({ QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("svg"),
                QStringLiteral("--overlay"), QStringLiteral("results"), project, QStringLiteral("-o"), svg });
        const QString png = dir.filePath(QStringLiteral("map.png"));
        const auto outPng = testing::runCli({ QStringLiteral("export"), QStringLiteral("--format=png"),
            QStringLiteral("--scale"), QStringLiteral("0.5"), project, QStringLiteral("-o"), png });
        const auto badFlow = testing::runCli({ QStringLiteral("export"), QStringLiteral("--format"),
            QStringLiteral("pdf"), QStringLiteral("--flow"), QStringLiteral("No such flow"), project,
            QStringLiteral("-o"), dir.filePath(QStringLiteral("x.pdf")) });
        qputenv("DISPLAY", display);
        qputenv("QT_QPA_PLATFORM", platform);

        QVERIFY2(out.exitCode == 0, qPrintable(out.err));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString error;
        const SvgContent c = readSvg(file.readAll(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.cards, m_project.nodes.size());
        QVERIFY(c.colours.contains(MapOverlay::stateColor(NodeState::Fail).name()));

        QVERIFY2(outPng.exitCode == 0, qPrintable(outPng.err));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), (mapPageSize(map(m_project)->scene(), MapImageOptions {}) * 0.5).toSize());

        QVERIFY(badFlow.exitCode != 0);
        QVERIFY2(
            badFlow.err.contains(QStringLiteral("no flow named \"No such flow\"")), qPrintable(badFlow.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.pdf"))));
    }

private:
    static std::unique_ptr<ProjectMap> map(const Project &project, const MapImageOptions &o = {})
    {
        auto built = ProjectMap::build(project, o);
        return built ? std::move(built.value()) : nullptr;
    }

    Project m_project;
    QString m_passing;
    QString m_failing;
};

QTEST_MAIN(TestMapImage)
#include "tst_mapimage.moc"
