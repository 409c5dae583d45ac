// ProjectStore: where nodes stand and how edges are drawn (layout data). A move is no
// content edit: it bumps no revision, so it never collides with someone's rename, nor a
// rename with it. A move that names where its nodes stood is refused when someone else
// moved one of them since, or pinned one the mover saw unpinned (a layout must leave a
// pinned node alone; issue 14: no silent overwrite, also not by an undo). Every
// change writes its edit_log lines in the same transaction.

#include "store/projectstoreprivate.h"

#include <QHash>
#include <QSqlError>
#include <cmath>

namespace flowbench {

namespace {

// Scene positions are doubles; a stored one this close to the expected one is the same
// place (the drivers' round trips are exact; this only forgives printing).
constexpr double kSamePlace = 0.001;
// Batches up to this size read and log node by node; larger ones (a layout) read the
// whole table in one statement and never merge lines.
constexpr int kSmallBatch = 64;
// A run of moves of one node by one person within this many seconds is one history line
// (a drag after a drag, arrow-key nudges): the history shows where it went, not each step.
constexpr int kMergeSeconds = 60;

struct StoredPlace
{
    QString name;
    double x = 0;
    double y = 0;
    bool pinned = false;
};

bool samePlace(const StoredPlace &stored, const NodePosition &expected)
{
    return std::abs(stored.x - expected.x) < kSamePlace && std::abs(stored.y - expected.y) < kSamePlace;
}

// Pinned by someone else since the mover saw the node unpinned.
bool pinnedSince(const StoredPlace &stored, const NodePosition &expected)
{
    return stored.pinned && !expected.pinned;
}

QString placeText(double x, double y)
{
    return QStringLiteral("(%1, %2)").arg(qRound64(x)).arg(qRound64(y));
}

Result<QHash<Id, StoredPlace>> storedPlaces(
    const ProjectStorePrivate &d, const QList<NodePosition> &positions)
{
    using R = Result<QHash<Id, StoredPlace>>;
    QHash<Id, StoredPlace> places;
    QSqlQuery q = d.query();
    q.setForwardOnly(true);
    auto take = [&] {
        places.insert(q.value(0).toString(),
            { q.value(1).toString(), q.value(2).toDouble(), q.value(3).toDouble(), q.value(4).toInt() != 0 });
    };
    if (positions.size() > kSmallBatch) {
        if (!q.exec(QStringLiteral("SELECT id, name, x, y, pinned FROM nodes")))
            return R::failure(d.sqlFailure(QStringLiteral("read node positions"), q).error());
        while (q.next())
            take();
        return places;
    }
    if (Status s = d.prepare(q, QStringLiteral("SELECT id, name, x, y, pinned FROM nodes WHERE id = ?"),
            QStringLiteral("read node positions"));
        !s)
        return R::failure(s.error());
    for (const NodePosition &p : positions) {
        q.bindValue(0, p.id);
        if (!q.exec())
            return R::failure(
                d.sqlFailure(QStringLiteral("read the position of node %1").arg(p.id), q).error());
        if (q.next())
            take();
    }
    return places;
}

// "2 nodes were moved by someone else since you last saw them (node "A" is at (1, 2),
// node "B" at ...); nothing was moved"; "moved or pinned" when a pin is among them.
QString movedByOthers(const QStringList &where, bool pinned = false)
{
    const int shown = 3;
    QString list = where.mid(0, shown).join(QStringLiteral(", "));
    if (where.size() > shown)
        list += QStringLiteral(" and %1 more").arg(where.size() - shown);
    return QStringLiteral("%1 %2 %3 by someone else since you last saw %4 (%5); nothing was moved")
        .arg(where.size())
        .arg(where.size() == 1 ? QStringLiteral("node was") : QStringLiteral("nodes were"))
        .arg(pinned ? QStringLiteral("moved or pinned") : QStringLiteral("moved"))
        .arg(where.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"))
        .arg(list);
}

QString placedText(const StoredPlace &place)
{
    return QStringLiteral("node \"%1\" is %2at %3")
        .arg(place.name, place.pinned ? QStringLiteral("pinned ") : QString(), placeText(place.x, place.y));
}

} // namespace

Status ProjectStore::setNodePositions(const QList<NodePosition> &positions, const QList<NodePosition> &from)
{
    const bool guarded = !from.isEmpty();
    if (guarded) {
        if (from.size() != positions.size())
            return d->failure(
                QStringLiteral("cannot move nodes: %1 from-positions for %2 nodes; no node was moved")
                    .arg(from.size())
                    .arg(positions.size()));
        for (int i = 0; i < from.size(); ++i)
            if (from[i].id != positions[i].id)
                return d->failure(
                    QStringLiteral("cannot move node %1: its from-position names node %2; no node "
                                   "was moved")
                        .arg(positions[i].id, from[i].id));
    }
    return d->edit([&]() -> Status {
        const auto places = storedPlaces(*d, positions);
        if (!places)
            return Status::failure(places.error());
        QStringList movedElsewhere;
        bool pinned = false;
        for (int i = 0; i < positions.size(); ++i) {
            const auto stored = places->constFind(positions[i].id);
            if (stored == places->cend())
                return d->failure(QStringLiteral("cannot move node %1: no such node; no node was moved")
                                      .arg(positions[i].id));
            if (guarded && (!samePlace(stored.value(), from[i]) || pinnedSince(stored.value(), from[i]))) {
                movedElsewhere << placedText(stored.value());
                pinned = pinned || pinnedSince(stored.value(), from[i]);
            }
        }
        if (!movedElsewhere.isEmpty()) {
            d->conflicted = true;
            return d->failure(movedByOthers(movedElsewhere, pinned));
        }

        // Guarded: the WHERE checks the place and the pin again, so a move or pin committed
        // between the read above and this write (PostgreSQL, read committed) is caught too.
        QSqlQuery q = d->query();
        const QString sql = guarded
            ? QStringLiteral("UPDATE nodes SET x=?, y=? WHERE id=? AND abs(x - ?) < %1 AND abs(y - ?) < %1 "
                             "AND (pinned = 0 OR ? <> 0)")
                  .arg(kSamePlace)
            : QStringLiteral("UPDATE nodes SET x=?, y=?, pinned=? WHERE id=?");
        if (Status s = d->prepare(q, sql, QStringLiteral("move nodes")); !s)
            return s;
        QList<EditLogEntry> lines;
        for (int i = 0; i < positions.size(); ++i) {
            const NodePosition &p = positions[i];
            if (guarded)
                bindAll(q,
                    { QVariant(p.x), QVariant(p.y), QVariant(p.id), QVariant(from[i].x), QVariant(from[i].y),
                        QVariant(from[i].pinned ? 1 : 0) });
            else
                bindAll(q, { QVariant(p.x), QVariant(p.y), QVariant(p.pinned ? 1 : 0), QVariant(p.id) });
            if (Status s = d->exec(q, QStringLiteral("move node %1").arg(p.id)); !s)
                return s;
            const StoredPlace &stored = places->value(p.id);
            if (q.numRowsAffected() == 0) {
                if (!guarded)
                    return d->failure(
                        QStringLiteral("cannot move node %1: no such node; no node was moved").arg(p.id));
                d->conflicted = true;
                return d->failure(movedByOthers({ QStringLiteral("node \"%1\"").arg(stored.name) }));
            }
            d->touch(&ProjectRowIds::nodes, p.id);
            if (stored.x == p.x && stored.y == p.y)
                continue;
            EditLogEntry line;
            line.entityKind = QStringLiteral("node");
            line.entityId = p.id;
            line.entityName = stored.name;
            line.field = QStringLiteral("position");
            line.oldValue = placeText(stored.x, stored.y);
            line.newValue = placeText(p.x, p.y);
            lines.append(line);
        }
        return d->logPositions(lines, positions.size() <= kSmallBatch);
    });
}

Status ProjectStorePrivate::logPositions(const QList<EditLogEntry> &lines, bool mergeRuns) const
{
    if (!keepsHistory)
        return success();
    if (!mergeRuns)
        return logEntries(lines);
    // The newest line of the node, if it is this person's move a moment ago ending where
    // this one starts, takes this one's end instead of a new line being written.
    const QString merge = QStringLiteral(
        "UPDATE edit_log SET new_value = ?, at = ? WHERE id = (SELECT MAX(id) FROM edit_log WHERE entity_id "
        "= ?) "
        "AND field = 'position' AND author = ? AND new_value = ? AND old_value <> ? AND at > ?");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<EditLogEntry> fresh;
    QString error;
    QSqlQuery *q = reused(merge, &error);
    if (!q)
        return failure(QStringLiteral("could not record the move: %1").arg(error));
    for (const EditLogEntry &line : lines) {
        bindAll(*q,
            { QVariant(line.newValue), dateToDb(now), QVariant(line.entityId), QVariant(author),
                QVariant(line.oldValue), QVariant(line.newValue), dateToDb(now.addSecs(-kMergeSeconds)) });
        const bool ran = q->exec();
        const Status s = ran
            ? success()
            : sqlFailure(QStringLiteral("record the move of node %1").arg(line.entityId), *q);
        const bool merged = ran && q->numRowsAffected() > 0;
        q->finish();
        if (!s)
            return s;
        if (!merged)
            fresh.append(line);
    }
    return logEntries(fresh);
}

Status ProjectStore::setEdgeRoutes(const QList<EdgeRouteChange> &routes)
{
    return d->edit([&]() -> Status {
        // What each edge is drawn as now, for the history: read once for many edges.
        struct Stored
        {
            QString label, from, route;
        };
        QHash<Id, Stored> stored;
        QSqlQuery read = d->query();
        read.setForwardOnly(true);
        const bool all = routes.size() > kSmallBatch;
        if (Status s = d->prepare(read,
                QStringLiteral("SELECT id, label, from_id, route FROM edges%1")
                    .arg(all ? QString() : QStringLiteral(" WHERE id = ?")),
                QStringLiteral("read edge routes"));
            !s)
            return s;
        for (int i = 0; i < (all ? 1 : routes.size()); ++i) {
            if (!all)
                read.bindValue(0, routes[i].id);
            if (Status s = d->exec(read, QStringLiteral("read edge routes")); !s)
                return s;
            while (read.next())
                stored.insert(read.value(0).toString(),
                    { read.value(1).toString(), read.value(2).toString(), read.value(3).toString() });
        }

        QSqlQuery q = d->query();
        const QString sql = QStringLiteral("UPDATE edges SET route=? WHERE id=?");
        if (Status s = d->prepare(q, sql, QStringLiteral("route edges")); !s)
            return s;
        QList<EditLogEntry> lines;
        for (const EdgeRouteChange &change : routes) {
            if (!change.route.isEmpty() && !SplineRoute::isValidPointCount(change.route.points.size()))
                return d->failure(
                    QStringLiteral("cannot route edge %1: a route needs 1 + 3n points (n >= 1), "
                                   "found %2; no edge was routed")
                        .arg(change.id)
                        .arg(change.route.points.size()));
            const QString text = routeText(change.route);
            q.bindValue(0, bindable(QVariant(text)));
            q.bindValue(1, change.id);
            if (Status s = d->exec(q, QStringLiteral("route edge %1").arg(change.id)); !s)
                return s;
            if (q.numRowsAffected() == 0)
                return d->failure(
                    QStringLiteral("cannot route edge %1: no such edge; no edge was routed").arg(change.id));
            d->touch(&ProjectRowIds::edges, change.id);
            const Stored was = stored.value(change.id);
            if (was.route == text)
                continue;
            auto shape = [](const QString &route) {
                return route.isEmpty() ? QStringLiteral("straight") : QStringLiteral("curve");
            };
            EditLogEntry line;
            line.entityKind = QStringLiteral("edge");
            line.entityId = change.id;
            line.entityName = was.label;
            line.nodeId = was.from;
            line.field = QStringLiteral("route");
            line.oldValue = shape(was.route);
            line.newValue
                = was.route.isEmpty() || text.isEmpty() ? shape(text) : QStringLiteral("another curve");
            lines.append(line);
        }
        return d->logEntries(lines);
    });
}

} // namespace flowbench
