#include "analysis/coverage.h"

#include <QtTest>

using namespace flowbench;

namespace {

QString uid(int n) { return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')); }

Node node(int n, NodeKind kind, const char *group)
{
    Node x;
    x.id = uid(n);
    x.kind = kind;
    x.name = QStringLiteral("node %1").arg(n);
    x.group = QString::fromLatin1(group);
    return x;
}

TestCase testCase(int n, int nodeN, bool automated, int checks, int flowN = 0)
{
    TestCase t;
    t.id = uid(n);
    t.nodeId = uid(nodeN);
    t.flowId = flowN ? uid(flowN) : QString();
    t.title = QStringLiteral("tc %1").arg(n);
    t.automated = automated;
    for (int i = 0; i < checks; ++i) {
        Check c;
        c.id = uid(n * 100 + i);
        c.type = QStringLiteral("http");
        t.checks.append(c);
    }
    return t;
}

// screen 1 (Storefront): manual only; api 2 (Orders): automated + manual; table 3 (Orders):
// an automated test case without checks (does not run, so manual); table 4: nothing;
// job 5 (no group): automated.
Project sample()
{
    Project p;
    p.nodes = {node(1, NodeKind::Screen, "Storefront"), node(2, NodeKind::Api, "Orders"),
               node(3, NodeKind::Table, "Orders"), node(4, NodeKind::Table, "Orders"),
               node(5, NodeKind::Job, "")};
    p.edges = {Edge{uid(20), uid(1), uid(2), EdgeKind::Calls, QString(), 0}};
    Flow f;
    f.id = uid(30);
    f.name = QStringLiteral("Checkout");
    f.nodeIds = {uid(1), uid(2), uid(4), uid(2)};
    p.flows = {f};
    p.testCases = {testCase(40, 1, false, 0), testCase(41, 2, false, 0), testCase(42, 2, true, 2, 30),
                   testCase(43, 3, true, 0), testCase(44, 5, true, 1, 30)};
    return p;
}

} // namespace

class TestCoverage : public QObject
{
    Q_OBJECT
private slots:
    void perNode_data();
    void perNode();
    void totals();
    void perKind();
    void perFlow();
    void perGroup();
    void emptyProject();
};

void TestCoverage::perNode_data()
{
    QTest::addColumn<int>("node");
    QTest::addColumn<QString>("expected");
    QTest::newRow("manual only") << 1 << QStringLiteral("manual");
    QTest::newRow("automated wins over manual") << 2 << QStringLiteral("automated");
    QTest::newRow("automated without checks does not run") << 3 << QStringLiteral("manual");
    QTest::newRow("no test case") << 4 << QStringLiteral("none");
    QTest::newRow("automated") << 5 << QStringLiteral("automated");
    QTest::newRow("unknown node") << 99 << QStringLiteral("none");
}

void TestCoverage::perNode()
{
    QFETCH(int, node);
    QFETCH(QString, expected);
    const CoverageReport report = computeCoverage(sample());
    QCOMPARE(toString(report.coverageOf(uid(node))), expected);
}

void TestCoverage::totals()
{
    const CoverageReport r = computeCoverage(sample());
    QCOMPARE(r.total.nodes, 5);
    QCOMPARE(r.total.withTestCases, 4);
    QCOMPARE(r.total.withAutomated, 2);
    QCOMPARE(r.total.percent(), 80.0);
    QCOMPARE(r.total.automatedPercent(), 40.0);
    QCOMPARE(r.testCases, 5);
    QCOMPARE(r.manualTestCases, 2);
    QCOMPARE(r.automatedTestCases, 3);
    QCOMPARE(r.checks, 3);
    QCOMPARE(r.edges, 1);
    QCOMPARE(r.testCasesPerNode.value(uid(2)), 2);
    QCOMPARE(r.testCasesPerNode.value(uid(4)), 0);
}

void TestCoverage::perKind()
{
    const CoverageReport r = computeCoverage(sample());
    QCOMPARE(r.kinds.size(), 8); // every kind, also those without nodes
    QCOMPARE(r.kind(NodeKind::Table).counts, (CoverageCounts{2, 1, 0}));
    QCOMPARE(r.kind(NodeKind::Api).counts, (CoverageCounts{1, 1, 1}));
    QCOMPARE(r.kind(NodeKind::Queue).counts, (CoverageCounts{0, 0, 0}));
    QCOMPARE(r.kind(NodeKind::Queue).counts.percent(), 0.0);
}

void TestCoverage::perFlow()
{
    const CoverageReport r = computeCoverage(sample());
    QCOMPARE(r.flows.size(), 1);
    QCOMPARE(r.flows[0].name, QStringLiteral("Checkout"));
    // Node 2 appears twice in the path but counts once.
    QCOMPARE(r.flows[0].counts, (CoverageCounts{3, 2, 1}));
    QCOMPARE(r.flows[0].testCases, 2);
}

void TestCoverage::perGroup()
{
    const CoverageReport r = computeCoverage(sample());
    QCOMPARE(r.groups.size(), 3);
    QCOMPARE(r.groups[0].group, QStringLiteral("Orders"));
    QCOMPARE(r.groups[0].counts, (CoverageCounts{3, 2, 1}));
    QCOMPARE(r.groups[1].group, QStringLiteral("Storefront"));
    QCOMPARE(r.groups[2].group, QString()); // nodes without a group come last
    QCOMPARE(r.groups[2].counts, (CoverageCounts{1, 1, 1}));
}

void TestCoverage::emptyProject()
{
    const CoverageReport r = computeCoverage(Project());
    QCOMPARE(r.total.nodes, 0);
    QCOMPARE(r.total.percent(), 0.0);
    QVERIFY(r.flows.isEmpty());
    QVERIFY(r.groups.isEmpty());
    QCOMPARE(r.kinds.size(), 8);
}

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
