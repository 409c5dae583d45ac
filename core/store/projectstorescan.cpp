// ProjectStore::readChangedRows: what a sync needs to find what changed without reading the
// whole project. The scan is a few narrow columns per row; only the rows it points at are
// read in full (a test case's checks JSON, a node's properties).

#include "store/projectstoreprivate.h"

#include <QSqlError>
#include <algorithm>
#include <utility>

namespace flowbench {

namespace {

// Ids per statement: far below SQLite's and PostgreSQL's limits on bound values.
constexpr int kIdsPerStatement = 500;

Status readFailure(const ProjectStorePrivate &d, const char *table, const QSqlQuery &q)
{
    return d.failure(QStringLiteral("could not read %1: %2").arg(QLatin1String(table), d.sqlError(q)));
}

// Runs `sql` (no parameters) and hands each row to `row`.
template <typename Row>
Status scanRows(const ProjectStorePrivate &d, const char *table, const QString &sql, Row row)
{
    QSqlQuery q = d.query();
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return readFailure(d, table, q);
    while (q.next())
        row(q);
    return success();
}

Result<QString> generationOf(const ProjectStorePrivate &d)
{
    // replaceContents renames the project in place, which bumps the name's revision; a
    // shared project pushed again with --replace is a new schema under the same name.
    const QString schema = SqlDialect::of(d.db()).kind() == SqlDialect::Kind::Postgres
        ? QStringLiteral("(SELECT oid FROM pg_namespace WHERE nspname = current_schema())")
        : QStringLiteral("0");
    QSqlQuery q = d.query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT (SELECT revision FROM meta WHERE key = 'name'), "
                               "(SELECT MAX(version) FROM schema_version), %1")
                    .arg(schema))
        || !q.next())
        return Result<QString>::failure(readFailure(d, "meta", q).error());
    return QStringLiteral("%1:%2:%3")
        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
}

Result<ProjectScan> scan(const ProjectStorePrivate &d)
{
    ProjectScan s;
    const Result<QString> generation = generationOf(d);
    if (!generation)
        return Result<ProjectScan>::failure(generation.error());
    s.generation = generation.value();
    Status ok = scanRows(
        d, "nodes", QStringLiteral("SELECT id, revision, x, y, pinned FROM nodes"), [&](const QSqlQuery &q) {
            s.nodes.insert(q.value(0).toString(),
                { q.value(1).toInt(), q.value(2).toDouble(), q.value(3).toDouble(),
                    q.value(4).toInt() != 0 });
        });
    if (ok)
        ok = scanRows(
            d, "edges", QStringLiteral("SELECT id, revision, route FROM edges"), [&](const QSqlQuery &q) {
                s.edges.insert(q.value(0).toString(), { q.value(1).toInt(), q.value(2).toString() });
            });
    if (ok)
        ok = scanRows(d, "flows", QStringLiteral("SELECT id, revision FROM flows"), [&](const QSqlQuery &q) {
            s.flows.insert(q.value(0).toString(), { q.value(1).toInt(), {} });
        });
    // Removing a node takes it out of flow paths without touching the flows' rows.
    if (ok)
        ok = scanRows(d, "flow_nodes",
            QStringLiteral("SELECT flow_id, node_id FROM flow_nodes ORDER BY flow_id, position"),
            [&](const QSqlQuery &q) {
                if (auto it = s.flows.find(q.value(0).toString()); it != s.flows.end())
                    it->nodeIds.append(q.value(1).toString());
            });
    // Removing a flow clears test cases' flow_id (ON DELETE SET NULL), revisions unchanged.
    if (ok)
        ok = scanRows(d, "test_cases", QStringLiteral("SELECT id, revision, flow_id FROM test_cases"),
            [&](const QSqlQuery &q) {
                s.testCases.insert(q.value(0).toString(), { q.value(1).toInt(), q.value(2).toString() });
            });
    if (ok)
        ok = scanRows(d, "comments", QStringLiteral("SELECT id, revision FROM comments"),
            [&](const QSqlQuery &q) { s.comments.insert(q.value(0).toString(), q.value(1).toInt()); });
    if (!ok)
        return Result<ProjectScan>::failure(ok.error());
    return s;
}

// The rows whose `key` is one of these ids, ordered by `order`, `kIdsPerStatement` ids at a
// time.
template <typename Item, typename FromRow>
Status readByIds(const ProjectStorePrivate &d, const char *columns, const char *table, QList<Id> ids,
    FromRow fromRow, QList<Item> *out, const char *key = "id", const char *order = "id")
{
    std::sort(ids.begin(), ids.end());
    for (qsizetype from = 0; from < ids.size(); from += kIdsPerStatement) {
        const QList<Id> chunk = ids.mid(from, kIdsPerStatement);
        QStringList marks;
        marks.fill(QStringLiteral("?"), chunk.size());
        QSqlQuery q = d.query();
        q.setForwardOnly(true);
        if (!q.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4) ORDER BY %5")
                           .arg(QLatin1String(columns), QLatin1String(table), QLatin1String(key),
                               marks.join(QLatin1Char(',')), QLatin1String(order))))
            return readFailure(d, table, q);
        for (const Id &id : chunk)
            q.addBindValue(id);
        if (!q.exec())
            return readFailure(d, table, q);
        while (q.next()) {
            Result<Item> item = fromRow(q);
            if (!item)
                return d.failure(QStringLiteral("file is damaged: %1").arg(item.error()));
            out->append(std::move(item).value());
        }
    }
    return success();
}

template <typename Item> Result<Item> always(Item item)
{
    return Result<Item>(std::move(item));
}

// The rows `ids` name (flows without their paths).
Status readPicked(const ProjectStorePrivate &d, const ProjectRowIds &ids, Project *rows)
{
    Status s = readByIds(d, kNodeColumns, "nodes", ids.nodes, nodeFromRow, &rows->nodes);
    if (s)
        s = readByIds(d, kEdgeColumns, "edges", ids.edges, edgeFromRow, &rows->edges);
    if (s)
        s = readByIds(
            d, kFlowColumns, "flows", ids.flows, [](const QSqlQuery &q) { return always(flowFromRow(q)); },
            &rows->flows);
    if (s)
        s = readByIds(d, kTestCaseColumns, "test_cases", ids.testCases, testCaseFromRow, &rows->testCases);
    if (s)
        s = readByIds(
            d, kCommentColumns, "comments", ids.comments,
            [](const QSqlQuery &q) { return always(commentFromRow(q)); }, &rows->comments);
    return s;
}

} // namespace

bool ProjectScan::EdgeRow::holds(const SplineRoute &other) const
{
    if (other.isEmpty() || route.isEmpty())
        return other.isEmpty() && route.isEmpty();
    return route == routeText(other);
}

Result<QString> ProjectStore::contentGeneration() const
{
    return generationOf(*d);
}

std::optional<ProjectRowIds> ProjectStore::takeOthersTouched()
{
    const bool unknown = std::exchange(d->othersUnknown, false) || !d->location.isShared();
    ProjectRowIds told = std::exchange(d->othersTouched, ProjectRowIds());
    if (unknown)
        return std::nullopt;
    return told;
}

Result<ScannedRows> ProjectStore::readRows(const ProjectRowIds &ids) const
{
    ReadSnapshot snapshot(*d);
    ScannedRows out;
    const Result<QString> generation = generationOf(*d);
    if (!generation)
        return Result<ScannedRows>::failure(generation.error());
    out.scan.generation = generation.value();
    if (Status s = readPicked(*d, ids, &out.rows); !s)
        return Result<ScannedRows>::failure(s.error());
    if (!out.rows.flows.isEmpty()) {
        using Step = std::pair<Id, Id>; // flow, node
        QList<Step> steps;
        QList<Id> flowIds;
        for (const Flow &f : std::as_const(out.rows.flows))
            flowIds << f.id;
        if (Status s = readByIds(
                *d, "flow_id, node_id", "flow_nodes", flowIds,
                [](const QSqlQuery &q) { return always(Step(q.value(0).toString(), q.value(1).toString())); },
                &steps, "flow_id", "flow_id, position");
            !s)
            return Result<ScannedRows>::failure(s.error());
        QHash<Id, QList<Id>> paths;
        for (const Step &step : std::as_const(steps))
            paths[step.first].append(step.second);
        for (Flow &f : out.rows.flows)
            f.nodeIds = paths.value(f.id);
    }
    out.picked = true;
    return out;
}

Result<ScannedRows> ProjectStore::readChangedRows(
    const std::function<std::optional<ProjectRowIds>(const ProjectScan &)> &pick) const
{
    ReadSnapshot snapshot(*d);
    ScannedRows out;
    Result<ProjectScan> scanned = scan(*d);
    if (!scanned)
        return Result<ScannedRows>::failure(scanned.error());
    out.scan = std::move(scanned).value();
    const std::optional<ProjectRowIds> ids = pick(out.scan);
    if (!ids)
        return out;
    out.picked = true;
    Project &rows = out.rows;
    if (Status s = readPicked(*d, *ids, &rows); !s)
        return Result<ScannedRows>::failure(s.error());
    // The paths came with the scan, in the same snapshot.
    for (Flow &f : rows.flows)
        f.nodeIds = out.scan.flows.value(f.id).nodeIds;
    return out;
}

} // namespace flowbench
