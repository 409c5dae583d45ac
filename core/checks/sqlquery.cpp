#include "checks/sqlquery.h"

#include "checks/pgquery.h"
#include "checks/sqlstatementanalyzer.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <cmath>
#include <sqlite3.h>

namespace flowbench {

namespace {

bool isSqlite(const Connection &c)
{
    return c.driver == QLatin1String("QSQLITE");
}

// SQLite's values as JSON: blobs as base64 (bytes are not text), integers beyond 2^53
// and non-finite reals as strings (a JSON number cannot hold them exactly).
QJsonValue toJson(const QVariant &value)
{
    if (value.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (value.typeId()) {
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    case QMetaType::LongLong:
    case QMetaType::ULongLong: {
        const qint64 v = value.toLongLong();
        constexpr qint64 exact = qint64(1) << 53;
        return v >= -exact && v <= exact ? QJsonValue(double(v)) : QJsonValue(value.toString());
    }
    case QMetaType::Double: {
        const double d = value.toDouble();
        if (std::isnan(d))
            return QStringLiteral("NaN");
        if (std::isinf(d))
            return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        return d;
    }
    case QMetaType::QDateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime:
        return value.toTime().toString(Qt::ISODateWithMs);
    default:
        return QJsonValue::fromVariant(value);
    }
}

// A write on a read-only SQLite connection: SQLITE_READONLY (8).
bool isReadOnlyRefusal(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("8")
        || error.databaseText().contains(QLatin1String("readonly"), Qt::CaseInsensitive);
}

// SQLite's words on one line. After a prepare that succeeded but that Qt refused (text
// left after the statement) sqlite3_errmsg says "not an error": Qt's own words then.
QString errorText(const QSqlError &error)
{
    QString text = error.databaseText().simplified();
    if (text.isEmpty() || text == QLatin1String("not an error"))
        text = error.driverText().simplified();
    return text;
}

class ConnectionName
{
public:
    ConnectionName()
        : m_name(QStringLiteral("flowbench-sql-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
    }
    ~ConnectionName() { QSqlDatabase::removeDatabase(m_name); }
    const QString &name() const { return m_name; }

private:
    QString m_name;
};

// SQLite has no statement timeout of its own (busy_timeout only bounds waits for locks):
// a progress handler interrupts a statement that runs past the deadline (SQLITE_INTERRUPT).
class SqliteDeadline
{
public:
    SqliteDeadline(const QSqlDatabase &db, int timeoutMs)
        : m_timeoutMs(timeoutMs)
    {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(handle.constData());
        if (!m_handle)
            return;
        m_clock.start();
        sqlite3_progress_handler(m_handle, 1000, &SqliteDeadline::check, this);
    }
    ~SqliteDeadline()
    {
        if (m_handle)
            sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
    }
    SqliteDeadline(const SqliteDeadline &) = delete;
    SqliteDeadline &operator=(const SqliteDeadline &) = delete;
    bool passed() const { return m_passed; }

private:
    static int check(void *self)
    {
        auto *deadline = static_cast<SqliteDeadline *>(self);
        deadline->m_passed = deadline->m_clock.hasExpired(deadline->m_timeoutMs);
        return deadline->m_passed ? 1 : 0;
    }

    sqlite3 *m_handle = nullptr;
    QElapsedTimer m_clock;
    int m_timeoutMs;
    bool m_passed = false;
};

SqlResponse failure(const QString &message)
{
    SqlResponse r;
    r.error = message;
    return r;
}

// SQLite through Qt's QSQLITE driver: a read-only open plus PRAGMA query_only, one
// statement (refused before prepare otherwise; Qt also refuses text left after it).
SqlResponse runSqlite(const SqlRequest &request, const QString &connectionName)
{
    const Connection &c = request.connection;
    const QString where = describeDatabase(c, request.projectDir);
    if (const QString refused
        = SqlStatementAnalyzer::refusal(request.query, SqlDialect::SQLite, !request.allowWrites);
        !refused.isEmpty())
        return failure(refused);
    QSqlDatabase db = QSqlDatabase::addDatabase(c.driver, connectionName);
    if (!db.isValid())
        return failure(
            QStringLiteral("the Qt SQL driver QSQLITE is not available (install libqt6sql6-sqlite)"));
    const QString path = sqliteFilePath(c, request.projectDir);
    // Opening a missing file would silently create an empty database.
    if (!QFileInfo::exists(path))
        return failure(QStringLiteral("SQLite database %1 does not exist").arg(path));
    db.setDatabaseName(path);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(request.timeoutMs);
    if (!request.allowWrites)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (!c.options.isEmpty())
        options += QLatin1Char(';') + c.options;
    db.setConnectOptions(options);
    if (!db.open())
        return failure(QStringLiteral("could not connect to %1: %2").arg(where, errorText(db.lastError())));

    if (!request.allowWrites) {
        QSqlQuery setup(db);
        if (!setup.exec(QStringLiteral("PRAGMA query_only = 1")))
            return failure(QStringLiteral("%1: could not make the connection read-only: %2")
                               .arg(where, errorText(setup.lastError())));
    }

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
    if (!query.prepare(SqlStatementAnalyzer::statementText(request.query, SqlDialect::SQLite))) {
        const QSqlError error = query.lastError();
        if (error.driverText().contains(QLatin1String("multiple statements")))
            return failure(
                QStringLiteral("spec.query: holds more than one statement; a sql check runs exactly one (%1 "
                               "refused the text after the first)")
                    .arg(where));
        return failure(QStringLiteral("%1: the query failed: %2").arg(where, errorText(error)));
    }
    for (auto it = request.params.begin(); it != request.params.end(); ++it)
        query.bindValue(QLatin1Char(':') + it.key(), it.value());
    SqliteDeadline deadline(db, request.timeoutMs);
    const auto timedOut = [&] {
        return failure(QStringLiteral("%1: the query did not finish within %2 ms (spec.timeout_ms)")
                           .arg(where)
                           .arg(request.timeoutMs));
    };
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        if (deadline.passed())
            return timedOut();
        if (!request.allowWrites && isReadOnlyRefusal(error))
            return failure(
                QStringLiteral("writes are refused: this sql check is read-only (set allow_writes on an "
                               "unprotected environment to write); %1 said: %2")
                    .arg(where, errorText(error)));
        return failure(QStringLiteral("%1: the query failed: %2").arg(where, errorText(error)));
    }

    SqlResponse response;
    response.ok = true;
    if (query.isSelect()) {
        const QSqlRecord record = query.record();
        QStringList names;
        for (int i = 0; i < record.count(); ++i)
            names.append(record.fieldName(i));
        response.columns = names.join(QStringLiteral(" | "));
        while (query.next()) {
            if (response.rows.size() >= request.maxRows)
                return failure(
                    QStringLiteral("%1: the query returned more than %2 rows; narrow it (WHERE, LIMIT)")
                        .arg(where)
                        .arg(request.maxRows));
            QJsonObject row;
            for (int i = 0; i < names.size(); ++i)
                row.insert(
                    names.at(i), query.isNull(i) ? QJsonValue(QJsonValue::Null) : toJson(query.value(i)));
            response.rows.append(row);
        }
        if (deadline.passed())
            return timedOut();
        if (query.lastError().isValid())
            return failure(
                QStringLiteral("%1: reading the rows failed: %2").arg(where, errorText(query.lastError())));
        response.count = response.rows.size();
    } else {
        response.count = qMax(0, query.numRowsAffected());
    }
    return response;
}

} // namespace

QString sqliteFilePath(const Connection &connection, const QString &projectDir)
{
    const QString path = connection.database;
    if (QDir::isAbsolutePath(path) || projectDir.isEmpty())
        return QDir::cleanPath(path);
    return QDir::cleanPath(QDir(projectDir).filePath(path));
}

QString describeDatabase(const Connection &c, const QString &projectDir)
{
    if (isSqlite(c))
        return QStringLiteral("SQLite %1").arg(sqliteFilePath(c, projectDir));
    return QStringLiteral("PostgreSQL %1:%2/%3").arg(c.host).arg(c.port > 0 ? c.port : 5432).arg(c.database);
}

SqlResponse runSqlQuery(const SqlRequest &request)
{
    if (!isSqlite(request.connection))
        return runPostgresQuery(request);
    ConnectionName name; // removed after the QSqlDatabase handles below are gone
    return runSqlite(request, name.name());
}

} // namespace flowbench
