// The diff of two versions of a project drawn as a map (`flowbench-cli diff A B --format
// svg|png|pdf`): the SVG of the golden pair read back as XML, card by card, for the colour
// and the glyph of what happened to each node.
#include "analysis/rundiff.h"
#include "io/canonicaljson.h"
#include "map/export/diffmapimage.h"
#include "model/resultpalette.h"
#include "support/cliprocess.h"
#include "support/projectfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// What one card group holds: the colours it is painted with and its texts.
struct Card
{
    QSet<QString> colours;
    QStringList texts;
};

struct DiffSvg
{
    QHash<QString, Card> cards; // by node id
    QStringList texts; // everywhere, the legend too
    QString error;
};

DiffSvg readSvg(const QByteArray &svg)
{
    DiffSvg out;
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
        if (xml.name() == QLatin1String("g") && a.hasAttribute(QLatin1String("data-node"))) {
            card = a.value(QLatin1String("data-node")).toString();
            cardDepth = depth - 1;
            out.cards[card];
        }
        if (!card.isEmpty())
            for (const char *name : { "fill", "stroke" })
                if (a.hasAttribute(QLatin1String(name)))
                    out.cards[card].colours.insert(a.value(QLatin1String(name)).toString().toLower());
        if (xml.name() == QLatin1String("text")) {
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            --depth;
            out.texts << text;
            if (!card.isEmpty())
                out.cards[card].texts << text;
        }
    }
    if (xml.hasError())
        out.error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return out;
}

QString colour(QRgb rgb)
{
    return ResultPalette::cssColor(rgb);
}

} // namespace

class TestDiffMap : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_a = QFINDTESTDATA("data/diff/shop-edits/a.json");
        m_b = QFINDTESTDATA("data/diff/shop-edits/b.json");
        QVERIFY(!m_a.isEmpty() && !m_b.isEmpty());
    }

    void eachNodeHasTheColourAndGlyphOfItsChange_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("colour"); // empty: none of the three
        QTest::addColumn<QString>("badge");
        QTest::newRow("added") << "refund_audit" << colour(ResultPalette::kAdded) << "+ added";
        QTest::newRow("removed") << "Nightly cache warm-up" << colour(ResultPalette::kRemoved) << "− removed";
        QTest::newRow("changed fields") << "POST /orders" << colour(ResultPalette::kChanged) << "~ changed";
        QTest::newRow("changed test case")
            << "GET /products" << colour(ResultPalette::kChanged) << "~ changed";
        QTest::newRow("unchanged") << "users" << QString() << QString();
    }

    void eachNodeHasTheColourAndGlyphOfItsChange()
    {
        QFETCH(QString, node);
        QFETCH(QString, colour);
        QFETCH(QString, badge);
        const Project a = readJson(m_a);
        const Project b = readJson(m_b);
        MapImageOptions o;
        o.format = MapImageOptions::Format::Svg;
        const Result<QByteArray> svg = diffMapFile(a, b, o);
        QVERIFY2(svg, qPrintable(svg ? QString() : svg.error()));
        const DiffSvg read = readSvg(svg.value());
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.cards.size(), b.nodes.size() + 1); // the removed node is drawn too

        const Node *n = b.nodeByName(node) ? b.nodeByName(node) : a.nodeByName(node);
        QVERIFY(n);
        QVERIFY2(read.cards.contains(n->id), qPrintable(node));
        const Card &card = read.cards[n->id];
        const QStringList states = { ::colour(ResultPalette::kAdded), ::colour(ResultPalette::kRemoved),
            ::colour(ResultPalette::kChanged) };
        for (const QString &state : states)
            QCOMPARE(card.colours.contains(state), state == colour);
        if (badge.isEmpty())
            QVERIFY2(std::none_of(card.texts.cbegin(), card.texts.cend(),
                         [](const QString &t) {
                             return t.contains(QLatin1String("added")) || t.contains(QLatin1String("removed"))
                                 || t.contains(QLatin1String("changed"));
                         }),
                qPrintable(card.texts.join(QLatin1Char('|'))));
        else
            QVERIFY2(card.texts.contains(badge), qPrintable(card.texts.join(QLatin1Char('|'))));
        // The legend says what the colours mean.
        QVERIFY(read.texts.contains(QStringLiteral("Changes")));
        QVERIFY(read.texts.contains(QStringLiteral("+ added")));
    }

    void cliWritesTheImageAndTheText()
    {
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("diff.svg"));
        const testing::CliOutcome out = testing::runCli({ QStringLiteral("diff"), m_a, m_b,
            QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("-o"), svg });
        QCOMPARE(out.exitCode, 1); // they differ, as diff(1)
        QVERIFY(out.out.contains(QLatin1String("+ node \"refund_audit\" (table)")));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const DiffSvg read = readSvg(file.readAll());
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.cards.size(), readJson(m_b).nodes.size() + 1);

        const QString png = dir.filePath(QStringLiteral("diff.png"));
        const testing::CliOutcome raster = testing::runCli({ QStringLiteral("diff"), m_a, m_b,
            QStringLiteral("--format"), QStringLiteral("png"), QStringLiteral("-o"), png });
        QCOMPARE(raster.exitCode, 1);
        QVERIFY(!QImage(png).isNull());

        const testing::CliOutcome bad = testing::runCli(
            { QStringLiteral("diff"), m_a, m_b, QStringLiteral("--format"), QStringLiteral("gif") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QLatin1String("unknown format \"gif\"")), qPrintable(bad.err));
        const testing::CliOutcome noOut = testing::runCli(
            { QStringLiteral("diff"), m_a, m_b, QStringLiteral("--format"), QStringLiteral("pdf") });
        QCOMPARE(noOut.exitCode, 2);
        QVERIFY2(noOut.err.contains(QLatin1String("needs -o OUT")), qPrintable(noOut.err));
    }

    void runDiffPaintsEachNodeByItsChange_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("colour"); // empty: none of the four
        QTest::addColumn<QString>("badge");
        QTest::newRow("new failure") << "POST /orders" << colour(ResultPalette::kNewFailure)
                                     << "✗ new failure";
        QTest::newRow("fixed") << "orders" << colour(ResultPalette::kFixed) << "✓ fixed";
        QTest::newRow("still failing")
            << "users" << colour(ResultPalette::kStillFailing) << "✗ still failing";
        QTest::newRow("did not run in B") << "Product cache" << QString() << QString(); // plain
        QTest::newRow("never run") << "Payment gateway" << QString() << QString();
    }

    void runDiffPaintsEachNodeByItsChange()
    {
        QFETCH(QString, node);
        QFETCH(QString, colour);
        QFETCH(QString, badge);
        const QString path = QFINDTESTDATA("data/rundiff/shop-runs/project.json");
        QVERIFY(!path.isEmpty());
        const Project project = readJson(path);
        const Result<RunDiff> diff = diffRuns(project);
        QVERIFY2(diff, qPrintable(diff ? QString() : diff.error()));
        MapImageOptions o;
        o.format = MapImageOptions::Format::Svg;
        const Result<QByteArray> svg = runDiffMapFile(project, diff.value(), o);
        QVERIFY2(svg, qPrintable(svg ? QString() : svg.error()));
        const DiffSvg read = readSvg(svg.value());
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.cards.size(), project.nodes.size());
        const Node *n = project.nodeByName(node);
        QVERIFY(n);
        QVERIFY2(read.cards.contains(n->id), qPrintable(node));
        const Card &card = read.cards[n->id];
        const QStringList states = { ::colour(ResultPalette::kNewFailure), ::colour(ResultPalette::kFixed),
            ::colour(ResultPalette::kStillFailing), ::colour(ResultPalette::kUnchangedRun) };
        for (const QString &state : states)
            QVERIFY2(card.colours.contains(state) == (state == colour),
                qPrintable(QStringList(card.colours.values()).join(QLatin1Char(' '))));
        const QStringList words
            = { QStringLiteral("new failure"), QStringLiteral("fixed"), QStringLiteral("still failing") };
        for (const QString &word : words)
            QCOMPARE(
                card.texts.join(QLatin1Char('|')).contains(word), !badge.isEmpty() && badge.contains(word));
        if (!badge.isEmpty())
            QVERIFY2(card.texts.contains(badge), qPrintable(card.texts.join(QLatin1Char('|'))));
        // The legend says what the colours mean.
        QVERIFY(read.texts.contains(QStringLiteral("Run B against run A")));
        QVERIFY(read.texts.contains(QStringLiteral("= unchanged")));
    }

    void cliWritesTheRunDiffImageAndText()
    {
        const QString project = QFINDTESTDATA("data/rundiff/shop-runs/project.json");
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("runs.svg"));
        const testing::CliOutcome out
            = testing::runCli({ QStringLiteral("diff"), project, QStringLiteral("--runs"),
                QStringLiteral("--format"), QStringLiteral("svg"), QStringLiteral("-o"), svg });
        QCOMPARE(out.exitCode, 1); // something newly fails
        QVERIFY2(out.out.contains(QLatin1String("new failures: 2")), qPrintable(out.out));
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const DiffSvg read = readSvg(file.readAll());
        QVERIFY2(read.error.isEmpty(), qPrintable(read.error));
        QCOMPARE(read.cards.size(), readJson(project).nodes.size());
        const QString pdf = dir.filePath(QStringLiteral("runs.pdf"));
        const testing::CliOutcome quiet = testing::runCli({ QStringLiteral("diff"), project,
            QStringLiteral("--runs"), QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("--format"),
            QStringLiteral("pdf"), QStringLiteral("-o"), pdf });
        QCOMPARE(quiet.exitCode, 0); // nothing newly fails between the first two
        QFile written(pdf);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.read(5) == "%PDF-");
    }

private:
    QString m_a;
    QString m_b;
};

QTEST_MAIN(TestDiffMap)
#include "tst_diffmap.moc"
