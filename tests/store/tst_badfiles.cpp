#include "sampleproject.h"
#include "store/projectstore.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

enum class BadFile {
    Text,
    Empty,
    RandomBytes,
    OtherSqlite,
    OtherSqliteWal,
    NewerSchema,
    Truncated,
    OverwrittenMiddle,
    Missing,
    Folder,
};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &b : bytes)
        b = char(random.bounded(256));
    return bytes;
}

// Runs SQL on a file outside ProjectStore, as another program would.
QString runSql(const QString &path, const QStringList &statements)
{
    const QString name = QStringLiteral("badfiles-writer");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            for (const QString &s : statements) {
                if (!q.exec(s)) {
                    error = s + QStringLiteral(": ") + q.lastError().text();
                    break;
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

// A real project with enough rows to span many pages, closed cleanly (no -wal left).
QString bigProject(const QString &path)
{
    auto store = ProjectStore::create(path, QStringLiteral("Big"));
    if (!store)
        return store.error();
    const Status s = (*store)->transaction([&]() -> Status {
        for (int i = 0; i < 3000; ++i) {
            Node n = sampleNode(QStringLiteral("node-%1").arg(i), NodeKind::Service, i, i);
            n.description = QString(200, QLatin1Char('a' + i % 26));
            if (Status a = (*store)->addNode(n); !a)
                return a;
        }
        return success();
    });
    return s ? QString() : s.error();
}

} // namespace

Q_DECLARE_METATYPE(BadFile)

class TestBadFiles : public QObject
{
    Q_OBJECT
private slots:
    void refusedUnchanged_data();
    void refusedUnchanged();
    void projectStillOpensAfterRefusals();

private:
    QTemporaryDir m_dir;
};

void TestBadFiles::refusedUnchanged_data()
{
    QTest::addColumn<BadFile>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("text file") << BadFile::Text << QStringLiteral("not a Flowbench project (not an SQLite database)");
    QTest::newRow("empty file") << BadFile::Empty << QStringLiteral("not a Flowbench project (empty file)");
    QTest::newRow("random bytes") << BadFile::RandomBytes << QStringLiteral("not a Flowbench project (not an SQLite database)");
    QTest::newRow("other SQLite database") << BadFile::OtherSqlite
                                           << QStringLiteral("not a Flowbench project (an SQLite database of another program)");
    QTest::newRow("other SQLite database, WAL") << BadFile::OtherSqliteWal
                                                << QStringLiteral("not a Flowbench project (an SQLite database of another program)");
    QTest::newRow("newer schema") << BadFile::NewerSchema
                                  << QStringLiteral("written by a newer Flowbench (schema 99; this program reads up to %1)")
                                         .arg(ProjectStore::currentSchemaVersion());
    QTest::newRow("truncated project") << BadFile::Truncated << QStringLiteral("file is damaged: ");
    QTest::newRow("overwritten middle") << BadFile::OverwrittenMiddle << QStringLiteral("file is damaged: ");
    QTest::newRow("missing file") << BadFile::Missing << QStringLiteral("does not exist");
    QTest::newRow("folder") << BadFile::Folder << QStringLiteral("is a folder");
}

void TestBadFiles::refusedUnchanged()
{
    QFETCH(BadFile, kind);
    QFETCH(QString, reason);
    const QString path = m_dir.filePath(QStringLiteral("%1.flowbench").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
    switch (kind) {
    case BadFile::Text:
        QVERIFY(writeFile(path, "name: my project\nnodes: []\n"));
        break;
    case BadFile::Empty:
        QVERIFY(writeFile(path, QByteArray()));
        break;
    case BadFile::RandomBytes:
        QVERIFY(writeFile(path, randomBytes(8192, 42)));
        break;
    case BadFile::OtherSqlite:
    case BadFile::OtherSqliteWal: {
        QStringList sql = {QStringLiteral("CREATE TABLE contacts (name TEXT, phone TEXT)"),
                           QStringLiteral("INSERT INTO contacts VALUES ('ana', '123')")};
        if (kind == BadFile::OtherSqliteWal)
            sql.prepend(QStringLiteral("PRAGMA journal_mode = WAL"));
        const QString error = runSql(path, sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        break;
    }
    case BadFile::NewerSchema: {
        {
            auto store = ProjectStore::create(path, QStringLiteral("From the future"));
            QVERIFY2(store.ok(), qPrintable(store.error()));
        }
        const QString error = runSql(path, {QStringLiteral("INSERT INTO schema_version VALUES (99, '2030-01-01')")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        break;
    }
    case BadFile::Truncated:
    case BadFile::OverwrittenMiddle: {
        const QString error = bigProject(path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 200 * 4096);
        if (kind == BadFile::Truncated) {
            QVERIFY(f.resize(size / 2 + 123));
        } else {
            QVERIFY(f.seek((size / 2) / 4096 * 4096));
            QCOMPARE(f.write(randomBytes(3 * 4096, 7)), qint64(3 * 4096));
        }
        break;
    }
    case BadFile::Missing:
        break;
    case BadFile::Folder:
        QVERIFY(QDir().mkpath(path));
        break;
    }

    const bool existed = QFileInfo::exists(path);
    const QByteArray before = QFileInfo(path).isFile() ? fileHash(path) : QByteArray();

    auto store = ProjectStore::open(path);
    QVERIFY(!store.ok());
    qInfo("%s", qPrintable(store.error()));
    QVERIFY2(store.error().startsWith(path + QStringLiteral(": ")), qPrintable(store.error()));
    QVERIFY2(store.error().contains(reason), qPrintable(store.error()));

    QCOMPARE(QFileInfo::exists(path), existed);
    if (!before.isEmpty())
        QCOMPARE(fileHash(path), before);
    QVERIFY2(!QFileInfo::exists(path + QStringLiteral("-wal")), "a -wal file was left behind");
    QVERIFY2(!QFileInfo::exists(path + QStringLiteral("-shm")), "a -shm file was left behind");
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-journal")));
}

// The refusals above must not be a store that refuses everything.
void TestBadFiles::projectStillOpensAfterRefusals()
{
    const QString path = m_dir.filePath(QStringLiteral("good.flowbench"));
    const QString error = bigProject(path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto store = ProjectStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    QCOMPARE((*store)->nodes()->size(), 3000);
}

QTEST_GUILESS_MAIN(TestBadFiles)
#include "tst_badfiles.moc"
