// Faults of test cases and fault proxies of environments: the canonical JSON shape, the
// store round trip, and what validation says about them.

#include "checks/projectvalidator.h"
#include "io/canonicaljson.h"
#include "model/casefault.h"
#include "store/projectstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {

QString uid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

Fault fault(const char *text)
{
    const Result<Fault> f = parseFault(QString::fromLatin1(text));
    return f ? f.value() : Fault();
}

// orders (service) → payment (external), one test case on orders with two faults.
Project faultedProject()
{
    Project p;
    p.name = QStringLiteral("Shop");
    Node orders;
    orders.id = uid(1);
    orders.kind = NodeKind::Service;
    orders.name = QStringLiteral("orders");
    Node payment;
    payment.id = uid(2);
    payment.kind = NodeKind::External;
    payment.name = QStringLiteral("payment");
    p.nodes = { orders, payment };
    p.edges = { Edge { uid(3), orders.id, payment.id, EdgeKind::Calls, QString(), 0 } };
    TestCase t;
    t.id = uid(4);
    t.nodeId = orders.id;
    t.title = QStringLiteral("payment slow");
    t.automated = true;
    t.faults = { CaseFault { uid(3), fault("latency=3000,jitter=100") },
        CaseFault { uid(2), fault("http_status=503,count=1") } };
    p.testCases = { t };
    Environment e;
    e.id = uid(5);
    e.name = QStringLiteral("local");
    e.proxies = { ProxyRoute { uid(3), QStringLiteral("127.0.0.1:18091"), QStringLiteral("127.0.0.1:18090") },
        ProxyRoute { uid(2), QStringLiteral("localhost:18092"), QStringLiteral("pay.internal:443") } };
    p.environments = { e };
    return p;
}

} // namespace

class TestCaseFaults : public QObject
{
    Q_OBJECT
private slots:
    void canonicalShape();
    void canonicalRoundTrip();
    void withoutFaultsNothingIsWritten();
    void storeRoundTrip();
    void resultRecordsFaults();
    void summaryReadsBack_data();
    void summaryReadsBack();
    void proxyProblems_data();
    void proxyProblems();
    void faultProblems_data();
    void faultProblems();
    void activeFaultsText();
};

void TestCaseFaults::canonicalShape()
{
    const QJsonObject doc = QJsonDocument::fromJson(toCanonicalJson(faultedProject())).object();
    const QJsonObject testCase = doc.value(QStringLiteral("testCases")).toArray().first().toObject();
    const QJsonArray faults = testCase.value(QStringLiteral("faults")).toArray();
    QCOMPARE(faults.size(), 2);
    const QJsonObject first = faults.first().toObject();
    QCOMPARE(first.value(QStringLiteral("on")).toString(), uid(3));
    QCOMPARE(first.value(QStringLiteral("type")).toString(), QStringLiteral("latency"));
    QCOMPARE(first.value(QStringLiteral("stream")).toString(), QStringLiteral("downstream"));
    QCOMPARE(first.value(QStringLiteral("toxicity")).toDouble(), 1.0);
    QCOMPARE(
        first.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("latency")).toInt(), 3000);
    QCOMPARE(
        first.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("jitter")).toInt(), 100);
    const QJsonObject environment = doc.value(QStringLiteral("environments")).toArray().first().toObject();
    const QJsonObject proxy = environment.value(QStringLiteral("proxies")).toArray().first().toObject();
    QCOMPARE(proxy,
        (QJsonObject { { QStringLiteral("for"), uid(3) },
            { QStringLiteral("listen"), QStringLiteral("127.0.0.1:18091") },
            { QStringLiteral("upstream"), QStringLiteral("127.0.0.1:18090") } }));
    // "on" leads, then Toxiproxy's order.
    const QByteArray text = toCanonicalJson(faultedProject());
    const int on = int(text.indexOf("\"on\""));
    QVERIFY(on > 0);
    QVERIFY(on < text.indexOf("\"name\": \"latency_downstream\""));
    QVERIFY(text.indexOf("\"name\": \"latency_downstream\"") < text.indexOf("\"type\": \"latency\""));
}

void TestCaseFaults::canonicalRoundTrip()
{
    const Project p = faultedProject();
    const Result<Project> read = fromCanonicalJson(toCanonicalJson(p), QStringLiteral("shop.json"));
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QCOMPARE(read->testCases.first().faults, p.testCases.first().faults);
    QCOMPARE(read->environments.first().proxies, p.environments.first().proxies);
    QCOMPARE(toCanonicalJson(read.value()), toCanonicalJson(p));
}

void TestCaseFaults::withoutFaultsNothingIsWritten()
{
    Project p = faultedProject();
    p.testCases.first().faults.clear();
    p.environments.first().proxies.clear();
    const QByteArray text = toCanonicalJson(p);
    QVERIFY(!text.contains("\"faults\""));
    QVERIFY(!text.contains("\"proxies\""));
}

void TestCaseFaults::storeRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("faults.flowbench"));
    Project p = faultedProject();
    {
        auto store = ProjectStore::create(path, p.name);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        const Status replaced = store.value()->replaceContents(p);
        QVERIFY2(replaced.ok(), qPrintable(replaced.error()));
        // An edit of the test case and of the environment keeps (and changes) them too.
        TestCase t = store.value()->testCases()->first();
        QCOMPARE(t.faults, p.testCases.first().faults);
        t.faults.removeLast();
        QVERIFY(store.value()->updateTestCase(t).ok());
        p.testCases.first().faults.removeLast();
        Environment e = store.value()->environments()->first();
        e.proxies.append(
            ProxyRoute { uid(1), QStringLiteral("[::1]:18093"), QStringLiteral("127.0.0.1:5432") });
        QVERIFY(store.value()->updateEnvironment(e).ok());
        p.environments.first().proxies = e.proxies;
    }
    auto opened = ProjectStore::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    const Result<Project> loaded = opened.value()->load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->testCases.first().faults, p.testCases.first().faults);
    QCOMPARE(loaded->environments.first().proxies, p.environments.first().proxies);
    QCOMPARE(toCanonicalJson(loaded.value()), toCanonicalJson(p));

    // The store refuses a proxy that would listen beyond loopback, naming environment and field.
    Environment e = loaded->environments.first();
    e.proxies.first().listen = QStringLiteral("0.0.0.0:18091");
    const Status refused = opened.value()->updateEnvironment(e);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QStringLiteral("environment \"local\": proxies[0].listen")),
        qPrintable(refused.error()));
    QVERIFY2(refused.error().contains(QStringLiteral("loopback")), qPrintable(refused.error()));
}

void TestCaseFaults::resultRecordsFaults()
{
    QTemporaryDir dir;
    Project p = faultedProject();
    Run run;
    run.id = uid(10);
    run.startedAt = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05.000Z"), Qt::ISODateWithMs);
    run.finishedAt = run.startedAt.addSecs(4);
    CheckResult r;
    r.id = uid(11);
    r.runId = run.id;
    r.testCaseId = uid(4);
    r.checkId = uid(12);
    r.status = ResultStatus::Pass;
    r.faults = QStringLiteral("orders → payment: latency=3000");
    r.finishedAt = run.finishedAt;
    p.runs = { run };
    p.results = { r };
    auto store = ProjectStore::create(dir.filePath(QStringLiteral("r.flowbench")), p.name);
    QVERIFY(store.ok());
    QVERIFY(store.value()->replaceContents(p).ok());
    const Result<Project> loaded = store.value()->load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->results.first().faults, r.faults);
    const QByteArray json = toCanonicalJson(loaded.value(), JsonExportOptions { true });
    QVERIFY(json.contains("\"faults\": \"orders → payment: latency=3000\""));
    const Result<Project> read = fromCanonicalJson(json, QStringLiteral("r.json"));
    QVERIFY2(read.ok(), qPrintable(read.error()));
    QCOMPARE(read->results.first().faults, r.faults);
}

void TestCaseFaults::summaryReadsBack_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("summary");
    QTest::newRow("latency") << "latency=3000"
                             << "latency=3000";
    QTest::newRow("jitter kept") << "latency=3000,jitter=200"
                                 << "latency=3000,jitter=200";
    QTest::newRow("upstream kept") << "limit_data=1024,stream=upstream"
                                   << "limit_data=1024,stream=upstream";
    QTest::newRow("down") << "down"
                          << "down";
    QTest::newRow("http status") << "http_status=503,count=1"
                                 << "http_status=503,count=1";
    QTest::newRow("every request") << "http_status=502"
                                   << "http_status=502";
    QTest::newRow("own name") << "timeout=500,name=hold"
                              << "timeout=500,name=hold";
    QTest::newRow("toxicity") << "bandwidth=64,toxicity=0.5"
                              << "bandwidth=64,toxicity=0.5";
}

void TestCaseFaults::summaryReadsBack()
{
    QFETCH(QString, text);
    QFETCH(QString, summary);
    const Result<Fault> f = parseFault(text);
    QVERIFY2(f.ok(), qPrintable(f.error()));
    QCOMPARE(faultSummary(f.value()), summary);
    const Result<Fault> again = parseFault(faultSummary(f.value()));
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again.value(), f.value());
}

void TestCaseFaults::proxyProblems_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("upstream");
    QTest::addColumn<QString>("problem"); // empty: none
    QTest::newRow("loopback v4") << "127.0.0.1:18091"
                                 << "127.0.0.1:18090"
                                 << "";
    QTest::newRow("localhost") << "localhost:18091"
                               << "db.internal:5432"
                               << "";
    QTest::newRow("loopback v6") << "[::1]:18091"
                                 << "127.0.0.1:1"
                                 << "";
    QTest::newRow("all interfaces")
        << "0.0.0.0:18091"
        << "127.0.0.1:18090"
        << "environment \"local\": proxies[0].listen: \"0.0.0.0:18091\" is not a loopback address";
    QTest::newRow("lan address")
        << "192.168.1.5:18091"
        << "127.0.0.1:18090"
        << "environment \"local\": proxies[0].listen: \"192.168.1.5:18091\" is not a loopback address";
    QTest::newRow("no port") << "127.0.0.1"
                             << "127.0.0.1:18090"
                             << "environment \"local\": proxies[0].listen: expected host:port";
    QTest::newRow("port out of range") << "127.0.0.1:70000"
                                       << "127.0.0.1:18090"
                                       << "environment \"local\": proxies[0].listen: expected host:port";
    QTest::newRow("upstream without port")
        << "127.0.0.1:18091"
        << "payments"
        << "environment \"local\": proxies[0].upstream: expected host:port";
}

void TestCaseFaults::proxyProblems()
{
    QFETCH(QString, listen);
    QFETCH(QString, upstream);
    QFETCH(QString, problem);
    Project p = faultedProject();
    p.environments.first().proxies = { ProxyRoute { uid(3), listen, upstream } };
    const QStringList problems = validateProject(p);
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(problem), qPrintable(problems.first()));
    // The canonical JSON refuses the file with the same words.
    const Result<Project> read = fromCanonicalJson(toCanonicalJson(p), QStringLiteral("shop.json"));
    QVERIFY(!read.ok());
    QVERIFY2(read.error().contains(problem), qPrintable(read.error()));
}

void TestCaseFaults::faultProblems_data()
{
    QTest::addColumn<QByteArray>("faultsJson"); // the test case's "faults", in the file
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown target")
        << QByteArray(R"([{"on": "00000000-0000-4000-8000-000000000099", "type": "down"}])")
        << "testCases[0].faults[0].on (test case \"payment slow\"): no node or edge with id "
           "\"00000000-0000-4000-8000-000000000099\"";
    QTest::newRow("no target") << QByteArray(R"([{"type": "down"}])")
                               << "testCases[0].faults[0].on: must name the node or edge id";
    QTest::newRow("unknown kind") << QByteArray(
        R"([{"on": "00000000-0000-4000-8000-000000000002", "type": "slow"}])")
                                  << "testCases[0].faults[0]: fault: \"type\" must be one of";
    QTest::newRow("missing value") << QByteArray(
        R"([{"on": "00000000-0000-4000-8000-000000000002", "type": "latency"}])")
                                   << "testCases[0].faults[0]: fault latency: attributes need \"latency\"";
    QTest::newRow("same name twice on one target")
        << QByteArray(R"([{"on": "00000000-0000-4000-8000-000000000002", "type": "down"},
                          {"on": "00000000-0000-4000-8000-000000000002", "type": "down"}])")
        << "testCases[0].faults[1].name: \"down\" is used twice on the same target";
}

void TestCaseFaults::faultProblems()
{
    QFETCH(QByteArray, faultsJson);
    QFETCH(QString, problem);
    Project p = faultedProject();
    p.testCases.first().faults.clear();
    QJsonObject doc = QJsonDocument::fromJson(toCanonicalJson(p)).object();
    QJsonArray testCases = doc.value(QStringLiteral("testCases")).toArray();
    QJsonObject t = testCases.first().toObject();
    t.insert(QStringLiteral("faults"), QJsonDocument::fromJson(faultsJson).array());
    testCases[0] = t;
    doc.insert(QStringLiteral("testCases"), testCases);
    const QByteArray file = QJsonDocument(doc).toJson();
    // The file itself, then what `flowbench-cli validate`/import add (targets on the map).
    const Result<Project> read = fromCanonicalJson(file, QStringLiteral("shop.json"));
    QString error = read.ok() ? projectProblems(read.value()).join(QLatin1Char('\n')) : read.error();
    QVERIFY2(error.contains(problem), qPrintable(error));
}

void TestCaseFaults::activeFaultsText()
{
    const Project p = faultedProject();
    QCOMPARE(flowbench::activeFaultsText(p, p.testCases.first().faults),
        QStringLiteral("orders → payment: latency=3000,jitter=100; payment: http_status=503,count=1"));
    QCOMPARE(describeFaultTarget(p, uid(77)), uid(77));
}

QTEST_GUILESS_MAIN(TestCaseFaults)
#include "tst_casefaults.moc"
