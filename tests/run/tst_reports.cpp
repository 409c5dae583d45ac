// JUnit XML and JSON reports from a run's results: valid XML that CI servers read, counts
// that match, messages that say what failed.
#include "support/reportfixture.h"
#include "support/shopproject.h"

#include "io/jsonreport.h"
#include "io/junitreport.h"
#include "run/testcasesummary.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

struct Fixture
{
    Project project;
    Run run;
    QList<CheckResult> results;
};

// One test case per entry of `statuses`, each step's status in the string:
// p pass, f fail, e error, s skipped.
Fixture makeFixture(const QStringList &statuses)
{
    Fixture f;
    f.project.name = QStringLiteral("Reports <&> \"quoted\"");
    const Node api = makeNode(NodeKind::Api, QStringLiteral("POST /orders"));
    const Node table = makeNode(NodeKind::Table, QStringLiteral("orders"));
    f.project.nodes << api << table;
    f.run.id = newId();
    f.run.environment = QStringLiteral("local");
    f.run.selection = QStringLiteral("all");
    f.run.startedAt = QDateTime::currentDateTimeUtc();
    f.run.finishedAt = f.run.startedAt.addMSecs(1500);
    for (int i = 0; i < statuses.size(); ++i) {
        QList<Check> checks;
        for (int s = 0; s < statuses.at(i).size(); ++s)
            checks << httpCheck(QStringLiteral("step <%1>").arg(s), QStringLiteral("GET"),
                QStringLiteral("http://127.0.0.1:1/"));
        TestCase t = makeCase(i % 2 ? table.id : api.id, QStringLiteral("case %1 & more").arg(i), {}, checks);
        f.project.testCases << t;
        for (int s = 0; s < checks.size(); ++s) {
            CheckResult r;
            r.id = newId();
            r.runId = f.run.id;
            r.testCaseId = t.id;
            r.checkId = checks.at(s).id;
            r.nodeId = t.nodeId;
            r.durationMs = 120;
            r.attempts = 1;
            switch (statuses.at(i).at(s).toLatin1()) {
            case 'p':
                r.status = ResultStatus::Pass;
                ++f.run.passed;
                break;
            case 'f':
                r.status = ResultStatus::Fail;
                r.message = QStringLiteral("status is 500, expected == 201");
                ++f.run.failed;
                break;
            case 'e':
                r.status = ResultStatus::Error;
                r.message = QStringLiteral("connection refused by 127.0.0.1:1");
                ++f.run.errors;
                break;
            default:
                r.status = ResultStatus::Skipped;
                r.message = QStringLiteral("skipped: step 1 failed");
                ++f.run.skipped;
                break;
            }
            r.evidence = QStringLiteral("body: {\"x\":1}\x01 <tag> ]]>");
            f.results << r;
        }
    }
    return f;
}

// Test cases on one node (titles in project order, positions 0, 1...); those in `ran` pass
// in the run, in that order.
Fixture sameNodeFixture(const QStringList &titles, const QList<int> &ran)
{
    Fixture f;
    f.project.name = QStringLiteral("Twins");
    const Node api = makeNode(NodeKind::Api, QStringLiteral("POST /login"));
    f.project.nodes << api;
    f.run.id = newId();
    f.run.startedAt = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < titles.size(); ++i) {
        TestCase t = makeCase(api.id, titles.at(i), {},
            { httpCheck(
                QStringLiteral("call"), QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:1/")) });
        t.position = i;
        f.project.testCases << t;
    }
    for (int i : ran) {
        const TestCase &t = f.project.testCases.at(i);
        CheckResult r;
        r.id = newId();
        r.runId = f.run.id;
        r.testCaseId = t.id;
        r.checkId = t.checks.first().id;
        r.nodeId = t.nodeId;
        r.status = ResultStatus::Pass;
        r.durationMs = 5;
        f.results << r;
        ++f.run.passed;
    }
    return f;
}

QStringList testcaseNames(const QByteArray &xml)
{
    QStringList names;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("testcase"))
            names << reader.attributes().value(QLatin1String("name")).toString();
    return names;
}

// Validates `xml` against the schema the project keeps for its JUnit output
// (tests/data/junit/junit.xsd, the constraints of Jenkins' junit-10.xsd and Surefire's XSD).
void validateAgainstSchema(const QByteArray &xml)
{
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (xmllint.isEmpty()) {
        if (serversRequired())
            QFAIL("xmllint not installed (Debian package libxml2-utils)");
        QSKIP("xmllint not installed (Debian package libxml2-utils)");
    }
    const QString schema = QFINDTESTDATA("data/junit/junit.xsd");
    QVERIFY2(!schema.isEmpty(), "tests/data/junit/junit.xsd not found");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("junit.xml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(xml);
    file.close();
    QProcess lint;
    lint.start(xmllint, { QStringLiteral("--noout"), QStringLiteral("--schema"), schema, path });
    QVERIFY(lint.waitForFinished(30000));
    QVERIFY2(lint.exitStatus() == QProcess::NormalExit && lint.exitCode() == 0,
        (lint.readAllStandardError() + "\n" + xml).constData());
}

} // namespace

class ReportsTest : public QObject
{
    Q_OBJECT

private slots:
    void junitCounts_data();
    void junitCounts();
    void junitPassesXmllint();
    void junitMatchesSchema_data();
    void junitMatchesSchema();
    void junitNamesEqualTitlesApart_data();
    void junitNamesEqualTitlesApart();
    void junitCarriesEvidenceNodeAndFlow();
    void jsonReport();
    void writeFailsNamingTheFile();
};

void ReportsTest::junitCounts_data()
{
    QTest::addColumn<QStringList>("statuses");
    QTest::addColumn<int>("tests");
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QString>("firstMessage"); // message of the first failure/error element

    QTest::newRow("all pass") << QStringList { QStringLiteral("pp"), QStringLiteral("p") } << 2 << 0 << 0 << 0
                              << QString();
    QTest::newRow("fail then skipped") << QStringList { QStringLiteral("pfs"), QStringLiteral("p") } << 2 << 1
                                       << 0 << 0 << QStringLiteral("status is 500, expected == 201");
    QTest::newRow("error wins over fail") << QStringList { QStringLiteral("fe") } << 1 << 0 << 1 << 0
                                          << QStringLiteral("status is 500, expected == 201");
    QTest::newRow("cancelled") << QStringList { QStringLiteral("ss"), QStringLiteral("ps"),
        QStringLiteral("p") } << 3
                               << 0 << 0 << 2 << QString();
    QTest::newRow("empty run") << QStringList() << 0 << 0 << 0 << 0 << QString();
}

void ReportsTest::junitCounts()
{
    QFETCH(QStringList, statuses);
    QFETCH(int, tests);
    QFETCH(int, failures);
    QFETCH(int, errors);
    QFETCH(int, skipped);
    QFETCH(QString, firstMessage);
    const Fixture f = makeFixture(statuses);
    const QByteArray xml = JUnitReport::toXml(f.project, f.run, f.results);

    QXmlStreamReader reader(xml);
    int testcases = 0, failureElements = 0, errorElements = 0, skippedElements = 0, suites = 0;
    int suiteTests = 0, suiteSkipped = 0;
    bool rootHasSkipped = true;
    QString rootTests, rootFailures, rootErrors, message;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = reader.name();
        const auto attrs = reader.attributes();
        if (name == QLatin1String("testsuites")) {
            rootTests = attrs.value(QLatin1String("tests")).toString();
            rootFailures = attrs.value(QLatin1String("failures")).toString();
            rootErrors = attrs.value(QLatin1String("errors")).toString();
            // junit-10.xsd (Jenkins xunit) has no "skipped" on the root; the suites carry it.
            rootHasSkipped = attrs.hasAttribute(QLatin1String("skipped"));
            QCOMPARE(attrs.value(QLatin1String("name")).toString(), f.project.name);
        } else if (name == QLatin1String("testsuite")) {
            ++suites;
            suiteTests += attrs.value(QLatin1String("tests")).toInt();
            suiteSkipped += attrs.value(QLatin1String("skipped")).toInt();
        } else if (name == QLatin1String("testcase")) {
            ++testcases;
            QVERIFY(attrs.value(QLatin1String("name")).toString().endsWith(QLatin1String("& more")));
            QVERIFY(!attrs.value(QLatin1String("classname")).isEmpty());
        } else if (name == QLatin1String("failure") || name == QLatin1String("error")) {
            (name == QLatin1String("failure") ? failureElements : errorElements)++;
            if (message.isEmpty())
                message = attrs.value(QLatin1String("message")).toString();
        } else if (name == QLatin1String("skipped")) {
            ++skippedElements;
        }
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(testcases, tests);
    QCOMPARE(suiteTests, tests);
    QCOMPARE(rootTests.toInt(), tests);
    QCOMPARE(failureElements, failures);
    QCOMPARE(rootFailures.toInt(), failures);
    QCOMPARE(errorElements, errors);
    QCOMPARE(rootErrors.toInt(), errors);
    QCOMPARE(skippedElements, skipped);
    QVERIFY(!rootHasSkipped);
    QCOMPARE(suiteSkipped, skipped);
    QCOMPARE(message, firstMessage);
    QVERIFY(suites <= 2); // one per node
}

void ReportsTest::junitPassesXmllint()
{
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (xmllint.isEmpty())
        QSKIP("xmllint not installed (Debian package libxml2-utils)");
    QTemporaryDir dir;
    const Fixture f = makeFixture({ QStringLiteral("pfs"), QStringLiteral("e"), QStringLiteral("ss") });
    const QString path = dir.filePath(QStringLiteral("junit.xml"));
    QVERIFY(JUnitReport::write(path, f.project, f.run, f.results));
    QProcess lint;
    lint.start(xmllint, { QStringLiteral("--noout"), path });
    QVERIFY(lint.waitForFinished(30000));
    QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
}

void ReportsTest::junitMatchesSchema_data()
{
    QTest::addColumn<QStringList>("statuses");
    QTest::newRow("pass, fail, error, skipped") << QStringList { QStringLiteral("pp"), QStringLiteral("pfs"),
        QStringLiteral("e"), QStringLiteral("ss"), QStringLiteral("pe") };
    QTest::newRow("all pass") << QStringList { QStringLiteral("p"), QStringLiteral("p") };
    QTest::newRow("empty run") << QStringList();
}

void ReportsTest::junitMatchesSchema()
{
    QFETCH(QStringList, statuses);
    Fixture f = makeFixture(statuses);
    // Two test cases with one title on one node must not collapse into one in CI.
    if (f.project.testCases.size() > 2)
        f.project.testCases[2].title = f.project.testCases[0].title;
    validateAgainstSchema(JUnitReport::toXml(f.project, f.run, f.results));
    // A run without a start time (never started) is still valid.
    f.run.startedAt = QDateTime();
    validateAgainstSchema(JUnitReport::toXml(f.project, f.run, f.results));
}

void ReportsTest::junitNamesEqualTitlesApart_data()
{
    QTest::addColumn<QStringList>("titles");
    QTest::addColumn<QList<int>>("ran");
    QTest::addColumn<QStringList>("names");
    const QString login = QStringLiteral("Login");
    QTest::newRow("distinct titles as they are")
        << QStringList { login, QStringLiteral("Logout") } << QList<int> { 0, 1 }
        << QStringList { login, QStringLiteral("Logout") };
    QTest::newRow("equal titles numbered")
        << QStringList { login, login, login } << QList<int> { 0, 1, 2 }
        << QStringList { login, QStringLiteral("Login (2)"), QStringLiteral("Login (3)") };
    QTest::newRow("number kept when the first does not run")
        << QStringList { login, login } << QList<int> { 1 } << QStringList { QStringLiteral("Login (2)") };
    QTest::newRow("number by project order, not run order") << QStringList { login,
        login } << QList<int> { 1, 0 } << QStringList { QStringLiteral("Login (2)"), login };
    QTest::newRow("a title that looks numbered is not reused")
        << QStringList { login, QStringLiteral("Login (2)"), login } << QList<int> { 0, 1, 2 }
        << QStringList { login, QStringLiteral("Login (2)"), QStringLiteral("Login (3)") };
}

void ReportsTest::junitNamesEqualTitlesApart()
{
    QFETCH(QStringList, titles);
    QFETCH(QList<int>, ran);
    QFETCH(QStringList, names);
    const Fixture f = sameNodeFixture(titles, ran);
    const QByteArray xml = JUnitReport::toXml(f.project, f.run, f.results);
    QCOMPARE(testcaseNames(xml), names);
    // The same run written again gives the same names.
    QCOMPARE(testcaseNames(JUnitReport::toXml(f.project, f.run, f.results)), names);
    validateAgainstSchema(xml);
}

// CI shows a test case's <system-out>: the evidence of what failed is there, with the
// node and the flow; the suite's properties name them per test case.
void ReportsTest::junitCarriesEvidenceNodeAndFlow()
{
    const ReportFixture f = makeReportFixture();
    const QByteArray xml = JUnitReport::toXml(f.project, f.run, f.results);
    validateAgainstSchema(xml);
    QXmlStreamReader reader(xml);
    QHash<QString, QString> properties;
    QHash<QString, QString> output; // test case name -> system-out
    QString current;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto attrs = reader.attributes();
        if (reader.name() == QLatin1String("property"))
            properties.insert(attrs.value(QLatin1String("name")).toString(), attrs.value(QLatin1String("value")).toString());
        else if (reader.name() == QLatin1String("testcase"))
            current = attrs.value(QLatin1String("name")).toString();
        else if (reader.name() == QLatin1String("system-out"))
            output.insert(current, reader.readElementText());
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(output.size(), 5); // every test case, passed or not
    QCOMPARE(properties.value(QStringLiteral("node:Place an order")), QStringLiteral("POST /orders"));
    QCOMPARE(properties.value(QStringLiteral("flow:Place an order")), QStringLiteral("Checkout"));
    QCOMPARE(properties.value(QStringLiteral("flow:Refund *partial*")), QStringLiteral("Refund"));
    QVERIFY(properties.contains(QStringLiteral("flow:Health")));
    QCOMPARE(properties.value(QStringLiteral("flow:Health")), QString());
    const QString placed = output.value(QStringLiteral("Place an order"));
    QVERIFY2(placed.startsWith(QStringLiteral("node: POST /orders\nflow: Checkout\n")), qPrintable(placed));
    QVERIFY2(placed.contains(QStringLiteral("HTTP 500 Internal Server Error")), qPrintable(placed));
    QVERIFY2(placed.contains(QStringLiteral("{\"error\":\"<db down>\"}")), qPrintable(placed));
    QVERIFY(output.value(QStringLiteral("Stock eventually released")).contains(QStringLiteral("rows: []")));
    QVERIFY(output.value(QStringLiteral("Health")).contains(QStringLiteral("flow: (none)")));
}

void ReportsTest::jsonReport()
{
    QTemporaryDir dir;
    const Fixture f = makeFixture({ QStringLiteral("pfs"), QStringLiteral("p") });
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(JsonReport::write(path, f.project, f.run, f.results));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject run = root.value(QLatin1String("run")).toObject();
    QCOMPARE(run.value(QLatin1String("id")).toString(), f.run.id);
    QCOMPARE(run.value(QLatin1String("status")).toString(), QStringLiteral("fail"));
    QCOMPARE(run.value(QLatin1String("passed")).toInt(), 2);
    QCOMPARE(run.value(QLatin1String("failed")).toInt(), 1);
    QCOMPARE(run.value(QLatin1String("skipped")).toInt(), 1);
    const QJsonArray cases = root.value(QLatin1String("test_cases")).toArray();
    QCOMPARE(cases.size(), 2);
    const QJsonObject first = cases.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("status")).toString(), QStringLiteral("fail"));
    QCOMPARE(first.value(QLatin1String("node")).toString(), QStringLiteral("POST /orders"));
    const QJsonArray checks = first.value(QLatin1String("checks")).toArray();
    QCOMPARE(checks.size(), 3);
    QCOMPARE(checks.at(1).toObject().value(QLatin1String("status")).toString(), QStringLiteral("fail"));
    QCOMPARE(checks.at(1).toObject().value(QLatin1String("message")).toString(),
        QStringLiteral("status is 500, expected == 201"));
    QCOMPARE(checks.at(1).toObject().value(QLatin1String("name")).toString(), QStringLiteral("step <1>"));
    QCOMPARE(cases.at(1).toObject().value(QLatin1String("status")).toString(), QStringLiteral("pass"));
}

void ReportsTest::writeFailsNamingTheFile()
{
    const Fixture f = makeFixture({ QStringLiteral("p") });
    const QString path = QStringLiteral("/nonexistent-folder/junit.xml");
    const Status junit = JUnitReport::write(path, f.project, f.run, f.results);
    QVERIFY(!junit);
    QVERIFY2(junit.error().contains(path), qPrintable(junit.error()));
    const Status json
        = JsonReport::write(QStringLiteral("/nonexistent-folder/run.json"), f.project, f.run, f.results);
    QVERIFY(!json);
    QVERIFY(json.error().contains(QLatin1String("/nonexistent-folder/run.json")));
}

QTEST_GUILESS_MAIN(ReportsTest)
#include "tst_reports.moc"
