#include "store/sqliteerror.h"

#include "store/sqldialect.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>
#include <cerrno>
#include <sqlite3.h>

namespace flowbench {

namespace {

// The errno behind the last failed call on the connection, when it is SQLite's.
int systemError(const QSqlDatabase *db)
{
    if (!db || !db->isValid() || !db->driver())
        return 0;
    const QVariant handle = db->driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return 0;
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.constData());
    return connection ? sqlite3_system_errno(connection) : 0;
}

} // namespace

int sqliteResultCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : 0; // extended codes keep the primary one in the low byte
}

QString describeSqlError(const QSqlError &error, const QSqlDatabase *db)
{
    if (db && db->isValid())
        return SqlDialect::of(*db).describe(error, db);
    return sqliteDescription(error, db);
}

// SQLite's side of SqlDialect::describe.
QString sqliteDescription(const QSqlError &error, const QSqlDatabase *db)
{
    const QString text = error.text();
    switch (sqliteResultCode(error)) {
    case SQLITE_FULL:
        return QStringLiteral("disk full: %1").arg(text);
    case SQLITE_READONLY:
        return QStringLiteral("the file is read-only: %1").arg(text);
    case SQLITE_CANTOPEN:
        return QStringLiteral(
            "cannot open the file or its write-ahead log (is it or its folder read-only?): %1")
            .arg(text);
    case SQLITE_IOERR: {
        const int system = systemError(db);
        if (system == ENOSPC || system == EDQUOT)
            return QStringLiteral("disk full: %1").arg(text);
        return text;
    }
    default:
        return text;
    }
}

bool meansDamaged(const QSqlError &error)
{
    const int code = sqliteResultCode(error);
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

} // namespace flowbench
