// A project this user cannot write opens read-only and says so; a full disk says "disk
// full". Neither is ever called "damaged", and neither loses or changes what was saved.
// Read-only is made the way a user meets it: chmod a-w, or as root (which ignores
// permissions) the immutable attribute (support/specialfiles.h).
#include "document/addnodescommand.h"
#include "document/projectdocument.h"
#include "store/databasefile.h"
#include "store/migrations.h"
#include "store/projectstore.h"
#include "support/projectfile.h"
#include "support/specialfiles.h"

#include "sampleproject.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

QByteArray digest(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly)
        ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()
        : QByteArray("(cannot read)");
}

// "read-only" and the file, never "damaged".
void verifyReadOnlyRefusal(const Status &s, const QString &path)
{
    QVERIFY2(!s.ok(), "an edit of a read-only project succeeded");
    QVERIFY2(s.error().startsWith(path + QStringLiteral(": is read-only (")), qPrintable(s.error()));
    QVERIFY2(s.error().endsWith(QStringLiteral("nothing was saved")), qPrintable(s.error()));
    QVERIFY2(!s.error().contains(QStringLiteral("damaged")), qPrintable(s.error()));
}

} // namespace

class TestReadOnlyProject : public QObject
{
    Q_OBJECT

private slots:
    void readOnlyFileOpensReadOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shop.flowbench"));
        const Project sample = sampleProject();
        QVERIFY(writeProjectFile(sample, path).ok());
        const QByteArray before = digest(path);
        ReadOnlyMark mark(path);
        FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());

        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QVERIFY((*store)->isReadOnly());
        QVERIFY2((*store)->readOnlyReason().contains(QStringLiteral("may not write the file")),
            qPrintable((*store)->readOnlyReason()));
        const Result<Project> loaded = (*store)->load();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->nodes.size(), sample.nodes.size());
        QCOMPARE(loaded->testCases.size(), sample.testCases.size());
        QCOMPARE(loaded->runs.size(), sample.runs.size());

        Node extra = sampleNode(QStringLiteral("extra"), NodeKind::Cache);
        verifyReadOnlyRefusal((*store)->addNode(extra), path);
        Node changed = loaded->nodes.first();
        changed.name = QStringLiteral("renamed");
        verifyReadOnlyRefusal((*store)->updateNode(changed), path);
        verifyReadOnlyRefusal((*store)->setNodePositions({ { changed.id, 1, 2, false } }), path);
        verifyReadOnlyRefusal((*store)->setProjectName(QStringLiteral("other")), path);
        verifyReadOnlyRefusal((*store)->removeEdge(loaded->edges.first().id), path);
        verifyReadOnlyRefusal((*store)->transaction([] { return success(); }), path);
        Run run = loaded->runs.first();
        run.id = newId();
        verifyReadOnlyRefusal((*store)->addRun(run, {}), path);
        const auto removed = (*store)->removeNode(changed.id);
        QVERIFY(!removed.ok());
        QVERIFY2(removed.error().contains(QStringLiteral("is read-only")), qPrintable(removed.error()));

        store.value().reset();
        QCOMPARE(digest(path), before);
    }

    // The folder cannot be written: SQLite cannot make its WAL index beside the file, so
    // the file is read as unchanging; nothing is created next to it.
    void readOnlyFolderOpensReadOnly()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("shared"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("shared")));
        const QString path = QDir(folder).filePath(QStringLiteral("shop.flowbench"));
        QVERIFY(writeProjectFile(sampleProject(), path).ok());
        const QByteArray before = digest(path);
        ReadOnlyMark mark(folder);
        FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());

        auto store = ProjectStore::open(path);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QVERIFY((*store)->isReadOnly());
        QVERIFY2((*store)->readOnlyReason().contains(folder), qPrintable((*store)->readOnlyReason()));
        const Result<Project> loaded = (*store)->load();
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->nodes.size(), sampleProject().nodes.size());
        Node extra = sampleNode(QStringLiteral("extra"), NodeKind::Cache);
        verifyReadOnlyRefusal((*store)->addNode(extra), path);
        store.value().reset();
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList { QStringLiteral("shop.flowbench") });
        QCOMPARE(digest(path), before);
    }

    // An older file needs an upgrade, which a read-only file cannot take: refused, saying
    // why, never "damaged".
    void readOnlyOlderSchemaIsRefusedClearly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("legacy.flowbench"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("legacy"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA application_id = %1").arg(kFlowbenchApplicationId)));
            QVERIFY(applyMigrations(db, 0, 1).ok());
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("legacy"));
        const QByteArray before = digest(path);
        ReadOnlyMark mark(path);
        FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());
        auto store = ProjectStore::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(
            store.error().startsWith(path + QStringLiteral(": is read-only (")), qPrintable(store.error()));
        QVERIFY2(
            store.error().contains(QStringLiteral("older Flowbench (schema 1)")), qPrintable(store.error()));
        QVERIFY2(!store.error().contains(QStringLiteral("damaged")), qPrintable(store.error()));
        QCOMPARE(digest(path), before);
    }

    // The document refuses a pushed command with a message and stays as the file is.
    void documentRefusesCommands()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shop.flowbench"));
        QVERIFY(writeProjectFile(sampleProject(), path).ok());
        ReadOnlyMark mark(path);
        FLOWBENCH_REQUIRE_SPECIAL(mark.errorString());
        auto doc = ProjectDocument::open(path);
        QVERIFY2(doc.ok(), qPrintable(doc.error()));
        ProjectDocument *d = doc.value().get();
        QVERIFY(d->isReadOnly());
        const int nodes = d->nodeCount();
        QSignalSpy errors(d, &ProjectDocument::errorOccurred);
        QSignalSpy added(d, &ProjectDocument::nodesAdded);
        d->undoStack()->push(new AddNodesCommand(d, { sampleNode(QStringLiteral("extra"), NodeKind::Job) }));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().first().toString().contains(QStringLiteral("is read-only")),
            qPrintable(errors.first().first().toString()));
        QCOMPARE(added.size(), 0);
        QCOMPARE(d->nodeCount(), nodes);
        QCOMPARE(d->undoStack()->count(), 0); // the refused command is not kept for undo
    }

    // SQLITE_FULL, made reproducible with PRAGMA max_page_count on the store's connection:
    // the edit that does not fit fails saying "disk full" and naming the file; everything
    // acknowledged before it is in the file when it is opened again.
    void diskFullSaysSoAndKeepsWhatWasSaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.flowbench"));
        QList<Id> saved;
        QString failure;
        {
            auto store = ProjectStore::create(path, QStringLiteral("full"));
            QVERIFY2(store.ok(), qPrintable(store.error()));
            QSqlQuery q(QSqlDatabase::database((*store)->connectionName()));
            QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
            const int pages = q.value(0).toInt();
            QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 8)));
            q.finish();
            for (int i = 0; i < 5000 && failure.isEmpty(); ++i) {
                Node n = sampleNode(QStringLiteral("node %1").arg(i), NodeKind::Service);
                n.description = QString(400, QLatin1Char('d')); // fills pages quickly
                const Status s = (*store)->addNode(n);
                if (s)
                    saved << n.id;
                else
                    failure = s.error();
            }
        }
        QVERIFY2(!failure.isEmpty(), "the page limit was never reached");
        QVERIFY2(failure.startsWith(path + QStringLiteral(": ")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("disk full")), qPrintable(failure));
        QVERIFY2(!failure.contains(QStringLiteral("damaged")), qPrintable(failure));
        QVERIFY(!saved.isEmpty());

        const Project reopened = reopenProject(path);
        QList<Id> stored;
        for (const Node &n : reopened.nodes)
            stored << n.id;
        std::sort(saved.begin(), saved.end());
        QCOMPARE(stored, saved);
    }
};

QTEST_GUILESS_MAIN(TestReadOnlyProject)
#include "tst_readonlyproject.moc"
