// The runner against real servers: the demo backend as a child process (HTTP + SQLite +
// outbox worker + log file) and, for concurrency and cancellation, the test HTTP server in
// this process, whose /slow/<ms> counts the requests in flight.
#include "support/demobackend.h"
#include "support/shopproject.h"
#include "support/slowproject.h"

#include "checks/checkregistry.h"
#include "run/runner.h"
#include "store/projectstore.h"
#include "support/freeport.h"
#include "support/httptestserver.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

const CheckResult *resultOf(const QList<CheckResult> &results, const Id &testCaseId, int step)
{
    int seen = 0;
    for (const CheckResult &r : results)
        if (r.testCaseId == testCaseId && seen++ == step)
            return &r;
    return nullptr;
}

} // namespace

class RunnerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void orderIsStoredConfirmedAndLogged();
    void refundDefectFails();
    void eventuallyTimesOutAsFailWithAttempts();
    void eventuallyNeverOverrunsItsBound_data();
    void eventuallyNeverOverrunsItsBound();
    void eventuallyNeedsAnIntervalOf50Ms();
    void failedStepSkipsTheRest();
    void refusedConnectionIsAnError();
    void silentServerTimesOutAsAnError();
    void selectionPicksAndRejects_data();
    void selectionPicksAndRejects();
    void protectedEnvironmentNeedsConfirmation();
    void unknownEnvironmentListsNames();
    void concurrencyIsBounded_data();
    void concurrencyIsBounded();
    void perHostAboveTheConnectionPoolDoesNotTimeOut_data();
    void perHostAboveTheConnectionPoolDoesNotTimeOut();
    void cancelFinishesQuicklyWithSkipped();
    void cancelBeforeTheFirstCheck();
    void invalidCheckIsAnErrorThatSkipsTheRest();
    void runIsStoredAndReloaded();

private:
    struct Outcome
    {
        Run run;
        QList<CheckResult> results;
        int checkFinishedSignals = 0;
        int startedTotal = -1;
        QPair<int, int> lastProgress { -1, -1 };
    };
    Outcome runShop(const RunSelection &selection, const QString &env = QStringLiteral("local"));
    Outcome runProject(const Project &project, RunOptions options, int waitMs = 60000);

    QTemporaryDir m_dir;
    DemoBackend m_backend;
    ShopProject m_shop;
    QNetworkAccessManager m_network;
};

void RunnerTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path()), qPrintable(m_backend.errorString()));
    m_shop
        = makeShopProject(m_backend.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort()));
}

void RunnerTest::cleanupTestCase()
{
    m_backend.stop();
}

RunnerTest::Outcome RunnerTest::runProject(const Project &project, RunOptions options, int waitMs)
{
    Outcome outcome;
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    connect(&runner, &Runner::checkFinished, this, [&] { ++outcome.checkFinishedSignals; });
    connect(&runner, &Runner::started, this, [&](int total) { outcome.startedTotal = total; });
    connect(&runner, &Runner::progress, this, [&](int done, int total) {
        outcome.lastProgress = { done, total };
    });
    const Status started = runner.start(project, options);
    if (!started) {
        qWarning("start failed: %s", qPrintable(started.error()));
        return outcome;
    }
    if (!finished.wait(waitMs)) {
        qWarning("the run did not finish within %d ms", waitMs);
        return outcome;
    }
    outcome.run = finished.first().first().value<Run>();
    outcome.results = runner.results();
    return outcome;
}

RunnerTest::Outcome RunnerTest::runShop(const RunSelection &selection, const QString &env)
{
    RunOptions options;
    options.selection = selection;
    options.environment = env;
    options.projectDir = m_dir.path();
    return runProject(m_shop.project, options);
}

void RunnerTest::orderIsStoredConfirmedAndLogged()
{
    RunSelection selection;
    selection.tags << QStringLiteral("green");
    const Outcome o = runShop(selection);
    QCOMPARE(o.results.size(), 5); // the manual test case is not run
    for (const CheckResult &r : o.results)
        QVERIFY2(r.status == ResultStatus::Pass,
            qPrintable(QStringLiteral("%1: %2 %3").arg(toString(r.status), r.message, r.evidence)));
    QCOMPARE(o.run.passed, 5);
    QCOMPARE(o.run.failed + o.run.errors + o.run.skipped, 0);
    QCOMPARE(o.startedTotal, 5);
    QCOMPARE(o.checkFinishedSignals, 5);
    QVERIFY(!o.run.cancelled);
    QCOMPARE(o.run.environment, QStringLiteral("local"));
    QVERIFY(o.run.finishedAt >= o.run.startedAt);
    // The worker confirms after 100..400 ms, so the outbox step polls more than once
    // (the order is only seconds old when it is first asked).
    const CheckResult *outbox = resultOf(o.results, m_shop.confirmedCase, 2);
    QVERIFY(outbox);
    QVERIFY(outbox->attempts >= 1);
    for (const CheckResult &r : o.results) {
        QCOMPARE(r.runId, o.run.id);
        QCOMPARE(r.testCaseId, m_shop.confirmedCase);
        QVERIFY(isValidId(r.id));
    }
}

void RunnerTest::refundDefectFails()
{
    RunSelection selection;
    selection.tags << QStringLiteral("defect");
    const Outcome o = runShop(selection);
    QCOMPARE(o.results.size(), 3);
    QCOMPARE(toString(o.results.at(0).status), toString(ResultStatus::Pass)); // order placed
    QCOMPARE(toString(o.results.at(1).status), toString(ResultStatus::Pass)); // the response shows 54
    QCOMPARE(toString(o.results.at(2).status), toString(ResultStatus::Fail)); // the stored row says 60
    QVERIFY2(o.results.at(2).message.contains(QLatin1String("60")), qPrintable(o.results.at(2).message));
    QCOMPARE(o.run.failed, 1);
}

void RunnerTest::eventuallyTimesOutAsFailWithAttempts()
{
    RunSelection selection;
    selection.tags << QStringLiteral("slow-fail");
    const Outcome o = runShop(selection);
    QCOMPARE(o.results.size(), 2);
    const CheckResult &shipped = o.results.at(1);
    QCOMPARE(toString(shipped.status), toString(ResultStatus::Fail));
    QVERIFY2(shipped.attempts > 1, qPrintable(QString::number(shipped.attempts)));
    QVERIFY2(shipped.message.startsWith(QStringLiteral("after %1 tries in ").arg(shipped.attempts)),
        qPrintable(shipped.message));
    // The evidence lists what each try said, the last one too, above the last try's own.
    QVERIFY2(shipped.evidence.startsWith(QStringLiteral("Tries:\n  try 1 at 0.0 s: fail: ")),
        qPrintable(shipped.evidence));
    QVERIFY2(shipped.evidence.contains(QStringLiteral("\n  try %1 at ").arg(shipped.attempts)),
        qPrintable(shipped.evidence));
    // Bounded by timeout_ms (600) plus one last try; generous for a loaded machine.
    QVERIFY2(shipped.durationMs >= 400 && shipped.durationMs < 5000,
        qPrintable(QString::number(shipped.durationMs)));
}

void RunnerTest::eventuallyNeverOverrunsItsBound_data()
{
    QTest::addColumn<int>("serverMs"); // each try takes this long
    QTest::addColumn<int>("timeoutMs"); // eventually's bound
    QTest::addColumn<int>("tries");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("message"); // %1: 127.0.0.1:PORT
    // Tries at 0-700 and 800-: the second would end at 1500, so it gets 200 ms.
    QTest::newRow("second try cut")
        << 700 << 1000 << 2 << toString(ResultStatus::Fail)
        << "after 2 tries in 1.0 s: status: expected 201, got 200; try 2 was stopped when the "
           "1000 ms bound passed";
    // Not even the first try fits: an error, not a verdict on the system.
    QTest::newRow("first try cut")
        << 3000 << 500 << 1 << toString(ResultStatus::Error)
        << "no try finished within eventually's bound: try 1 was stopped when the 500 ms bound "
           "passed (timeout_ms)";
}

// `eventually` {timeout_ms, interval_ms: 100} against an endpoint that never passes.
void RunnerTest::eventuallyNeverOverrunsItsBound()
{
    QFETCH(int, serverMs);
    QFETCH(int, timeoutMs);
    QFETCH(int, tries);
    QFETCH(QString, status);
    QFETCH(QString, message);
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Project p = slowProject(server.baseUrl(), 1, 1, serverMs);
    Check &check = p.testCases[0].checks[0];
    check.assertions = { expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 201) };
    check.eventually = eventually(timeoutMs, 100);
    QElapsedTimer clock;
    clock.start();
    const Outcome o = runProject(p, RunOptions(), 20000);
    const qint64 wallMs = clock.elapsed();
    QCOMPARE(o.results.size(), 1);
    const CheckResult &r = o.results.first();
    qInfo("tries of %d ms, bound %d ms: the step took %lld ms (%d tries), the run %lld ms", serverMs,
        timeoutMs, r.durationMs, r.attempts, wallMs);
    QCOMPARE(toString(r.status), status);
    QCOMPARE(r.message, message);
    QCOMPARE(r.attempts, tries);
    if (tries > 1) { // the try cut off at the bound is in the list of tries
        QVERIFY2(r.evidence.startsWith(
                     QStringLiteral("Tries:\n  try 1 at 0.0 s: fail: status: expected 201, got 200\n")),
            qPrintable(r.evidence));
        QVERIFY2(r.evidence.contains(QStringLiteral("  try %1 at ").arg(tries))
                && r.evidence.contains(QLatin1String("s: stopped at the bound")),
            qPrintable(r.evidence));
    }
    // At the bound, and past it by little more than the timer's latency.
    QVERIFY2(r.durationMs >= timeoutMs - 5, qPrintable(QString::number(r.durationMs)));
    QVERIFY2(r.durationMs <= timeoutMs + 150, qPrintable(QString::number(r.durationMs)));
    QVERIFY2(wallMs <= timeoutMs + 500, qPrintable(QString::number(wallMs)));
}

void RunnerTest::eventuallyNeedsAnIntervalOf50Ms()
{
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Project p = slowProject(server.baseUrl(), 1, 2, 0);
    p.testCases[0].checks[0].eventually = eventually(1000, 10);
    const QString expected = QStringLiteral("eventually.interval_ms: must be at least 50 ms (got 10)");
    const Status valid = CheckRegistry::instance().validate(p.testCases[0].checks[0]);
    QVERIFY(!valid);
    QCOMPARE(valid.error(), expected);
    const Outcome o = runProject(p, RunOptions());
    QCOMPARE(o.results.size(), 2);
    QCOMPARE(toString(o.results.at(0).status), toString(ResultStatus::Error));
    QCOMPARE(o.results.at(0).message, expected);
    QCOMPARE(server.slowRequests(), 0); // refused before it polled anything
    p.testCases[0].checks[0].eventually = eventually(1000, 50);
    QVERIFY(CheckRegistry::instance().validate(p.testCases[0].checks[0]));
}

void RunnerTest::failedStepSkipsTheRest()
{
    RunSelection selection;
    selection.tags << QStringLiteral("skip");
    const Outcome o = runShop(selection);
    QCOMPARE(o.results.size(), 3);
    QCOMPARE(toString(o.results.at(0).status), toString(ResultStatus::Fail));
    QVERIFY2(o.results.at(0).message.contains(QLatin1String("200")), qPrintable(o.results.at(0).message));
    for (int i = 1; i < 3; ++i) {
        QCOMPARE(toString(o.results.at(i).status), toString(ResultStatus::Skipped));
        QCOMPARE(o.results.at(i).message, QStringLiteral("skipped: step 1 failed"));
    }
    QCOMPARE(o.run.skipped, 2);
}

void RunnerTest::refusedConnectionIsAnError()
{
    RunSelection selection;
    selection.tags << QStringLiteral("refused");
    QElapsedTimer clock;
    clock.start();
    const Outcome o = runShop(selection);
    QCOMPARE(o.results.size(), 2);
    QCOMPARE(toString(o.results.at(0).status), toString(ResultStatus::Error));
    QVERIFY2(
        o.results.at(0).message.contains(QLatin1String("127.0.0.1")), qPrintable(o.results.at(0).message));
    QCOMPARE(toString(o.results.at(1).status), toString(ResultStatus::Skipped));
    QCOMPARE(o.results.at(1).message, QStringLiteral("skipped: step 1 errored"));
    QCOMPARE(o.run.errors, 1);
}

void RunnerTest::silentServerTimesOutAsAnError()
{
    // Accepts connections and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    Project p = slowProject(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()), 1, 2, 0);
    p.testCases[0].checks[0].spec.insert(QStringLiteral("timeout_ms"), 500);
    RunOptions options;
    const Outcome o = runProject(p, options, 20000);
    QCOMPARE(o.results.size(), 2);
    QCOMPARE(toString(o.results.at(0).status), toString(ResultStatus::Error));
    QVERIFY2(o.results.at(0).message.contains(QLatin1String("500 ms")), qPrintable(o.results.at(0).message));
    QCOMPARE(toString(o.results.at(1).status), toString(ResultStatus::Skipped));
}

void RunnerTest::selectionPicksAndRejects_data()
{
    QTest::addColumn<QStringList>("flows");
    QTest::addColumn<QStringList>("nodes");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QStringList>("titles"); // expected, sorted; empty with an error
    QTest::addColumn<QString>("error"); // part of the expected error message

    QTest::newRow("all automated")
        << QStringList() << QStringList() << QStringList()
        << QStringList { QStringLiteral("A discounted order is refunded what was paid"),
               QStringLiteral("A service that is down"), QStringLiteral("An order is stored and confirmed"),
               QStringLiteral("An order ships by itself"), QStringLiteral("Health endpoint answers"),
               QStringLiteral("Health reports trouble") }
        << QString();
    QTest::newRow("flow by case or path")
        << QStringList { QStringLiteral("Checkout") } << QStringList() << QStringList()
        << QStringList { QStringLiteral("An order is stored and confirmed"),
               QStringLiteral("An order ships by itself") }
        << QString();
    QTest::newRow("flow and tag") << QStringList { QStringLiteral("Checkout") } << QStringList()
                                  << QStringList { QStringLiteral("smoke") }
                                  << QStringList { QStringLiteral("An order is stored and confirmed") }
                                  << QString();
    QTest::newRow("node") << QStringList() << QStringList { QStringLiteral("GET /health") } << QStringList()
                          << QStringList { QStringLiteral("A service that is down"),
                                 QStringLiteral("Health endpoint answers"),
                                 QStringLiteral("Health reports trouble") }
                          << QString();
    QTest::newRow("two tags or") << QStringList() << QStringList()
                                 << QStringList { QStringLiteral("skip"), QStringLiteral("defect") }
                                 << QStringList { QStringLiteral(
                                                      "A discounted order is refunded what was paid"),
                                        QStringLiteral("Health reports trouble") }
                                 << QString();
    QTest::newRow("unknown flow") << QStringList { QStringLiteral("Returns") } << QStringList()
                                  << QStringList() << QStringList()
                                  << QStringLiteral("no flow named \"Returns\"; flows: Checkout");
    QTest::newRow("unknown node") << QStringList() << QStringList { QStringLiteral("cart") } << QStringList()
                                  << QStringList()
                                  << QStringLiteral(
                                         "no node named \"cart\"; nodes: GET /health, POST /orders, POST "
                                         "/orders/{id}/refund, orders, outbox worker");
}

void RunnerTest::selectionPicksAndRejects()
{
    QFETCH(QStringList, flows);
    QFETCH(QStringList, nodes);
    QFETCH(QStringList, tags);
    QFETCH(QStringList, titles);
    QFETCH(QString, error);
    RunSelection selection;
    selection.flows = flows;
    selection.nodes = nodes;
    selection.tags = tags;
    const Result<QList<TestCase>> picked = selectTestCases(m_shop.project, selection);
    if (!error.isEmpty()) {
        QVERIFY(!picked);
        QCOMPARE(picked.error(), error);
        Runner runner(&m_network);
        RunOptions options;
        options.selection = selection;
        options.environment = QStringLiteral("local");
        const Status started = runner.start(m_shop.project, options);
        QVERIFY(!started);
        QCOMPARE(started.error(), error);
        QVERIFY(!runner.isRunning());
        return;
    }
    QVERIFY2(picked.ok(), qPrintable(picked.error()));
    QStringList got;
    for (const TestCase &t : picked.value())
        got << t.title;
    got.sort();
    QCOMPARE(got, titles);
}

void RunnerTest::protectedEnvironmentNeedsConfirmation()
{
    RunSelection selection;
    selection.tags << QStringLiteral("skip");
    Runner runner(&m_network);
    RunOptions options;
    options.selection = selection;
    options.environment = QStringLiteral("staging");
    const Status refused = runner.start(m_shop.project, options);
    QVERIFY(!refused);
    QVERIFY2(
        refused.error().contains(QLatin1String("\"staging\" is protected")), qPrintable(refused.error()));
    QVERIFY(!runner.isRunning());

    options.confirmProtected = true;
    options.projectDir = m_dir.path();
    const Outcome o = runProject(m_shop.project, options);
    QCOMPARE(o.results.size(), 3); // confirmed: it runs
    QCOMPARE(o.run.environment, QStringLiteral("staging"));
}

void RunnerTest::unknownEnvironmentListsNames()
{
    Runner runner(&m_network);
    RunOptions options;
    options.environment = QStringLiteral("prod");
    const Status started = runner.start(m_shop.project, options);
    QVERIFY(!started);
    QCOMPARE(started.error(), QStringLiteral("no environment named \"prod\"; environments: local, staging"));
    options.environment.clear(); // two environments: the caller must choose
    const Status ambiguous = runner.start(m_shop.project, options);
    QVERIFY(!ambiguous);
    QVERIFY2(ambiguous.error().contains(QLatin1String("local, staging")), qPrintable(ambiguous.error()));
}

void RunnerTest::concurrencyIsBounded_data()
{
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<int>("perHost");
    QTest::addColumn<int>("bound");
    QTest::newRow("overall 4") << 4 << 6 << 4;
    QTest::newRow("per host 3") << 8 << 3 << 3;
    QTest::newRow("serial") << 1 << 6 << 1;
}

void RunnerTest::concurrencyIsBounded()
{
    QFETCH(int, concurrency);
    QFETCH(int, perHost);
    QFETCH(int, bound);
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    RunOptions options;
    options.concurrency = concurrency;
    options.perHostLimit = perHost;
    const Outcome o = runProject(slowProject(server.baseUrl(), 12, 2, 100), options);
    QCOMPARE(o.results.size(), 24);
    QCOMPARE(o.run.passed, 24);
    QCOMPARE(o.startedTotal, 24);
    QCOMPARE(o.checkFinishedSignals, 24);
    QCOMPARE(o.lastProgress, qMakePair(24, 24));
    QCOMPARE(server.slowRequests(), 24);
    QVERIFY2(server.maxSlowInFlight() <= bound, qPrintable(QString::number(server.maxSlowInFlight())));
    if (bound > 1) // the bound is used, not just respected
        QVERIFY2(server.maxSlowInFlight() >= 2, qPrintable(QString::number(server.maxSlowInFlight())));
}

void RunnerTest::perHostAboveTheConnectionPoolDoesNotTimeOut_data()
{
    QTest::addColumn<int>("perHost");
    QTest::addColumn<int>("networkThreads");
    QTest::newRow("per host 20, 2 threads") << 20 << 2;
    QTest::newRow("per host 40, 2 threads") << 40 << 2;
    QTest::newRow("per host 20, runner thread") << 20 << 0;
}

// Qt opens at most 6 connections per host and manager and queues the rest; a request
// waiting there must not spend its timeout (a 1 s server, a 3 s timeout, 40 checks).
void RunnerTest::perHostAboveTheConnectionPoolDoesNotTimeOut()
{
    QFETCH(int, perHost);
    QFETCH(int, networkThreads);
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Project p = slowProject(server.baseUrl(), 40, 1, 1000);
    for (TestCase &t : p.testCases)
        t.checks[0].spec.insert(QStringLiteral("timeout_ms"), 3000);
    RunOptions options;
    options.concurrency = 40;
    options.perHostLimit = perHost;
    options.networkThreads = networkThreads;
    QElapsedTimer clock;
    clock.start();
    const Outcome o = runProject(p, options, 60000);
    const qint64 wallMs = clock.elapsed();
    QCOMPARE(o.results.size(), 40);
    qint64 slowest = 0;
    for (const CheckResult &r : o.results) {
        QVERIFY2(r.status == ResultStatus::Pass,
            qPrintable(QStringLiteral("%1: %2").arg(toString(r.status), r.message)));
        slowest = qMax(slowest, r.durationMs);
    }
    qInfo("40 checks of 1 s, per host %d, %d network threads: %lld ms in all, slowest check %lld ms, "
          "at most %d in flight at the server",
        perHost, networkThreads, wallMs, slowest, server.maxSlowInFlight());
    QCOMPARE(o.run.passed, 40);
    // No check waited for a connection: each took its one second (a wait adds another).
    QVERIFY2(slowest < 1800, qPrintable(QString::number(slowest)));
    QVERIFY2(server.maxSlowInFlight() <= perHost, qPrintable(QString::number(server.maxSlowInFlight())));
}

void RunnerTest::cancelFinishesQuicklyWithSkipped()
{
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Project p = slowProject(server.baseUrl(), 20, 3, 300);
    // One test case polls something that never holds, for up to a minute.
    p.testCases[0].checks[0].assertions
        = { expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 418) };
    p.testCases[0].checks[0].eventually = eventually(60000, 200);
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    QSignalSpy checkFinished(&runner, &Runner::checkFinished);
    RunOptions options;
    options.concurrency = 4;
    QVERIFY(runner.start(p, options));
    QVERIFY(checkFinished.wait(20000)); // mid-run: some results are in
    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    const Run run = finished.first().first().value<Run>();
    QVERIFY(run.cancelled);
    const QList<CheckResult> results = runner.results();
    QCOMPARE(results.size(), 60); // every check has a result, none is lost
    QVERIFY2(run.skipped > 30, qPrintable(QString::number(run.skipped)));
    QCOMPARE(run.passed + run.failed + run.errors + run.skipped, 60);
    QVERIFY(!runner.isRunning());
    QVERIFY(results.at(0).status == ResultStatus::Skipped); // the endless poll ended
    QVERIFY2(results.at(0).message.contains(QLatin1String("cancelled")), qPrintable(results.at(0).message));
    runner.cancel(); // a second cancel is harmless
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void RunnerTest::cancelBeforeTheFirstCheck()
{
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    QVERIFY(runner.start(slowProject(server.baseUrl(), 3, 2, 50), RunOptions()));
    runner.cancel(); // before the event loop starts the run
    QVERIFY(finished.wait(5000));
    const Run run = finished.first().first().value<Run>();
    QVERIFY(run.cancelled);
    QCOMPARE(run.skipped, 6);
    QCOMPARE(server.slowRequests(), 0); // nothing went out
    for (const CheckResult &r : runner.results())
        QCOMPARE(r.message, QStringLiteral("skipped: run cancelled"));
}

void RunnerTest::invalidCheckIsAnErrorThatSkipsTheRest()
{
    HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    Project p = slowProject(server.baseUrl(), 2, 3, 10);
    p.testCases[0].checks[1].type = QStringLiteral("smtp");
    const Outcome o = runProject(p, RunOptions());
    QCOMPARE(o.results.size(), 6);
    QCOMPARE(toString(o.results.at(0).status), toString(ResultStatus::Pass));
    QCOMPARE(toString(o.results.at(1).status), toString(ResultStatus::Error));
    QVERIFY2(o.results.at(1).message.contains(QLatin1String("smtp")), qPrintable(o.results.at(1).message));
    QCOMPARE(o.results.at(2).message, QStringLiteral("skipped: step 2 errored"));
    QCOMPARE(o.run.passed, 4); // the other test case is unaffected
    QCOMPARE(server.slowRequests(), 4);
}

void RunnerTest::runIsStoredAndReloaded()
{
    const QString path = m_dir.filePath(QStringLiteral("stored.flowbench"));
    auto created = ProjectStore::create(path, m_shop.project.name);
    QVERIFY2(created.ok(), qPrintable(created.error()));
    auto &store = created.value();
    Project content = m_shop.project;
    QVERIFY2(store->replaceContents(content), qPrintable(store->replaceContents(content).error()));
    const Result<Project> loaded = store->load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));

    RunSelection selection;
    selection.tags << QStringLiteral("defect") << QStringLiteral("skip");
    RunOptions options;
    options.selection = selection;
    options.environment = QStringLiteral("local");
    options.projectDir = m_dir.path();
    const Outcome o = runProject(loaded.value(), options);
    QCOMPARE(o.results.size(), 6);
    const Status added = store->addRun(o.run, o.results);
    QVERIFY2(added.ok(), qPrintable(added.error()));
    store.reset();

    auto reopened = ProjectStore::open(path);
    QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
    const auto runs = reopened.value()->runs();
    QVERIFY2(runs.ok(), qPrintable(runs.error()));
    QCOMPARE(runs.value().size(), 1);
    QCOMPARE(runs.value().first().id, o.run.id);
    QCOMPARE(runs.value().first().failed, 2);
    QCOMPARE(runs.value().first().skipped, 2);
    const auto results = reopened.value()->results(o.run.id);
    QVERIFY2(results.ok(), qPrintable(results.error()));
    QCOMPARE(results.value().size(), 6);
    int failed = 0;
    for (const CheckResult &r : results.value())
        failed += r.status == ResultStatus::Fail;
    QCOMPARE(failed, 2);
}

QTEST_GUILESS_MAIN(RunnerTest)
#include "tst_runner.moc"
