#include "store/sqldialect.h"

#include "store/sqliteerror.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>

namespace flowbench {

const SqlDialect &SqlDialect::sqlite()
{
    static const SqlDialect dialect(Kind::Sqlite);
    return dialect;
}

const SqlDialect &SqlDialect::postgres()
{
    static const SqlDialect dialect(Kind::Postgres);
    return dialect;
}

const SqlDialect &SqlDialect::of(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL") ? postgres() : sqlite();
}

QString SqlDialect::driverName() const
{
    return m_kind == Kind::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

QString SqlDialect::schemaStatement(const QString &sqliteStatement) const
{
    if (m_kind == Kind::Sqlite)
        return sqliteStatement;
    // Type names are upper case in the migrations and column names lower case (a column
    // may be called `text`): the rewrite is case-sensitive on purpose.
    struct Rule
    {
        QRegularExpression pattern;
        QString replacement;
    };
    static const Rule rules[] = {
        { QRegularExpression(QStringLiteral("\\bINTEGER PRIMARY KEY AUTOINCREMENT\\b")),
            QStringLiteral("BIGSERIAL PRIMARY KEY") },
        { QRegularExpression(QStringLiteral("\\bINTEGER\\b")), QStringLiteral("BIGINT") },
        { QRegularExpression(QStringLiteral("\\bREAL\\b")), QStringLiteral("DOUBLE PRECISION") },
        { QRegularExpression(QStringLiteral("\\bBLOB\\b")), QStringLiteral("BYTEA") },
        { QRegularExpression(QStringLiteral("\\bTEXT\\b")), QStringLiteral("TEXT COLLATE \"C\"") },
        { QRegularExpression(QStringLiteral("^\\s*CREATE TABLE (\\w+) \\(")),
            QStringLiteral("CREATE TABLE \\1 (rowid BIGSERIAL NOT NULL, ") },
    };
    QString out = sqliteStatement;
    for (const Rule &rule : rules)
        out.replace(rule.pattern, rule.replacement);
    return out;
}

QString SqlDialect::beginWrite() const
{
    return m_kind == Kind::Postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString SqlDialect::beginSnapshot() const
{
    return m_kind == Kind::Postgres ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                    : QStringLiteral("BEGIN");
}

QString SqlDialect::describe(const QSqlError &error, const QSqlDatabase *db) const
{
    if (m_kind == Kind::Sqlite)
        return sqliteDescription(error, db);
    // QPSQL's databaseText is "ERROR:  message\nDETAIL: ...(SQLSTATE)"; its driverText
    // ("Unable to create query") says nothing a person can use when there is one.
    QString text = error.databaseText().trimmed();
    if (text.startsWith(QLatin1String("ERROR:")))
        text = text.mid(6).trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    const QString state = error.nativeErrorCode();
    // The driver appends the SQLSTATE as a line "(42501)"; it is said once, at the end.
    if (!state.isEmpty())
        text.remove(QRegularExpression(QStringLiteral("\\s*\\(%1\\)\\s*$").arg(state)));
    text.replace(QRegularExpression(QStringLiteral("\\s*\\n\\s*")), QStringLiteral("; "));
    if (!state.isEmpty())
        text += QStringLiteral(" (SQLSTATE %1)").arg(state);
    return text;
}

} // namespace flowbench
