#include "analysis/nodeoutcomes.h"

#include <QtTest>

using namespace flowbench;

namespace {

struct Fixture
{
    Project project;
    Id api, table, idle;
    Id c1, c2, c3;

    Fixture()
    {
        api = addNode(QStringLiteral("POST /orders"));
        table = addNode(QStringLiteral("orders"));
        idle = addNode(QStringLiteral("email"));
        c1 = addCheck(api);
        c2 = addCheck(api);
        c3 = addCheck(table);
    }
    Id addNode(const QString &name)
    {
        Node n;
        n.id = newId();
        n.name = name;
        project.nodes.append(n);
        return n.id;
    }
    Id addCheck(const Id &node)
    {
        TestCase t;
        t.id = newId();
        t.nodeId = node;
        t.title = QStringLiteral("t");
        Check c;
        c.id = newId();
        c.type = QStringLiteral("http");
        t.checks.append(c);
        project.testCases.append(t);
        return c.id;
    }
};

CheckResult result(
    const Id &check, ResultStatus status, const QDateTime &at = QDateTime::currentDateTimeUtc())
{
    CheckResult r;
    r.id = newId();
    r.checkId = check;
    r.status = status;
    r.finishedAt = at;
    return r;
}

} // namespace

class TestNodeOutcomes : public QObject
{
    Q_OBJECT
private slots:
    void worstResultPaintsTheNode();
    void staleAfterMaxAge();
    void deletedChecksDoNotCount();
};

void TestNodeOutcomes::worstResultPaintsTheNode()
{
    Fixture f;
    const auto outcomes = nodeOutcomes(f.project,
        { result(f.c1, ResultStatus::Pass), result(f.c2, ResultStatus::Fail),
            result(f.c3, ResultStatus::Pass) });
    QCOMPARE(outcomes.value(f.api).state, NodeState::Fail);
    QCOMPARE(outcomes.value(f.api).passed, 1);
    QCOMPARE(outcomes.value(f.api).failed, 1);
    QCOMPARE(outcomes.value(f.table).state, NodeState::Pass);
    QVERIFY(!outcomes.contains(f.idle));
    QCOMPARE(outcomes.value(f.idle).state, NodeState::NotRun);

    const auto withError
        = nodeOutcomes(f.project, { result(f.c1, ResultStatus::Error), result(f.c2, ResultStatus::Fail) });
    QCOMPARE(withError.value(f.api).state, NodeState::Error);
}

void TestNodeOutcomes::staleAfterMaxAge()
{
    Fixture f;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto outcomes = nodeOutcomes(f.project,
        { result(f.c1, ResultStatus::Pass, now.addSecs(-7200)),
            result(f.c3, ResultStatus::Pass, now.addSecs(-60)) });
    QVERIFY(outcomes.value(f.api).isStale(now, 3600));
    QVERIFY(!outcomes.value(f.table).isStale(now, 3600));
    QVERIFY(!outcomes.value(f.idle).isStale(now, 3600));
}

void TestNodeOutcomes::deletedChecksDoNotCount()
{
    Fixture f;
    const auto outcomes = nodeOutcomes(f.project, { result(newId(), ResultStatus::Fail) });
    QVERIFY(outcomes.isEmpty());
}

QTEST_GUILESS_MAIN(TestNodeOutcomes)
#include "tst_nodeoutcomes.moc"
