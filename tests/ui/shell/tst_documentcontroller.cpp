// The open project's life without the window: new, open, Save As, close, recent files and
// the example. Errors name the file and the cause; a file that is not a project is never
// changed; the open project stays open when another cannot be opened.
#include "document/addnodescommand.h"
#include "document/addtestcasecommand.h"
#include "document/projectdocument.h"
#include "shell/documentcontroller.h"
#include "support/exampleproject.h"
#include "support/projectfile.h"
#include "ui/windowfixture.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
Id addNode(ProjectDocument *doc, NodeKind kind, double x, double y)
{
    Node n;
    n.kind = kind;
    n.name = toString(kind);
    n.x = x;
    n.y = y;
    auto *command = new AddNodesCommand(doc, { n });
    const Id id = command->nodeIds().first();
    doc->undoStack()->push(command);
    return id;
}
} // namespace

class TestDocumentController : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_documentcontroller")); }
    void init();
    void cleanup();
    void openAndCloseSayWhatChanged();
    void saveAsCopiesAndContinuesThere();
    void saveAsOverAProjectReplacesItWhole();
    void newProjectOverAFileReplacesIt();
    void badFileIsReported();
    void recentFilesNewestFirst();
    void exampleOpensAsACopy();

private:
    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    QWidget *m_window = nullptr;
    DocumentController *m_documents = nullptr;
};

void TestDocumentController::init()
{
    m_dir = new QTemporaryDir;
    m_path = m_dir->filePath(QStringLiteral("shop.flowbench"));
    m_window = new QWidget;
    m_documents = new DocumentController(m_window);
    const Status s = m_documents->newProjectFile(m_path);
    QVERIFY2(s.ok(), qPrintable(s.error()));
}

void TestDocumentController::cleanup()
{
    delete m_window;
    delete m_dir;
}

void TestDocumentController::openAndCloseSayWhatChanged()
{
    QSignalSpy changed(m_documents, &DocumentController::documentChanged);
    QList<ProjectDocument *> given;
    connect(m_documents, &DocumentController::documentChanged, this, [&](ProjectDocument *d) { given << d; });
    const QString other = m_dir->filePath(QStringLiteral("other.flowbench"));
    QVERIFY(m_documents->newProjectFile(other).ok());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(given.last(), m_documents->document());
    QCOMPARE(m_documents->document()->filePath(), QFileInfo(other).absoluteFilePath());
    // The document that goes is still there while the signal is delivered.
    QString seenPath;
    ProjectDocument *before = m_documents->document();
    connect(m_documents, &DocumentController::documentChanged, this, [&] { seenPath = before->filePath(); });
    m_documents->closeProject();
    QCOMPARE(seenPath, QFileInfo(other).absoluteFilePath());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(given.last(), nullptr);
    QVERIFY(!m_documents->document());
    QVERIFY(!m_documents->saveCopyAs(m_dir->filePath(QStringLiteral("x.flowbench"))).ok());
}

void TestDocumentController::saveAsCopiesAndContinuesThere()
{
    ProjectDocument *doc = m_documents->document();
    const Id a = addNode(doc, NodeKind::Job, 10, 20);
    TestCase t;
    t.nodeId = a;
    t.title = QStringLiteral("New test case");
    doc->undoStack()->push(new AddTestCaseCommand(doc, t));
    const QString copy = m_dir->filePath(QStringLiteral("copy.flowbench"));
    const Status s = m_documents->saveCopyAs(copy);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(m_documents->document()->filePath(), QFileInfo(copy).absoluteFilePath());
    const Project original = reopenProject(m_path);
    Project copied = reopenProject(copy);
    QCOMPARE(copied.nodes, original.nodes);
    QCOMPARE(copied.testCases, original.testCases);
    QCOMPARE(copied.testCases.size(), 1);
    // Edits now go to the copy only.
    addNode(m_documents->document(), NodeKind::Cache, 300, 20);
    QCOMPARE(reopenProject(copy).nodes.size(), 2);
    QCOMPARE(reopenProject(m_path).nodes.size(), 1);
    // The open project is no copy of itself.
    const Status self = m_documents->saveCopyAs(copy);
    QVERIFY(!self.ok());
    QVERIFY2(self.error().contains(QStringLiteral("copy.flowbench")), qPrintable(self.error()));
}

void TestDocumentController::saveAsOverAProjectReplacesItWhole()
{
    addNode(m_documents->document(), NodeKind::Job, 10, 20);
    // Another project with three nodes.
    const QString other = m_dir->filePath(QStringLiteral("other.flowbench"));
    {
        auto doc = ProjectDocument::create(other, QStringLiteral("Other"));
        QVERIFY2(doc.ok(), qPrintable(doc.error()));
        QList<Node> nodes;
        for (int i = 0; i < 3; ++i) {
            Node n;
            n.id = newId();
            n.name = QStringLiteral("old %1").arg(i);
            nodes.append(n);
        }
        QList<Edge> none;
        QVERIFY(doc.value()->addNodes(nodes, none).ok());
        QCOMPARE(reopenProject(other).nodes.size(), 3);

        // A file that is not a project, with a log beside it: Save As must refuse to
        // replace it rather than let SQLite discard the log.
        const QString stranger = m_dir->filePath(QStringLiteral("stranger.flowbench"));
        for (const QString &name : { stranger, stranger + QStringLiteral("-wal") }) {
            QFile f(name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not sqlite\n");
        }
        const Status refused = m_documents->saveCopyAs(stranger);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("stranger.flowbench")), qPrintable(refused.error()));
        QFile f(stranger + QStringLiteral("-wal"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("not sqlite\n"));
        QCOMPARE(m_documents->document()->filePath(), QFileInfo(m_path).absoluteFilePath()); // still here
    }
    const Status s = m_documents->saveCopyAs(other);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    const Project replaced = reopenProject(other);
    QCOMPARE(replaced.nodes, reopenProject(m_path).nodes);
    // Nothing half-written is left beside it.
    QCOMPARE(QDir(m_dir->path()).entryList({ QStringLiteral("*.partial*") }, QDir::Files | QDir::Hidden),
        QStringList());
}

void TestDocumentController::newProjectOverAFileReplacesIt()
{
    addNode(m_documents->document(), NodeKind::Api, 0, 0);
    // Over the open project itself (the file dialog asked): a new, empty project there.
    const Status s = m_documents->replaceWithNewProject(m_path);
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QCOMPARE(m_documents->document()->filePath(), QFileInfo(m_path).absoluteFilePath());
    QCOMPARE(m_documents->document()->nodeCount(), 0);
    QVERIFY(reopenProject(m_path).nodes.isEmpty());
    QCOMPARE(m_documents->document()->projectName(), QStringLiteral("shop"));
    // Over another project: it is replaced whole.
    const QString other = m_dir->filePath(QStringLiteral("other.flowbench"));
    QVERIFY(m_documents->newProjectFile(other).ok());
    addNode(m_documents->document(), NodeKind::Api, 0, 0);
    QVERIFY(m_documents->openProjectFile(m_path).ok());
    QVERIFY(m_documents->replaceWithNewProject(other).ok());
    QVERIFY(reopenProject(other).nodes.isEmpty());
    QCOMPARE(m_documents->document()->filePath(), QFileInfo(other).absoluteFilePath());
}

void TestDocumentController::badFileIsReported()
{
    const QString bad = m_dir->filePath(QStringLiteral("notes.flowbench"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a project\n");
    f.close();
    const Status s = m_documents->openProjectFile(bad);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("notes.flowbench")), qPrintable(s.error()));
    // The open project stays open.
    QCOMPARE(m_documents->document()->filePath(), QFileInfo(m_path).absoluteFilePath());
    // The dialog version names the file too.
    QString shown;
    QTimer::singleShot(0, [&shown] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->accept();
        }
    });
    QVERIFY(!m_documents->openProject(bad));
    QVERIFY2(shown.contains(QStringLiteral("notes.flowbench")), qPrintable(shown));
}

void TestDocumentController::recentFilesNewestFirst()
{
    QSignalSpy recent(m_documents, &DocumentController::recentFilesChanged);
    const QString other = m_dir->filePath(QStringLiteral("other.flowbench"));
    QVERIFY(m_documents->newProjectFile(other).ok());
    QVERIFY(m_documents->openProjectFile(m_path).ok());
    const QStringList files = m_documents->recentFiles();
    QVERIFY(files.size() >= 2);
    QCOMPARE(files.at(0), QFileInfo(m_path).absoluteFilePath());
    QCOMPARE(files.at(1), QFileInfo(other).absoluteFilePath());
    QCOMPARE(recent.last().first().toStringList(), files);
    // A file that is gone is not offered.
    QFile::remove(other);
    QVERIFY(!m_documents->recentFiles().contains(QFileInfo(other).absoluteFilePath()));
}

void TestDocumentController::exampleOpensAsACopy()
{
    const QString example = m_dir->filePath(QStringLiteral("example.flowbench"));
    const Status written = writeExampleProjectFile(example);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    const QByteArray shipped = [&] {
        QFile f(example);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    qputenv("FLOWBENCH_EXAMPLE", example.toUtf8());
    QCOMPARE(DocumentController::examplePath(), example);
    const Status s = m_documents->openExampleCopy();
    QVERIFY2(s.ok(), qPrintable(s.error()));
    QVERIFY(m_documents->document()->filePath() != QFileInfo(example).absoluteFilePath());
    QVERIFY(m_documents->document()->nodeCount() > 10);
    addNode(m_documents->document(), NodeKind::Cache, 0, 0); // edits go to the copy
    QFile f(example);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), shipped);
    // Opening it again starts from a fresh copy.
    const int nodes = m_documents->document()->nodeCount();
    QVERIFY(m_documents->openExampleCopy().ok());
    QCOMPARE(m_documents->document()->nodeCount(), nodes - 1);
    qputenv("FLOWBENCH_EXAMPLE", QByteArray("/nonexistent/shop.flowbench"));
    QVERIFY(DocumentController::examplePath().isEmpty());
    QVERIFY(!m_documents->openExampleCopy().ok());
    qunsetenv("FLOWBENCH_EXAMPLE");
}

QTEST_MAIN(TestDocumentController)
#include "tst_documentcontroller.moc"
