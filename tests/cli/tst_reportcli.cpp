// `flowbench-cli report PROJECT [--run ID] -o FILE` on a project file with two stored runs:
// the real map (mapSvg, one <g id="node-<uuid>"> per card) inside a report that needs no
// network, and a click on a card in headless Chromium shows that node's test cases.
#include "model/resultpalette.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/reportfixture.h"
#include "support/testenv.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flowbench;
using namespace flowbench::testing;

class ReportCliTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reportOfStoredRun();
    void runIdAndErrors();
    void clickOnACardsTextShowsItsResults();
    void reportReachesNoNetwork();

private:
    QStringList chromiumArgs(const QString &extra) const;
    QString reportWith(const QString &name, const QByteArray &script, bool namedInPolicy);
    QStringList requestsThroughProxy(const QString &file);
    QTemporaryDir m_dir;
    QString m_project;
    ReportFixture m_fixture;
    QString m_chromium;
};

void ReportCliTest::initTestCase()
{
    QVERIFY(!cliPath().isEmpty());
    QVERIFY(m_dir.isValid());
    m_fixture = makeReportFixture();
    m_project = m_dir.filePath(QStringLiteral("shop.flowbench"));
    auto store = ProjectStore::create(m_project, m_fixture.project.name);
    QVERIFY2(store, qPrintable(store.error()));
    QVERIFY2(store.value()->replaceContents(m_fixture.project), "replaceContents");
    // An earlier run where everything passed, then the fixture's run.
    Run earlier = m_fixture.run;
    earlier.id = QStringLiteral("00000000-0000-0000-0000-00000000e000");
    earlier.startedAt = earlier.startedAt.addDays(-1);
    earlier.finishedAt = earlier.finishedAt.addDays(-1);
    earlier.passed = int(m_fixture.results.size());
    earlier.failed = earlier.errors = earlier.skipped = 0;
    QList<CheckResult> passed;
    for (CheckResult r : m_fixture.results) {
        r.id = QStringLiteral("00000000-0000-0000-0002-") + r.id.right(12);
        r.runId = earlier.id;
        r.status = ResultStatus::Pass;
        r.message.clear();
        r.finishedAt = r.finishedAt.addDays(-1);
        passed << r;
    }
    const Status first = store.value()->addRun(earlier, passed);
    QVERIFY2(first, qPrintable(first.error()));
    const Status second = store.value()->addRun(m_fixture.run, m_fixture.results);
    QVERIFY2(second, qPrintable(second.error()));
    for (const char *name : { "chromium", "chromium-browser" })
        if (m_chromium.isEmpty())
            m_chromium = QStandardPaths::findExecutable(QString::fromLatin1(name));
}

QStringList ReportCliTest::chromiumArgs(const QString &extra) const
{
    return { QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
        QStringLiteral("--hide-scrollbars"),
        QStringLiteral("--user-data-dir=") + m_dir.filePath(QStringLiteral("profile")),
        QStringLiteral("--host-resolver-rules=MAP * ~NOTFOUND"), QStringLiteral("--virtual-time-budget=3000"),
        extra };
}

void ReportCliTest::reportOfStoredRun()
{
    const QString html = m_dir.filePath(QStringLiteral("report.html"));
    const CliOutcome made = runCli({ QStringLiteral("report"), m_project, QStringLiteral("-o"), html });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    // The newest run, compared with the earlier one: everything that fails now is new.
    QVERIFY(text.contains(m_fixture.run.id));
    QVERIFY(text.contains(QLatin1String("New failures (3)")));
    // The real map: every node's card is a <g id="node-<uuid>"> in an inline <svg>.
    QVERIFY2(text.contains(QLatin1String("<svg")), "no map in the report");
    for (const Node &n : m_fixture.project.nodes)
        QVERIFY2(text.contains(QStringLiteral("id=\"node-%1\"").arg(n.id)), qPrintable(n.name));
    QVERIFY(!text.contains(QRegularExpression(QStringLiteral("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//"),
        QRegularExpression::CaseInsensitiveOption)));

    if (m_chromium.isEmpty()) {
        if (serversRequired())
            QFAIL("chromium not installed (Debian package chromium)");
        QSKIP("chromium not installed (Debian package chromium)");
    }
    // A click on the table's card (through #node-<uuid>) fills the panel.
    const Node &table = m_fixture.project.nodes.at(1);
    QUrl url = QUrl::fromLocalFile(html);
    url.setFragment(QStringLiteral("node-") + table.id);
    QProcess browser;
    browser.start(m_chromium, chromiumArgs(QStringLiteral("--dump-dom")) << url.toString());
    QVERIFY(browser.waitForFinished(60000));
    const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
    const qsizetype panel = dom.indexOf(QLatin1String("<aside id=\"node-panel\""));
    QVERIFY(panel > 0);
    const QString panelHtml = dom.mid(panel, dom.indexOf(QLatin1String("</aside>"), panel) - panel);
    QVERIFY2(panelHtml.contains(QLatin1String("<h3>orders</h3>")), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("Order row has the total (Checkout)")), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("Stock eventually released")), qPrintable(panelHtml));

    // A screenshot, as a person sees it: a page of the right size that is not blank.
    // FLOWBENCH_REPORT_SCREENSHOT keeps it (docs/images/report.png is made this way).
    const QString png = qEnvironmentVariableIsSet("FLOWBENCH_REPORT_SCREENSHOT")
        ? qEnvironmentVariable("FLOWBENCH_REPORT_SCREENSHOT")
        : m_dir.filePath(QStringLiteral("report.png"));
    QProcess shot;
    shot.start(m_chromium,
        chromiumArgs(QStringLiteral("--screenshot=") + png)
            << QStringLiteral("--window-size=1400,1800") << QUrl::fromLocalFile(html).toString());
    QVERIFY(shot.waitForFinished(60000));
    const QImage image(png);
    QVERIFY2(!image.isNull(), qPrintable(QString::fromUtf8(shot.readAllStandardError())));
    QCOMPARE(image.size(), QSize(1400, 1800));
    // The map's palette (Okabe-Ito, model/resultpalette.h), not red and green: the failed
    // badge's vermillion and the passed count's blue are both on the page.
    auto near = [](const QColor &c, QRgb want) {
        const QColor w = QColor::fromRgb(want);
        return qAbs(c.red() - w.red()) + qAbs(c.green() - w.green()) + qAbs(c.blue() - w.blue()) < 30;
    };
    bool vermillion = false, blue = false, green = false;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            vermillion |= near(c, ResultPalette::kFail);
            blue |= near(c, ResultPalette::kPass);
            green |= c.green() > 100 && c.red() < 60 && c.blue() < 80; // the old passed green
        }
    QVERIFY(vermillion);
    QVERIFY(blue);
    QVERIFY(!green);
}

void ReportCliTest::runIdAndErrors()
{
    const QString html = m_dir.filePath(QStringLiteral("earlier.html"));
    const CliOutcome earlier = runCli({ QStringLiteral("report"), m_project, QStringLiteral("--run"),
        QStringLiteral("00000000-0000-0000-0000-00000000e"), QStringLiteral("-o"), html });
    QVERIFY2(earlier.exitCode == 0, qPrintable(earlier.err));
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QLatin1String("This is the first run")));
    QVERIFY(text.contains(QLatin1String("Failed and errored checks (0)")));

    const CliOutcome unknown = runCli({ QStringLiteral("report"), m_project, QStringLiteral("--run"),
        QStringLiteral("nope"), QStringLiteral("-o"), html });
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QLatin1String("no run nope")), qPrintable(unknown.err));
    // The registry's exporter (File ▸ Export… in the GUI lists it): the newest run.
    const QString exported = m_dir.filePath(QStringLiteral("exported.html"));
    const CliOutcome viaExport = runCli({ QStringLiteral("export"), m_project, QStringLiteral("--format"),
        QStringLiteral("html"), QStringLiteral("-o"), exported });
    QVERIFY2(viaExport.exitCode == 0, qPrintable(viaExport.err));
    QFile exportedFile(exported);
    QVERIFY(exportedFile.open(QIODevice::ReadOnly));
    const QByteArray exportedHtml = exportedFile.readAll();
    QVERIFY(exportedHtml.contains(m_fixture.run.id.toUtf8()));
    QVERIFY(exportedHtml.contains("<svg"));

    const CliOutcome noOutput = runCli({ QStringLiteral("report"), m_project });
    QCOMPARE(noOutput.exitCode, 2);
    QVERIFY2(noOutput.err.contains(QLatin1String("-o FILE")), qPrintable(noOutput.err));
}

// The stored run's report with `script` added at the end of its body, as a page's own
// script would run: what a person's click does, in a real browser. Only a script named in
// the report's policy (by its hash, as the report names its own) may run.
QString ReportCliTest::reportWith(const QString &name, const QByteArray &script, bool namedInPolicy)
{
    const QString plain = m_dir.filePath(name + QStringLiteral("-plain.html"));
    const CliOutcome made = runCli({ QStringLiteral("report"), m_project, QStringLiteral("-o"), plain });
    if (made.exitCode != 0)
        return QString();
    QFile in(plain);
    if (!in.open(QIODevice::ReadOnly))
        return QString();
    QByteArray html = in.readAll();
    const qsizetype end = html.lastIndexOf("</body>");
    if (end < 0)
        return QString();
    html.insert(end, script);
    // A script of the test's own runs only when the report's policy names it, as the
    // report's own script is named: by its hash.
    const qsizetype open = script.indexOf("<script>"), close = script.indexOf("</script>");
    if (namedInPolicy && open >= 0 && close > open) {
        const QByteArray body = script.mid(open + 8, close - open - 8);
        html.replace("script-src ",
            "script-src 'sha256-" + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toBase64()
                + "' ");
    }
    const QString path = m_dir.filePath(name + QStringLiteral(".html"));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(html) != html.size())
        return QString();
    return path;
}

// The first line of every request Chromium sent while it showed `file`, through a proxy on
// 127.0.0.1 that answers none of them. The browser's own background requests (updates,
// time) come through too: callers look for what the page asked for.
QStringList ReportCliTest::requestsThroughProxy(const QString &file)
{
    QTcpServer proxy;
    if (!proxy.listen(QHostAddress::LocalHost, 0))
        return { QStringLiteral("(the proxy could not listen)") };
    QStringList requests;
    QList<QTcpSocket *> open;
    connect(&proxy, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = proxy.nextPendingConnection()) {
            open << s;
            connect(s, &QTcpSocket::readyRead, this, [&requests, s] {
                if (s->canReadLine())
                    requests << QString::fromLatin1(s->readLine()).trimmed();
                s->abort();
            });
        }
    });
    // Every host name still unresolvable, but the proxy on 127.0.0.1 reachable.
    QStringList args = chromiumArgs(QStringLiteral("--dump-dom"));
    args.replaceInStrings(
        QStringLiteral("MAP * ~NOTFOUND"), QStringLiteral("MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"));
    QProcess browser;
    QSignalSpy finished(&browser, &QProcess::finished);
    browser.start(m_chromium,
        args << QStringLiteral("--proxy-server=http://127.0.0.1:%1").arg(proxy.serverPort())
             << QUrl::fromLocalFile(file).toString());
    if (!finished.wait(60000)) {
        browser.kill();
        browser.waitForFinished(5000);
        requests << QStringLiteral("(chromium did not finish in 60 s)");
    }
    QTest::qWait(100); // a last request still in flight
    qDeleteAll(open);
    return requests;
}

// A person clicks the name on a card (a <text> inside the card's group, not the group):
// the panel beside the map shows that node's test cases and their latest results.
void ReportCliTest::clickOnACardsTextShowsItsResults()
{
    if (m_chromium.isEmpty()) {
        if (serversRequired())
            QFAIL("chromium not installed (Debian package chromium)");
        QSKIP("chromium not installed (Debian package chromium)");
    }
    const Node &table = m_fixture.project.nodes.at(1);
    const QString page = reportWith(QStringLiteral("click"),
        QStringLiteral("<script>window.addEventListener('load', function () {"
                       " var t = document.querySelector('#node-%1 text');"
                       " document.body.setAttribute('data-clicked', t ? t.textContent : 'no text');"
                       " if (t) t.dispatchEvent(new MouseEvent('click', {bubbles: true})); });</script>")
            .arg(table.id)
            .toUtf8(),
        true);
    QVERIFY(!page.isEmpty());
    QProcess browser;
    browser.start(
        m_chromium, chromiumArgs(QStringLiteral("--dump-dom")) << QUrl::fromLocalFile(page).toString());
    QVERIFY(browser.waitForFinished(60000));
    const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
    QVERIFY2(dom.contains(QLatin1String("data-clicked=\"orders\"")), qPrintable(dom.left(600)));
    // As opened, every failed or errored check is listed with its message.
    for (const CheckResult &r : m_fixture.results)
        if (r.status == ResultStatus::Fail || r.status == ResultStatus::Error)
            QVERIFY2(dom.contains(QStringLiteral("id=\"check-%1\"").arg(r.checkId)), qPrintable(r.checkId));
    const qsizetype panel = dom.indexOf(QLatin1String("<aside id=\"node-panel\""));
    QVERIFY(panel > 0);
    const QString panelHtml = dom.mid(panel, dom.indexOf(QLatin1String("</aside>"), panel) - panel);
    QVERIFY2(panelHtml.contains(QLatin1String("<h3>orders</h3>")), qPrintable(panelHtml));
    QVERIFY2(panelHtml.contains(QLatin1String("Order row has the total (Checkout)")), qPrintable(panelHtml));
    QVERIFY(!panelHtml.contains(QLatin1String("No node selected.")));
}

// The report loads nothing from anywhere: a picture or a script that fetches, as a response
// excerpt might smuggle in, is refused by the browser (the report's Content-Security-Policy
// runs no script but its own). The same page without that policy does reach the network.
void ReportCliTest::reportReachesNoNetwork()
{
    if (m_chromium.isEmpty()) {
        if (serversRequired())
            QFAIL("chromium not installed (Debian package chromium)");
        QSKIP("chromium not installed (Debian package chromium)");
    }
    const QByteArray leak = "<img src=\"http://leak.invalid/pixel.png\">"
                            "<script>fetch('http://leak.invalid/fetch').catch(function () {});</script>";
    const QString page = reportWith(QStringLiteral("leak"), leak, false);
    QVERIFY(!page.isEmpty());
    const auto toLeak = [](const QStringList &requests) {
        return std::any_of(requests.cbegin(), requests.cend(),
            [](const QString &r) { return r.contains(QLatin1String("leak.invalid")); });
    };
    const QStringList fromReport = requestsThroughProxy(page);
    QVERIFY2(!toLeak(fromReport), qPrintable(fromReport.join(QLatin1Char('\n'))));

    const QString control = m_dir.filePath(QStringLiteral("no-policy.html"));
    QFile file(control);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("<!DOCTYPE html><html><body><p>no policy</p>" + leak + "</body></html>");
    file.close();
    const QStringList fromControl = requestsThroughProxy(control);
    QVERIFY2(toLeak(fromControl), qPrintable(fromControl.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(ReportCliTest)
#include "tst_reportcli.moc"
