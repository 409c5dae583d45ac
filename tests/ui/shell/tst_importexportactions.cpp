// File ▸ Import… and File ▸ Export…: the formats come from the registry, an import into the
// open project is one undo step, and MainWindow offers both in its File menu.
#include "document/addnodescommand.h"
#include "document/addtestcasecommand.h"
#include "document/projectdocument.h"
#include "io/formatregistry.h"
#include "map/mapscene.h"
#include "shell/documentcontroller.h"
#include "shell/importexportactions.h"
#include "shell/mainwindow.h"
#include "support/projectfile.h"

#include <QAction>
#include <QFile>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace flowbench;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QStringList nodeNames(const Project &p)
{
    QStringList names;
    for (const Node &n : p.nodes)
        names << n.name;
    names.sort();
    return names;
}

} // namespace

class TestImportExportActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // settings stay out of $HOME
    void init();
    void cleanup();
    void filtersListEveryRegisteredFormat();
    void dotIntoOpenProjectIsOneUndoStep();
    void badDotChangesNothingAndNamesTheLine();
    void importIntoNewProjectOpensIt();
    void postmanWithEnvironmentIntoOpenProject();
    void exportWritesTheChosenFormat_data();
    void exportWritesTheChosenFormat();
    void mainWindowFileMenuHasImportAndExport();
    void junitResultsBecomeARunOfTheOpenProject();

private:
    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    std::unique_ptr<ProjectDocument> m_doc;
    QString m_opened; // what the actions asked the window to open
    std::unique_ptr<QWidget> m_window;
    ImportExportActions *m_actions = nullptr;
};

void TestImportExportActions::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("open.flowbench"));
    auto doc = ProjectDocument::create(m_path, QStringLiteral("Shop"));
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
    Node api;
    api.kind = NodeKind::Api;
    api.name = QStringLiteral("Orders API");
    m_doc->undoStack()->push(new AddNodesCommand(m_doc.get(), { api }));
    m_opened.clear();
    m_window = std::make_unique<QWidget>();
    m_actions = new ImportExportActions(
        m_window.get(), [this] { return m_doc.get(); },
        [this](const QString &path) {
            m_opened = path;
            return success();
        });
}

void TestImportExportActions::cleanup()
{
    m_window.reset();
    m_doc.reset();
    delete m_dir;
    m_dir = nullptr;
}

void TestImportExportActions::filtersListEveryRegisteredFormat()
{
    const QStringList importFilters = ImportExportActions::importFilters().split(QStringLiteral(";;"));
    QCOMPARE(importFilters.first(),
        QStringLiteral(
            "All supported files (*.json *.dot *.gv *.yaml *.yml *openapi*.json *swagger*.json *.xml "
            "*.postman_collection.json)"));
    for (const Importer *f : FormatRegistry::instance().importers())
        QVERIFY2(importFilters.contains(f->dialogFilter()), qPrintable(f->id()));
    const QStringList exportFilters = ImportExportActions::exportFilters().split(QStringLiteral(";;"));
    QCOMPARE(exportFilters.size(), FormatRegistry::instance().exporters().size());
    QVERIFY(exportFilters.contains(QStringLiteral("CSV of the latest results (*.csv)")));
}

void TestImportExportActions::dotIntoOpenProjectIsOneUndoStep()
{
    const QString dot = m_dir->filePath(QStringLiteral("payments.dot"));
    writeFile(dot,
        "digraph {\n  \"Orders API\" -> Payments [kind=calls];\n  Payments -> Ledger [kind=writes];\n"
        "  Ledger [shape=cylinder, color=red];\n}\n");
    const Project before = testing::reopenProject(m_path);
    const int steps = m_doc->undoStack()->count();

    const Result<ImportReport> report
        = m_actions->importFile(dot, *FormatRegistry::instance().importer(QStringLiteral("dot")),
            ImportExportActions::Target::OpenProject);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->taken, QStringList { QStringLiteral("added 2 nodes, 2 edges") });
    QCOMPARE(report->notTaken.size(), 1); // color
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QCOMPARE(m_doc->undoStack()->undoText(), QStringLiteral("Import payments.dot"));
    const Project after = testing::reopenProject(m_path);
    QCOMPARE(nodeNames(after),
        (QStringList { QStringLiteral("Ledger"), QStringLiteral("Orders API"), QStringLiteral("Payments") }));
    QCOMPARE(after.edges.size(), 2);

    m_doc->undoStack()->undo();
    const Project undone = testing::reopenProject(m_path);
    QCOMPARE(nodeNames(undone), nodeNames(before));
    QCOMPARE(undone.edges.size(), 0);
    QCOMPARE(m_doc->nodeCount(), 1);
    QCOMPARE(m_doc->undoStack()->count(), steps + 1); // redo is still there
    m_doc->undoStack()->redo();
    QCOMPARE(m_doc->nodeCount(), 3);
}

void TestImportExportActions::badDotChangesNothingAndNamesTheLine()
{
    const QString dot = m_dir->filePath(QStringLiteral("bad.dot"));
    writeFile(dot, "digraph {\n  a -> b;\n  c -> ;\n}\n");
    const int steps = m_doc->undoStack()->count();
    const Result<ImportReport> report
        = m_actions->importFile(dot, *FormatRegistry::instance().importer(QStringLiteral("dot")),
            ImportExportActions::Target::OpenProject);
    QVERIFY(!report.ok());
    QVERIFY2(report.error().startsWith(dot + QStringLiteral(": line 3")), qPrintable(report.error()));
    QCOMPARE(m_doc->undoStack()->count(), steps);
    QCOMPARE(m_doc->nodeCount(), 1);
}

void TestImportExportActions::importIntoNewProjectOpensIt()
{
    const QString dot = m_dir->filePath(QStringLiteral("map.dot"));
    writeFile(dot, "digraph {\n  a -> b;\n}\n");
    const QString created = m_dir->filePath(QStringLiteral("map.flowbench"));
    const Result<ImportReport> report
        = m_actions->importFile(dot, *FormatRegistry::instance().importer(QStringLiteral("dot")),
            ImportExportActions::Target::NewProject, created);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(m_opened, created);
    const Project p = testing::reopenProject(created);
    QCOMPARE(p.name, QStringLiteral("map"));
    QCOMPARE(nodeNames(p), (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(m_doc->nodeCount(), 1); // the open project is untouched

    // A new project never replaces the open one's file.
    m_opened.clear();
    const Result<ImportReport> over
        = m_actions->importFile(dot, *FormatRegistry::instance().importer(QStringLiteral("dot")),
            ImportExportActions::Target::NewProject, m_path);
    QVERIFY(!over.ok());
    QVERIFY2(over.error().contains(QStringLiteral("is the open project")), qPrintable(over.error()));
    QVERIFY(m_opened.isEmpty());
    QCOMPARE(testing::reopenProject(m_path).nodes.size(), 1);
}

void TestImportExportActions::postmanWithEnvironmentIntoOpenProject()
{
    const QString collection = QFINDTESTDATA("data/postman/oracle/shop.postman_collection.json");
    const QString environment = QFINDTESTDATA("data/postman/oracle/local.postman_environment.json");
    QVERIFY(!collection.isEmpty() && !environment.isEmpty());
    const Importer *postman = FormatRegistry::instance().importer(QStringLiteral("postman"));
    QVERIFY(postman);
    QVERIFY(!postman->companionFilesPrompt().isEmpty()); // File ▸ Import… asks for them
    const int steps = m_doc->undoStack()->count();
    const Result<ImportReport> report = m_actions->importFile(
        collection, *postman, ImportExportActions::Target::OpenProject, QString(), { environment });
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    const Project after = testing::reopenProject(m_path);
    QCOMPARE(after.testCases.size(), 4);
    const Environment *local = after.environmentByName(QStringLiteral("local"));
    QVERIFY(local);
    QCOMPARE(local->variables.value(QStringLiteral("api_token")), QStringLiteral("${env:API_TOKEN}"));

    // A companion file that is not there: nothing imported, the message names it.
    const QString missing = m_dir->filePath(QStringLiteral("missing.postman_environment.json"));
    const Result<ImportReport> failed = m_actions->importFile(
        collection, *postman, ImportExportActions::Target::OpenProject, QString(), { missing });
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().startsWith(missing), qPrintable(failed.error()));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
}

void TestImportExportActions::exportWritesTheChosenFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("starts");
    QTest::newRow("json") << QStringLiteral("json") << QByteArray("{\n    \"format\": \"flowbench\"");
    QTest::newRow("dot") << QStringLiteral("dot") << QByteArray("digraph \"Shop\" {");
    QTest::newRow("csv") << QStringLiteral("csv")
                         << QByteArray("node,test case,check,status,duration_ms,message\r\n");
}

void TestImportExportActions::exportWritesTheChosenFormat()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, starts);
    const QString out = m_dir->filePath(QStringLiteral("out.") + format);
    const Status s = m_actions->exportFile(out, *FormatRegistry::instance().exporter(format));
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY2(bytes.startsWith(starts), bytes.constData());
    // Never over the open project itself.
    QVERIFY(!m_actions->exportFile(m_path, *FormatRegistry::instance().exporter(format)).ok());
    QCOMPARE(testing::reopenProject(m_path).nodes.size(), 1);
}

void TestImportExportActions::mainWindowFileMenuHasImportAndExport()
{
    MainWindow w;
    QAction *import = w.action(QStringLiteral("actionImport"));
    QAction *exportAction = w.action(QStringLiteral("actionExport"));
    QVERIFY(import && exportAction);
    QMenu *file = w.menuBar()->actions().first()->menu();
    QVERIFY(file->actions().contains(import));
    QAction *exportMenu = w.action(QStringLiteral("actionExportMenu")); // File ▸ Export ▸
    QVERIFY(exportMenu && file->actions().contains(exportMenu));
    QVERIFY(exportMenu->menu()->actions().contains(exportAction));
    QVERIFY(import->isEnabled());
    QVERIFY(!exportAction->isEnabled()); // nothing open
    const QString path = m_dir->filePath(QStringLiteral("window.flowbench"));
    QVERIFY(w.documents()->newProjectFile(path).ok());
    QVERIFY(exportAction->isEnabled());
}

// File ▸ Import Results…: a JUnit file adds one run to the open project (no undo step),
// with results on the checks of the test case it matched.
void TestImportExportActions::junitResultsBecomeARunOfTheOpenProject()
{
    TestCase t;
    t.id = newId();
    t.nodeId = m_doc->snapshot().nodes.first().id;
    t.title = QStringLiteral("Orders list");
    t.junitName = QStringLiteral("*test_order_listing");
    Check c;
    c.id = newId();
    c.type = QStringLiteral("http");
    c.spec = QJsonObject { { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/") } };
    t.checks = { c };
    m_doc->undoStack()->push(new AddTestCaseCommand(m_doc.get(), t));
    const int steps = m_doc->undoStack()->count();
    QSignalSpy added(m_doc.get(), &ProjectDocument::runAdded);

    const QString junit = QFINDTESTDATA("data/junitresults/pytest.xml");
    QVERIFY(!junit.isEmpty());
    const Result<ImportReport> report
        = m_actions->importResultsFile(junit, *FormatRegistry::instance().importer(QStringLiteral("junit")));
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report->notTaken.size(), 4); // the other testcases match nothing here
    QCOMPARE(added.count(), 1);
    QCOMPARE(m_doc->undoStack()->count(), steps);
    const Project after = testing::reopenProject(m_path);
    QCOMPARE(after.runs.size(), 1);
    QCOMPARE(after.runs.first().source, junit);
    QCOMPARE(after.results.size(), 1);
    QCOMPARE(after.results.first().checkId, c.id);
    QVERIFY(after.results.first().status == ResultStatus::Error);
    QVERIFY(m_actions->importResultsAction()->objectName() == QStringLiteral("actionImportResults"));
}

QTEST_MAIN(TestImportExportActions)
#include "tst_importexportactions.moc"
