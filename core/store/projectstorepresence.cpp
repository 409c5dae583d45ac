// ProjectStore: who has a shared project open (the presence table, schema 10). Plain
// statements outside edit(): presence is no edit, so it sends no NOTIFY (others would
// read the project again every renewal) and is allowed to a read-only role that has the
// grants on presence. A project file keeps none: two windows on one file are one person.

#include "store/projectstoreprivate.h"

#include <QHostInfo>

namespace flowbench {

namespace {
QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
} // namespace

Status ProjectStore::renewPresence(const QString &sessionId)
{
    if (!d->location.isShared())
        return success();
    QSqlQuery q = d->query();
    const QString at = now();
    q.prepare(QStringLiteral("UPDATE presence SET who = ?, last_seen = ? WHERE session_id = ?"));
    bindAll(q, { QVariant(d->author), QVariant(at), QVariant(sessionId) });
    if (Status s = d->exec(q, QStringLiteral("renew presence")); !s)
        return s;
    if (q.numRowsAffected() > 0)
        return success();
    q.prepare(
        QStringLiteral("INSERT INTO presence (session_id, who, host, since, last_seen) VALUES (?,?,?,?,?)"));
    bindAll(q,
        { QVariant(sessionId), QVariant(d->author), QVariant(QHostInfo::localHostName()), QVariant(at),
            QVariant(at) });
    return d->exec(q, QStringLiteral("record presence"));
}

Status ProjectStore::leavePresence(const QString &sessionId)
{
    if (!d->location.isShared())
        return success();
    QSqlQuery q = d->query();
    q.prepare(QStringLiteral("DELETE FROM presence WHERE session_id = ?"));
    q.addBindValue(bindable(sessionId));
    return d->exec(q, QStringLiteral("remove presence"));
}

Result<QList<PresenceEntry>> ProjectStore::presence(qint64 staleAfterMs) const
{
    using R = Result<QList<PresenceEntry>>;
    if (!d->location.isShared())
        return QList<PresenceEntry>();
    QSqlQuery q = d->query();
    q.setForwardOnly(true);
    // ISO 8601 UTC text with milliseconds sorts as time does.
    q.prepare(
        QStringLiteral("SELECT session_id, who, host, since, last_seen FROM presence WHERE last_seen >= ? "
                       "ORDER BY since, session_id"));
    q.addBindValue(QDateTime::currentDateTimeUtc().addMSecs(-staleAfterMs).toString(Qt::ISODateWithMs));
    if (!q.exec())
        return R::failure(d->message(QStringLiteral("could not read who is here: %1").arg(d->sqlError(q))));
    QList<PresenceEntry> list;
    while (q.next()) {
        PresenceEntry e;
        e.sessionId = q.value(0).toString();
        e.who = q.value(1).toString();
        e.host = q.value(2).toString();
        e.since = QDateTime::fromString(q.value(3).toString(), Qt::ISODateWithMs);
        e.lastSeen = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
        list.append(e);
    }
    return list;
}

} // namespace flowbench
