// The Markdown summary CI job pages show: compared with a golden file, and the parts a
// reader relies on checked on their own (causes on one line, no links, a capped list).
#include "io/markdownsummary.h"
#include "support/reportfixture.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

class MarkdownSummaryTest : public QObject
{
    Q_OBJECT

private slots:
    void matchesGoldenFile();
    void linkFreeAndOneLineCauses();
    void longListsAreCounted();
    void writeFailsNamingTheFile();
};

void MarkdownSummaryTest::matchesGoldenFile()
{
    const ReportFixture f = makeReportFixture();
    const QByteArray actual = MarkdownSummary::toMarkdown(f.project, f.run, f.results);
    const QString golden = QFINDTESTDATA("data/summary/expected.md");
    // FLOWBENCH_UPDATE_GOLDEN=1 rewrites the file after a deliberate change (review the diff).
    if (qEnvironmentVariableIsSet("FLOWBENCH_UPDATE_GOLDEN") && !golden.isEmpty()) {
        QFile out(golden);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(actual);
    }
    QVERIFY2(!golden.isEmpty(), "tests/data/summary/expected.md not found");
    QFile file(golden);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(file.readAll()));
}

void MarkdownSummaryTest::linkFreeAndOneLineCauses()
{
    const ReportFixture f = makeReportFixture();
    const QString md = QString::fromUtf8(MarkdownSummary::toMarkdown(f.project, f.run, f.results));
    // No Markdown links or images, and every URL inside a code span (not autolinked).
    QVERIFY(!md.contains(QRegularExpression(QStringLiteral(R"(\]\()"))));
    for (const QString &line : md.split(QLatin1Char('\n'))) {
        const qsizetype url = line.indexOf(QLatin1String("http://"));
        if (url >= 0)
            QVERIFY2(line.left(url).count(QLatin1Char('`')) % 2 == 1, qPrintable(line));
    }
    // A two-line message gives its first line only.
    QVERIFY(md.contains(QLatin1String("connection refused by 127.0.0.1:1 (is the service running?)`")));
    QVERIFY(!md.contains(QLatin1String("second line")));
    // Every table row has as many cells as the header: a '|' in a cause is escaped.
    for (const QString &line : md.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1Char('|')))
            continue;
        const qsizetype bars = line.count(QLatin1Char('|')) - line.count(QLatin1String("\\|"));
        QCOMPARE(bars, 7);
    }
    // Two failures and one error are listed; the skipped step after a failure is not.
    QVERIFY(md.contains(QLatin1String("### Failed checks (3)")));
    QVERIFY(!md.contains(QLatin1String("row stored")));
}

void MarkdownSummaryTest::longListsAreCounted()
{
    ReportFixture f = makeReportFixture();
    const CheckResult model = f.results.at(1); // a failure
    for (int i = 0; i < MarkdownSummary::kMaxListed + 5; ++i) {
        CheckResult r = model;
        r.checkId = QStringLiteral("gone-%1").arg(i); // a check the project no longer has
        f.results << r;
        ++f.run.failed;
    }
    const QString md = QString::fromUtf8(MarkdownSummary::toMarkdown(f.project, f.run, f.results));
    QVERIFY(md.contains(QStringLiteral("### Failed checks (%1)").arg(MarkdownSummary::kMaxListed + 8)));
    QVERIFY2(md.contains(QStringLiteral("- … and 8 more")), qPrintable(md));
    QCOMPARE(md.count(QStringLiteral("\n- ❌")) + md.count(QStringLiteral("\n- ⚠️")),
        MarkdownSummary::kMaxListed);
}

void MarkdownSummaryTest::writeFailsNamingTheFile()
{
    const ReportFixture f = makeReportFixture();
    const Status s = MarkdownSummary::write(
        QStringLiteral("/nonexistent-folder/summary.md"), f.project, f.run, f.results);
    QVERIFY(!s);
    QVERIFY2(s.error().contains(QLatin1String("/nonexistent-folder/summary.md")), qPrintable(s.error()));
}

QTEST_GUILESS_MAIN(MarkdownSummaryTest)
#include "tst_markdownsummary.moc"
