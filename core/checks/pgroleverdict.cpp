#include "checks/pgroleverdict.h"

#include "checks/pgconnection.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace flowbench {

namespace {

// Functions qualified with pg_catalog, so that a function of the same name in another
// schema of the search path cannot answer for them.
const char kAuditQuery[] = R"SQL(
WITH writable AS (
  SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) AS name, c.relkind = 'S' AS is_sequence
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
    AND ((c.relkind IN ('r', 'p', 'v', 'f')
          AND (pg_catalog.has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
               OR pg_catalog.has_any_column_privilege(c.oid, 'INSERT, UPDATE')))
      OR (c.relkind = 'S' AND pg_catalog.has_sequence_privilege(c.oid, 'USAGE, UPDATE'))))
SELECT current_user::text, r.rolsuper, r.rolbypassrls, r.rolcreaterole,
  pg_catalog.to_json(ARRAY(
    SELECT g.rolname::text FROM pg_catalog.pg_roles g
    WHERE g.rolname IN ('pg_execute_server_program', 'pg_write_server_files', 'pg_read_server_files',
                        'pg_write_all_data')
      AND pg_catalog.pg_has_role(current_user, g.oid, 'MEMBER')
    ORDER BY 1)),
  (SELECT pg_catalog.count(*) FROM writable WHERE NOT is_sequence),
  pg_catalog.to_json(ARRAY(SELECT name FROM writable WHERE NOT is_sequence ORDER BY name LIMIT 3)),
  (SELECT pg_catalog.count(*) FROM writable WHERE is_sequence),
  pg_catalog.to_json(ARRAY(SELECT name FROM writable WHERE is_sequence ORDER BY name LIMIT 3)),
  pg_catalog.to_json(ARRAY(
    SELECT DISTINCT p.proname::text FROM pg_catalog.pg_proc p
    WHERE p.proname IN ('dblink_exec', 'dblink', 'dblink_connect', 'dblink_connect_u', 'dblink_send_query',
                        'dblink_open')
      AND pg_catalog.has_function_privilege(p.oid, 'EXECUTE')
    ORDER BY 1))
FROM pg_catalog.pg_roles r WHERE r.rolname = current_user
)SQL";

QStringList names(const std::optional<QByteArray> &json)
{
    QStringList list;
    if (json)
        for (const QJsonValue &v : QJsonDocument::fromJson(*json).array())
            list.append(v.toString());
    return list;
}

// "2 tables (public.a, public.b)"; "12 tables (public.a, public.b, public.c, …)".
QString counted(qint64 count, const QString &one, const QString &many, const QStringList &sample)
{
    QString text = QStringLiteral("%1 %2 (%3")
                       .arg(count)
                       .arg(count == 1 ? one : many, sample.join(QStringLiteral(", ")));
    if (count > sample.size())
        text += QStringLiteral(", …");
    return text + QLatin1Char(')');
}

} // namespace

QString PgRoleVerdict::describePowers() const
{
    if (powers.size() <= 1)
        return powers.value(0);
    return powers.mid(0, powers.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ")
        + powers.last();
}

Result<PgRoleVerdict> PgRoleVerdict::audit(PgConnection &connection, QDeadlineTimer deadline)
{
    using R = Result<PgRoleVerdict>;
    const PgReply reply = connection.exec(QByteArray(kAuditQuery), {}, deadline);
    if (!reply.ok())
        return R::failure(reply.message.isEmpty() ? QStringLiteral("no answer in time") : reply.message);
    if (reply.rows.size() != 1 || reply.rows.front().size() != 10)
        return R::failure(QStringLiteral("the role query returned no row for the current role"));
    const auto &row = reply.rows.front();
    const auto flag = [&row](size_t i) { return row.at(i) && *row.at(i) == "t"; };
    const auto number = [&row](size_t i) { return row.at(i) ? row.at(i)->toLongLong() : 0; };
    PgRoleVerdict verdict;
    verdict.role = row.at(0) ? QString::fromUtf8(*row.at(0)) : QString();
    if (flag(1)) {
        verdict.powers << QStringLiteral("is a superuser"); // which says it all
        return verdict;
    }
    if (flag(2))
        verdict.powers << QStringLiteral("bypasses row-level security (BYPASSRLS)");
    if (flag(3))
        verdict.powers << QStringLiteral("can create roles and grant itself theirs (CREATEROLE)");
    if (const QStringList groups = names(row.at(4)); !groups.isEmpty())
        verdict.powers << QStringLiteral("is a member of %1").arg(groups.join(QStringLiteral(", ")));
    if (const qint64 tables = number(5); tables > 0)
        verdict.powers << QStringLiteral("can write ")
                + counted(tables, QStringLiteral("table"), QStringLiteral("tables"), names(row.at(6)));
    if (const qint64 sequences = number(7); sequences > 0)
        verdict.powers << QStringLiteral("can advance ")
                + counted(
                    sequences, QStringLiteral("sequence"), QStringLiteral("sequences"), names(row.at(8)));
    if (const QStringList dblink = names(row.at(9)); !dblink.isEmpty())
        verdict.powers << QStringLiteral("can run %1 (SQL over a connection of its own)")
                              .arg(dblink.join(QStringLiteral(", ")));
    return verdict;
}

Result<PgRoleVerdict> PgRoleVerdicts::verdict(
    const QString &key, const std::function<Result<PgRoleVerdict>()> &audit)
{
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto &slot = m_entries[key];
        if (!slot)
            slot = std::make_shared<Entry>();
        entry = slot;
    }
    std::lock_guard<std::mutex> lock(entry->mutex);
    if (entry->verdict)
        return *entry->verdict;
    Result<PgRoleVerdict> fresh = audit();
    if (fresh)
        entry->verdict = std::make_unique<PgRoleVerdict>(fresh.value());
    return fresh;
}

} // namespace flowbench
