#include "store/projectstore.h"

#include "store/migrations.h"
#include "store/projectstoreprivate.h"
#include "store/sqliteerror.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QUrl>
#include <QtEndian>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace flowbench {

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

namespace {

using StoreResult = Result<std::unique_ptr<ProjectStore>>;

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
        : m_wal(path + QStringLiteral("-wal"))
        , m_shm(path + QStringLiteral("-shm"))
        , m_hadWal(QFileInfo::exists(m_wal))
        , m_hadShm(QFileInfo::exists(m_shm))
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

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Why this program cannot write the project, or empty when it can. SQLite writes the file
// and, in WAL mode, a -wal and a -shm file beside it. access(2) answers for this process:
// root may write a file without write permission, but not an immutable one or one on a
// read-only file system.
QString whyNotWritable(const QString &path)
{
    if (::access(QFile::encodeName(path).constData(), W_OK) != 0) {
        const int error = errno;
        if (error == EROFS)
            return QStringLiteral("it is on a read-only file system");
        return QStringLiteral("this user may not write the file: %1").arg(systemError(error));
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (::access(QFile::encodeName(folder).constData(), W_OK) != 0)
        return QStringLiteral(
            "this user may not write its folder %1, where SQLite keeps the write-ahead log: %2")
            .arg(folder, systemError(errno));
    return QString();
}

// How a read-only connection opens the file. Where the folder cannot be written, SQLite
// cannot make the -shm index a WAL reader needs; with no -wal there either, no writer is at
// work (a writer would have made one), so the file is read as unchanging (immutable=1).
struct ReadOnlyAccess
{
    bool readOnly = false;
    bool immutable = false;
};

void setTarget(QSqlDatabase &db, const QString &path, ReadOnlyAccess access)
{
    if (access.immutable) {
        QUrl url = QUrl::fromLocalFile(path);
        url.setQuery(QStringLiteral("immutable=1"));
        db.setDatabaseName(url.toString(QUrl::FullyEncoded));
        db.setConnectOptions(
            QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=5000"));
        return;
    }
    db.setDatabaseName(path);
    db.setConnectOptions(access.readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")
                                         : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
}

// "file is damaged: ..." only when SQLite says the content is bad; a read-only folder, a
// full disk or a busy file say what they are.
QString readProblem(const QSqlQuery &q, const QSqlDatabase &db)
{
    const QString text = describeSqlError(q.lastError(), &db);
    return meansDamaged(q.lastError()) ? QStringLiteral("file is damaged: %1").arg(text)
                                       : QStringLiteral("cannot be read: %1").arg(text);
}

// Inspects a file through a read-only connection: Flowbench's, not newer, not damaged.
// Returns the schema version or the reason the file must not be opened.
Result<int> inspect(const QString &path, ReadOnlyAccess access)
{
    const QString name = uniqueConnectionName("inspect");
    QString problem;
    int version = 0;
    access.readOnly = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        setTarget(db, path, access);
        QSqlQuery q(db);
        if (!db.open()) {
            problem = QStringLiteral("cannot be opened: %1").arg(describeSqlError(db.lastError(), &db));
        } else if (!q.exec(QStringLiteral("PRAGMA quick_check"))) {
            problem = readProblem(q, db);
        } else {
            QStringList findings;
            while (q.next() && findings.size() < 5) {
                for (const QString &line : q.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                    if (!line.startsWith(QLatin1String("*** in database")))
                        findings << line.trimmed();
            }
            if (findings != QStringList { QStringLiteral("ok") })
                problem = QStringLiteral("file is damaged: %1").arg(findings.join(QStringLiteral("; ")));
        }
        if (problem.isEmpty()) {
            if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
                problem = readProblem(q, db);
            else if (q.value(0).toInt() != kFlowbenchApplicationId)
                problem = QStringLiteral("not a Flowbench project (an SQLite database of another program)");
        }
        if (problem.isEmpty()) {
            const bool ran = q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"));
            // SQLITE_ERROR (1) is "no such table": a file without one is damaged.
            if (!ran && !meansDamaged(q.lastError()) && sqliteResultCode(q.lastError()) != 1)
                problem = readProblem(q, db);
            else if (!ran || !q.next() || q.value(0).toInt() < 1)
                problem = QStringLiteral("file is damaged: it has no schema version (%1)")
                              .arg(q.lastError().text());
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
    for (const char *pragma : { "PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL",
             "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON" }) {
        if (!q.exec(QLatin1String(pragma)))
            return Status::failure(QStringLiteral("%1 failed: %2")
                                       .arg(QLatin1String(pragma), describeSqlError(q.lastError(), &db)));
    }
    if (!q.exec(QStringLiteral("PRAGMA journal_mode")) || !q.next()
        || q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Status::failure(QStringLiteral("could not switch to WAL mode"));
    return success();
}

Result<QSqlDatabase> openConnection(const QString &path, const QString &name, ReadOnlyAccess access = {})
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    setTarget(db, path, access);
    if (!db.open())
        return Result<QSqlDatabase>::failure(
            QStringLiteral("cannot be opened: %1").arg(describeSqlError(db.lastError(), &db)));
    if (access.readOnly) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA busy_timeout = 5000")))
            return Result<QSqlDatabase>::failure(
                QStringLiteral("cannot be opened: %1").arg(describeSqlError(q.lastError(), &db)));
    }
    return db;
}

} // namespace

ProjectStore::ProjectStore(std::unique_ptr<ProjectStorePrivate> d)
    : d(std::move(d))
{
    this->d->author = defaultAuthorName(QString()); // a shared project knows its role later
}

ProjectStore::~ProjectStore()
{
    d->forgetStatements(); // before the connection they were prepared on
    dropConnection(d->connectionName);
}

int ProjectStore::currentSchemaVersion()
{
    return latestSchemaVersion();
}
QString ProjectStore::path() const
{
    return d->path;
}
ProjectLocation ProjectStore::location() const
{
    return d->location;
}
QString ProjectStore::connectionName() const
{
    return d->connectionName;
}
bool ProjectStore::isReadOnly() const
{
    return !d->readOnlyReason.isEmpty();
}
QString ProjectStore::readOnlyReason() const
{
    return d->readOnlyReason;
}
int ProjectStore::schemaVersion() const
{
    return d->schemaVersion;
}
bool ProjectStore::lastEditConflicted() const
{
    return d->conflicted;
}
void ProjectStore::setOthersCommitCallback(std::function<void()> callback)
{
    d->onOthersCommit = std::move(callback);
}

Result<qint64> ProjectStore::dataVersion() const
{
    // A shared project has no data_version: the count of other clients' commits announced
    // by NOTIFY moves instead (sharedprojectstore.cpp).
    if (d->location.isShared())
        return d->othersCommits;
    QSqlDatabase db = QSqlDatabase::database(d->connectionName, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next())
        return Result<qint64>::failure(QStringLiteral("%1: cannot read its data version: %2")
                                           .arg(d->path, describeSqlError(q.lastError(), &db)));
    return q.value(0).toLongLong();
}

StoreResult ProjectStore::create(const QString &path, const QString &projectName)
{
    if (ProjectLocation::looksLikeUrl(path)) {
        const auto location = ProjectLocation::parse(path);
        if (!location)
            return StoreResult::failure(location.error());
        return create(location.value(), projectName);
    }
    if (QFileInfo::exists(path))
        return StoreResult::failure(
            QStringLiteral("%1: already exists; a new project needs a new file").arg(path));
    auto p = std::make_unique<ProjectStorePrivate>();
    p->path = path;
    p->location = ProjectLocation::file(path);
    p->connectionName = uniqueConnectionName("store");
    std::unique_ptr<ProjectStore> store(new ProjectStore(std::move(p)));
    const Status initialised = store->initialise(projectName);
    if (!initialised) {
        store.reset();
        // The file did not exist before: remove what this attempt left behind.
        for (const char *suffix : { "", "-wal", "-shm", "-journal" })
            QFile::remove(path + QLatin1String(suffix));
        return StoreResult::failure(
            QStringLiteral("%1: cannot be created: %2").arg(path, initialised.error()));
    }
    return StoreResult(std::move(store));
}

Status ProjectStore::initialise(const QString &projectName)
{
    auto db = openConnection(d->path, d->connectionName);
    if (!db)
        return Status::failure(db.error());
    // The application id goes into the main file's header before WAL mode, so even a
    // crash right after creation leaves a file recognisable as a Flowbench project.
    QSqlQuery q(db.value());
    if (!q.exec(QStringLiteral("PRAGMA application_id = %1").arg(kFlowbenchApplicationId)))
        return Status::failure(describeSqlError(q.lastError(), &db.value()));
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
        return Status::failure(describeSqlError(q.lastError(), &db.value()));
    if (Status s = guard.commit(); !s)
        return s;
    d->schemaVersion = latestSchemaVersion();
    return success();
}

StoreResult ProjectStore::open(const QString &path)
{
    if (ProjectLocation::looksLikeUrl(path)) {
        const auto location = ProjectLocation::parse(path);
        if (!location)
            return StoreResult::failure(location.error());
        return open(location.value());
    }
    const QFileInfo info(path);
    if (!info.exists())
        return StoreResult::failure(QStringLiteral("%1: does not exist").arg(path));
    if (info.isDir())
        return StoreResult::failure(QStringLiteral("%1: is a folder, not a Flowbench project").arg(path));
    if (const QString problem = headerProblem(path); !problem.isEmpty())
        return StoreResult::failure(QStringLiteral("%1: %2").arg(path, problem));

    // A project this user cannot write opens read-only: it can be read, run and exported,
    // and every edit is refused saying so (ProjectStorePrivate::edit).
    const QString readOnly = whyNotWritable(path);
    ReadOnlyAccess access;
    access.readOnly = !readOnly.isEmpty();
    const QString wal = path + QStringLiteral("-wal");
    const QString folder = QFileInfo(path).absolutePath();
    if (access.readOnly && ::access(QFile::encodeName(folder).constData(), W_OK) != 0) {
        if (QFileInfo::exists(wal) && !QFileInfo::exists(path + QStringLiteral("-shm")))
            return StoreResult::failure(QStringLiteral(
                "%1: cannot be read here: its write-ahead log %2 holds changes, and SQLite cannot "
                "make the index it needs to read them because the folder %3 is read-only; open it "
                "where the folder can be written")
                                            .arg(path, wal, folder));
        access.immutable = !QFileInfo::exists(wal);
    }

    const SideFiles sideFiles(path);
    const Result<int> inspected = inspect(path, access);
    if (!inspected) {
        sideFiles.removeCreated();
        return StoreResult::failure(QStringLiteral("%1: %2").arg(path, inspected.error()));
    }

    auto p = std::make_unique<ProjectStorePrivate>();
    p->path = path;
    p->location = ProjectLocation::file(path);
    p->connectionName = uniqueConnectionName("store");
    p->readOnlyReason = readOnly;
    std::unique_ptr<ProjectStore> store(new ProjectStore(std::move(p)));
    auto db = openConnection(path, store->d->connectionName, access);
    if (!db)
        return StoreResult::failure(QStringLiteral("%1: %2").arg(path, db.error()));
    if (!access.readOnly) {
        if (Status s = configure(db.value()); !s)
            return StoreResult::failure(QStringLiteral("%1: cannot be opened: %2").arg(path, s.error()));
    }

    int version = inspected.value();
    if (version < latestSchemaVersion() && access.readOnly)
        return StoreResult::failure(
            QStringLiteral("%1: is read-only (%2) and was written by an older Flowbench "
                           "(schema %3); this program must upgrade it to schema %4 "
                           "before it can read it: make it writable, or open a copy")
                .arg(path, readOnly)
                .arg(version)
                .arg(latestSchemaVersion()));
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
        q.prepare(QStringLiteral(
            "INSERT INTO meta (key, value) VALUES ('name', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, revision = meta.revision + 1"));
        q.addBindValue(bindable(name));
        return d->exec(q, QStringLiteral("rename the project"));
    });
}

Status ProjectStore::transaction(const std::function<Status()> &edits, EditScope scope)
{
    return d->edit(edits, scope);
}

void ProjectStore::setKeepsHistory(bool keeps)
{
    d->keepsHistory = keeps;
}

QString ProjectStore::author() const
{
    return d->author;
}

void ProjectStore::setAuthor(const QString &author)
{
    d->author = author.trimmed();
}

QString ProjectStore::role() const
{
    return d->role;
}

bool ProjectStore::mayComment() const
{
    return d->readOnlyReason.isEmpty() || d->mayComment;
}

} // namespace flowbench
