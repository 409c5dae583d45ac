// `flowbench-cli run` as a user runs it: a real project file, the demo backend as a child
// process, exit codes 0/1/2, the summary, JUnit XML and JSON reports, the stored run.
#include "support/demobackend.h"
#include "support/shopproject.h"

#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/freeport.h"
#include "support/testenv.h"

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

using CliRun = CliOutcome;

} // namespace

class RunCliTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void exitCodes_data();
    void exitCodes();
    void reportsAndStoredRun();
    void protectedNeedsConfirmation();

private:
    CliRun cli(const QStringList &arguments);

    QTemporaryDir m_dir;
    DemoBackend m_backend;
    QString m_project;
};

void RunCliTest::initTestCase()
{
    QVERIFY(!cliPath().isEmpty()); // set by CTest: FLOWBENCH_CLI
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path()), qPrintable(m_backend.errorString()));
    m_project = m_dir.filePath(QStringLiteral("shop.flowbench"));
    const ShopProject shop = makeShopProject(m_backend.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort()));
    auto store = ProjectStore::create(m_project, shop.project.name);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    const Status replaced = store.value()->replaceContents(shop.project);
    QVERIFY2(replaced.ok(), qPrintable(replaced.error()));
}

void RunCliTest::cleanupTestCase() { m_backend.stop(); }

CliRun RunCliTest::cli(const QStringList &arguments)
{
    return runCli(QStringList{QStringLiteral("run")} + arguments, QString(), 120000);
}

void RunCliTest::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments"); // after PROJECT
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("outContains");
    QTest::addColumn<QString>("errContains");

    const QString local = QStringLiteral("--env=local");
    QTest::newRow("all passed") << QStringList{local, QStringLiteral("--tag"), QStringLiteral("health")} << 0
                                << QStringLiteral("1 passed, 0 failed, 0 errors, 0 skipped") << QString();
    QTest::newRow("a check failed") << QStringList{local, QStringLiteral("--tag"), QStringLiteral("skip")} << 1
                                    << QStringLiteral("FAIL") << QString();
    QTest::newRow("a check errored") << QStringList{local, QStringLiteral("--tag"), QStringLiteral("refused")} << 2
                                     << QStringLiteral("connection refused") << QString();
    QTest::newRow("failed and errored") << QStringList{local, QStringLiteral("--tag"), QStringLiteral("refused"), QStringLiteral("--tag"), QStringLiteral("skip")}
                                        << 2 << QStringLiteral("1 failed, 1 errors") << QString();
    QTest::newRow("unknown environment") << QStringList{QStringLiteral("--env"), QStringLiteral("prod")} << 2 << QString()
                                         << QStringLiteral("no environment named \"prod\"; environments: local, staging");
    QTest::newRow("environment needed") << QStringList() << 2 << QString() << QStringLiteral("choose one of: local, staging");
    QTest::newRow("unknown flow") << QStringList{local, QStringLiteral("--flow"), QStringLiteral("Returns")} << 2 << QString()
                                  << QStringLiteral("no flow named \"Returns\"; flows: Checkout");
    QTest::newRow("unknown node") << QStringList{local, QStringLiteral("--node"), QStringLiteral("cart")} << 2 << QString()
                                  << QStringLiteral("nodes: GET /health, POST /orders");
    QTest::newRow("nothing matches") << QStringList{local, QStringLiteral("--tag"), QStringLiteral("no-such-tag")} << 2
                                     << QString() << QStringLiteral("nothing to run");
    QTest::newRow("bad concurrency") << QStringList{local, QStringLiteral("--concurrency"), QStringLiteral("0")} << 2
                                     << QString() << QStringLiteral("--concurrency: expected a number from 1 to 1000");
}

void RunCliTest::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, outContains);
    QFETCH(QString, errContains);
    const CliRun run = cli(QStringList{m_project} + arguments);
    QVERIFY2(run.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(run.exitCode).arg(run.out, run.err)));
    QVERIFY2(run.out.contains(outContains), qPrintable(run.out));
    QVERIFY2(run.err.contains(errContains), qPrintable(run.err));
}

void RunCliTest::reportsAndStoredRun()
{
    int runsBefore = 0;
    {
        auto store = ProjectStore::open(m_project);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        runsBefore = int(store.value()->runs().value().size());
    }
    const QString junit = m_dir.filePath(QStringLiteral("junit.xml"));
    const QString json = m_dir.filePath(QStringLiteral("run.json"));
    const QString markdown = m_dir.filePath(QStringLiteral("summary.md"));
    const QString html = m_dir.filePath(QStringLiteral("report.html"));
    const CliRun run = cli({m_project, QStringLiteral("--env"), QStringLiteral("local"), QStringLiteral("--tag"),
                            QStringLiteral("health"), QStringLiteral("--tag"), QStringLiteral("skip"), QStringLiteral("--junit"),
                            junit, QStringLiteral("--json"), json, QStringLiteral("--summary"), markdown, QStringLiteral("--html"), html});
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    // The Markdown summary for the CI job page (its form: tests/io/tst_markdownsummary).
    QFile summaryFile(markdown);
    QVERIFY(summaryFile.open(QIODevice::ReadOnly));
    const QString summaryText = QString::fromUtf8(summaryFile.readAll());
    QVERIFY2(summaryText.startsWith(QStringLiteral("## Flowbench run: ❌ failed")), qPrintable(summaryText));
    QVERIFY2(summaryText.contains(QLatin1String("**2 test cases, 4 checks:** 1 passed, 1 failed, 0 errors, 2 skipped")),
             qPrintable(summaryText));
    QVERIFY2(summaryText.contains(QLatin1String("### Failed checks (1)")), qPrintable(summaryText));
    // The HTML report of the stored run, its map drawn (its DOM in a browser: tests/io/tst_htmlreport).
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QString htmlText = QString::fromUtf8(htmlFile.readAll());
    QVERIFY2(htmlText.contains(QLatin1String("Failed and errored checks (1)")), qPrintable(htmlText.left(3000)));
    QVERIFY(htmlText.contains(QLatin1String("<svg")));
    QVERIFY(htmlText.contains(QLatin1String("data-node=")));
    // The summary: one row per test case with the first failure.
    QVERIFY2(run.out.contains(QLatin1String("Health endpoint answers")), qPrintable(run.out));
    QVERIFY2(run.out.contains(QLatin1String("2 test cases, 4 checks: 1 passed, 1 failed, 0 errors, 2 skipped")), qPrintable(run.out));
    QVERIFY(run.err.isEmpty() || !run.err.contains(QLatin1String("running:"))); // stderr is not a terminal

    // JUnit: well-formed, counts match.
    QFile xmlFile(junit);
    QVERIFY(xmlFile.open(QIODevice::ReadOnly));
    QXmlStreamReader reader(&xmlFile);
    int testcases = 0, failures = 0;
    QString failureMessage;
    while (!reader.atEnd()) {
        if (reader.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (reader.name() == QLatin1String("testcase"))
            ++testcases;
        if (reader.name() == QLatin1String("failure")) {
            ++failures;
            failureMessage = reader.attributes().value(QLatin1String("message")).toString();
        }
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(testcases, 2);
    QCOMPARE(failures, 1);
    QVERIFY2(failureMessage.contains(QLatin1String("500")), qPrintable(failureMessage));
    const QString xmllint = QStandardPaths::findExecutable(QStringLiteral("xmllint"));
    if (!xmllint.isEmpty()) {
        QProcess lint;
        // Valid against the schema CI servers' constraints make (tests/data/junit/junit.xsd).
        const QString schema = QFINDTESTDATA("data/junit/junit.xsd");
        QVERIFY(!schema.isEmpty());
        lint.start(xmllint, {QStringLiteral("--noout"), QStringLiteral("--schema"), schema, junit});
        QVERIFY(lint.waitForFinished(30000));
        QVERIFY2(lint.exitCode() == 0, lint.readAllStandardError().constData());
    }

    // JSON: the same counts.
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(jsonFile.readAll()).object();
    const QJsonObject runObject = root.value(QLatin1String("run")).toObject();
    QCOMPARE(runObject.value(QLatin1String("status")).toString(), QStringLiteral("fail"));
    QCOMPARE(runObject.value(QLatin1String("passed")).toInt(), 1);
    QCOMPARE(runObject.value(QLatin1String("failed")).toInt(), 1);
    QCOMPARE(runObject.value(QLatin1String("skipped")).toInt(), 2);
    QCOMPARE(root.value(QLatin1String("test_cases")).toArray().size(), 2);

    // Stored in the project with every result.
    auto store = ProjectStore::open(m_project);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    const auto runs = store.value()->runs();
    QVERIFY2(runs.ok(), qPrintable(runs.error()));
    QCOMPARE(runs.value().size(), runsBefore + 1);
    const Run stored = runs.value().last();
    QCOMPARE(stored.id, runObject.value(QLatin1String("id")).toString());
    QCOMPARE(stored.failed, 1);
    QCOMPARE(store.value()->results(stored.id).value().size(), 4);
}

void RunCliTest::protectedNeedsConfirmation()
{
    const QStringList args{m_project, QStringLiteral("--env"), QStringLiteral("staging"), QStringLiteral("--tag"), QStringLiteral("health")};
    const CliRun refused = cli(args);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QLatin1String("--yes-protected")), qPrintable(refused.err));
    QVERIFY(refused.out.isEmpty()); // nothing ran
    const CliRun confirmed = cli(args + QStringList{QStringLiteral("--yes-protected")});
    QVERIFY2(confirmed.exitCode == 0, qPrintable(confirmed.out + confirmed.err));
}

QTEST_GUILESS_MAIN(RunCliTest)
#include "tst_runcli.moc"
