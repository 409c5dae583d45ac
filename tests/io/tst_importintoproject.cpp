// Importing into the open project: the registered importers read a file against the
// project (what is new is added, what it already has is changed), and the change set is
// applied as ONE transaction and ONE undo step, or not at all.
#include "document/addnodescommand.h"
#include "document/addtestcasecommand.h"
#include "document/importchangescommand.h"
#include "document/projectdocument.h"
#include "io/canonicaljson.h"
#include "io/dotexport.h"
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "support/projectfile.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {

const Id kOrdersApi = QStringLiteral("00000000-0000-4000-8000-00000000000a");
const Id kOrdersTable = QStringLiteral("00000000-0000-4000-8000-00000000000b");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList names(const QList<Node> &nodes)
{
    QStringList list;
    for (const Node &n : nodes)
        list << n.name;
    list.sort();
    return list;
}

// What a user sees of the project, without revisions (an undo writes rows again).
Project content(Project p)
{
    for (Node &n : p.nodes)
        n.revision = 0;
    for (Edge &e : p.edges)
        e.revision = 0;
    for (TestCase &t : p.testCases)
        t.revision = 0;
    return p;
}

} // namespace

class TestImportIntoProject : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void registryListsJsonAndDot();
    void dotFileIntoOpenProject_data();
    void dotFileIntoOpenProject();
    void importIsOneUndoStep();
    void reimportOfItsOwnExportChangesNothing();
    void failedApplyChangesNothing();
    void badDotNamesFileAndLine();
    void jsonIntoOpenProjectLeavesRunsOut();
    void invalidJsonImportIsRefusedByValidation();

private:
    Import readDot(const QString &caseName);

    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    std::unique_ptr<ProjectDocument> m_doc;
};

void TestImportIntoProject::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("open.flowbench"));
    auto doc = ProjectDocument::create(m_path, QStringLiteral("Shop"));
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    // Orders API (with properties a DOT file does not carry) writes the Orders table.
    Node api;
    api.id = kOrdersApi;
    api.kind = NodeKind::Api;
    api.name = QStringLiteral("Orders API");
    api.group = QStringLiteral("Orders");
    api.properties = QJsonObject { { QStringLiteral("method"), QStringLiteral("POST") },
        { QStringLiteral("path"), QStringLiteral("/orders") } };
    api.x = 40;
    api.y = 60;
    Node table;
    table.id = kOrdersTable;
    table.kind = NodeKind::Table;
    table.name = QStringLiteral("Orders table");
    Edge writes;
    writes.from = kOrdersApi;
    writes.to = kOrdersTable;
    writes.kind = EdgeKind::Writes;
    m_doc->undoStack()->push(new AddNodesCommand(m_doc.get(), { api, table }, { writes }));
    TestCase t;
    t.nodeId = kOrdersApi;
    t.title = QStringLiteral("Create order");
    m_doc->undoStack()->push(new AddTestCaseCommand(m_doc.get(), t));
    QCOMPARE(m_doc->nodeCount(), 2);
}

void TestImportIntoProject::cleanup()
{
    m_doc.reset();
    delete m_dir;
    m_dir = nullptr;
}

Import TestImportIntoProject::readDot(const QString &caseName)
{
    const QString input = QFINDTESTDATA(QStringLiteral("data/dotimport/%1/input.dot").arg(caseName));
    if (input.isEmpty())
        qFatal("tests/data/dotimport/%s/input.dot not found", qPrintable(caseName));
    const Result<Import> import
        = FormatRegistry::instance()
              .importer(QStringLiteral("dot"))
              ->read(ImportSource::inMemory(readAll(input), QStringLiteral("input.dot")), m_doc->snapshot());
    if (!import)
        qFatal("%s", qPrintable(import.error()));
    return import.value();
}

void TestImportIntoProject::registryListsJsonAndDot()
{
    const FormatRegistry &registry = FormatRegistry::instance();
    QCOMPARE(registry.importerIds(),
        (QStringList { QStringLiteral("json"), QStringLiteral("dot"), QStringLiteral("openapi"),
            QStringLiteral("junit"), QStringLiteral("postman") }));
    QCOMPARE(registry.exporterIds(),
        (QStringList { QStringLiteral("json"), QStringLiteral("dot"), QStringLiteral("csv") }));
    QVERIFY(!registry.importer(QStringLiteral("csv")));
    QCOMPARE(
        registry.importerForFile(QStringLiteral("/tmp/Shop.GV")), registry.importer(QStringLiteral("dot")));
    QCOMPARE(
        registry.importerForFile(QStringLiteral("shop.json")), registry.importer(QStringLiteral("json")));
    QVERIFY(!registry.importerForFile(QStringLiteral("shop.dot.txt")));
    // The most specific pattern wins over "*.json".
    QCOMPARE(registry.importerForFile(QStringLiteral("Shop.postman_collection.json")),
        registry.importer(QStringLiteral("postman")));
    QCOMPARE(registry.importer(QStringLiteral("dot"))->dialogFilter(),
        QStringLiteral("Graphviz DOT (*.dot *.gv)"));
}

void TestImportIntoProject::dotFileIntoOpenProject_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<QStringList>("namesAfter");
    QTest::newRow("adds-to-map") << QStringLiteral("adds-to-map")
                                 << QStringList { QStringLiteral("Ledger"), QStringLiteral("Orders API"),
                                        QStringLiteral("Orders table"), QStringLiteral("Payments") };
    QTest::newRow("cluster-and-labels")
        << QStringLiteral("cluster-and-labels")
        << QStringList { QStringLiteral("Accounts API"), QStringLiteral("Orders API"),
               QStringLiteral("Orders table"), QStringLiteral("Sign-up\nscreen") };
}

// The report (golden file) says what was added, changed and left out; the file then holds
// the merged map, and a node the file names keeps what DOT does not carry.
void TestImportIntoProject::dotFileIntoOpenProject()
{
    QFETCH(QString, caseName);
    QFETCH(QStringList, namesAfter);
    const Import import = readDot(caseName);
    const QString expected = QFINDTESTDATA(QStringLiteral("data/dotimport/%1/report.txt").arg(caseName));
    QVERIFY2(!expected.isEmpty(), "report.txt not found");
    QCOMPARE(import.report.toText(), QString::fromUtf8(readAll(expected)));

    QVERIFY(ImportChangesCommand::apply(*m_doc, import.changes, QStringLiteral("Import input.dot")));
    const Project file = testing::reopenProject(m_path);
    QCOMPARE(names(file.nodes), namesAfter);
    const Node *api = file.node(kOrdersApi);
    QVERIFY(api);
    QCOMPARE(api->properties.value(QStringLiteral("path")).toString(), QStringLiteral("/orders"));
    QCOMPARE(api->x, 40.0);
    QCOMPARE(file.testCases.size(), 1);
    QCOMPARE(content(file).nodes, content(m_doc->snapshot()).nodes);
    QCOMPARE(content(file).edges, content(m_doc->snapshot()).edges);
}

void TestImportIntoProject::importIsOneUndoStep()
{
    const Project before = content(testing::reopenProject(m_path));
    const int steps = m_doc->undoStack()->count();
    QSignalSpy added(m_doc.get(), &ProjectDocument::nodesAdded);
    QSignalSpy changed(m_doc.get(), &ProjectDocument::nodeChanged);
    const Import import = readDot(QStringLiteral("adds-to-map"));
    QVERIFY(ImportChangesCommand::apply(*m_doc, import.changes, QStringLiteral("Import input.dot")));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Import input.dot"));
    QCOMPARE(added.size(), 1); // all new nodes in one signal
    QCOMPARE(added.first().first().value<QList<Id>>().size(), 2);
    QCOMPARE(changed.size(), 1);
    const Project after = content(testing::reopenProject(m_path));
    QCOMPARE(after.nodes.size(), 4);
    QCOMPARE(after.edges.size(), 4);
    QCOMPARE(after.node(kOrdersApi)->risk, (Risk { 3, 4 }));

    m_doc->undoStack()->undo();
    const Project undone = content(testing::reopenProject(m_path));
    QCOMPARE(undone.nodes, before.nodes);
    QCOMPARE(undone.edges, before.edges);
    QCOMPARE(undone.testCases, before.testCases);
    QCOMPARE(content(m_doc->snapshot()).nodes, before.nodes);

    m_doc->undoStack()->redo();
    const Project redone = content(testing::reopenProject(m_path));
    QCOMPARE(redone.nodes, after.nodes); // the very same ids again
    QCOMPARE(redone.edges, after.edges);
}

void TestImportIntoProject::reimportOfItsOwnExportChangesNothing()
{
    const QByteArray dot = exportDot(m_doc->snapshot());
    const Result<Import> import
        = FormatRegistry::instance()
              .importer(QStringLiteral("dot"))
              ->read(ImportSource::inMemory(dot, QStringLiteral("open.dot")), m_doc->snapshot());
    QVERIFY2(import.ok(), qPrintable(import.error()));
    QVERIFY2(import->changes.isEmpty(), qPrintable(import->report.toText()));
    QCOMPARE(import->report.taken, QStringList());
    const int steps = m_doc->undoStack()->count();
    QVERIFY(ImportChangesCommand::apply(*m_doc, import->changes, QStringLiteral("Import open.dot")));
    QCOMPARE(m_doc->undoStack()->count(), steps); // no empty step
}

// An edge to a node that does not exist makes the store refuse the whole change set:
// the nodes before it in the same transaction are not kept either.
void TestImportIntoProject::failedApplyChangesNothing()
{
    const Project before = content(testing::reopenProject(m_path));
    const int steps = m_doc->undoStack()->count();
    ProjectChangeSet changes;
    Node fresh;
    fresh.id = newId();
    fresh.name = QStringLiteral("Fresh");
    changes.added.nodes.append(fresh);
    Edge dangling;
    dangling.id = newId();
    dangling.from = fresh.id;
    dangling.to = newId();
    changes.added.edges.append(dangling);
    QSignalSpy errors(m_doc.get(), &ProjectDocument::errorOccurred);
    QSignalSpy added(m_doc.get(), &ProjectDocument::nodesAdded);
    const Status s = ImportChangesCommand::apply(*m_doc, changes, QStringLiteral("Import broken"));
    QVERIFY(!s.ok());
    QVERIFY(!s.error().isEmpty());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(added.size(), 0);
    QCOMPARE(m_doc->undoStack()->count(), steps);
    QCOMPARE(content(testing::reopenProject(m_path)).nodes, before.nodes);
    QCOMPARE(m_doc->nodeCount(), 2);

    // A change to a node the project does not have is refused before anything is written.
    ProjectChangeSet ghost;
    ghost.added.nodes.append(fresh);
    Node missing;
    missing.id = newId();
    ghost.changed.nodes.append(missing);
    const Status refused = ImportChangesCommand::apply(*m_doc, ghost, QStringLiteral("Import ghost"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error(), QStringLiteral("No node with id %1; nothing was changed").arg(missing.id));
    QCOMPARE(content(testing::reopenProject(m_path)).nodes, before.nodes);
}

void TestImportIntoProject::badDotNamesFileAndLine()
{
    const QString path = m_dir->filePath(QStringLiteral("bad.dot"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("digraph {\n  a -> b;\n  c -> ;\n}\n");
    f.close();
    // A good file read first must not shift the line Graphviz names in the next one.
    const Importer &dot = *FormatRegistry::instance().importer(QStringLiteral("dot"));
    QVERIFY(dot.read(ImportSource::inMemory("digraph {\n  x;\n}\n\n", QStringLiteral("good.dot")),
                   m_doc->snapshot())
                .ok());
    const Result<Import> import = readImportFile(dot, path, m_doc->snapshot());
    QVERIFY(!import.ok());
    QVERIFY2(import.error().startsWith(path + QStringLiteral(": line 3")), qPrintable(import.error()));
    QCOMPARE(m_doc->nodeCount(), 2);
}

void TestImportIntoProject::jsonIntoOpenProjectLeavesRunsOut()
{
    const QString input = QFINDTESTDATA("data/csvresults/project.json");
    QVERIFY(!input.isEmpty());
    Project target = m_doc->snapshot();
    Result<Import> import
        = readImportFile(*FormatRegistry::instance().importer(QStringLiteral("json")), input, target);
    QVERIFY2(import.ok(), qPrintable(import.error()));
    QCOMPARE(import->changes.added.runs.size(), 2);
    leaveOutRunHistory(import.value());
    QVERIFY(import->changes.added.runs.isEmpty());
    QVERIFY(import->changes.added.results.isEmpty());
    QCOMPARE(import->report.taken, QStringList { QStringLiteral("added 2 nodes, 3 test cases") });
    QStringList notes;
    for (const ImportNote &n : import->report.notTaken)
        notes << n.toString();
    QCOMPARE(notes,
        (QStringList { input
                + QStringLiteral(
                    ": name: \"CSV results\" not taken: the open project keeps its name \"Shop\""),
            input
                + QStringLiteral(": runs: 2 runs, 8 results not taken: run history is imported only into a "
                                 "new project") }));
    QCOMPARE(importProblems(target, import->changes), QStringList());
    QVERIFY(ImportChangesCommand::apply(*m_doc, import->changes, QStringLiteral("Import project.json")));
    QCOMPARE(m_doc->nodeCount(), 4);
    QCOMPARE(m_doc->testCases().size(), 4);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->nodeCount(), 2);
    QCOMPARE(m_doc->testCases().size(), 1);
}

// `import` refuses what `validate` refuses; into the open project as well, before a write.
void TestImportIntoProject::invalidJsonImportIsRefusedByValidation()
{
    Project extra;
    extra.name = QStringLiteral("extra");
    TestCase t;
    t.id = newId();
    t.nodeId = kOrdersApi; // on a node of the open project
    t.title = QStringLiteral("Bad check");
    Check c;
    c.id = newId();
    c.type = QStringLiteral("carrier-pigeon");
    t.checks.append(c);
    extra.testCases.append(t);
    const Project target = m_doc->snapshot();
    const ProjectChangeSet changes = ProjectChangeSet::between(target, extra);
    QCOMPARE(changes.added.testCases.size(), 1);
    const QStringList problems = importProblems(target, changes);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(QStringLiteral("carrier-pigeon")), qPrintable(problems.first()));
}

QTEST_GUILESS_MAIN(TestImportIntoProject)
#include "tst_importintoproject.moc"
