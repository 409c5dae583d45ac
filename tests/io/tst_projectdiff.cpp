// What changed between two versions of a project, as `flowbench-cli diff` prints it:
// golden pairs under tests/data/diff/<case>/ (a.json, b.json, expected.txt), a project
// compared with itself, and the command's exit codes on a project file against JSON.
#include "io/canonicaljson.h"
#include "io/projectdiff.h"
#include "support/cliprocess.h"
#include "support/projectfile.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;


class ProjectDiffTest : public QObject
{
    Q_OBJECT

private slots:
    void goldenPairs_data();
    void goldenPairs();
    void sameProjectHasNoDifferences();
    void positionsAreNotContent();
    void cliOnProjectFileAndJson();
    void mapOfTheDiff();
};

void ProjectDiffTest::goldenPairs_data()
{
    QTest::addColumn<QString>("dir");
    const QString root = QFINDTESTDATA("data/diff");
    QVERIFY2(!root.isEmpty(), "tests/data/diff not found");
    for (const QString &name : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        QTest::newRow(qPrintable(name)) << QDir(root).filePath(name);
}

void ProjectDiffTest::goldenPairs()
{
    QFETCH(QString, dir);
    const QDir d(dir);
    const ProjectDiff diff = diffProjects(
        readJson(d.filePath(QStringLiteral("a.json"))), readJson(d.filePath(QStringLiteral("b.json"))));
    QCOMPARE(diff.toText(), readText(d.filePath(QStringLiteral("expected.txt"))));
}

void ProjectDiffTest::sameProjectHasNoDifferences()
{
    const Project a = readJson(QFINDTESTDATA("data/diff/shop-edits/a.json"));
    const ProjectDiff diff = diffProjects(a, a);
    QVERIFY(diff.isEmpty());
    QCOMPARE(diff.toText(), QStringLiteral("no differences\n"));
}

void ProjectDiffTest::positionsAreNotContent()
{
    const Project a = readJson(QFINDTESTDATA("data/diff/shop-edits/a.json"));
    Project b = a;
    b.nodes[0].x += 250;
    b.nodes[0].y -= 40;
    b.nodes[0].pinned = !b.nodes[0].pinned;
    QVERIFY(diffProjects(a, b).isEmpty());
    b.nodes[0].owner = QStringLiteral("someone else");
    const ProjectDiff diff = diffProjects(a, b);
    QCOMPARE(diff.entries.size(), 1);
    QCOMPARE(diff.entries.first().fields.size(), 1);
    QVERIFY(diff.entries.first().fields.first().startsWith(QLatin1String("owner: ")));
}

// The union both versions are drawn as: the removed node is there where it was, and
// each node and edge says what happened to it (a node whose test cases changed, too).
void ProjectDiffTest::mapOfTheDiff()
{
    const Project a = readJson(QFINDTESTDATA("data/diff/shop-edits/a.json"));
    const Project b = readJson(QFINDTESTDATA("data/diff/shop-edits/b.json"));
    const DiffMap map = diffMap(a, b, diffProjects(a, b));
    QCOMPARE(map.project.nodes.size(), b.nodes.size() + 1);
    QCOMPARE(map.project.edges.size(), b.edges.size() + 2);
    QVERIFY(validateProject(map.project).isEmpty());
    QVERIFY(map.project.results.isEmpty());
    auto nodeState = [&](const QString &name) {
        const Node *n = map.project.nodeByName(name);
        return n ? int(map.nodes.value(n->id, ProjectDiff::Change(-1))) : -2;
    };
    QCOMPARE(nodeState(QStringLiteral("refund_audit")), int(ProjectDiff::Change::Added));
    QCOMPARE(nodeState(QStringLiteral("Nightly cache warm-up")), int(ProjectDiff::Change::Removed));
    QCOMPARE(nodeState(QStringLiteral("POST /orders")), int(ProjectDiff::Change::Changed));
    QCOMPARE(nodeState(QStringLiteral("GET /products")), int(ProjectDiff::Change::Changed)); // its test case
    QCOMPARE(nodeState(QStringLiteral("users")), -1); // untouched
    const Node *removed = map.project.nodeByName(QStringLiteral("Nightly cache warm-up"));
    const Node *was = a.nodeByName(QStringLiteral("Nightly cache warm-up"));
    QVERIFY(removed && was);
    QCOMPARE(QPointF(removed->x, removed->y), QPointF(was->x, was->y));
    int added = 0, gone = 0, changed = 0;
    for (ProjectDiff::Change c : map.edges)
        (c == ProjectDiff::Change::Added ? added : c == ProjectDiff::Change::Removed ? gone : changed)++;
    QCOMPARE(added, 1);
    QCOMPARE(gone, 2);
    QCOMPARE(changed, 1);
}

void ProjectDiffTest::cliOnProjectFileAndJson()
{
    QVERIFY(!cliPath().isEmpty());
    QTemporaryDir dir;
    const QString a = QFINDTESTDATA("data/diff/shop-edits/a.json");
    const QString b = QFINDTESTDATA("data/diff/shop-edits/b.json");
    // A project file made from a.json compares equal to a.json, and like a.json with b.json.
    const QString file = dir.filePath(QStringLiteral("shop.flowbench"));
    const CliOutcome imported = runCli({ QStringLiteral("import"), a, file });
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err + imported.out));
    const CliOutcome same = runCli({ QStringLiteral("diff"), file, a });
    QCOMPARE(same.exitCode, 0);
    QCOMPARE(same.out, QStringLiteral("no differences\n"));
    const CliOutcome changed = runCli({ QStringLiteral("diff"), file, b });
    QCOMPARE(changed.exitCode, 1);
    QCOMPARE(changed.out, readText(QFINDTESTDATA("data/diff/shop-edits/expected.txt")));
    const CliOutcome missing
        = runCli({ QStringLiteral("diff"), file, dir.filePath(QStringLiteral("nope.json")) });
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(QLatin1String("nope.json")), qPrintable(missing.err));
}

QTEST_GUILESS_MAIN(ProjectDiffTest)
#include "tst_projectdiff.moc"
