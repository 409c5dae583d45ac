#pragma once

#include <QString>

class QSqlDatabase;
class QSqlError;

namespace flowbench {

// What differs between the two databases a project can live in: SQLite (the project
// file) and PostgreSQL (the shared store). The store's statements are written once, in
// the SQL both accept; the few places that differ ask this type instead of testing the
// driver themselves.
class SqlDialect
{
public:
    enum class Kind { Sqlite, Postgres };

    static const SqlDialect &sqlite();
    static const SqlDialect &postgres();
    // By the connection's driver (QPSQL is PostgreSQL; everything else SQLite).
    static const SqlDialect &of(const QSqlDatabase &db);

    Kind kind() const { return m_kind; }
    QString driverName() const; // QSQLITE, QPSQL

    // A migration statement, written for SQLite, as this database runs it. PostgreSQL:
    // INTEGER becomes BIGINT, REAL DOUBLE PRECISION (REAL is 4 bytes there), BLOB BYTEA,
    // INTEGER PRIMARY KEY AUTOINCREMENT BIGSERIAL PRIMARY KEY, TEXT compares byte by byte
    // (COLLATE "C", as SQLite's BINARY, so ORDER BY gives the same order), and every new
    // table gets the `rowid BIGSERIAL` column SQLite has implicitly (insertion order).
    QString schemaStatement(const QString &sqliteStatement) const;
    // Starts a transaction that will write: SQLite takes the write lock up front
    // (BEGIN IMMEDIATE); PostgreSQL locks rows as it goes (guarded updates re-check them).
    QString beginWrite() const;
    // Starts a read-only transaction that sees one snapshot for all its statements.
    QString beginSnapshot() const;
    // The driver's message for a person: SQLite's led by what it means (disk full,
    // read-only file...); PostgreSQL's primary message with its SQLSTATE.
    QString describe(const QSqlError &error, const QSqlDatabase *db) const;

private:
    explicit SqlDialect(Kind kind)
        : m_kind(kind)
    {
    }
    Kind m_kind;
};

} // namespace flowbench
