#include "store/databasefile.h"

#include "files/outputfile.h"
#include "store/projectstore.h"
#include "store/sqliteerror.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace flowbench {

Status checkpointDatabaseFile(const QString &path)
{
    if (!QFileInfo::exists(path + QStringLiteral("-wal")))
        return success();
    auto failure = [&path](const QString &problem) {
        return Status::failure(
            QStringLiteral("%1: cannot fold its write-ahead log (%1-wal) into the file: %2").arg(path, problem));
    };
    {
        // SQLite resets a log it cannot match to its file: never let it see a stranger.
        QFile file(path);
        static const QByteArray magic("SQLite format 3\0", 16);
        if (!file.open(QIODevice::ReadOnly))
            return failure(file.errorString());
        if (file.read(magic.size()) != magic)
            return failure(QStringLiteral("the file is not an SQLite database; move the log away to replace it"));
    }
    static QAtomicInteger<quint64> serial;
    const QString name = QStringLiteral("flowbench-checkpoint-%1").arg(serial.fetchAndAddRelaxed(1));
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            problem = describeSqlError(db.lastError(), &db);
        } else {
            // TRUNCATE: every frame copied into the database and the log emptied, or a
            // "busy" row when another connection kept some of it out.
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !q.next())
                problem = describeSqlError(q.lastError(), &db);
            else if (q.value(0).toInt() != 0)
                problem = QStringLiteral("the database is busy in another program");
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!problem.isEmpty())
        return failure(problem);
    return success();
}

Status replaceDatabaseFile(const QString &built, const QString &target)
{
    if (QFileInfo::exists(target)) {
        if (Status s = checkpointDatabaseFile(target); !s)
            return Status::failure(s.error() + QStringLiteral("; it was left as it was"));
    }
    // rename(2) replaces the target atomically: readers see the old file or the new one.
    if (std::rename(QFile::encodeName(built).constData(), QFile::encodeName(target).constData()) != 0) {
        const int error = errno;
        return Status::failure(QStringLiteral("%1: cannot move the new project into place: %2")
                                   .arg(target, QString::fromLocal8Bit(std::strerror(error))));
    }
    // A log left by the old file must never be applied to the new one. After the
    // checkpoint it holds nothing the old file lacked.
    for (const char *suffix : { "-wal", "-shm", "-journal" })
        QFile::remove(target + QLatin1String(suffix));
    return success();
}

namespace {
void removeDatabaseFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}
} // namespace

Status checkProjectFileTarget(const QString &path)
{
    if (path == QLatin1String("-"))
        return Status::failure(QStringLiteral("-: a project must be a regular file; standard output cannot hold one"));
    if (const QString kind = specialFileKind(path); !kind.isEmpty())
        return Status::failure(QStringLiteral("%1: is %2; a project must be a regular file (nothing was written)")
                                   .arg(path, kind));
    return success();
}

Status writeProjectFile(const Project &project, const QString &path)
{
    if (Status s = checkProjectFileTarget(path); !s)
        return s;
    const QFileInfo target(path);
    const QString temp = target.absoluteDir().filePath(
        QStringLiteral(".%1.%2.partial").arg(target.fileName()).arg(QCoreApplication::applicationPid()));
    removeDatabaseFiles(temp);
    Status written = [&]() -> Status {
        auto store = ProjectStore::create(temp, project.name);
        if (!store)
            return Status::failure(store.error());
        return store.value()->replaceContents(project);
    }(); // the store is closed here, so its WAL is checkpointed into the file
    if (!written) {
        removeDatabaseFiles(temp);
        QString message = written.error();
        message.replace(temp, path);
        return Status::failure(message);
    }
    if (Status moved = replaceDatabaseFile(temp, path); !moved) {
        removeDatabaseFiles(temp);
        return moved;
    }
    return success();
}

} // namespace flowbench
