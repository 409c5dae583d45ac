// The HTML report as a person opens it: loaded in headless Chromium (Debian package
// chromium), its DOM read back. Every failed or errored check is there with its evidence,
// nothing points outside the file, and a click on a node's element on the map shows that
// node's test cases (the report's own script clicks it when opened at #node-<uuid>).
#include "io/htmlreport.h"
#include "support/reportfixture.h"
#include "support/testenv.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// A map like mapSvg() draws it (ui/map/export/mapimage.h): one <g id="node-<uuid>"
// data-node> per card. The real one is checked end to end in tests/cli/tst_reportcli.
QByteArray cardsSvg(const Project &project)
{
    QByteArray svg
        = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"200\" "
          "viewBox=\"0 0 600 200\">";
    int x = 10;
    for (const Node &n : project.nodes) {
        svg += "<g id=\"node-" + n.id.toUtf8() + "\" data-node=\"" + n.id.toUtf8()
            + "\" class=\"node\"><rect x=\"" + QByteArray::number(x)
            + "\" y=\"10\" width=\"130\" height=\"60\" fill=\"#eee\"/><text x=\"" + QByteArray::number(x + 6)
            + "\" y=\"40\">" + n.name.toHtmlEscaped().toUtf8() + "</text></g>";
        x += 145;
    }
    return svg + "</svg>";
}

HtmlReportInput fixtureInput()
{
    const ReportFixture f = makeReportFixture();
    HtmlReportInput in;
    in.project = f.project;
    in.run = f.run;
    in.results = f.results;
    // The run before: "Place an order" passed (a new failure now), "Health" failed (fixed
    // now), "Stock eventually released" failed too (still failing).
    in.hasPrevious = true;
    in.previousRun = f.run;
    in.previousRun.id = QStringLiteral("00000000-0000-0000-0000-0000000000b0");
    in.previousRun.startedAt = f.run.startedAt.addDays(-1);
    for (CheckResult r : f.results) {
        r.runId = in.previousRun.id;
        r.status = r.checkId.endsWith(QLatin1String("7")) || r.checkId.endsWith(QLatin1String("8"))
            ? ResultStatus::Fail
            : ResultStatus::Pass;
        r.message = r.status == ResultStatus::Fail ? QStringLiteral("failed before") : QString();
        r.finishedAt = r.finishedAt.addDays(-1);
        in.previousResults << r;
    }
    in.project.runs = { in.previousRun, in.run };
    in.project.results = in.previousResults + in.results;
    in.mapSvg = cardsSvg(in.project);
    in.author = QStringLiteral("qa-bot");
    in.flowbenchVersion = QStringLiteral("9.9.9");
    in.projectRevision = projectRevision(in.project);
    return in;
}

// Text as a browser serialises it in the DOM: only &, < and > escaped.
QString domText(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    out.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    out.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return out;
}

QString chromium()
{
    for (const char *name : { "chromium", "chromium-browser", "google-chrome" }) {
        const QString path = QStandardPaths::findExecutable(QString::fromLatin1(name));
        if (!path.isEmpty())
            return path;
    }
    return QString();
}

} // namespace

class HtmlReportTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void selfContained();
    void summaryChangesAndProblems();
    void textIsEscaped();
    void byNamesWhoStartedTheRun();
    void badgesUseTheMapPalette_data();
    void badgesUseTheMapPalette();
    void domInChromiumAndClickOnNode();

private:
    QString dumpDom(const QString &file, const QString &fragment);
    QString m_chromium;
    QTemporaryDir m_dir;
};

void HtmlReportTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_chromium = chromium();
}

// A report made later of a colleague's stored run names her, not whoever made the report
// (the footer names the maker); a run that does not say (older stores, imports) says so.
void HtmlReportTest::byNamesWhoStartedTheRun()
{
    HtmlReportInput in = fixtureInput();
    in.run.startedBy = QStringLiteral("alice");
    in.author = QStringLiteral("bob");
    QString html = QString::fromUtf8(HtmlReport::toHtml(in));
    QVERIFY2(html.contains(QLatin1String("<dt>By</dt><dd>alice</dd>")), qPrintable(html.left(4000)));
    QVERIFY(!html.contains(QLatin1String("<dd>bob</dd>")));
    QVERIFY(html.contains(QLatin1String("for bob.")));
    in.run.startedBy.clear(); // not recorded: not the maker's name either
    html = QString::fromUtf8(HtmlReport::toHtml(in));
    QVERIFY2(html.contains(QLatin1String("<dt>By</dt><dd>(not recorded)</dd>")), qPrintable(html.left(4000)));
    QVERIFY(!html.contains(QLatin1String("<dd>bob</dd>")));
}

QString HtmlReportTest::dumpDom(const QString &file, const QString &fragment)
{
    QProcess browser;
    QUrl url = QUrl::fromLocalFile(file);
    url.setFragment(fragment);
    // A profile of its own, no sandbox (tests may run as root in containers), and every
    // host name unresolvable: a report that reached for the network would show it.
    browser.start(m_chromium,
        { QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
            QStringLiteral("--user-data-dir=") + m_dir.filePath(QStringLiteral("profile")),
            QStringLiteral("--host-resolver-rules=MAP * ~NOTFOUND"),
            QStringLiteral("--virtual-time-budget=3000"), QStringLiteral("--dump-dom"), url.toString() });
    if (!browser.waitForFinished(60000)) {
        browser.kill();
        browser.waitForFinished(5000);
        return QString();
    }
    return QString::fromUtf8(browser.readAllStandardOutput());
}

void HtmlReportTest::selfContained()
{
    const QString html = QString::fromUtf8(HtmlReport::toHtml(fixtureInput()));
    // No external resource: no src/href to a URL, no @import or url() in the style.
    QVERIFY(!html.contains(QRegularExpression(QStringLiteral("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//"),
        QRegularExpression::CaseInsensitiveOption)));
    QVERIFY(!html.contains(QLatin1String("@import")));
    QVERIFY(!html.contains(QLatin1String("url(")));
    QVERIFY(!html.contains(QLatin1String("<link")));
    QVERIFY(!html.contains(QRegularExpression(QStringLiteral("<script[^>]+src"))));
    QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    QVERIFY(!html.contains(QLatin1String("<?xml"))); // the SVG's declaration is not carried in
}

void HtmlReportTest::summaryChangesAndProblems()
{
    const HtmlReportInput in = fixtureInput();
    const QString html = QString::fromUtf8(HtmlReport::toHtml(in));
    for (const QString &text : { QStringLiteral("staging"), QStringLiteral("dana"), QStringLiteral("9.9.9"),
             in.projectRevision, QStringLiteral("2026-12-03 12:00:00 UTC"), QStringLiteral("2.3 s") })
        QVERIFY2(html.contains(text), qPrintable(text));
    QVERIFY(html.contains(QLatin1String("id=\"count-passed\"><b>4</b>")));
    QVERIFY(html.contains(QLatin1String("id=\"count-failed\"><b>2</b>")));
    QVERIFY(html.contains(QLatin1String("id=\"count-errors\"><b>1</b>")));
    QVERIFY(html.contains(QLatin1String("id=\"count-skipped\"><b>1</b>")));
    QVERIFY(html.contains(QLatin1String("New failures (2)"))); // confirm, refund
    QVERIFY(html.contains(QLatin1String("Fixed (1)"))); // health
    QVERIFY(html.contains(QLatin1String("Still failing (1)"))); // stock
    QVERIFY(html.contains(QLatin1String("Coverage by flow")));
    QVERIFY(html.contains(QLatin1String("<td>Checkout</td>")));
    // The untested high-risk queue tops the risk x coverage list.
    const qsizetype risk = html.indexOf(QLatin1String("id=\"risk\""));
    QVERIFY(risk > 0);
    QVERIFY(html.indexOf(QLatin1String("refunds &lt;queue&gt;"), risk)
        < html.indexOf(QLatin1String("GET /health"), risk));
}

void HtmlReportTest::badgesUseTheMapPalette_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("colour");
    QTest::addColumn<QString>("glyph");
    QTest::newRow("pass") << "pass"
                          << "--pass"
                          << "#0072b2"
                          << "✓";
    QTest::newRow("fail") << "fail"
                          << "--fail"
                          << "#d55e00"
                          << "✗";
    QTest::newRow("error") << "error"
                           << "--error"
                           << "#cc79a7"
                           << "!";
}

// The report's badges and counts in the map's Okabe-Ito colours with their glyphs, from
// the one palette both read (model/resultpalette.h), not the old red and green.
void HtmlReportTest::badgesUseTheMapPalette()
{
    QFETCH(QString, status);
    QFETCH(QString, variable);
    QFETCH(QString, colour);
    QFETCH(QString, glyph);
    const QString html = QString::fromUtf8(HtmlReport::toHtml(fixtureInput()));
    QVERIFY2(html.contains(QStringLiteral("%1:%2").arg(variable, colour)), qPrintable(html.left(600)));
    QVERIFY(html.contains(QStringLiteral("<span class=\"badge %1\">%2 %1</span>").arg(status, glyph)));
    for (const char *old : { "#1a7f37", "#cf222e", "#bc4c00" })
        QVERIFY2(!html.contains(QLatin1String(old)), old);
}

void HtmlReportTest::textIsEscaped()
{
    HtmlReportInput in = fixtureInput();
    in.results[1].message = QStringLiteral("<script>alert(1)</script>");
    in.results[1].attempts = 3;
    in.project.nodes[0].name = QStringLiteral("</script><b>x");
    const QString html = QString::fromUtf8(HtmlReport::toHtml(in));
    QVERIFY(!html.contains(QLatin1String("<script>alert(1)")));
    QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(1)&lt;/script&gt;")));
    QVERIFY(!html.contains(QLatin1String("</script><b>x"))); // not even inside the JSON data
    QVERIFY(html.contains(QLatin1String("3 tries of eventually")));
}

void HtmlReportTest::domInChromiumAndClickOnNode()
{
    if (m_chromium.isEmpty()) {
        if (serversRequired())
            QFAIL("chromium not installed (Debian package chromium)");
        QSKIP("chromium not installed (Debian package chromium)");
    }
    const HtmlReportInput in = fixtureInput();
    const QString path = m_dir.filePath(QStringLiteral("report.html"));
    QVERIFY(HtmlReport::write(path, in));

    // As opened: every failed or errored check with its message and evidence; no node shown.
    const QString dom = dumpDom(path, QString());
    QVERIFY2(dom.contains(QLatin1String("id=\"node-panel\"")), qPrintable(dom.left(2000)));
    int problems = 0;
    for (const CheckResult &r : in.results) {
        if (r.status != ResultStatus::Fail && r.status != ResultStatus::Error)
            continue;
        ++problems;
        QVERIFY2(dom.contains(QStringLiteral("id=\"check-%1\"").arg(r.checkId)), qPrintable(r.checkId));
        QVERIFY2(dom.contains(domText(r.message.section(QLatin1Char('\n'), 0, 0))), qPrintable(r.message));
        if (!r.evidence.isEmpty())
            QVERIFY2(dom.contains(domText(r.evidence)), qPrintable(r.evidence));
    }
    QCOMPARE(problems, 3);
    QCOMPARE(dom.count(QLatin1String("class=\"problem ")), 3);
    QVERIFY(dom.contains(QLatin1String("No node selected.")));
    // Nothing the browser loaded points outside: no src or href with a URL in the DOM.
    QVERIFY(!dom.contains(QRegularExpression(QStringLiteral("(src|href)\\s*=\\s*\"(https?:)?//"))));

    // Opened at #node-<uuid>: the script clicks the node's element on the map, and the
    // click handler shows its test cases with their results in the panel.
    const Node &orders = in.project.nodes.at(0);
    const QString clicked = dumpDom(path, QStringLiteral("node-") + orders.id);
    const qsizetype panel = clicked.indexOf(QLatin1String("id=\"node-panel\""));
    QVERIFY(panel > 0);
    const QString panelHtml = clicked.mid(panel, clicked.indexOf(QLatin1String("</aside>"), panel) - panel);
    QVERIFY2(panelHtml.contains(QStringLiteral("data-node=\"%1\"").arg(orders.id)), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("<h3>POST /orders</h3>")), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("Place an order (Checkout)")), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("confirm: fail")), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("Refund *partial* (Refund)")), qPrintable(panelHtml));
    QVERIFY(!panelHtml.contains(QLatin1String("Health"))); // another node's test case
    QVERIFY(clicked.contains(
        QStringLiteral("id=\"node-%1\" data-node=\"%1\" class=\"node selected\"").arg(orders.id)));
}

QTEST_GUILESS_MAIN(HtmlReportTest)
#include "tst_htmlreport.moc"
