// Cleanup steps against real servers: the demo backend (a child process with its SQLite
// database) creates an order in step 1; whatever the steps do next — pass, fail, error,
// cancel — the cleanup step deletes it through the API with the captured order id, and
// the database is asked afterwards whether the order is gone. The test HTTP server in
// this process gives a request that takes long (for cancel).
#include "support/cliprocess.h"
#include "support/demobackend.h"
#include "support/freeport.h"
#include "support/httptestserver.h"
#include "support/shopproject.h"

#include "io/canonicaljson.h"
#include "io/htmlreport.h"
#include "io/jsonreport.h"
#include "io/junitreport.h"
#include "io/markdownsummary.h"
#include "run/runner.h"
#include "run/runselection.h"
#include "run/testcasesummary.h"
#include "store/projectstore.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace flowbench;
using namespace flowbench::testing;

enum class SecondStep { Passes, Fails, Errors, Cancelled };
Q_DECLARE_METATYPE(SecondStep)

namespace {

QString statusText(const CheckResult *r)
{
    return r ? QStringLiteral("%1: %2").arg(toString(r->status), r->message) : QStringLiteral("(no result)");
}

} // namespace

class CleanupTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanupRunsOnEveryOutcome_data();
    void cleanupRunsOnEveryOutcome();
    void missingCaptureSaysWhatWasLeftBehind();
    void failedCleanupIsAnErrorNamingWhatWasLeft();
    void reportsShowCleanupApart();
    void secondCancelCutsTheCleanupShort();
    void protectedEnvironmentRefusesAWritingCleanup();
    void cancelBeforeTheTestCaseBeganRunsNoCleanup();
    void storeAndCanonicalJsonKeepCleanup();
    void runStepKeepsTheCleanup_data();
    void runStepKeepsTheCleanup();
    void cliExitCodes_data();
    void cliExitCodes();

private:
    struct Outcome
    {
        Run run;
        QList<CheckResult> results;
        qint64 wallMs = 0;
    };
    // Runs the project; `cancels` times runner.cancel(), the first when `cancelAfter`'s
    // result arrives (+ delayMs), each further one when the next result arrives.
    Outcome run(const Project &project, const QString &env = QStringLiteral("local"),
        const Id &cancelAfter = Id(), int cancels = 0, int delayMs = 300);
    int ordersOf(const QString &customer) const;
    Project project(const QString &customer, const Check &second, const QList<Check> &cleanup) const;
    Check deleteOrder(const QString &base = QStringLiteral("{{base_url}}")) const;

    QTemporaryDir m_dir;
    DemoBackend m_backend;
    HttpTestServer m_slow;
    QString m_refusedUrl;
    QNetworkAccessManager m_network;
};

void CleanupTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path()), qPrintable(m_backend.errorString()));
    QVERIFY2(m_slow.start(), qPrintable(m_slow.errorString()));
    m_refusedUrl = QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo"));
    db.setDatabaseName(m_backend.dbPath());
    QVERIFY(db.open());
}

void CleanupTest::cleanupTestCase()
{
    QSqlDatabase::database(QStringLiteral("demo")).close();
    QSqlDatabase::removeDatabase(QStringLiteral("demo"));
    m_backend.stop();
}

int CleanupTest::ordersOf(const QString &customer) const
{
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("demo")));
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM orders WHERE customer = ?"));
    q.addBindValue(customer);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

Check CleanupTest::deleteOrder(const QString &base) const
{
    Check c = httpCheck(QStringLiteral("Delete order"), QStringLiteral("DELETE"),
        base + QStringLiteral("/orders/{{order_id}}"), {}, 5000);
    c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
    return c;
}

// Step 1 places an order for `customer` (capturing order_id), step 2 is `second`.
Project CleanupTest::project(const QString &customer, const Check &second, const QList<Check> &cleanup) const
{
    ShopProject shop = makeShopProject(m_backend.baseUrl(), m_refusedUrl);
    Project p = shop.project;
    p.environments[0].variables.insert(QStringLiteral("slow_url"), m_slow.baseUrl());
    p.environments[1].variables.insert(QStringLiteral("slow_url"), m_slow.baseUrl());
    TestCase t = makeCase(shop.ordersApi, QStringLiteral("Order for %1").arg(customer),
        { QStringLiteral("cleanup") }, { placeOrder(customer), second });
    t.cleanup = cleanup;
    p.testCases = { t };
    return p;
}

CleanupTest::Outcome CleanupTest::run(
    const Project &project, const QString &env, const Id &cancelAfter, int cancels, int delayMs)
{
    Outcome outcome;
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    int cancelled = 0;
    connect(&runner, &Runner::checkFinished, this, [&](const CheckResult &r) {
        if (cancels == 0)
            return;
        if (cancelled == 0 && r.checkId == cancelAfter) {
            cancelled = 1;
            // The next step is in flight by then.
            QTimer::singleShot(delayMs, &runner, [&] {
                runner.cancel();
                // The cleanup step is in flight a moment after the first cancel.
                if (cancels > 1)
                    QTimer::singleShot(delayMs, &runner, [&] {
                        ++cancelled;
                        runner.cancel();
                    });
            });
        }
    });
    RunOptions options;
    options.environment = env;
    options.projectDir = m_dir.path();
    options.confirmProtected = true;
    QElapsedTimer clock;
    clock.start();
    const Status started = runner.start(project, options);
    if (!started) {
        qWarning("start failed: %s", qPrintable(started.error()));
        return outcome;
    }
    if (!finished.wait(30000)) {
        qWarning("the run did not finish within 30 s");
        return outcome;
    }
    outcome.wallMs = clock.elapsed();
    outcome.run = finished.first().first().value<Run>();
    outcome.results = runner.results();
    return outcome;
}

void CleanupTest::cleanupRunsOnEveryOutcome_data()
{
    QTest::addColumn<SecondStep>("second");
    QTest::addColumn<QString>("caseStatus");
    QTest::addColumn<QString>("secondStatus");
    QTest::newRow("pass") << SecondStep::Passes << "pass"
                          << "pass";
    QTest::newRow("fail") << SecondStep::Fails << "fail"
                          << "fail";
    QTest::newRow("error") << SecondStep::Errors << "error"
                           << "error";
    QTest::newRow("cancel") << SecondStep::Cancelled << "skipped"
                            << "skipped";
}

void CleanupTest::cleanupRunsOnEveryOutcome()
{
    QFETCH(SecondStep, second);
    QFETCH(QString, caseStatus);
    QFETCH(QString, secondStatus);
    const QString customer = QStringLiteral("cleanup-%1").arg(QString::fromLatin1(QTest::currentDataTag()));
    Check step;
    switch (second) {
    case SecondStep::Passes:
    case SecondStep::Fails:
        // The order exists while the steps run: the cleanup has something to remove.
        step = httpCheck(QStringLiteral("order exists"), QStringLiteral("GET"),
            QStringLiteral("{{base_url}}/orders/{{order_id}}"));
        step.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="),
            second == SecondStep::Passes ? 200 : 418);
        break;
    case SecondStep::Errors:
        step = httpCheck(QStringLiteral("nothing listens"), QStringLiteral("GET"),
            QStringLiteral("{{refused_url}}/orders"));
        step.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
        break;
    case SecondStep::Cancelled:
        step = httpCheck(QStringLiteral("slow"), QStringLiteral("GET"),
            QStringLiteral("{{slow_url}}/slow/10000"), {}, 20000);
        step.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
        break;
    }
    const Project p = project(customer, step, { deleteOrder() });
    const Id first = p.testCases[0].checks[0].id;
    const Outcome o = second == SecondStep::Cancelled ? run(p, QStringLiteral("local"), first, 1) : run(p);

    QCOMPARE(o.results.size(), 3);
    QCOMPARE(toString(o.results.at(0).status), QStringLiteral("pass")); // the order was placed
    QCOMPARE(toString(o.results.at(1).status), secondStatus);
    const CheckResult &cleanup = o.results.at(2);
    QVERIFY(!o.results.at(0).cleanup && !o.results.at(1).cleanup);
    QVERIFY(cleanup.cleanup);
    QCOMPARE(cleanup.checkId, p.testCases[0].cleanup[0].id);
    QVERIFY2(cleanup.status == ResultStatus::Pass, qPrintable(statusText(&cleanup)));
    // The cleanup used the order id step 1 captured: the order is gone.
    QCOMPARE(ordersOf(customer), 0);
    QCOMPARE(o.run.cancelled, second == SecondStep::Cancelled);
    if (second == SecondStep::Cancelled)
        QVERIFY2(o.wallMs < 8000, qPrintable(QString::number(o.wallMs))); // the slow step did not run out
    // The run's counts are of the steps; a cleanup that passed is not among them.
    QCOMPARE(o.run.passed + o.run.failed + o.run.errors + o.run.skipped, 2);
    const QList<TestCaseSummary> summaries = summarizeByTestCase(p, o.results);
    QCOMPARE(summaries.size(), 1);
    QCOMPARE(toString(summaries[0].status), caseStatus);
    QCOMPARE(summaries[0].checks, 2);
    QCOMPARE(summaries[0].cleanupSteps, 1);
    QCOMPARE(summaries[0].cleanupPassed, 1);
}

void CleanupTest::missingCaptureSaysWhatWasLeftBehind()
{
    // Step 1 is refused (no items): it never captures order_id.
    Check refused = placeOrder(QStringLiteral("cleanup-missing"));
    refused.spec[QStringLiteral("body")] = QJsonObject { { QStringLiteral("mode"), QStringLiteral("json") },
        { QStringLiteral("json"), QJsonObject { { QStringLiteral("customer"), QStringLiteral("x") } } } };
    Project p = project(QStringLiteral("cleanup-missing"),
        httpCheck(
            QStringLiteral("never reached"), QStringLiteral("GET"), QStringLiteral("{{base_url}}/health")),
        { deleteOrder() });
    p.testCases[0].checks[0] = refused;
    const Outcome o = run(p);
    QCOMPARE(o.results.size(), 3);
    QCOMPARE(toString(o.results.at(0).status), QStringLiteral("fail"));
    QCOMPARE(toString(o.results.at(1).status), QStringLiteral("skipped"));
    const CheckResult &cleanup = o.results.at(2);
    QCOMPARE(toString(cleanup.status), QStringLiteral("error"));
    QCOMPARE(cleanup.message,
        QStringLiteral("cleanup not done: DELETE {{base_url}}/orders/{{order_id}} needs "
                       "{{order_id}}, which step 1 (\"place an order\") never captured"));
    // Not a fail of the steps: the test case is an error, and the run counts it.
    QCOMPARE(toString(summarizeByTestCase(p, o.results).at(0).status), QStringLiteral("error"));
    QCOMPARE(o.run.failed, 1);
    QCOMPARE(o.run.errors, 1);
}

void CleanupTest::failedCleanupIsAnErrorNamingWhatWasLeft()
{
    const QString customer = QStringLiteral("cleanup-left");
    Check exists = httpCheck(QStringLiteral("order exists"), QStringLiteral("GET"),
        QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    exists.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
    // The cleanup goes where nothing listens; the second cleanup step still runs.
    Check gone = httpCheck(QStringLiteral("Order is gone"), QStringLiteral("GET"),
        QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    gone.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 404);
    const Project p = project(customer, exists, { deleteOrder(QStringLiteral("{{refused_url}}")), gone });
    const Outcome o = run(p);
    QCOMPARE(o.results.size(), 4);
    QCOMPARE(toString(o.results.at(0).status), QStringLiteral("pass"));
    QCOMPARE(toString(o.results.at(1).status), QStringLiteral("pass"));
    const CheckResult &cleanup = o.results.at(2);
    QCOMPARE(toString(cleanup.status), QStringLiteral("error"));
    const QString orderId = [&] {
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("demo")));
        q.prepare(QStringLiteral("SELECT id FROM orders WHERE customer = ?"));
        q.addBindValue(customer);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }();
    QVERIFY(!orderId.isEmpty()); // it was left behind indeed
    const QString prefix
        = QStringLiteral("left behind: \"Delete order\" (DELETE %1/orders/%2): ").arg(m_refusedUrl, orderId);
    QVERIFY2(cleanup.message.startsWith(prefix), qPrintable(cleanup.message));
    // Every cleanup step runs, whatever the one before it did.
    QCOMPARE(toString(o.results.at(3).status), QStringLiteral("error"));
    QVERIFY2(o.results.at(3).message.startsWith(QStringLiteral("left behind: \"Order is gone\"")),
        qPrintable(o.results.at(3).message));
    const TestCaseSummary summary = summarizeByTestCase(p, o.results).at(0);
    QCOMPARE(toString(summary.status), QStringLiteral("error"));
    QCOMPARE(summary.firstProblem, cleanup.message);
    QCOMPARE(o.run.passed, 2);
    QCOMPARE(o.run.errors, 2);
    QCOMPARE(o.run.failed + o.run.skipped, 0);
    QCOMPARE(toString(overallStatus(o.run)), QStringLiteral("error"));
    QCOMPARE(ordersOf(customer), 1);
}

// A passing step, a cleanup that left the order behind and one that passed: each report
// shows the cleanup steps apart and the run's counts are of the steps.
void CleanupTest::reportsShowCleanupApart()
{
    const QString customer = QStringLiteral("cleanup-reports");
    Check exists = httpCheck(QStringLiteral("order exists"), QStringLiteral("GET"),
        QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    exists.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
    const Project p
        = project(customer, exists, { deleteOrder(QStringLiteral("{{refused_url}}")), deleteOrder() });
    const Outcome o = run(p);
    QCOMPARE(o.results.size(), 4);
    QCOMPARE(ordersOf(customer), 0); // the second cleanup step removed it after all

    const QString junit = QString::fromUtf8(JUnitReport::toXml(p, o.run, o.results));
    QVERIFY2(junit.contains(QLatin1String("<error message=\"left behind: &quot;Delete order&quot;")),
        qPrintable(junit));
    QVERIFY2(junit.contains(QLatin1String("step 2 order exists: pass")), qPrintable(junit));
    QVERIFY2(junit.contains(QLatin1String("cleanup:\ncleanup 1 Delete order: error")), qPrintable(junit));
    QVERIFY2(junit.contains(QLatin1String("cleanup 2 Delete order: pass")), qPrintable(junit));
    QCOMPARE(junit.count(QLatin1String("<testcase ")), 1); // not a testcase of its own

    const QJsonObject json = JsonReport::toJson(p, o.run, o.results);
    const QJsonObject testCase = json.value(QLatin1String("test_cases")).toArray().at(0).toObject();
    QCOMPARE(testCase.value(QLatin1String("status")).toString(), QStringLiteral("error"));
    QCOMPARE(testCase.value(QLatin1String("checks")).toArray().size(), 2);
    const QJsonArray cleanup = testCase.value(QLatin1String("cleanup")).toArray();
    QCOMPARE(cleanup.size(), 2);
    QCOMPARE(cleanup.at(0).toObject().value(QLatin1String("status")).toString(), QStringLiteral("error"));
    QCOMPARE(cleanup.at(1).toObject().value(QLatin1String("status")).toString(), QStringLiteral("pass"));
    const QJsonObject run = json.value(QLatin1String("run")).toObject();
    QCOMPARE(run.value(QLatin1String("passed")).toInt(), 2);
    QCOMPARE(run.value(QLatin1String("errors")).toInt(), 1);

    const QString md = QString::fromUtf8(MarkdownSummary::toMarkdown(p, o.run, o.results));
    QVERIFY2(
        md.contains(QLatin1String("**1 test cases, 2 checks:** 2 passed, 0 failed, 1 errors, 0 skipped")),
        qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("· **cleanup:** 1 of 2 steps passed")), qPrintable(md));
    QVERIFY2(md.contains(QLatin1String("cleanup step 1 Delete order: `left behind:")), qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("| 2/2 · cleanup 1/2 |")), qPrintable(md));

    HtmlReportInput in;
    in.project = p;
    in.run = o.run;
    in.results = o.results;
    const QString html = QString::fromUtf8(HtmlReport::toHtml(in));
    QVERIFY(html.contains(QLatin1String("id=\"count-cleanup\"><b>1/2</b>cleanup passed")));
    QVERIFY2(html.contains(QLatin1String("/ cleanup step 1 Delete order <span class=\"muted\">(")),
        qPrintable(html));
}

void CleanupTest::secondCancelCutsTheCleanupShort()
{
    const QString customer = QStringLiteral("cleanup-cut");
    Check slowStep = httpCheck(
        QStringLiteral("slow"), QStringLiteral("GET"), QStringLiteral("{{slow_url}}/slow/10000"), {}, 20000);
    // A cleanup that takes long (its own timeout is 20 s), then the one that deletes.
    Check slowCleanup = httpCheck(QStringLiteral("Slow cleanup"), QStringLiteral("GET"),
        QStringLiteral("{{slow_url}}/slow/10000"), {}, 20000);
    const Project p = project(customer, slowStep, { slowCleanup, deleteOrder() });
    const Outcome o = run(p, QStringLiteral("local"), p.testCases[0].checks[0].id, 2, 400);
    QVERIFY(o.run.cancelled);
    QVERIFY2(o.wallMs < 8000, qPrintable(QString::number(o.wallMs)));
    QCOMPARE(o.results.size(), 4);
    QCOMPARE(toString(o.results.at(1).status), QStringLiteral("skipped"));
    for (int i : { 2, 3 }) {
        const CheckResult &r = o.results.at(i);
        QVERIFY(r.cleanup);
        QCOMPARE(toString(r.status), QStringLiteral("skipped"));
        QVERIFY2(
            r.message.contains(QLatin1String("cleanup cut short by a second cancel")), qPrintable(r.message));
        QVERIFY2(r.message.startsWith(QLatin1String("left behind: ")), qPrintable(r.message));
    }
    QCOMPARE(ordersOf(customer), 1); // cut short: the order stays, and the results say so
}

void CleanupTest::protectedEnvironmentRefusesAWritingCleanup()
{
    const QString customer = QStringLiteral("cleanup-protected");
    Check exists = httpCheck(QStringLiteral("order exists"), QStringLiteral("GET"),
        QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    exists.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
    Check write
        = sqlCheck(QStringLiteral("Delete the row"), QStringLiteral("DELETE FROM orders WHERE id = :id"),
            { { QStringLiteral("id"), QStringLiteral("{{order_id}}") } });
    write.spec.insert(QStringLiteral("allow_writes"), true);
    const Project p = project(customer, exists, { write });
    const Outcome o = run(p, QStringLiteral("staging"));
    QCOMPARE(o.results.size(), 3);
    QCOMPARE(toString(o.results.at(1).status), QStringLiteral("pass"));
    const CheckResult &cleanup = o.results.at(2);
    QCOMPARE(toString(cleanup.status), QStringLiteral("error"));
    QVERIFY2(cleanup.message.startsWith(
                 QLatin1String("left behind: \"Delete the row\" (sql on shop: DELETE FROM orders")),
        qPrintable(cleanup.message));
    QVERIFY2(cleanup.message.contains(QLatin1String("protected")), qPrintable(cleanup.message));
    QCOMPARE(ordersOf(customer), 1); // the protected environment's rule held
}

void CleanupTest::cancelBeforeTheTestCaseBeganRunsNoCleanup()
{
    const int before = m_slow.slowRequests();
    Check slowCleanup
        = httpCheck(QStringLiteral("Cleanup"), QStringLiteral("GET"), QStringLiteral("{{slow_url}}/slow/10"));
    Project p = project(QStringLiteral("cleanup-never"),
        httpCheck(QStringLiteral("h"), QStringLiteral("GET"), QStringLiteral("{{base_url}}/health")),
        { slowCleanup });
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    RunOptions options;
    options.projectDir = m_dir.path();
    options.environment = QStringLiteral("local");
    QVERIFY(runner.start(p, options));
    runner.cancel(); // before the event loop starts the run
    QVERIFY(finished.wait(5000));
    const QList<CheckResult> results = runner.results();
    QCOMPARE(results.size(), 3);
    QCOMPARE(results.at(2).message, QStringLiteral("skipped: run cancelled before the test case began"));
    QCOMPARE(m_slow.slowRequests(), before);
    QCOMPARE(ordersOf(QStringLiteral("cleanup-never")), 0);
}

void CleanupTest::storeAndCanonicalJsonKeepCleanup()
{
    Project p = project(QStringLiteral("store"), deleteOrder(),
        { deleteOrder(), deleteOrder(QStringLiteral("{{refused_url}}")) });
    p.testCases[0].cleanup[1].captures
        << capture(QStringLiteral("x"), QStringLiteral("path"), QStringLiteral("id"));
    // Canonical JSON: "cleanup" round-trips, and is left out when there is none.
    const QByteArray json = toCanonicalJson(p);
    QVERIFY(json.contains("\"cleanup\": ["));
    const Result<Project> back = fromCanonicalJson(json, QStringLiteral("p.json"));
    QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
    QCOMPARE(back.value().testCases.size(), 1);
    QVERIFY(back.value().testCases[0].cleanup == p.testCases[0].cleanup);
    QVERIFY(back.value().testCases[0] == p.testCases[0]);
    Project without = p;
    without.testCases[0].cleanup.clear();
    QVERIFY(!toCanonicalJson(without).contains("\"cleanup\": ["));

    // The project file: the test case's cleanup and a result's phase.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.flowbench"));
    auto created = ProjectStore::create(path, QStringLiteral("p"));
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error()));
    std::unique_ptr<ProjectStore> store = std::move(created).value();
    QVERIFY(store->replaceContents(p));
    auto reloaded = store->testCase(p.testCases[0].id);
    QVERIFY(reloaded.ok());
    QVERIFY(reloaded.value().cleanup == p.testCases[0].cleanup);
    TestCase edited = reloaded.value();
    edited.cleanup.removeLast();
    QVERIFY(store->updateTestCase(edited));
    QCOMPARE(store->testCase(p.testCases[0].id).value().cleanup.size(), 1);
    Run r;
    r.id = newId();
    r.startedAt = r.finishedAt = QDateTime::currentDateTimeUtc();
    CheckResult step, cleanup;
    step.id = newId();
    step.checkId = p.testCases[0].checks[0].id;
    step.status = ResultStatus::Pass;
    cleanup.id = newId();
    cleanup.checkId = p.testCases[0].cleanup[0].id;
    cleanup.status = ResultStatus::Error;
    cleanup.cleanup = true;
    for (CheckResult *c : { &step, &cleanup }) {
        c->runId = r.id;
        c->testCaseId = p.testCases[0].id;
        c->finishedAt = r.finishedAt;
    }
    QVERIFY(store->addRun(r, { step, cleanup }));
    const auto results = store->results(r.id);
    QVERIFY(results.ok());
    QCOMPARE(results.value().size(), 2);
    QVERIFY(!results.value().at(0).cleanup);
    QVERIFY(results.value().at(1).cleanup);
}

void CleanupTest::cliExitCodes_data()
{
    QTest::addColumn<bool>("cleanupFails");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::newRow("cleanup passes") << false << 0 << "cleanup: 1 of 1 steps passed";
    QTest::newRow("cleanup left something behind") << true << 2 << "left behind: \"Delete order\"";
}

void CleanupTest::cliExitCodes()
{
    QFETCH(bool, cleanupFails);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    const QString customer = QStringLiteral("cleanup-cli-%1").arg(cleanupFails);
    Check exists = httpCheck(QStringLiteral("order exists"), QStringLiteral("GET"),
        QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    exists.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
    const Project p = project(customer, exists,
        { deleteOrder(cleanupFails ? QStringLiteral("{{refused_url}}") : QStringLiteral("{{base_url}}")) });
    // Beside the demo's database: the "shop" connection's relative path resolves there.
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("cli-%1.flowbench").arg(cleanupFails));
    {
        auto created = ProjectStore::create(path, QStringLiteral("cli"));
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error()));
        QVERIFY(created.value()->replaceContents(p));
    }
    const CliOutcome o
        = runCli({ QStringLiteral("run"), path, QStringLiteral("--env"), QStringLiteral("local") });
    QVERIFY2(o.exitCode == exitCode,
        qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(o.exitCode).arg(o.out, o.err)));
    QVERIFY2((o.out + o.err).contains(says), qPrintable(o.out + o.err));
    QVERIFY2((o.out + o.err).contains(QLatin1String("1 test cases, 2 checks: 2 passed")),
        qPrintable(o.out + o.err));
    QCOMPARE(ordersOf(customer), cleanupFails ? 1 : 0);
}

// "Run Step" on a step runs the steps up to it and the whole cleanup; on a cleanup step,
// every step and the cleanup up to it.
void CleanupTest::runStepKeepsTheCleanup_data()
{
    QTest::addColumn<int>("until"); // index into steps + cleanup; -1: an id the case lacks
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("cleanups");
    QTest::newRow("first step") << 0 << 1 << 2;
    QTest::newRow("second step") << 1 << 2 << 2;
    QTest::newRow("first cleanup step") << 2 << 2 << 1;
    QTest::newRow("last cleanup step") << 3 << 2 << 2;
    QTest::newRow("unknown step: the whole case") << -1 << 2 << 2;
}

void CleanupTest::runStepKeepsTheCleanup()
{
    QFETCH(int, until);
    QFETCH(int, steps);
    QFETCH(int, cleanups);
    Check second = deleteOrder();
    second.name = QStringLiteral("second");
    const Project p = project(QStringLiteral("Run step"), second, { deleteOrder(), deleteOrder() });
    const TestCase &t = p.testCases.first();
    const QList<Check> all = t.checks + t.cleanup;
    QCOMPARE(all.size(), 4);
    RunSelection selection;
    selection.untilCheckId = until < 0 ? QStringLiteral("no-such-step") : all.at(until).id;
    const auto picked = selectTestCases(p, selection);
    QVERIFY2(picked, qPrintable(picked.error()));
    QCOMPARE(picked.value().size(), 1);
    QCOMPARE(picked.value().first().checks.size(), steps);
    QCOMPARE(picked.value().first().cleanup.size(), cleanups);
}

QTEST_GUILESS_MAIN(CleanupTest)
#include "tst_cleanup.moc"
