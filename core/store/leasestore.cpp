#include "store/leasestore.h"

#include "store/sqldialect.h"
#include "store/sqltransaction.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace flowbench {

namespace {

// Fixed-width ISO text (milliseconds, Z): compares as text the way the times compare.
QString timeText(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromText(const QVariant &value)
{
    if (value.isNull() || value.toString().isEmpty())
        return QDateTime();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

const char kLeaseColumns[] = "environment_id, token, holder, host, pid, selection, since, expires_at";

EnvironmentLeaseRow leaseFromRow(const QSqlQuery &q)
{
    EnvironmentLeaseRow l;
    l.environmentId = q.value(0).toString();
    l.token = q.value(1).toString();
    l.holder = q.value(2).toString();
    l.host = q.value(3).toString();
    l.pid = q.value(4).toLongLong();
    l.selection = q.value(5).toString();
    l.since = timeFromText(q.value(6));
    l.expiresAt = timeFromText(q.value(7));
    return l;
}

} // namespace

QString EnvironmentLeaseRow::describe() const
{
    QString text = holder.isEmpty() ? QStringLiteral("someone") : holder;
    if (!host.isEmpty())
        text += QStringLiteral(" on %1").arg(host);
    if (pid > 0)
        text += QStringLiteral(", pid %1").arg(pid);
    text += QStringLiteral(", since %1 UTC")
                .arg(since.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    if (!selection.isEmpty())
        text += QStringLiteral(", running %1").arg(selection);
    return text;
}

LeaseStore::LeaseStore(QString connectionName, QString projectName)
    : m_connectionName(std::move(connectionName))
    , m_projectName(std::move(projectName))
{
}

Status LeaseStore::failure(const QString &what, const QString &why) const
{
    return Status::failure(QStringLiteral("%1: could not %2: %3").arg(m_projectName, what, why));
}

Result<QDateTime> LeaseStore::now() const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (SqlDialect::of(db).kind() == SqlDialect::Kind::Sqlite)
        return QDateTime::currentDateTimeUtc();
    // The server's clock: every client compares expiries against the same one.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"))
        || !q.next())
        return Result<QDateTime>::failure(
            failure(QStringLiteral("read the server's time"), SqlDialect::of(db).describe(q.lastError(), &db))
                .error());
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

QString LeaseStore::databaseRole() const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (SqlDialect::of(db).kind() == SqlDialect::Kind::Sqlite)
        return QString();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT current_user")) || !q.next())
        return QString();
    return q.value(0).toString();
}

Result<EnvironmentLeaseRow> LeaseStore::take(
    const EnvironmentLeaseRow &wanted, int expiryMs, const AuditEntry *audit)
{
    using R = Result<EnvironmentLeaseRow>;
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const SqlDialect &dialect = SqlDialect::of(db);
    TransactionState state;
    SqlTransaction tx(m_connectionName, state);
    if (Status s = tx.begin(); !s)
        return R::failure(failure(QStringLiteral("take the environment's lease"), s.error()).error());
    const Result<QDateTime> current = now();
    if (!current)
        return R::failure(current.error());
    const QString nowText = timeText(current.value());
    QSqlQuery q(db);
    // The row is replaced only when it expired or is ours already; otherwise it stays and
    // the SELECT below names whoever holds it.
    q.prepare(
        QStringLiteral("INSERT INTO leases (%1) VALUES (?,?,?,?,?,?,?,?) "
                       "ON CONFLICT (environment_id) DO UPDATE SET token=excluded.token, "
                       "holder=excluded.holder, host=excluded.host, pid=excluded.pid, "
                       "selection=excluded.selection, since=excluded.since, expires_at=excluded.expires_at "
                       "WHERE leases.expires_at < ? OR leases.token = excluded.token")
            .arg(QLatin1String(kLeaseColumns)));
    for (const QVariant &v : { QVariant(wanted.environmentId), QVariant(wanted.token),
             QVariant(wanted.holder), QVariant(wanted.host), QVariant(wanted.pid), QVariant(wanted.selection),
             QVariant(nowText), QVariant(timeText(current.value().addMSecs(expiryMs))), QVariant(nowText) })
        q.addBindValue(v);
    if (!q.exec())
        return R::failure(
            failure(QStringLiteral("take the environment's lease"), dialect.describe(q.lastError(), &db))
                .error());
    q.prepare(
        QStringLiteral("SELECT %1 FROM leases WHERE environment_id = ?").arg(QLatin1String(kLeaseColumns)));
    q.addBindValue(wanted.environmentId);
    if (!q.exec() || !q.next())
        return R::failure(
            failure(QStringLiteral("read the environment's lease"), dialect.describe(q.lastError(), &db))
                .error());
    const EnvironmentLeaseRow holder = leaseFromRow(q);
    q.finish();
    if (holder.token == wanted.token && audit) {
        q.prepare(QStringLiteral(
            "INSERT INTO run_audit (id, environment_id, environment, run_id, who, host, started_at, "
            "selection, "
            "checks, writes_allowed, faults_allowed, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,'')"));
        for (const QVariant &v :
            { QVariant(audit->id), QVariant(audit->environmentId), QVariant(audit->environmentName),
                QVariant(audit->runId), QVariant(audit->who), QVariant(audit->host), QVariant(nowText),
                QVariant(audit->selection), QVariant(audit->checks), QVariant(audit->writesAllowed ? 1 : 0),
                QVariant(audit->faultsAllowed ? 1 : 0) })
            q.addBindValue(v);
        if (!q.exec())
            return R::failure(
                failure(QStringLiteral("write the audit of the run"), dialect.describe(q.lastError(), &db))
                    .error());
    }
    if (Status s = tx.commit(); !s)
        return R::failure(failure(QStringLiteral("take the environment's lease"), s.error()).error());
    return holder;
}

Result<bool> LeaseStore::renew(const QString &environmentId, const QString &token, int expiryMs)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const Result<QDateTime> current = now();
    if (!current)
        return Result<bool>::failure(current.error());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE leases SET expires_at = ? WHERE environment_id = ? AND token = ?"));
    q.addBindValue(timeText(current.value().addMSecs(expiryMs)));
    q.addBindValue(environmentId);
    q.addBindValue(token);
    if (!q.exec())
        return Result<bool>::failure(failure(
            QStringLiteral("renew the environment's lease"), SqlDialect::of(db).describe(q.lastError(), &db))
                                         .error());
    return q.numRowsAffected() > 0;
}

Status LeaseStore::release(const QString &environmentId, const QString &token)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM leases WHERE environment_id = ? AND token = ?"));
    q.addBindValue(environmentId);
    q.addBindValue(token);
    if (!q.exec())
        return failure(QStringLiteral("release the environment's lease"),
            SqlDialect::of(db).describe(q.lastError(), &db));
    return success();
}

Status LeaseStore::finishAudit(const QString &id, const QString &outcome)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const Result<QDateTime> current = now();
    if (!current)
        return Status::failure(current.error());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE run_audit SET finished_at = ?, outcome = ? WHERE id = ?"));
    q.addBindValue(timeText(current.value()));
    q.addBindValue(outcome);
    q.addBindValue(id);
    if (!q.exec())
        return failure(
            QStringLiteral("finish the audit of the run"), SqlDialect::of(db).describe(q.lastError(), &db));
    return success();
}

Result<QList<AuditEntry>> LeaseStore::audit(const QString &environmentId) const
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, environment_id, environment, run_id, who, host, started_at, finished_at, "
                       "selection, checks, writes_allowed, faults_allowed, outcome FROM run_audit "
                       "WHERE environment_id = ? ORDER BY started_at, rowid"));
    q.addBindValue(environmentId);
    if (!q.exec())
        return Result<QList<AuditEntry>>::failure(
            failure(QStringLiteral("read the audit"), SqlDialect::of(db).describe(q.lastError(), &db))
                .error());
    QList<AuditEntry> entries;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toString();
        e.environmentId = q.value(1).toString();
        e.environmentName = q.value(2).toString();
        e.runId = q.value(3).toString();
        e.who = q.value(4).toString();
        e.host = q.value(5).toString();
        e.startedAt = timeFromText(q.value(6));
        e.finishedAt = timeFromText(q.value(7));
        e.selection = q.value(8).toString();
        e.checks = q.value(9).toString();
        e.writesAllowed = q.value(10).toInt() != 0;
        e.faultsAllowed = q.value(11).toInt() != 0;
        e.outcome = q.value(12).toString();
        entries.append(e);
    }
    return entries;
}

} // namespace flowbench
