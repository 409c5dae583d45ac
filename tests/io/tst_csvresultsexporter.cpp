// The csv exporter of the latest results: RFC 4180 quoting field by field, and a whole
// project's results against a golden file.
#include "io/canonicaljson.h"
#include "io/csvresultsexporter.h"
#include "io/formatregistry.h"

#include <QFile>
#include <QtTest>

using namespace flowbench;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    return f.readAll();
}

// A project with one check whose latest result has `message`, and the names around it.
Project oneResult(const QString &node, const QString &title, const QString &check, const QString &message)
{
    Project p;
    Node n;
    n.id = newId();
    n.name = node;
    p.nodes.append(n);
    TestCase t;
    t.id = newId();
    t.nodeId = n.id;
    t.title = title;
    Check c;
    c.id = newId();
    c.type = QStringLiteral("http");
    c.name = check;
    t.checks.append(c);
    p.testCases.append(t);
    Run run;
    run.id = newId();
    p.runs.append(run);
    CheckResult r;
    r.id = newId();
    r.runId = run.id;
    r.testCaseId = t.id;
    r.checkId = c.id;
    r.nodeId = n.id;
    r.status = ResultStatus::Fail;
    r.durationMs = 7;
    r.message = message;
    p.results.append(r);
    return p;
}

} // namespace

class TestCsvResultsExporter : public QObject
{
    Q_OBJECT

private slots:
    void isRegistered();
    void quotesFieldsAsRfc4180_data();
    void quotesFieldsAsRfc4180();
    void rowOfEveryField_data();
    void rowOfEveryField();
    void latestResultsOfAProjectMatchGoldenFile();
    void projectWithoutRunsIsTheHeaderOnly();
};

void TestCsvResultsExporter::isRegistered()
{
    const Exporter *csv = FormatRegistry::instance().exporter(QStringLiteral("csv"));
    QVERIFY(csv);
    QVERIFY(csv->needsResults());
    QCOMPARE(csv->dialogFilter(), QStringLiteral("CSV of the latest results (*.csv)"));
    QCOMPARE(csv->defaultSuffix(), QStringLiteral("csv"));
}

void TestCsvResultsExporter::quotesFieldsAsRfc4180_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("field");
    QTest::newRow("plain") << QStringLiteral("Orders API") << QByteArray("Orders API");
    QTest::newRow("empty") << QString() << QByteArray("");
    QTest::newRow("comma") << QStringLiteral("orders, archived") << QByteArray("\"orders, archived\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only a quote") << QStringLiteral("\"") << QByteArray("\"\"\"\"");
    QTest::newRow("line feed") << QStringLiteral("one\ntwo") << QByteArray("\"one\ntwo\"");
    QTest::newRow("carriage return") << QStringLiteral("one\r\ntwo") << QByteArray("\"one\r\ntwo\"");
    QTest::newRow("all three") << QStringLiteral("a,\"b\"\nc") << QByteArray("\"a,\"\"b\"\"\nc\"");
    // Spreadsheets would run these as formulas (CSV injection): made text.
    QTest::newRow("formula") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                             << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("plus") << QStringLiteral("+1") << QByteArray("\"'+1\"");
    QTest::newRow("minus") << QStringLiteral("-2+3") << QByteArray("\"'-2+3\"");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QByteArray("\"'@SUM(A1)\"");
    QTest::newRow("tab first") << QStringLiteral("\t=1") << QByteArray("\"'\t=1\"");
    QTest::newRow("equals inside is text") << QStringLiteral("a=b") << QByteArray("a=b");
    QTest::newRow("spaces kept unquoted") << QStringLiteral(" padded ") << QByteArray(" padded ");
    QTest::newRow("semicolon is not a separator") << QStringLiteral("a;b") << QByteArray("a;b");
    QTest::newRow("utf-8") << QStringLiteral("Bestellung \u00fcber 5 \u20ac")
                           << QByteArray("Bestellung \xc3\xbc"
                                         "ber 5 \xe2\x82\xac");
}

void TestCsvResultsExporter::quotesFieldsAsRfc4180()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, field);
    QCOMPARE(CsvResultsExporter::field(text), field);
}

void TestCsvResultsExporter::rowOfEveryField_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("check");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QByteArray>("row");
    QTest::newRow("nothing to quote")
        << QStringLiteral("API") << QStringLiteral("Login") << QStringLiteral("post")
        << QStringLiteral("status 500") << QByteArray("API,Login,post,fail,7,status 500\r\n");
    QTest::newRow("comma in the node")
        << QStringLiteral("orders, archived") << QStringLiteral("T") << QStringLiteral("c") << QString()
        << QByteArray("\"orders, archived\",T,c,fail,7,\r\n");
    QTest::newRow("quotes in the title")
        << QStringLiteral("N") << QStringLiteral("Row \"written\"") << QStringLiteral("c") << QString()
        << QByteArray("N,\"Row \"\"written\"\"\",c,fail,7,\r\n");
    QTest::newRow("line break in the message")
        << QStringLiteral("N") << QStringLiteral("T") << QStringLiteral("c")
        << QStringLiteral("expected 1\ngot 0") << QByteArray("N,T,c,fail,7,\"expected 1\ngot 0\"\r\n");
    QTest::newRow("unnamed check") << QStringLiteral("N") << QStringLiteral("T") << QString() << QString()
                                   << QByteArray("N,T,step 1 (http),fail,7,\r\n");
}

void TestCsvResultsExporter::rowOfEveryField()
{
    QFETCH(QString, node);
    QFETCH(QString, title);
    QFETCH(QString, check);
    QFETCH(QString, message);
    QFETCH(QByteArray, row);
    const Result<QByteArray> csv = CsvResultsExporter().write(oneResult(node, title, check, message), {});
    QVERIFY2(csv.ok(), qPrintable(csv.error()));
    QCOMPARE(csv.value(), QByteArray("node,test case,check,status,duration_ms,message\r\n") + row);
}

// Two runs: the newer result of a check wins, a check only the older run has keeps that
// result, and a result of a check deleted since is left out.
void TestCsvResultsExporter::latestResultsOfAProjectMatchGoldenFile()
{
    const QString folder = QFINDTESTDATA("data/csvresults");
    QVERIFY2(!folder.isEmpty(), "tests/data/csvresults not found");
    const QString input = folder + QStringLiteral("/project.json");
    const Result<Project> project = fromCanonicalJson(readAll(input), input);
    QVERIFY2(project.ok(), qPrintable(project.error()));
    const Result<QByteArray> csv
        = FormatRegistry::instance().exporter(QStringLiteral("csv"))->write(project.value(), {});
    QVERIFY2(csv.ok(), qPrintable(csv.error()));
    QCOMPARE(csv.value(), readAll(folder + QStringLiteral("/expected.csv")));
}

void TestCsvResultsExporter::projectWithoutRunsIsTheHeaderOnly()
{
    Project p = oneResult(QStringLiteral("N"), QStringLiteral("T"), QStringLiteral("c"), QString());
    p.runs.clear();
    p.results.clear();
    const Result<QByteArray> csv = CsvResultsExporter().write(p, {});
    QVERIFY(csv.ok());
    QCOMPARE(csv.value(), QByteArray("node,test case,check,status,duration_ms,message\r\n"));
}

QTEST_GUILESS_MAIN(TestCsvResultsExporter)
#include "tst_csvresultsexporter.moc"
