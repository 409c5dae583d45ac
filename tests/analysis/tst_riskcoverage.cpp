#include "analysis/riskcoverage.h"

#include <QtTest>

using namespace flowbench;

namespace {

QString uid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

Node node(int n, const QString &name, int likelihood, int impact, const QString &group = QString())
{
    Node x;
    x.id = uid(n);
    x.kind = NodeKind::Service;
    x.name = name;
    x.group = group;
    x.risk = Risk { likelihood, impact };
    return x;
}

// Test cases for a node, written compactly: "manual", "auto" (automated, no checks) or
// "auto:pass,fail,-" (automated; one check per entry with that latest result, "-" = not run).
struct Built
{
    QList<TestCase> testCases;
    QList<CheckResult> results;
};

Built testCasesFor(int nodeN, const QStringList &specs, int *nextId)
{
    Built b;
    for (const QString &spec : specs) {
        TestCase t;
        t.id = uid((*nextId)++);
        t.nodeId = uid(nodeN);
        t.title = spec;
        t.automated = spec.startsWith(QLatin1String("auto"));
        const QString statuses = spec.section(QLatin1Char(':'), 1);
        for (const QString &status : statuses.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            Check c;
            c.id = uid((*nextId)++);
            c.type = QStringLiteral("http");
            t.checks.append(c);
            if (status == QLatin1String("-"))
                continue;
            CheckResult r;
            r.id = uid((*nextId)++);
            r.checkId = c.id;
            r.testCaseId = t.id;
            r.nodeId = t.nodeId;
            r.status = *resultStatusFromString(status);
            r.finishedAt = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
            b.results.append(r);
        }
        b.testCases.append(t);
    }
    return b;
}

// Adds a node with the given test cases to the project and its results to `results`.
void addNode(Project &p, QList<CheckResult> &results, const Node &n, const QStringList &specs)
{
    static int nextId = 1000;
    p.nodes.append(n);
    const Built b = testCasesFor(n.id.right(4).toInt(), specs, &nextId);
    p.testCases += b.testCases;
    results += b.results;
}

QStringList names(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

QStringList rankedNames(const RiskCoverageReport &r)
{
    QStringList names;
    for (const NodeRiskCoverage &row : r.ranked)
        names << row.name;
    return names;
}

} // namespace

class TestRiskCoverage : public QObject
{
    Q_OBJECT

private slots:
    void coverageClass_data()
    {
        QTest::addColumn<QStringList>("testCases");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no test case") << names({}) << "none";
        QTest::newRow("manual only") << names({ "manual", "manual" }) << "manual";
        QTest::newRow("automated without checks counts as manual") << names({ "auto" }) << "manual";
        QTest::newRow("automated, never run") << names({ "auto:-,-" }) << "automated";
        QTest::newRow("automated, one check not run") << names({ "auto:pass,-" }) << "automated";
        QTest::newRow("automated, all pass") << names({ "auto:pass,pass" }) << "passing";
        QTest::newRow("automated, one fails") << names({ "auto:pass,fail" }) << "automated";
        QTest::newRow("automated, one errors") << names({ "auto:error,pass" }) << "automated";
        QTest::newRow("automated, one skipped") << names({ "auto:pass,skipped" }) << "automated";
        QTest::newRow("two automated, second not run") << names({ "auto:pass", "auto:-" }) << "automated";
        QTest::newRow("two automated, both pass") << names({ "auto:pass", "auto:pass,pass" }) << "passing";
        QTest::newRow("passing plus a manual case") << names({ "manual", "auto:pass" }) << "passing";
        QTest::newRow("passing plus a checkless automated case")
            << names({ "auto", "auto:pass" }) << "passing";
    }

    void coverageClass()
    {
        QFETCH(QStringList, testCases);
        QFETCH(QString, expected);
        Project p;
        QList<CheckResult> results;
        addNode(p, results, node(1, QStringLiteral("subject"), 3, 3), testCases);
        addNode(p, results, node(2, QStringLiteral("neighbour"), 3, 3), { QStringLiteral("auto:fail") });
        const RiskCoverageReport r = computeRiskCoverage(p, results);
        QCOMPARE(r.ranked.size(), 2);
        const NodeRiskCoverage *row = r.node(uid(1));
        QVERIFY(row);
        QCOMPARE(toString(row->coverage), expected);
        QCOMPARE(row->testCases, testCases.size());
        QCOMPARE(
            toString(r.node(uid(2))->coverage), QStringLiteral("automated")); // unaffected by the subject
    }

    void resultOfADeletedTestCaseDoesNotCount()
    {
        Project p;
        QList<CheckResult> results;
        addNode(p, results, node(1, QStringLiteral("n"), 1, 1), { QStringLiteral("auto:pass") });
        CheckResult stray = results.first();
        stray.checkId = uid(9999); // a check no longer in the project failed
        stray.status = ResultStatus::Fail;
        results.append(stray);
        const RiskCoverageReport r = computeRiskCoverage(p, results);
        QCOMPARE(toString(r.node(uid(1))->coverage), QStringLiteral("passing"));
        QVERIFY(r.node(uid(1))->outcome.state == NodeState::Pass);
    }

    void newestResultDecides_data()
    {
        QTest::addColumn<QString>("older");
        QTest::addColumn<QString>("newer");
        QTest::addColumn<bool>("sameTime");
        QTest::addColumn<QString>("expected");
        QTest::newRow("fail then pass") << "fail"
                                        << "pass" << false << "passing";
        QTest::newRow("pass then fail") << "pass"
                                        << "fail" << false << "automated";
        QTest::newRow("same time: the later listed wins") << "fail"
                                                          << "pass" << true << "passing";
    }

    void newestResultDecides()
    {
        QFETCH(QString, older);
        QFETCH(QString, newer);
        QFETCH(bool, sameTime);
        QFETCH(QString, expected);
        Project p;
        QList<CheckResult> history;
        addNode(p, history, node(1, QStringLiteral("n"), 1, 1), { QStringLiteral("auto:") + newer });
        CheckResult before = history.first();
        before.id = uid(8888);
        before.status = *resultStatusFromString(older);
        if (!sameTime)
            before.finishedAt = before.finishedAt.addSecs(-60);
        // Listed after the newer one when the times differ: the time decides, not the order.
        if (sameTime)
            history.prepend(before);
        else
            history.append(before);
        const QList<CheckResult> latest = latestResultsOf(history);
        QCOMPARE(latest.size(), 1);
        QCOMPARE(toString(computeRiskCoverage(p, latest).node(uid(1))->coverage), expected);
    }

    void ranking()
    {
        Project p;
        QList<CheckResult> results;
        // Score 20: one of each class, names chosen so that name order differs from coverage order.
        addNode(p, results, node(1, QStringLiteral("a passing"), 4, 5), { QStringLiteral("auto:pass") });
        addNode(p, results, node(2, QStringLiteral("b automated"), 5, 4), { QStringLiteral("auto:fail") });
        addNode(p, results, node(3, QStringLiteral("c manual"), 4, 5), { QStringLiteral("manual") });
        addNode(p, results, node(4, QStringLiteral("d none"), 5, 4), {});
        // Score 25 beats everything even when passing; score 1 comes last even untested.
        addNode(p, results, node(5, QStringLiteral("z top"), 5, 5), { QStringLiteral("auto:pass") });
        addNode(p, results, node(6, QStringLiteral("bottom"), 1, 1), {});
        // Equal score and class: by name, case-insensitively.
        addNode(p, results, node(7, QStringLiteral("Echo"), 2, 3), {});
        addNode(p, results, node(8, QStringLiteral("delta"), 3, 2), {});
        const RiskCoverageReport r = computeRiskCoverage(p, results);
        QCOMPARE(rankedNames(r),
            (names(
                { "z top", "d none", "c manual", "b automated", "a passing", "delta", "Echo", "bottom" })));
        for (int i = 0; i < r.ranked.size(); ++i)
            QCOMPARE(r.node(r.ranked[i].nodeId), &r.ranked[i]);
        QVERIFY(!r.node(uid(4242)));
    }

    void attentionFirst()
    {
        Project p;
        QList<CheckResult> results;
        addNode(p, results, node(1, QStringLiteral("top passing"), 5, 5), { QStringLiteral("auto:pass") });
        addNode(p, results, node(2, QStringLiteral("high manual"), 4, 4), { QStringLiteral("manual") });
        addNode(p, results, node(3, QStringLiteral("failing"), 3, 5), { QStringLiteral("auto:fail") });
        addNode(p, results, node(4, QStringLiteral("edge untested"), 3, 4), {});
        addNode(p, results, node(5, QStringLiteral("low untested"), 1, 2), {});
        const RiskCoverageReport r = computeRiskCoverage(p, results);
        QCOMPARE(rankedNames(r),
            (names({ "top passing", "high manual", "failing", "edge untested", "low untested" })));
        // Risk 12 and up without automated checks go first; the rest keep their rank.
        RiskCoverageReport reordered = r;
        reordered.ranked = flowbench::attentionFirst(r.ranked);
        QCOMPARE(rankedNames(reordered),
            (names({ "high manual", "edge untested", "top passing", "failing", "low untested" })));
        QVERIFY(needsAttention(*r.node(uid(4))));
        QVERIFY(!needsAttention(*r.node(uid(5))));
        QVERIFY(!needsAttention(*r.node(uid(3)))); // automated, though failing
        QVERIFY(r.node(uid(3))->isFailing());
        QVERIFY(!r.node(uid(1))->isFailing());
        QVERIFY(!r.node(uid(2))->isFailing()); // manual: nothing ran
    }

    void flowsAndGroups_data()
    {
        QTest::addColumn<QStringList>("path"); // node numbers in journey order, may repeat
        QTest::addColumn<QList<int>>("expected"); // nodes, covered, automated, passing
        QTest::newRow("all four classes") << names({ "1", "2", "3", "4" }) << QList<int> { 4, 3, 2, 1 };
        QTest::newRow("repeated nodes count once")
            << names({ "1", "2", "1", "2", "1" }) << QList<int> { 2, 2, 2, 1 };
        QTest::newRow("untested only") << names({ "4", "4" }) << QList<int> { 1, 0, 0, 0 };
        QTest::newRow("unknown node ignored") << names({ "1", "99" }) << QList<int> { 1, 1, 1, 1 };
        QTest::newRow("empty flow") << names({}) << QList<int> { 0, 0, 0, 0 };
    }

    void flowsAndGroups()
    {
        QFETCH(QStringList, path);
        QFETCH(QList<int>, expected);
        Project p;
        QList<CheckResult> results;
        addNode(p, results, node(1, QStringLiteral("passing"), 2, 2, QStringLiteral("Orders")),
            { QStringLiteral("auto:pass") });
        addNode(p, results, node(2, QStringLiteral("automated"), 2, 2, QStringLiteral("Orders")),
            { QStringLiteral("auto:-") });
        addNode(p, results, node(3, QStringLiteral("manual"), 2, 2, QStringLiteral("Accounts")),
            { QStringLiteral("manual") });
        addNode(p, results, node(4, QStringLiteral("none"), 2, 2), {});
        Flow f;
        f.id = uid(500);
        f.name = QStringLiteral("Journey");
        for (const QString &n : path)
            f.nodeIds.append(uid(n.toInt()));
        p.flows = { f };

        const RiskCoverageReport r = computeRiskCoverage(p, results);
        QCOMPARE(r.flows.size(), 1);
        const RiskCoverageCounts &c = r.flows.first().counts;
        QCOMPARE((QList<int> { c.nodes, c.covered, c.automated, c.passing }), expected);
        if (c.nodes > 0) {
            QCOMPARE(c.coveredPercent(), 100.0 * expected[1] / expected[0]);
            QCOMPARE(c.passingPercent(), 100.0 * expected[3] / expected[0]);
        } else {
            QCOMPARE(c.coveredPercent(), 0.0);
        }

        // Groups by name with the unnamed group last; the totals cover every node.
        QCOMPARE(r.groups.size(), 3);
        QCOMPARE(r.groups[0].group, QStringLiteral("Accounts"));
        QCOMPARE(r.groups[0].counts, (RiskCoverageCounts { 1, 1, 0, 0 }));
        QCOMPARE(r.groups[1].group, QStringLiteral("Orders"));
        QCOMPARE(r.groups[1].counts, (RiskCoverageCounts { 2, 2, 2, 1 }));
        QCOMPARE(r.groups[1].counts.automatedPercent(), 100.0);
        QCOMPARE(r.groups[1].counts.passingPercent(), 50.0);
        QCOMPARE(r.groups[2].group, QString());
        QCOMPARE(r.total, (RiskCoverageCounts { 4, 3, 2, 1 }));
        QCOMPARE(r.total.coveredPercent(), 75.0);
    }

    void scopeLimitsNodesFlowsAndGroups()
    {
        Project p;
        QList<CheckResult> results;
        addNode(p, results, node(1, QStringLiteral("one"), 5, 5, QStringLiteral("A")), {});
        addNode(p, results, node(2, QStringLiteral("two"), 1, 1, QStringLiteral("B")),
            { QStringLiteral("auto:pass") });
        addNode(p, results, node(3, QStringLiteral("three"), 1, 1, QStringLiteral("C")), {});
        Flow in { uid(600), QStringLiteral("In"), QString(), { uid(1), uid(3) }, Risk {}, 0 };
        Flow out { uid(601), QStringLiteral("Out"), QString(), { uid(2) }, Risk {}, 0 };
        p.flows = { in, out };
        const RiskCoverageReport r = computeRiskCoverage(p, results, { uid(1), uid(2) });
        QCOMPARE(rankedNames(r), (names({ "one", "two" })));
        QCOMPARE(r.total, (RiskCoverageCounts { 2, 1, 1, 1 }));
        QCOMPARE(r.groups.size(), 2);
        QCOMPARE(r.flows.size(), 2);
        QCOMPARE(r.flows[0].counts.nodes, 1); // node 3 is outside the scope
        QVERIFY(!r.node(uid(3)));
    }
};

QTEST_GUILESS_MAIN(TestRiskCoverage)
#include "tst_riskcoverage.moc"
