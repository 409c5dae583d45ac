// `import --force` onto an existing project never loses the old project's committed work:
// a project whose last edits sit only in its write-ahead log (the program that wrote them
// was killed before it checkpointed) keeps them when the replacement fails, and the log
// of the old file is never applied to the new one.
#include "store/databasefile.h"
#include "store/editlog.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "support/projectfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

// The example as shipped, found next to the test sources (tests/support/exampleproject).
QString shopJson()
{
    return flowbench::testing::exampleJsonPath();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool hasNodeNamed(const Project &p, const QString &name)
{
    return p.nodeByName(name) != nullptr;
}

} // namespace

class TestImportForce : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void failedReplaceKeepsWhatOnlyTheLogHeld();
    void forcedImportReplacesAProjectWithALog();
    void logThatCannotBeFoldedInIsNotDeleted();

private:
    // `name` as a project killed after its last edit: the node "kept in the log" is in
    // name-wal only, the database file itself lacks it.
    QString crashedProject(const QString &name);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestImportForce::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestImportForce::crashedProject(const QString &name)
{
    const QString live = m_dir->filePath(QStringLiteral("live-") + name);
    const QString crashed = m_dir->filePath(name);
    auto store = ProjectStore::create(live, QStringLiteral("old project"));
    if (!store)
        qFatal("%s", qPrintable(store.error()));
    Node node;
    node.kind = NodeKind::Table;
    node.name = QStringLiteral("kept in the log");
    if (Status s = store.value()->addNode(node); !s)
        qFatal("%s", qPrintable(s.error()));
    // While the store is open its commits sit in the log: copying both files now is what
    // a crash leaves on disk.
    for (const QString &suffix : { QString(), QStringLiteral("-wal") })
        if (!QFile::copy(live + suffix, crashed + suffix))
            qFatal("cannot copy %s", qPrintable(live + suffix));
    return crashed;
}

void TestImportForce::failedReplaceKeepsWhatOnlyTheLogHeld()
{
    const QString old = crashedProject(QStringLiteral("old.flowbench"));
    QVERIFY(QFileInfo(old + QStringLiteral("-wal")).size() > 0);
    {
        // The database file alone does not have the node: only the log does.
        const QString fileOnly = m_dir->filePath(QStringLiteral("file-only.flowbench"));
        QVERIFY(QFile::copy(old, fileOnly));
        auto store = ProjectStore::open(fileOnly);
        QVERIFY(!store || !hasNodeNamed(store.value()->load().value(), QStringLiteral("kept in the log")));
    }

    // The rename fails (the new file is not there): the old project must be whole.
    const Status replaced
        = replaceDatabaseFile(m_dir->filePath(QStringLiteral("never-built.flowbench")), old);
    QVERIFY(!replaced);
    QVERIFY2(replaced.error().contains(QStringLiteral("cannot move the new project into place")),
        qPrintable(replaced.error()));
    QVERIFY(hasNodeNamed(reopenProject(old), QStringLiteral("kept in the log")));
}

void TestImportForce::forcedImportReplacesAProjectWithALog()
{
    const QString old = crashedProject(QStringLiteral("p.flowbench"));
    const CliOutcome forced = runCli({ QStringLiteral("import"), QStringLiteral("--format"),
        QStringLiteral("json"), QStringLiteral("--force"), shopJson(), old });
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
    const Project now = reopenProject(old);
    QVERIFY(!hasNodeNamed(now, QStringLiteral("kept in the log"))); // the old log was not replayed
    QCOMPARE(runCli({ QStringLiteral("export"), old }).out.toUtf8(), readAll(shopJson()));
    QVERIFY(!QFileInfo::exists(old + QStringLiteral("-wal"))
        || QFileInfo(old + QStringLiteral("-wal")).size() == 0);
    // The old history went with the old project; the new one's begins with one line
    // saying what was replaced (with what only the log held) and by what.
    auto store = ProjectStore::open(old);
    QVERIFY2(store, qPrintable(store.error()));
    const Result<QList<EditLogEntry>> lines = store.value()->history(now.nodes.first().id);
    QVERIFY2(lines, qPrintable(lines.error()));
    QCOMPARE(lines->size(), 1);
    QCOMPARE(lines->first().entityKind, QStringLiteral("project"));
    QCOMPARE(lines->first().field, QStringLiteral("replace"));
    QCOMPARE(lines->first().oldValue, QStringLiteral("“old project”: 1 node, 0 test cases"));
    QVERIFY2(lines->first().newValue.contains(QStringLiteral(" from ") + QFileInfo(shopJson()).fileName()),
        qPrintable(lines->first().newValue));
}

void TestImportForce::logThatCannotBeFoldedInIsNotDeleted()
{
    // Not a database, yet a log next to it: nothing can tell what the log is worth, so
    // the import refuses rather than delete it.
    const QString old = m_dir->filePath(QStringLiteral("odd.flowbench"));
    const QByteArray file("not an SQLite database\n");
    const QByteArray log(4096, 'w');
    for (const auto &[path, bytes] :
        { std::pair { old, file }, std::pair { old + QStringLiteral("-wal"), log } }) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const CliOutcome refused = runCli({ QStringLiteral("import"), QStringLiteral("--format"),
        QStringLiteral("json"), QStringLiteral("--force"), shopJson(), old });
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(old + QStringLiteral(": cannot fold its write-ahead log")),
        qPrintable(refused.err));
    QCOMPARE(readAll(old), file);
    QCOMPARE(readAll(old + QStringLiteral("-wal")), log);
    // Nothing of the attempt is left behind.
    const QStringList left = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, (QStringList { QStringLiteral("odd.flowbench"), QStringLiteral("odd.flowbench-wal") }));
}

QTEST_GUILESS_MAIN(TestImportForce)
#include "tst_importforce.moc"
