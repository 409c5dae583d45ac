// ProjectChangeSet: what an import adds and changes, read against the project it goes into.
#include "model/projectchangeset.h"

#include <QtTest>

using namespace flowbench;

namespace {

const Id kA = QStringLiteral("00000000-0000-4000-8000-0000000000a1");
const Id kB = QStringLiteral("00000000-0000-4000-8000-0000000000b2");

Node node(const Id &id, const QString &name, double x = 0, int revision = 0)
{
    Node n;
    n.id = id;
    n.name = name;
    n.x = x;
    n.revision = revision;
    return n;
}

QStringList names(const QList<Node> &nodes)
{
    QStringList list;
    for (const Node &n : nodes)
        list << n.name;
    return list;
}

} // namespace

class TestProjectChangeSet : public QObject
{
    Q_OBJECT

private slots:
    void between_data();
    void between();
    void appliedToAnEmptyProjectIsTheImport();
    void describeCountsEachPart_data();
    void describeCountsEachPart();
};

void TestProjectChangeSet::between_data()
{
    QTest::addColumn<QList<Node>>("target");
    QTest::addColumn<QList<Node>>("imported");
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<QStringList>("changed");
    QTest::newRow("into an empty project everything is added")
        << QList<Node> {} << QList<Node> { node(kA, QStringLiteral("A")), node(kB, QStringLiteral("B")) }
        << QStringList { QStringLiteral("A"), QStringLiteral("B") } << QStringList {};
    QTest::newRow("same id, other name: changed")
        << QList<Node> { node(kA, QStringLiteral("A")) } << QList<Node> { node(kA, QStringLiteral("A2")) }
        << QStringList {} << QStringList { QStringLiteral("A2") };
    QTest::newRow("equal: left out") << QList<Node> { node(kA, QStringLiteral("A")) }
                                     << QList<Node> { node(kA, QStringLiteral("A")) } << QStringList {}
                                     << QStringList {};
    QTest::newRow("only position and revision differ: unchanged")
        << QList<Node> { node(kA, QStringLiteral("A"), 10, 3) }
        << QList<Node> { node(kA, QStringLiteral("A"), 99, 0) } << QStringList {} << QStringList {};
    QTest::newRow("same name, other id: added (ids decide)")
        << QList<Node> { node(kA, QStringLiteral("A")) } << QList<Node> { node(kB, QStringLiteral("A")) }
        << QStringList { QStringLiteral("A") } << QStringList {};
    QTest::newRow("nodes the file lacks are not removed")
        << QList<Node> { node(kA, QStringLiteral("A")), node(kB, QStringLiteral("B")) }
        << QList<Node> { node(kB, QStringLiteral("B")) } << QStringList {} << QStringList {};
}

void TestProjectChangeSet::between()
{
    QFETCH(QList<Node>, target);
    QFETCH(QList<Node>, imported);
    QFETCH(QStringList, added);
    QFETCH(QStringList, changed);
    Project t;
    t.nodes = target;
    Project i;
    i.name = QStringLiteral("file");
    i.nodes = imported;
    const ProjectChangeSet set = ProjectChangeSet::between(t, i);
    QCOMPARE(names(set.added.nodes), added);
    QCOMPARE(names(set.changed.nodes), changed);
    QVERIFY(set.removed.nodes.isEmpty());
    QCOMPARE(set.isEmpty(), added.isEmpty() && changed.isEmpty());
    QCOMPARE(set.name, QStringLiteral("file"));
}

void TestProjectChangeSet::appliedToAnEmptyProjectIsTheImport()
{
    Project p;
    p.name = QStringLiteral("Shop");
    p.nodes = { node(kB, QStringLiteral("B")), node(kA, QStringLiteral("A")) };
    Edge e;
    e.id = newId();
    e.from = kA;
    e.to = kB;
    p.edges = { e };
    Run r;
    r.id = newId();
    p.runs = { r };
    QCOMPARE(appliedTo(Project(), ProjectChangeSet::between(Project(), p)), p); // file order kept

    Project target;
    target.name = QStringLiteral("Open");
    target.nodes = { node(kA, QStringLiteral("A")) };
    ProjectChangeSet changes;
    changes.changed.nodes = { node(kA, QStringLiteral("A2")) };
    changes.added.nodes = { node(kB, QStringLiteral("B")) };
    const Project after = appliedTo(target, changes);
    QCOMPARE(after.name, QStringLiteral("Open"));
    QCOMPARE(names(after.nodes), (QStringList { QStringLiteral("A2"), QStringLiteral("B") }));
    changes = ProjectChangeSet();
    changes.removed.nodes = { node(kA, QString()) };
    QVERIFY(appliedTo(target, changes).nodes.isEmpty());
}

void TestProjectChangeSet::describeCountsEachPart_data()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("edges");
    QTest::addColumn<int>("testCases");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing") << 0 << 0 << 0 << QStringLiteral("nothing");
    QTest::newRow("one of each") << 1 << 1 << 1 << QStringLiteral("1 node, 1 edge, 1 test case");
    QTest::newRow("plural, zero left out") << 3 << 0 << 2 << QStringLiteral("3 nodes, 2 test cases");
}

void TestProjectChangeSet::describeCountsEachPart()
{
    QFETCH(int, nodes);
    QFETCH(int, edges);
    QFETCH(int, testCases);
    QFETCH(QString, text);
    Project p;
    p.nodes.resize(nodes);
    p.edges.resize(edges);
    p.testCases.resize(testCases);
    QCOMPARE(ProjectChangeSet::describe(p), text);
}

QTEST_GUILESS_MAIN(TestProjectChangeSet)
#include "tst_projectchangeset.moc"
