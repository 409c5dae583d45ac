#undef QT_NO_CAST_FROM_ASCII
// Test levels: what a test case reaches (its own level, or its deepest step's), the mix per
// node and per flow in the risk x coverage report, and the level kept through the
// canonical JSON and the project file.
#include "analysis/riskcoverage.h"
#include "analysis/testlevels.h"
#include "io/canonicaljson.h"
#include "store/projectstore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

Q_DECLARE_METATYPE(flowbench::TestLevel)

namespace {

QString uid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

TestCase withSteps(const QStringList &types, bool automated = true)
{
    TestCase t;
    t.id = uid(100);
    t.nodeId = uid(1);
    t.title = QStringLiteral("t");
    t.automated = automated;
    int n = 200;
    for (const QString &type : types) {
        Check c;
        c.id = uid(n++);
        c.type = type;
        t.checks << c;
    }
    return t;
}

} // namespace

class TestTestLevels : public QObject
{
    Q_OBJECT

private slots:
    void derivedFromTheDeepestStep_data()
    {
        QTest::addColumn<QStringList>("types");
        QTest::addColumn<bool>("automated");
        QTest::addColumn<TestLevel>("level");
        QTest::newRow("http only") << QStringList { "http", "http" } << true << TestLevel::Api;
        QTest::newRow("tcp") << QStringList { "tcp" } << true << TestLevel::Api;
        QTest::newRow("http then sql") << QStringList { "http", "sql" } << true << TestLevel::Database;
        QTest::newRow("http then log") << QStringList { "http", "log" } << true << TestLevel::Service;
        QTest::newRow("http then amqp") << QStringList { "http", "amqp" } << true << TestLevel::Service;
        QTest::newRow("redis then sql") << QStringList { "redis", "sql" } << true << TestLevel::Database;
        QTest::newRow("automated, no steps") << QStringList {} << true << TestLevel::Api;
        QTest::newRow("manual") << QStringList {} << false << TestLevel::EndToEnd;
        QTest::newRow("manual with steps") << QStringList { "sql" } << false << TestLevel::EndToEnd;
    }

    void derivedFromTheDeepestStep()
    {
        QFETCH(QStringList, types);
        QFETCH(bool, automated);
        QFETCH(TestLevel, level);
        TestCase t = withSteps(types, automated);
        QCOMPARE(toString(effectiveLevel(t)), toString(level));
        // A level a person set wins over the steps.
        t.level = TestLevel::EndToEnd;
        QCOMPARE(toString(effectiveLevel(t)), toString(TestLevel::EndToEnd));
    }

    void mixPerNodeAndPerFlow()
    {
        Project p;
        for (int i = 1; i <= 3; ++i) {
            Node n;
            n.id = uid(i);
            n.name = QStringLiteral("n%1").arg(i);
            n.risk = Risk { 4, 4 };
            p.nodes << n;
        }
        Flow f;
        f.id = uid(50);
        f.name = QStringLiteral("Checkout");
        f.nodeIds = { uid(1), uid(2) };
        p.flows << f;
        auto add = [&](int id, int node, const QStringList &types, const Id &flow = Id()) {
            TestCase t = withSteps(types);
            t.id = uid(id);
            t.nodeId = uid(node);
            t.flowId = flow;
            p.testCases << t;
        };
        add(10, 1, { "http" });
        add(11, 1, { "http" });
        add(12, 2, { "http", "sql" });
        add(13, 3, { "http", "amqp" }, uid(50)); // names the flow from a node off its path
        add(14, 3, { "http" }); // neither on the flow nor naming it
        const RiskCoverageReport r = computeRiskCoverage(p, {});
        QCOMPARE(r.node(uid(1))->levels.text(), QStringLiteral("api 2"));
        QVERIFY(r.node(uid(1))->levels.onlyApi());
        QCOMPARE(r.node(uid(2))->levels.text(), QStringLiteral("database 1"));
        QCOMPARE(r.node(uid(3))->levels.text(), QStringLiteral("api 1, service 1"));
        QVERIFY(!r.node(uid(3))->levels.onlyApi());
        QCOMPARE(r.flows.size(), 1);
        QCOMPARE(r.flows[0].levels.text(), QStringLiteral("api 2, service 1, database 1"));
        QCOMPARE(r.flows[0].levels.total(), 4);
    }

    void keptInJsonAndTheProjectFile()
    {
        Project p;
        Node n;
        n.id = uid(1);
        n.name = QStringLiteral("orders");
        p.nodes << n;
        TestCase set = withSteps({ "http" });
        set.level = TestLevel::EndToEnd;
        TestCase derived = withSteps({ "http" });
        derived.id = uid(101);
        derived.checks[0].id = uid(300);
        p.testCases << set << derived;

        const QByteArray json = toCanonicalJson(p);
        QVERIFY(json.contains("\"level\": \"end-to-end\""));
        QCOMPARE(json.count("\"level\""), 1); // a derived level is not written: old files keep their bytes
        const Result<Project> back = fromCanonicalJson(json, QStringLiteral("p.json"));
        QVERIFY2(back, qPrintable(back.error()));
        QVERIFY(back->testCases.value(0).level == std::optional<TestLevel>(TestLevel::EndToEnd));
        QVERIFY(!back->testCases.value(1).level);

        QByteArray bad = json;
        bad.replace("\"end-to-end\"", "\"unit\"");
        const Result<Project> refused = fromCanonicalJson(bad, QStringLiteral("p.json"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("level"))
                && refused.error().contains(QStringLiteral("unit")),
            qPrintable(refused.error()));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.flowbench"));
        {
            auto store = ProjectStore::create(path, QStringLiteral("p"));
            QVERIFY2(store, qPrintable(store.error()));
            QVERIFY(store.value()->replaceContents(p).ok());
        }
        auto reopened = ProjectStore::open(path);
        QVERIFY2(reopened, qPrintable(reopened.error()));
        const Result<Project> loaded = reopened.value()->load();
        QVERIFY2(loaded, qPrintable(loaded.error()));
        std::optional<TestLevel> levels[2];
        for (const TestCase &t : loaded->testCases)
            levels[t.id == uid(100) ? 0 : 1] = t.level;
        QVERIFY(levels[0] == std::optional<TestLevel>(TestLevel::EndToEnd));
        QVERIFY(!levels[1]);
    }
};

QTEST_GUILESS_MAIN(TestTestLevels)
#include "tst_testlevels.moc"
