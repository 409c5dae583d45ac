// Faults bound to test cases, against real servers: a test case's faults hold on the
// environment's loopback proxies for exactly its duration; the proxies carry traffic for
// the whole run; a faulted case runs alone; the ports close on cancel and when the runner
// is killed.
#include "support/cliprocess.h"
#include "support/freeport.h"
#include "support/httptestserver.h"
#include "support/shopproject.h"
#include "support/testenv.h"

#include "io/htmlreport.h"
#include "io/jsonreport.h"
#include "io/junitreport.h"
#include "run/runner.h"
#include "store/projectstore.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

Fault fault(const QString &text)
{
    const Result<Fault> f = parseFault(text);
    if (!f)
        qFatal("bad fault in a test: %s", qPrintable(f.error()));
    return f.value();
}

// A connection to 127.0.0.1:port is accepted (something listens) within a short bound.
bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = socket.waitForConnected(1000);
    socket.abort();
    return connected;
}

// orders (service) --calls--> payment (external, the test HTTP server). The environment
// routes the edge through a proxy on `listen`; checks reach payment through it.
struct FaultProject
{
    Project project;
    Id orders, payment, edge;
    quint16 listen = 0;

    TestCase &addCase(const QString &title, const QList<CaseFault> &faults, const QList<Check> &checks)
    {
        TestCase t = makeCase(orders, title, {}, checks);
        t.position = int(project.testCases.size());
        t.faults = faults;
        project.testCases << t;
        return project.testCases.last();
    }
};

FaultProject faultProject(quint16 upstreamPort)
{
    FaultProject f;
    f.project.name = QStringLiteral("faults");
    const Node orders = makeNode(NodeKind::Service, QStringLiteral("orders"));
    const Node payment = makeNode(NodeKind::External, QStringLiteral("payment"));
    const Edge edge = makeEdge(orders.id, payment.id, EdgeKind::Calls);
    f.orders = orders.id;
    f.payment = payment.id;
    f.edge = edge.id;
    f.project.nodes = { orders, payment };
    f.project.edges = { edge };
    f.listen = freeLoopbackPort();
    Environment env;
    env.id = newId();
    env.name = QStringLiteral("local");
    env.variables.insert(QStringLiteral("payment"), QStringLiteral("http://127.0.0.1:%1").arg(f.listen));
    env.proxies = { ProxyRoute { edge.id, QStringLiteral("127.0.0.1:%1").arg(f.listen),
        QStringLiteral("127.0.0.1:%1").arg(upstreamPort) } };
    f.project.environments = { env };
    return f;
}

Check getJson(const QString &name, int status = 200, int timeoutMs = 10000)
{
    Check c = httpCheck(name, QStringLiteral("GET"), QStringLiteral("{{payment}}/json"), {}, timeoutMs);
    c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), status);
    return c;
}

const CheckResult *resultOf(const QList<CheckResult> &results, const Id &testCaseId, int step = 0)
{
    int seen = 0;
    for (const CheckResult &r : results)
        if (r.testCaseId == testCaseId && seen++ == step)
            return &r;
    return nullptr;
}

} // namespace

class FaultRunTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void latencyHoldsOnlyWhileItsCaseRuns();
    void httpStatusForTheFirstRequestThenPassThrough();
    void downRefusesConnections();
    void faultWithoutProxyIsTheCasesError();
    void takenPortIsTheCasesError();
    void faultedCaseRunsAlone();
    void cancelClosesTheProxies();
    void protectedEnvironmentRefusesFaultsUnlessAllowed();
    void killedCliLeavesNoPortListening();

private:
    struct Outcome
    {
        Run run;
        QList<CheckResult> results;
        bool finished = false;
        QList<QStringList> faultsActive; // what the map is told, in order
        QStringList warnings;
    };
    Outcome run(const Project &project, RunOptions options = {}, int waitMs = 30000);

    HttpTestServer m_server;
    QNetworkAccessManager m_network;
};

void FaultRunTest::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

FaultRunTest::Outcome FaultRunTest::run(const Project &project, RunOptions options, int waitMs)
{
    Outcome outcome;
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    connect(&runner, &Runner::faultsActive, this, [&](const QStringList &t) { outcome.faultsActive << t; });
    if (options.environment.isEmpty())
        options.environment = QStringLiteral("local");
    const Status started = runner.start(project, options);
    if (!started) {
        qWarning("start failed: %s", qPrintable(started.error()));
        return outcome;
    }
    if (!finished.wait(waitMs)) {
        qWarning("the run did not finish within %d ms", waitMs);
        return outcome;
    }
    outcome.finished = true;
    outcome.run = finished.first().first().value<Run>();
    outcome.results = runner.results();
    outcome.warnings = runner.warnings();
    return outcome;
}

void FaultRunTest::latencyHoldsOnlyWhileItsCaseRuns()
{
    FaultProject f = faultProject(m_server.port());
    const Id slow = f.addCase(QStringLiteral("payment slow"),
                         { CaseFault { f.edge, fault(QStringLiteral("latency=600")) } },
                         { getJson(QStringLiteral("through a slow payment")) })
                        .id;
    const Id fast
        = f.addCase(QStringLiteral("payment normal"), {}, { getJson(QStringLiteral("through the proxy")) })
              .id;
    RunOptions options;
    options.concurrency = 1; // in order: the fast case comes after the slow one
    const Outcome o = run(f.project, options);
    QVERIFY(o.finished);
    const CheckResult *s = resultOf(o.results, slow);
    const CheckResult *n = resultOf(o.results, fast);
    QVERIFY(s && n);
    QCOMPARE(toString(s->status), toString(ResultStatus::Pass));
    QCOMPARE(toString(n->status), toString(ResultStatus::Pass));
    QVERIFY2(s->durationMs >= 600 && s->durationMs < 3000, qPrintable(QString::number(s->durationMs)));
    QVERIFY2(n->durationMs < 400, qPrintable(QString::number(n->durationMs)));
    QCOMPARE(s->faults, QStringLiteral("orders → payment: latency=600"));
    QVERIFY(n->faults.isEmpty());
    // The map is told the edge is under a fault while the case runs, then that it is not.
    QCOMPARE(o.faultsActive, (QList<QStringList> { { f.edge }, {} }));
    // The reports say which faults held, for the faulted case only.
    const QJsonArray cases
        = JsonReport::toJson(f.project, o.run, o.results).value(QStringLiteral("test_cases")).toArray();
    QCOMPARE(cases.size(), 2);
    QCOMPARE(cases.at(0).toObject().value(QStringLiteral("faults")).toString(),
        QStringLiteral("orders → payment: latency=600"));
    QVERIFY(!cases.at(1).toObject().contains(QStringLiteral("faults")));
    const QString junit = QString::fromUtf8(JUnitReport::toXml(f.project, o.run, o.results));
    QVERIFY2(junit.contains(QStringLiteral(
                 "<property name=\"faults:payment slow\" value=\"orders → payment: latency=600\"/>")),
        qPrintable(junit));
    QVERIFY(!junit.contains(QStringLiteral("faults:payment normal")));
    HtmlReportInput html;
    html.project = f.project;
    html.run = o.run;
    html.results = o.results;
    const QString page = QString::fromUtf8(HtmlReport::toHtml(html));
    QVERIFY(page.contains(QStringLiteral("Run under faults (1)")));
    QVERIFY(page.contains(QStringLiteral("⚡ orders → payment: latency=600")));
    // After the run nothing listens on the proxy's port.
    QVERIFY(!accepts(f.listen));
}

void FaultRunTest::httpStatusForTheFirstRequestThenPassThrough()
{
    FaultProject f = faultProject(m_server.port());
    const Id id
        = f.addCase(QStringLiteral("payment answers 503 once"),
               { CaseFault { f.edge, fault(QStringLiteral("http_status=503,count=1")) } },
               { getJson(QStringLiteral("first: 503"), 503), getJson(QStringLiteral("then through"), 200) })
              .id;
    const Outcome o = run(f.project);
    QVERIFY(o.finished);
    for (int step = 0; step < 2; ++step) {
        const CheckResult *r = resultOf(o.results, id, step);
        QVERIFY(r);
        QVERIFY2(r->status == ResultStatus::Pass, qPrintable(r->message));
        QCOMPARE(r->faults, QStringLiteral("orders → payment: http_status=503,count=1"));
    }
}

void FaultRunTest::downRefusesConnections()
{
    FaultProject f = faultProject(m_server.port());
    const Id down
        = f.addCase(QStringLiteral("payment down"), { CaseFault { f.edge, fault(QStringLiteral("down")) } },
               { getJson(QStringLiteral("refused")) })
              .id;
    const Id after
        = f.addCase(QStringLiteral("payment back"), {}, { getJson(QStringLiteral("up again")) }).id;
    RunOptions options;
    options.concurrency = 1;
    const Outcome o = run(f.project, options);
    QVERIFY(o.finished);
    const CheckResult *r = resultOf(o.results, down);
    QVERIFY(r);
    QCOMPARE(toString(r->status), toString(ResultStatus::Error));
    QVERIFY2(r->message.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(r->message));
    // "down" is removed when its case ends: the same port carries the next case.
    const CheckResult *a = resultOf(o.results, after);
    QVERIFY(a);
    QVERIFY2(a->status == ResultStatus::Pass, qPrintable(a->message));
}

void FaultRunTest::faultWithoutProxyIsTheCasesError()
{
    FaultProject f = faultProject(m_server.port());
    const Id id = f.addCase(QStringLiteral("fault on payment itself"),
                       { CaseFault { f.payment, fault(QStringLiteral("latency=100")) } },
                       { getJson(QStringLiteral("a")), getJson(QStringLiteral("b")) })
                      .id;
    const Id other = f.addCase(QStringLiteral("unfaulted"), {}, { getJson(QStringLiteral("c")) }).id;
    const Outcome o = run(f.project);
    QVERIFY(o.finished);
    const CheckResult *first = resultOf(o.results, id, 0);
    QVERIFY(first);
    QCOMPARE(toString(first->status), toString(ResultStatus::Error));
    QCOMPARE(first->message,
        QStringLiteral("fault on payment: environment 'local' has no proxy for it; add one "
                       "under Environments ▸ Proxies"));
    QCOMPARE(toString(resultOf(o.results, id, 1)->status), toString(ResultStatus::Skipped));
    QCOMPARE(toString(resultOf(o.results, other)->status), toString(ResultStatus::Pass));
}

void FaultRunTest::takenPortIsTheCasesError()
{
    FaultProject f = faultProject(m_server.port());
    // A standalone `flowbench-cli proxy` a tester left running holds the listen port.
    QProcess standalone;
    standalone.setProcessChannelMode(QProcess::MergedChannels);
    standalone.start(cliPath(),
        { QStringLiteral("proxy"), QStringLiteral("--upstream"),
            QStringLiteral("127.0.0.1:%1").arg(m_server.port()), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:%1").arg(f.listen) });
    QVERIFY2(standalone.waitForStarted(10000), qPrintable(standalone.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(accepts(f.listen), 10000);
    const Id id
        = f.addCase(QStringLiteral("slow"), { CaseFault { f.edge, fault(QStringLiteral("latency=100")) } },
               { getJson(QStringLiteral("a"), 200, 2000) })
              .id;
    const Id plain = f.addCase(QStringLiteral("plain"), {}, { getJson(QStringLiteral("b"), 200, 2000) }).id;
    const Outcome o = run(f.project);
    QVERIFY(o.finished);
    const CheckResult *r = resultOf(o.results, id);
    QVERIFY(r);
    QCOMPARE(toString(r->status), toString(ResultStatus::Error));
    QVERIFY2(r->message.startsWith(QStringLiteral("fault on orders → payment: its proxy is not running")),
        qPrintable(r->message));
    QVERIFY2(r->message.contains(QStringLiteral("127.0.0.1:%1").arg(f.listen)), qPrintable(r->message));
    QVERIFY2(r->message.contains(QStringLiteral("flowbench-cli proxy")), qPrintable(r->message));
    // The unfaulted case goes through whatever holds the port (here: a pass-through proxy).
    QCOMPARE(toString(resultOf(o.results, plain)->status), toString(ResultStatus::Pass));
    // The run says once that the proxy could not listen.
    QCOMPARE(o.warnings.size(), 1);
    QVERIFY2(o.warnings.first().contains(QStringLiteral("127.0.0.1:%1").arg(f.listen)),
        qPrintable(o.warnings.first()));
    QCOMPARE(standalone.state(), QProcess::Running); // left alone
    standalone.terminate();
    QVERIFY(standalone.waitForFinished(5000));
}

void FaultRunTest::faultedCaseRunsAlone()
{
    FaultProject f = faultProject(m_server.port());
    // Unfaulted cases that would overlap if run in parallel, and one faulted in between.
    QList<Id> ids;
    for (int i = 0; i < 3; ++i) {
        Check c = httpCheck(QStringLiteral("slow %1").arg(i), QStringLiteral("GET"),
            QStringLiteral("%1/slow/300").arg(m_server.baseUrl()));
        c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
        ids << f.addCase(QStringLiteral("plain %1").arg(i), {}, { c }).id;
        if (i == 0)
            ids << f.addCase(QStringLiteral("faulted"),
                        { CaseFault { f.edge, fault(QStringLiteral("latency=300")) } },
                        { getJson(QStringLiteral("slow payment")) })
                       .id;
    }
    RunOptions options;
    options.concurrency = 8;
    const Outcome o = run(f.project, options);
    QVERIFY(o.finished);
    struct Span
    {
        QDateTime from, to;
    };
    QList<Span> spans;
    for (const Id &id : ids) {
        const CheckResult *r = resultOf(o.results, id);
        QVERIFY(r);
        QVERIFY2(r->status == ResultStatus::Pass, qPrintable(r->message));
        spans << Span { r->finishedAt.addMSecs(-r->durationMs), r->finishedAt };
    }
    const Span faulted = spans.at(1);
    for (int i : { 0, 2, 3 }) {
        const Span &s = spans.at(i);
        const bool overlaps = s.from < faulted.to && faulted.from < s.to;
        QVERIFY2(!overlaps,
            qPrintable(
                QStringLiteral("case %1 [%2, %3] overlaps the faulted one [%4, %5]")
                    .arg(i)
                    .arg(s.from.toString(Qt::ISODateWithMs), s.to.toString(Qt::ISODateWithMs),
                        faulted.from.toString(Qt::ISODateWithMs), faulted.to.toString(Qt::ISODateWithMs))));
    }
    // The unfaulted ones still ran in parallel with each other (the runner's parallelism stays).
    const Span &a = spans.at(2), &b = spans.at(3);
    QVERIFY2(a.from < b.to && b.from < a.to, "the unfaulted cases after the faulted one ran one by one");
}

void FaultRunTest::cancelClosesTheProxies()
{
    FaultProject f = faultProject(m_server.port());
    f.addCase(QStringLiteral("very slow payment"),
        { CaseFault { f.edge, fault(QStringLiteral("latency=20000")) } },
        { getJson(QStringLiteral("never answers in time"), 200, 30000) });
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    RunOptions options;
    options.environment = QStringLiteral("local");
    QVERIFY(runner.start(f.project, options).ok());
    QTRY_VERIFY_WITH_TIMEOUT(accepts(f.listen), 5000);
    QTest::qWait(200); // the check's request is held by the fault now
    QElapsedTimer clock;
    clock.start();
    runner.cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 4000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!accepts(f.listen));
}

void FaultRunTest::protectedEnvironmentRefusesFaultsUnlessAllowed()
{
    FaultProject f = faultProject(m_server.port());
    f.project.environments.first().isProtected = true;
    const Id id
        = f.addCase(QStringLiteral("slow"), { CaseFault { f.edge, fault(QStringLiteral("latency=50")) } },
               { getJson(QStringLiteral("a")) })
              .id;
    RunOptions options;
    options.confirmProtected = true;
    Outcome o = run(f.project, options);
    QVERIFY(o.finished);
    QCOMPARE(toString(resultOf(o.results, id)->status), toString(ResultStatus::Error));
    QVERIFY2(resultOf(o.results, id)->message.contains(QStringLiteral("environment \"local\" is protected")),
        qPrintable(resultOf(o.results, id)->message));
    options.confirmFaults = true;
    o = run(f.project, options);
    QVERIFY(o.finished);
    QVERIFY2(
        resultOf(o.results, id)->status == ResultStatus::Pass, qPrintable(resultOf(o.results, id)->message));
}

void FaultRunTest::killedCliLeavesNoPortListening()
{
    QTemporaryDir dir;
    FaultProject f = faultProject(m_server.port());
    f.addCase(QStringLiteral("very slow payment"),
        { CaseFault { f.edge, fault(QStringLiteral("latency=20000")) } },
        { getJson(QStringLiteral("held"), 200, 30000) });
    const QString path = dir.filePath(QStringLiteral("faults.flowbench"));
    {
        auto store = ProjectStore::create(path, f.project.name);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        const Status replaced = store.value()->replaceContents(f.project);
        QVERIFY2(replaced.ok(), qPrintable(replaced.error()));
    }
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(cliPath(), { QStringLiteral("run"), path, QStringLiteral("--env"), QStringLiteral("local") });
    QVERIFY2(cli.waitForStarted(10000), qPrintable(cli.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(accepts(f.listen), 10000);
    QTest::qWait(300); // the case has begun: its fault holds the request
    QCOMPARE(cli.state(), QProcess::Running);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(5000));
    QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
    QVERIFY2(!accepts(f.listen), "the killed runner's proxy port still accepts connections");
}

QTEST_GUILESS_MAIN(FaultRunTest)
#include "tst_faultrun.moc"
