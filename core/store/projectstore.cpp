#include "store/projectstore.h"

#include "store/migrations.h"
#include "store/projectstoreprivate.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QtEndian>

namespace flowbench {

namespace {

using StoreResult = Result<std::unique_ptr<ProjectStore>>;

QString uniqueConnectionName(const char *purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("flowbench-%1-%2").arg(QLatin1String(purpose)).arg(counter.fetchAndAddRelaxed(1));
}

// Closes and unregisters a connection once no QSqlDatabase/QSqlQuery uses it.
void dropConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Reads the 100-byte SQLite header ourselves, so that SQLite never touches a file that
// is not a Flowbench project (even a read-only connection leaves -wal/-shm files next to
// a WAL-mode database).
QString headerProblem(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot be read (%1)").arg(file.errorString());
    const QByteArray header = file.read(100);
    if (header.isEmpty())
        return QStringLiteral("not a Flowbench project (empty file)");
    static const QByteArray magic("SQLite format 3\0", 16);
    if (!header.startsWith(magic))
        return QStringLiteral("not a Flowbench project (not an SQLite database)");
    if (header.size() < 100)
        return QStringLiteral("file is damaged: the SQLite header is cut short");
    const qint32 applicationId = qFromBigEndian<qint32>(header.constData() + 68);
    if (applicationId != kFlowbenchApplicationId)
        return QStringLiteral("not a Flowbench project (an SQLite database of another program)");
    return QString();
}

// Removes the empty -wal and -shm files a read-only inspection created; never a WAL
// that existed before (it may hold another program's committed data).
class SideFiles
{
public:
    explicit SideFiles(const QString &path)
        : m_wal(path + QStringLiteral("-wal")), m_shm(path + QStringLiteral("-shm")),
          m_hadWal(QFileInfo::exists(m_wal)), m_hadShm(QFileInfo::exists(m_shm))
    {
    }
    void removeCreated() const
    {
        if (m_hadWal || m_hadShm)
            return;
        if (QFileInfo::exists(m_wal) && QFileInfo(m_wal).size() != 0)
            return;
        QFile::remove(m_wal);
        QFile::remove(m_shm);
    }

private:
    QString m_wal, m_shm;
    bool m_hadWal, m_hadShm;
};

// Inspects a file through a read-only connection: Flowbench's, not newer, not damaged.
// Returns the schema version or the reason the file must not be opened.
Result<int> inspect(const QString &path)
{
    const QString name = uniqueConnectionName("inspect");
    QString problem;
    int version = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        QSqlQuery q(db);
        if (!db.open()) {
            problem = QStringLiteral("cannot be opened: %1").arg(db.lastError().text());
        } else if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
            problem = QStringLiteral("file is damaged: %1").arg(q.lastError().text());
        } else {
            QStringList findings;
            while (q.next() && findings.size() < 5) {
                for (const QString &line : q.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                    if (!line.startsWith(QLatin1String("*** in database")))
                        findings << line.trimmed();
            }
            if (findings != QStringList{QStringLiteral("ok")})
                problem = QStringLiteral("file is damaged: %1").arg(findings.join(QStringLiteral("; ")));
        }
        if (problem.isEmpty()) {
            if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
                problem = QStringLiteral("file is damaged: %1").arg(q.lastError().text());
            else if (q.value(0).toInt() != kFlowbenchApplicationId)
                problem = QStringLiteral("not a Flowbench project (an SQLite database of another program)");
        }
        if (problem.isEmpty()) {
            if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next() || q.value(0).toInt() < 1)
                problem = QStringLiteral("file is damaged: it has no schema version (%1)").arg(q.lastError().text());
            else
                version = q.value(0).toInt();
        }
        if (problem.isEmpty() && version > latestSchemaVersion())
            problem = QStringLiteral("written by a newer Flowbench (schema %1; this program reads up to %2)")
                          .arg(version)
                          .arg(latestSchemaVersion());
    }
    dropConnection(name);
    if (!problem.isEmpty())
        return Result<int>::failure(problem);
    return version;
}

// WAL for crash safety and readers that never block the writer; FULL so that a commit
// that returned is on disk; foreign keys for the cascades.
Status configure(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const char *pragma : {"PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL",
                               "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
        if (!q.exec(QLatin1String(pragma)))
            return Status::failure(QStringLiteral("%1 failed: %2").arg(QLatin1String(pragma), q.lastError().text()));
    }
    if (!q.exec(QStringLiteral("PRAGMA journal_mode")) || !q.next()
        || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Status::failure(QStringLiteral("could not switch to WAL mode"));
    return success();
}

Result<QSqlDatabase> openReadWrite(const QString &path, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return Result<QSqlDatabase>::failure(QStringLiteral("cannot be opened: %1").arg(db.lastError().text()));
    return db;
}

} // namespace

ProjectStore::ProjectStore(std::unique_ptr<ProjectStorePrivate> d) : d(std::move(d)) {}

ProjectStore::~ProjectStore() { dropConnection(d->connectionName); }

int ProjectStore::currentSchemaVersion() { return latestSchemaVersion(); }
QString ProjectStore::path() const { return d->path; }
QString ProjectStore::connectionName() const { return d->connectionName; }
int ProjectStore::schemaVersion() const { return d->schemaVersion; }

StoreResult ProjectStore::create(const QString &path, const QString &projectName)
{
    if (QFileInfo::exists(path))
        return StoreResult::failure(QStringLiteral("%1: already exists; a new project needs a new file").arg(path));
    auto p = std::make_unique<ProjectStorePrivate>();
    p->path = path;
    p->connectionName = uniqueConnectionName("store");
    std::unique_ptr<ProjectStore> store(new ProjectStore(std::move(p)));
    const Status initialised = store->initialise(projectName);
    if (!initialised) {
        store.reset();
        // The file did not exist before: remove what this attempt left behind.
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(path + QLatin1String(suffix));
        return StoreResult::failure(QStringLiteral("%1: cannot be created: %2").arg(path, initialised.error()));
    }
    return StoreResult(std::move(store));
}

Status ProjectStore::initialise(const QString &projectName)
{
    auto db = openReadWrite(d->path, d->connectionName);
    if (!db)
        return Status::failure(db.error());
    // The application id goes into the main file's header before WAL mode, so even a
    // crash right after creation leaves a file recognisable as a Flowbench project.
    QSqlQuery q(db.value());
    if (!q.exec(QStringLiteral("PRAGMA application_id = %1").arg(kFlowbenchApplicationId)))
        return Status::failure(q.lastError().text());
    if (Status s = configure(db.value()); !s)
        return s;
    SqlTransaction guard(d->connectionName, d->tx);
    if (Status s = guard.begin(); !s)
        return s;
    if (Status m = applyMigrations(db.value(), 0, latestSchemaVersion()); !m)
        return m;
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('name', ?)"));
    q.addBindValue(bindable(projectName));
    if (!q.exec())
        return Status::failure(q.lastError().text());
    if (Status s = guard.commit(); !s)
        return s;
    d->schemaVersion = latestSchemaVersion();
    return success();
}

StoreResult ProjectStore::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return StoreResult::failure(QStringLiteral("%1: does not exist").arg(path));
    if (info.isDir())
        return StoreResult::failure(QStringLiteral("%1: is a folder, not a Flowbench project").arg(path));
    if (const QString problem = headerProblem(path); !problem.isEmpty())
        return StoreResult::failure(QStringLiteral("%1: %2").arg(path, problem));

    const SideFiles sideFiles(path);
    const Result<int> inspected = inspect(path);
    if (!inspected) {
        sideFiles.removeCreated();
        return StoreResult::failure(QStringLiteral("%1: %2").arg(path, inspected.error()));
    }

    auto p = std::make_unique<ProjectStorePrivate>();
    p->path = path;
    p->connectionName = uniqueConnectionName("store");
    std::unique_ptr<ProjectStore> store(new ProjectStore(std::move(p)));
    auto db = openReadWrite(path, store->d->connectionName);
    if (!db)
        return StoreResult::failure(QStringLiteral("%1: %2").arg(path, db.error()));
    if (Status s = configure(db.value()); !s)
        return StoreResult::failure(QStringLiteral("%1: cannot be opened: %2").arg(path, s.error()));

    int version = inspected.value();
    if (version < latestSchemaVersion()) {
        // Re-read under the write lock: another program may have migrated meanwhile.
        Status s = store->d->edit([&]() -> Status {
            QSqlQuery q(db.value());
            if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
                return store->d->sqlFailure(QStringLiteral("read the schema version"), q);
            version = q.value(0).toInt();
            if (Status m = applyMigrations(db.value(), version, latestSchemaVersion()); !m)
                return store->d->failure(QStringLiteral("could not upgrade schema %1 to %2: %3")
                                             .arg(version)
                                             .arg(latestSchemaVersion())
                                             .arg(m.error()));
            return success();
        });
        if (!s)
            return StoreResult::failure(s.error());
    }
    store->d->schemaVersion = latestSchemaVersion();
    return StoreResult(std::move(store));
}

Result<QString> ProjectStore::projectName() const
{
    QSqlQuery q = d->query();
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'name'")))
        return Result<QString>::failure(d->sqlFailure(QStringLiteral("read the project name"), q).error());
    return q.next() ? q.value(0).toString() : QString();
}

Status ProjectStore::setProjectName(const QString &name)
{
    return d->edit([&]() -> Status {
        QSqlQuery q = d->query();
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('name', ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value, revision = revision + 1"));
        q.addBindValue(bindable(name));
        return d->exec(q, QStringLiteral("rename the project"));
    });
}

Status ProjectStore::transaction(const std::function<Status()> &edits)
{
    return d->edit(edits);
}

} // namespace flowbench
