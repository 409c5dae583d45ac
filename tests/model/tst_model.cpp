#include "model/project.h"

#include <QtTest>

using namespace flowbench;

Q_DECLARE_METATYPE(flowbench::Project)

class TestModel : public QObject
{
    Q_OBJECT
private slots:
    void nodeKindNames_data();
    void nodeKindNames();
    void edgeKindRoundTrip();
    void riskScore();
    void tagsFromText_data();
    void tagsFromText();
    void priorityNames();
    void secretReferences_data();
    void secretReferences();
    void validation_data();
    void validation();
};

void TestModel::nodeKindNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    for (const char *n : {"screen", "api", "service", "table", "queue", "cache", "job", "external"})
        QTest::newRow(n) << QString::fromLatin1(n) << true;
    QTest::newRow("typo") << QStringLiteral("servise") << false;
    QTest::newRow("case matters") << QStringLiteral("API") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestModel::nodeKindNames()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    const auto kind = nodeKindFromString(name);
    QCOMPARE(kind.has_value(), known);
    if (known)
        QCOMPARE(toString(*kind), name);
}

void TestModel::edgeKindRoundTrip()
{
    QCOMPARE(allEdgeKinds().size(), 7);
    QCOMPARE(allNodeKinds().size(), 8);
    for (EdgeKind k : allEdgeKinds())
        QCOMPARE(edgeKindFromString(toString(k)), std::optional<EdgeKind>(k));
}

void TestModel::riskScore()
{
    QCOMPARE((Risk{5, 4}).score(), 20);
    QVERIFY((Risk{1, 5}).isValid());
    QVERIFY(!(Risk{0, 3}).isValid());
    QVERIFY(!(Risk{3, 6}).isValid());
}

void TestModel::tagsFromText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("written");
    QTest::newRow("empty") << QString() << QStringList() << QString();
    QTest::newRow("one") << QStringLiteral("smoke") << QStringList{QStringLiteral("smoke")} << QStringLiteral("smoke");
    QTest::newRow("spaces and empties") << QStringLiteral(" smoke, stock ,, ")
                                        << QStringList{QStringLiteral("smoke"), QStringLiteral("stock")}
                                        << QStringLiteral("smoke, stock");
    QTest::newRow("repeats dropped, order kept")
        << QStringLiteral("stock,smoke, stock , smoke") << QStringList{QStringLiteral("stock"), QStringLiteral("smoke")}
        << QStringLiteral("stock, smoke");
    QTest::newRow("inner spaces kept") << QStringLiteral("slow path, eu-west")
                                       << QStringList{QStringLiteral("slow path"), QStringLiteral("eu-west")}
                                       << QStringLiteral("slow path, eu-west");
    QTest::newRow("only commas") << QStringLiteral(", ,,") << QStringList() << QString();
}

void TestModel::tagsFromText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tags);
    QFETCH(QString, written);
    QCOMPARE(flowbench::tagsFromText(text), tags);
    QCOMPARE(tagsToText(tags), written);
    QCOMPARE(flowbench::tagsFromText(tagsToText(tags)), tags); // what the field shows reads back the same
}

void TestModel::priorityNames()
{
    QCOMPARE(allPriorities().size(), 4);
    for (Priority p : allPriorities())
        QVERIFY(priorityFromString(toString(p)) == p);
    QVERIFY(allPriorities().first() == Priority::Low);
    QVERIFY(allPriorities().last() == Priority::Critical);
    QVERIFY(!priorityFromString(QStringLiteral("urgent")));
}

void TestModel::secretReferences_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("secret");
    QTest::newRow("env") << QStringLiteral("${env:PGPASSWORD}") << true;
    QTest::newRow("keychain") << QStringLiteral("${keychain:shop-staging}") << true;
    QTest::newRow("plain") << QStringLiteral("hunter2") << false;
    QTest::newRow("variable") << QStringLiteral("{{password}}") << false;
    QTest::newRow("empty name") << QStringLiteral("${env:}") << false;
}

void TestModel::secretReferences()
{
    QFETCH(QString, value);
    QFETCH(bool, secret);
    QCOMPARE(isSecretReference(value), secret);
}

namespace {
Project smallProject()
{
    Project p;
    p.name = QStringLiteral("p");
    Node a; a.id = newId(); a.name = QStringLiteral("A"); a.kind = NodeKind::Api;
    Node b; b.id = newId(); b.name = QStringLiteral("B"); b.kind = NodeKind::Table;
    p.nodes = {a, b};
    Edge e; e.id = newId(); e.from = a.id; e.to = b.id; e.kind = EdgeKind::Writes;
    p.edges = {e};
    Flow f; f.id = newId(); f.name = QStringLiteral("Checkout"); f.nodeIds = {a.id, b.id};
    p.flows = {f};
    TestCase t; t.id = newId(); t.nodeId = a.id; t.title = QStringLiteral("creates order");
    Check c; c.id = newId(); c.type = QStringLiteral("http");
    t.checks = {c};
    p.testCases = {t};
    return p;
}
} // namespace

void TestModel::validation_data()
{
    QTest::addColumn<Project>("project");
    QTest::addColumn<QString>("problem"); // empty: valid

    const Project ok = smallProject();
    QTest::newRow("valid") << ok << QString();

    Project dangling = ok;
    dangling.edges[0].to = newId();
    QTest::newRow("edge to missing node") << dangling << QStringLiteral("edges[0].to: no node with id");

    Project badId = ok;
    badId.nodes[1].id = QStringLiteral("node-2");
    badId.edges.clear();
    badId.flows[0].nodeIds = {ok.nodes[0].id};
    QTest::newRow("not a uuid") << badId << QStringLiteral("nodes[1].id: \"node-2\" is not a UUID");

    Project dup = ok;
    dup.nodes[1].id = dup.nodes[0].id;
    QTest::newRow("duplicate id") << dup << QStringLiteral("nodes[1].id: id");

    Project risky = ok;
    risky.nodes[0].risk = Risk{6, 1};
    QTest::newRow("risk range") << risky << QStringLiteral("nodes[0].risk: likelihood and impact must be 1..5");

    Project flowGap = ok;
    flowGap.flows[0].nodeIds.append(newId());
    QTest::newRow("flow step") << flowGap << QStringLiteral("flows[0].nodes[2]: no node with id");

    Project orphan = ok;
    orphan.testCases[0].nodeId = newId();
    QTest::newRow("test case node") << orphan << QStringLiteral("testCases[0].node: no node with id");

    Project untitled = ok;
    untitled.testCases[0].title = QStringLiteral("  ");
    QTest::newRow("empty title") << untitled << QStringLiteral("testCases[0].title: must not be empty");
}

void TestModel::validation()
{
    QFETCH(Project, project);
    QFETCH(QString, problem);
    const QStringList problems = validateProject(project);
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    } else {
        QVERIFY2(!problems.isEmpty(), "expected a problem");
        QVERIFY2(problems.first().startsWith(problem), qPrintable(problems.join(QLatin1Char('\n'))));
    }
}

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
