#include "analysis/directedimpact.h"
#include "analysis/impactanalysis.h"

#include <QtTest>

using namespace flowbench;

namespace {

// screen S -calls-> api A -calls-> service Svc -writes-> table T
// Svc -publishes-> queue Q; job J -consumes-> Q; J -writes-> T
// service R -reads-> T; api B -calls-> R; U stands alone.
class ShopGraph
{
public:
    ShopGraph()
    {
        add(QStringLiteral("S"), NodeKind::Screen);
        add(QStringLiteral("A"), NodeKind::Api);
        add(QStringLiteral("Svc"), NodeKind::Service);
        add(QStringLiteral("T"), NodeKind::Table);
        add(QStringLiteral("Q"), NodeKind::Queue);
        add(QStringLiteral("J"), NodeKind::Job);
        add(QStringLiteral("R"), NodeKind::Service);
        add(QStringLiteral("B"), NodeKind::Api);
        add(QStringLiteral("U"), NodeKind::External);
        link("S", "A", EdgeKind::Calls);
        link("A", "Svc", EdgeKind::Calls);
        link("Svc", "T", EdgeKind::Writes);
        link("Svc", "Q", EdgeKind::Publishes);
        link("J", "Q", EdgeKind::Consumes);
        link("J", "T", EdgeKind::Writes);
        link("R", "T", EdgeKind::Reads);
        link("B", "R", EdgeKind::Calls);
        flow(QStringLiteral("Checkout"), {"S", "A", "Svc", "T"});
        flow(QStringLiteral("Reporting"), {"B", "R"});
        flow(QStringLiteral("Partner"), {"U"});
        testCase(QStringLiteral("report totals"), "R");
        testCase(QStringLiteral("partner ping"), "U");
        testCase(QStringLiteral("order row"), "T");
    }

    Id id(const char *name) const { return project.nodeByName(QString::fromLatin1(name))->id; }
    QStringList names(const QSet<Id> &ids) const
    {
        QStringList out;
        for (const Id &i : ids)
            out << project.node(i)->name;
        out.sort();
        return out;
    }

    Project project;

private:
    void add(const QString &name, NodeKind kind)
    {
        Node n;
        n.id = newId();
        n.name = name;
        n.kind = kind;
        project.nodes.append(n);
    }
    void link(const char *from, const char *to, EdgeKind kind)
    {
        Edge e;
        e.id = newId();
        e.from = id(from);
        e.to = id(to);
        e.kind = kind;
        project.edges.append(e);
    }
    void flow(const QString &name, std::initializer_list<const char *> path)
    {
        Flow f;
        f.id = newId();
        f.name = name;
        for (const char *step : path)
            f.nodeIds.append(id(step));
        project.flows.append(f);
    }
    void testCase(const QString &title, const char *node)
    {
        TestCase t;
        t.id = newId();
        t.title = title;
        t.nodeId = id(node);
        project.testCases.append(t);
    }
};

QStringList split(const char *names)
{
    QStringList out = QString::fromLatin1(names).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    out.sort();
    return out;
}

} // namespace

class TestImpactAnalysis : public QObject
{
    Q_OBJECT
private slots:
    void reach_data();
    void reach();
    void distances_data();
    void distances();
    void directedImpactNearestFirst();
    void flowsAndTestCases();
    void cycleDoesNotIncludeSubject();
    void unknownNodeIsEmpty();
    void largeMapQueries();
};

void TestImpactAnalysis::reach_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<QStringList>("upstream");
    QTest::addColumn<QStringList>("downstream");
    // A table's writers (and whatever drives them) are upstream; its readers downstream.
    QTest::newRow("table") << "T" << split("S A Svc Q J") << split("R");
    QTest::newRow("queue") << "Q" << split("S A Svc") << split("J T R");
    QTest::newRow("reader") << "R" << split("S A Svc Q J T B") << split("");
    QTest::newRow("screen") << "S" << split("") << split("A Svc T Q J R");
    QTest::newRow("isolated") << "U" << split("") << split("");
}

void TestImpactAnalysis::reach()
{
    QFETCH(QString, node);
    QFETCH(QStringList, upstream);
    QFETCH(QStringList, downstream);
    ShopGraph g;
    ImpactAnalysis analysis(g.project);
    const Impact impact = analysis.analyze(g.id(node.toLatin1().constData()));
    QCOMPARE(g.names(impact.upstream), upstream);
    QCOMPARE(g.names(impact.downstream), downstream);
    QCOMPARE(g.names(analysis.upstream(impact.node)), upstream);
    QCOMPARE(g.names(analysis.downstream(impact.node)), downstream);
}

void TestImpactAnalysis::distances_data()
{
    QTest::addColumn<QString>("node");
    QTest::addColumn<bool>("downstream");
    QTest::addColumn<QStringList>("hops"); // name:hops, sorted
    QTest::newRow("table upstream") << "T" << false << split("A:2 J:1 Q:2 S:3 Svc:1 T:0");
    QTest::newRow("table downstream") << "T" << true << split("R:1 T:0");
    QTest::newRow("screen downstream") << "S" << true << split("A:1 J:4 Q:3 R:4 S:0 Svc:2 T:3");
    QTest::newRow("isolated") << "U" << true << split("U:0");
}

// Hops along the same walk as reach(): the sets agree, the distances order the CLI's lists.
void TestImpactAnalysis::distances()
{
    QFETCH(QString, node);
    QFETCH(bool, downstream);
    QFETCH(QStringList, hops);
    ShopGraph g;
    const QHash<Id, int> d = ImpactAnalysis(g.project).distances(g.id(node.toLatin1().constData()), downstream);
    QStringList got;
    for (auto it = d.cbegin(); it != d.cend(); ++it)
        got << QStringLiteral("%1:%2").arg(g.project.node(it.key())->name).arg(it.value());
    got.sort();
    QCOMPARE(got, hops);
}

void TestImpactAnalysis::directedImpactNearestFirst()
{
    ShopGraph g;
    const Node &table = *g.project.node(g.id("T"));
    const DirectedImpact up = directedImpact(g.project, table, ImpactDirection::Up);
    QStringList order;
    for (const ReachedNode &r : up.upstream)
        order << QStringLiteral("%1:%2").arg(r.node->name).arg(r.distance);
    QCOMPARE(order, (QStringList{QStringLiteral("J:1"), QStringLiteral("Svc:1"), QStringLiteral("A:2"),
                                 QStringLiteral("Q:2"), QStringLiteral("S:3")}));
    QVERIFY(up.downstream.isEmpty());
    // Only what this direction reaches counts: R (a reader) is downstream, so its test
    // case is not reached upstream, but the table's own is.
    QStringList titles;
    for (const TestCase *t : up.testCases)
        titles << t->title;
    QCOMPARE(titles, QStringList{QStringLiteral("order row")});
    QCOMPARE(directedImpact(g.project, table, ImpactDirection::Both).testCases.size(), 2);
}

void TestImpactAnalysis::flowsAndTestCases()
{
    ShopGraph g;
    const Impact impact = ImpactAnalysis(g.project).analyze(g.id("T"));
    QCOMPARE(impact.flowsThrough, QList<Id>{g.project.flowByName(QStringLiteral("Checkout"))->id});
    QCOMPARE(impact.flowsTouched,
             (QList<Id>{g.project.flowByName(QStringLiteral("Checkout"))->id,
                        g.project.flowByName(QStringLiteral("Reporting"))->id}));
    QStringList titles;
    for (const Id &id : impact.testCases)
        for (const TestCase &t : g.project.testCases)
            if (t.id == id)
                titles << t.title;
    titles.sort();
    QCOMPARE(titles, (QStringList{QStringLiteral("order row"), QStringLiteral("report totals")}));
    // Every edge on the paths is reported, the one to the unrelated reader of R is not.
    QCOMPARE(impact.edges.size(), 7);
}

void TestImpactAnalysis::cycleDoesNotIncludeSubject()
{
    ShopGraph g;
    Edge back;
    back.id = newId();
    back.from = g.id("T");
    back.to = g.id("Svc");
    back.kind = EdgeKind::Triggers;
    g.project.edges.append(back);
    const Impact impact = ImpactAnalysis(g.project).analyze(g.id("Svc"));
    QVERIFY(!impact.upstream.contains(g.id("Svc")));
    QVERIFY(!impact.downstream.contains(g.id("Svc")));
    QVERIFY(impact.upstream.contains(g.id("T")));
    QVERIFY(impact.downstream.contains(g.id("T")));
}

void TestImpactAnalysis::unknownNodeIsEmpty()
{
    ShopGraph g;
    const Impact impact = ImpactAnalysis(g.project).analyze(newId());
    QVERIFY(impact.upstream.isEmpty());
    QVERIFY(impact.downstream.isEmpty());
    QVERIFY(impact.testCases.isEmpty());
}

void TestImpactAnalysis::largeMapQueries()
{
    // A 5,000-node layered map: every table is reached from its api through one service.
    Project p;
    for (int i = 0; i < 5000; ++i) {
        Node n;
        n.id = newId();
        n.name = QStringLiteral("n%1").arg(i);
        n.kind = i % 3 == 0 ? NodeKind::Api : i % 3 == 1 ? NodeKind::Service : NodeKind::Table;
        p.nodes.append(n);
        if (i % 3 != 0) {
            Edge e;
            e.id = newId();
            e.from = p.nodes[i - 1].id;
            e.to = n.id;
            e.kind = i % 3 == 1 ? EdgeKind::Calls : EdgeKind::Writes;
            p.edges.append(e);
        }
    }
    ImpactAnalysis analysis(p);
    for (int i = 2; i < 5000; i += 3) {
        const Impact impact = analysis.analyze(p.nodes[i].id);
        QCOMPARE(impact.upstream.size(), 2);
        QVERIFY(impact.downstream.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestImpactAnalysis)
#include "tst_impactanalysis.moc"
