// ProjectStore: who changed what, when (the edit_log table, schema 10). Every add,
// update and remove of a node, edge, flow, test case, environment or comment writes its
// lines here inside the edit's own transaction (ProjectStorePrivate::edit), so a failed
// edit leaves no history and a stored edit always has its line.

#include "store/projectstoreprivate.h"

#include <QSqlError>

namespace flowbench {

namespace {

template <typename T, typename FromRow>
Result<T> readOne(const ProjectStorePrivate &d, const char *columns, const char *table, const Id &id,
    const QString &entity, FromRow fromRow)
{
    QSqlQuery q = d.query();
    q.prepare(
        QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(QLatin1String(columns), QLatin1String(table)));
    q.addBindValue(bindable(id));
    if (!q.exec())
        return Result<T>::failure(d.message(QStringLiteral("could not read: %1").arg(d.sqlError(q))));
    if (!q.next())
        return Result<T>::failure(d.message(QStringLiteral("no %1 with id %2").arg(entity, id)));
    return fromRow(q);
}

} // namespace

Result<Node> ProjectStorePrivate::storedNode(const Id &id) const
{
    return readOne<Node>(*this, kNodeColumns, "nodes", id, QStringLiteral("node"), nodeFromRow);
}

Result<Edge> ProjectStorePrivate::storedEdge(const Id &id) const
{
    return readOne<Edge>(*this, kEdgeColumns, "edges", id, QStringLiteral("edge"), edgeFromRow);
}

Result<TestCase> ProjectStorePrivate::storedTestCase(const Id &id) const
{
    return readOne<TestCase>(
        *this, kTestCaseColumns, "test_cases", id, QStringLiteral("test case"), testCaseFromRow);
}

Result<Environment> ProjectStorePrivate::storedEnvironment(const Id &id) const
{
    return readOne<Environment>(
        *this, kEnvironmentColumns, "environments", id, QStringLiteral("environment"), environmentFromRow);
}

Result<Comment> ProjectStorePrivate::storedComment(const Id &id) const
{
    return readOne<Comment>(*this, kCommentColumns, "comments", id, QStringLiteral("comment"),
        [](const QSqlQuery &q) { return Result<Comment>(commentFromRow(q)); });
}

Result<Flow> ProjectStorePrivate::storedFlow(const Id &id) const
{
    auto flow = readOne<Flow>(*this, kFlowColumns, "flows", id, QStringLiteral("flow"),
        [](const QSqlQuery &q) { return Result<Flow>(flowFromRow(q)); });
    if (!flow)
        return flow;
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT node_id FROM flow_nodes WHERE flow_id = ? ORDER BY position"));
    q.addBindValue(bindable(id));
    if (!q.exec())
        return Result<Flow>::failure(message(QStringLiteral("could not read: %1").arg(sqlError(q))));
    while (q.next())
        flow->nodeIds.append(q.value(0).toString());
    return flow;
}

Status ProjectStorePrivate::logEntries(const QList<EditLogEntry> &entries) const
{
    if (entries.isEmpty() || !keepsHistory)
        return success();
    QSqlQuery q = query();
    if (Status s = prepare(q,
            QStringLiteral("INSERT INTO edit_log (at, author, entity_kind, entity_id, entity_name, node_id, "
                           "change, field, old_value, new_value) VALUES (?,?,?,?,?,?,?,?,?,?)"),
            QStringLiteral("record the edit"));
        !s)
        return s;
    const QVariant at = dateToDb(QDateTime::currentDateTimeUtc());
    for (const EditLogEntry &e : entries) {
        bindAll(q,
            { at, QVariant(author), QVariant(e.entityKind), QVariant(e.entityId), QVariant(e.entityName),
                QVariant(e.nodeId), QVariant(toString(e.change)), QVariant(e.field), QVariant(e.oldValue),
                QVariant(e.newValue) });
        if (Status s = exec(q, QStringLiteral("record the edit of %1 %2").arg(e.entityKind, e.entityId)); !s)
            return s;
    }
    return success();
}

void ProjectStorePrivate::touch(const QString &tableOrKind, const Id &id) const
{
    static const QHash<QString, QList<Id> ProjectRowIds::*> rows {
        { QStringLiteral("nodes"), &ProjectRowIds::nodes },
        { QStringLiteral("node"), &ProjectRowIds::nodes },
        { QStringLiteral("edges"), &ProjectRowIds::edges },
        { QStringLiteral("edge"), &ProjectRowIds::edges },
        { QStringLiteral("flows"), &ProjectRowIds::flows },
        { QStringLiteral("flow"), &ProjectRowIds::flows },
        { QStringLiteral("test_cases"), &ProjectRowIds::testCases },
        { QStringLiteral("test case"), &ProjectRowIds::testCases },
        { QStringLiteral("comments"), &ProjectRowIds::comments },
        { QStringLiteral("comment"), &ProjectRowIds::comments },
    };
    if (const auto it = rows.constFind(tableOrKind); it != rows.cend())
        touch(it.value(), id);
}

Status ProjectStorePrivate::logAdded(
    const QString &kind, const Id &id, const QString &name, const Id &nodeId) const
{
    touch(kind, id);
    EditLogEntry e;
    e.entityKind = kind;
    e.entityId = id;
    e.entityName = name;
    e.nodeId = nodeId;
    e.change = EditLogEntry::Change::Added;
    return logEntries({ e });
}

Status ProjectStorePrivate::logRemoval(const char *table, const Id &id) const
{
    touch(QLatin1String(table), id);
    if (!keepsHistory)
        return success();
    // What a person calls it and the node it belongs to, read before it goes.
    struct Shape
    {
        const char *table;
        const char *kind;
        const char *name;
        const char *node;
    };
    static const Shape shapes[] = {
        { "nodes", "node", "name", "''" },
        { "edges", "edge", "label", "from_id" },
        { "flows", "flow", "name", "''" },
        { "test_cases", "test case", "title", "node_id" },
        { "environments", "environment", "name", "''" },
        { "comments", "comment", "author", "node_id" },
    };
    for (const Shape &shape : shapes) {
        if (qstrcmp(shape.table, table) != 0)
            continue;
        QSqlQuery q = query();
        q.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE id = ?")
                      .arg(QLatin1String(shape.name), QLatin1String(shape.node), QLatin1String(table)));
        q.addBindValue(bindable(id));
        if (!q.exec())
            return sqlFailure(QStringLiteral("read %1 %2").arg(QLatin1String(shape.kind), id), q);
        if (!q.next())
            return success(); // the remove itself says there is no such item
        EditLogEntry e;
        e.entityKind = QLatin1String(shape.kind);
        e.entityId = id;
        e.entityName = q.value(0).toString();
        e.nodeId = q.value(1).toString();
        e.change = EditLogEntry::Change::Removed;
        return logEntries({ e });
    }
    return success();
}

namespace {
QString countsText(qint64 nodes, qint64 testCases)
{
    return QStringLiteral("%1 node%2, %3 test case%4")
        .arg(nodes)
        .arg(QLatin1String(nodes == 1 ? "" : "s"))
        .arg(testCases)
        .arg(QLatin1String(testCases == 1 ? "" : "s"));
}
} // namespace

QString ProjectStore::contentSummary() const
{
    QSqlQuery q = d->query();
    // A shared project may not exist yet; to_regclass says so without an error that would
    // abort the transaction it may run in. Any other failure: nothing worth naming.
    if (d->location.isShared()
        && (!q.exec(
                QStringLiteral("SELECT to_regclass('meta') IS NOT NULL AND to_regclass('nodes') IS NOT NULL "
                               "AND to_regclass('test_cases') IS NOT NULL"))
            || !q.next() || !q.value(0).toBool()))
        return QString();
    if (!q.exec(QStringLiteral(
            "SELECT (SELECT value FROM meta WHERE key = 'name'), (SELECT COUNT(*) FROM nodes), "
            "(SELECT COUNT(*) FROM test_cases)"))
        || !q.next())
        return QString();
    return QStringLiteral("“%1”: %2")
        .arg(q.value(0).toString(), countsText(q.value(1).toLongLong(), q.value(2).toLongLong()));
}

Status ProjectStore::recordReplace(const QString &replaced, const Project &project, const QString &source)
{
    EditLogEntry line;
    line.entityKind = QStringLiteral("project");
    line.entityName = project.name;
    line.field = QStringLiteral("replace");
    line.oldValue = replaced;
    line.newValue
        = QStringLiteral("“%1”%2: %3")
              .arg(project.name, source.isEmpty() ? QString() : QStringLiteral(" from %1").arg(source),
                  countsText(project.nodes.size(), project.testCases.size()));
    return d->edit([&] { return d->logEntries({ line }); });
}

Result<QList<EditLogEntry>> ProjectStore::history(const Id &id, int limit) const
{
    using R = Result<QList<EditLogEntry>>;
    QSqlQuery q = d->query();
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, at, author, entity_kind, entity_id, entity_name, node_id, change, field, "
                       "old_value, new_value FROM edit_log WHERE entity_id = ? OR node_id = ? OR (entity_id "
                       "= '' AND entity_kind = 'project') "
                       "ORDER BY id DESC LIMIT ?"));
    bindAll(q, { QVariant(id), QVariant(id), QVariant(limit) });
    if (!q.exec())
        return R::failure(d->message(QStringLiteral("could not read the history: %1").arg(d->sqlError(q))));
    QList<EditLogEntry> list;
    while (q.next()) {
        EditLogEntry e;
        e.id = q.value(0).toLongLong();
        e.at = dateFromDb(q.value(1));
        e.author = q.value(2).toString();
        e.entityKind = q.value(3).toString();
        e.entityId = q.value(4).toString();
        e.entityName = q.value(5).toString();
        e.nodeId = q.value(6).toString();
        e.change = editChangeFromString(q.value(7).toString()).value_or(EditLogEntry::Change::Changed);
        e.field = q.value(8).toString();
        e.oldValue = q.value(9).toString();
        e.newValue = q.value(10).toString();
        list.append(e);
    }
    return list;
}

} // namespace flowbench
