#pragma once

#include <QString>

class QSqlDatabase;
class QSqlError;

namespace flowbench {

// SQLite's primary result code (SQLITE_FULL, SQLITE_READONLY...) of an error the QSQLITE
// driver reported, or 0 when it carries none.
int sqliteResultCode(const QSqlError &error);

// The driver's text, led by what it means for the person when that is not "damaged":
// "disk full: database or disk is full", "the file is read-only: attempt to write a
// readonly database", "cannot open the file or its write-ahead log: ...". `db` (when
// given) tells a full disk behind a plain I/O error (ENOSPC, EDQUOT).
// On a PostgreSQL connection (`db` given), PostgreSQL's message (SqlDialect::describe).
QString describeSqlError(const QSqlError &error, const QSqlDatabase *db = nullptr);
// describeSqlError for an SQLite connection.
QString sqliteDescription(const QSqlError &error, const QSqlDatabase *db);

// True for the codes that mean the file's content is bad (SQLITE_CORRUPT, SQLITE_NOTADB),
// as opposed to the disk, the permissions or another program.
bool meansDamaged(const QSqlError &error);

} // namespace flowbench
