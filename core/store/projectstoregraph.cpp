// ProjectStore: edits and reads of the graph (nodes, edges, flows), test cases,
// environments and comments. Each edit is one transaction (ProjectStorePrivate::edit).

#include "store/checkjson.h"
#include "store/faultjson.h"
#include "store/projectstoreprivate.h"
#include "store/sqliteerror.h"

#include <QSqlError>

namespace flowbench {

namespace {

template <typename T, typename FromRow>
Result<QList<T>> readAll(
    const ProjectStorePrivate &d, const QString &sql, const QVariantList &binds, FromRow fromRow)
{
    QSqlQuery q = d.query();
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Result<QList<T>>::failure(d.message(QStringLiteral("could not read: %1").arg(d.sqlError(q))));
    for (const QVariant &b : binds)
        q.addBindValue(bindable(b));
    if (!q.exec())
        return Result<QList<T>>::failure(d.message(QStringLiteral("could not read: %1").arg(d.sqlError(q))));
    QList<T> list;
    while (q.next()) {
        Result<T> item = fromRow(q);
        if (!item)
            return Result<QList<T>>::failure(
                d.message(QStringLiteral("file is damaged: %1").arg(item.error())));
        list.append(std::move(item).value());
    }
    return list;
}

QString select(const char *columns, const char *tableAndRest)
{
    return QStringLiteral("SELECT %1 FROM %2").arg(QLatin1String(columns), QLatin1String(tableAndRest));
}

// Gives an entity without an id a new one; refuses an id that is not a UUID.
QString assignId(Id &id, const QString &entity)
{
    if (id.isEmpty())
        id = newId();
    else if (!isValidId(id))
        return QStringLiteral("%1: id \"%2\" is not a UUID").arg(entity, id);
    return QString();
}

QString riskProblem(const Risk &r, const QString &entity)
{
    if (r.isValid())
        return QString();
    return QStringLiteral("%1: risk likelihood and impact must be 1..5, found %2 and %3")
        .arg(entity)
        .arg(r.likelihood)
        .arg(r.impact);
}

QString nodeProblem(Node &n)
{
    if (n.name.trimmed().isEmpty())
        return QStringLiteral("a node needs a name");
    QString problem = assignId(n.id, describe(n));
    return problem.isEmpty() ? riskProblem(n.risk, describe(n)) : problem;
}

} // namespace

// ---- nodes --------------------------------------------------------------------------

Result<QList<Node>> ProjectStore::nodes() const
{
    return readAll<Node>(*d, select(kNodeColumns, "nodes ORDER BY id"), {}, nodeFromRow);
}

Result<Node> ProjectStore::node(const Id &id) const
{
    auto list = readAll<Node>(*d, select(kNodeColumns, "nodes WHERE id = ?"), { id }, nodeFromRow);
    if (!list)
        return Result<Node>::failure(list.error());
    if (list->isEmpty())
        return Result<Node>::failure(d->message(QStringLiteral("no node with id %1").arg(id)));
    return list->first();
}

Status ProjectStore::addNode(Node &node)
{
    if (const QString problem = nodeProblem(node); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status i = d->insertNode(node); !i)
            return i;
        return d->logAdded(QStringLiteral("node"), node.id, node.name);
    });
    if (s)
        node.revision = 1;
    return s;
}

Status ProjectStore::updateNode(Node &node)
{
    if (const QString problem = nodeProblem(node); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        const Result<Node> before = d->storedNode(node.id);
        QSqlQuery q = d->query();
        q.prepare(QStringLiteral(
            "UPDATE nodes SET kind=?, name=?, group_name=?, owner=?, description=?, likelihood=?, "
            "impact=?, properties=?, pinned=?, revision=revision+1 "
            "WHERE id=? AND revision=?"));
        // Not x and y: where a node stands is setNodePositions' (guarded by position, not
        // revision), so a rename with a stale position never moves the node back.
        bindAll(q,
            { QVariant(toString(node.kind)), QVariant(node.name), QVariant(node.group), QVariant(node.owner),
                QVariant(node.description), QVariant(node.risk.likelihood), QVariant(node.risk.impact),
                QVariant(jsonText(node.properties)), QVariant(node.pinned ? 1 : 0), QVariant(node.id),
                QVariant(node.revision) });
        if (Status u = d->guardedUpdate(q, "nodes", describe(node), node.id, node.revision); !u)
            return u;
        return before ? d->logEntries(fieldChanges(before.value(), node)) : Status::failure(before.error());
    });
    if (s)
        ++node.revision;
    return s;
}

Result<DeleteSummary> ProjectStore::previewRemoveNode(const Id &id) const
{
    auto exists = d->exists("nodes", id);
    if (!exists)
        return Result<DeleteSummary>::failure(exists.error());
    if (!exists.value())
        return Result<DeleteSummary>::failure(d->message(QStringLiteral("no node with id %1").arg(id)));
    QSqlQuery q = d->query();
    q.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM edges WHERE from_id = ? OR to_id = ?),"
                             " (SELECT COUNT(*) FROM test_cases WHERE node_id = ?),"
                             " (SELECT COUNT(*) FROM comments WHERE node_id = ?),"
                             " (SELECT COUNT(*) FROM flow_nodes WHERE node_id = ?)"));
    for (int i = 0; i < 5; ++i)
        q.addBindValue(bindable(id));
    if (!q.exec() || !q.next())
        return Result<DeleteSummary>::failure(
            d->sqlFailure(QStringLiteral("count what node %1 holds").arg(id), q).error());
    DeleteSummary summary;
    summary.edges = q.value(0).toInt();
    summary.testCases = q.value(1).toInt();
    summary.comments = q.value(2).toInt();
    summary.flowSteps = q.value(3).toInt();
    return summary;
}

Result<DeleteSummary> ProjectStore::removeNode(const Id &id)
{
    DeleteSummary summary;
    Status s = d->edit([&]() -> Status {
        auto preview = previewRemoveNode(id);
        if (!preview)
            return Status::failure(preview.error());
        summary = preview.value();
        if (Status l = d->logRemoval("nodes", id); !l)
            return l;
        QSqlQuery q = d->query();
        q.prepare(QStringLiteral("DELETE FROM nodes WHERE id = ?")); // the schema cascades
        q.addBindValue(bindable(id));
        return d->exec(q, QStringLiteral("remove node %1").arg(id));
    });
    if (!s)
        return Result<DeleteSummary>::failure(s.error());
    return summary;
}

// ---- edges --------------------------------------------------------------------------

namespace {
Status endpointsExist(const ProjectStorePrivate &d, const Edge &e)
{
    for (const Id &end : { e.from, e.to }) {
        auto exists = d.exists("nodes", end);
        if (!exists)
            return Status::failure(exists.error());
        if (!exists.value())
            return d.failure(QStringLiteral("%1: no node with id \"%2\"").arg(describe(e), end));
    }
    return success();
}
} // namespace

Result<QList<Edge>> ProjectStore::edges() const
{
    return readAll<Edge>(*d, select(kEdgeColumns, "edges ORDER BY id"), {}, edgeFromRow);
}

Status ProjectStore::addEdge(Edge &edge)
{
    if (const QString problem = assignId(edge.id, describe(edge)); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status e = endpointsExist(*d, edge); !e)
            return e;
        if (Status i = d->insertEdge(edge); !i)
            return i;
        return d->logAdded(QStringLiteral("edge"), edge.id, edge.label, edge.from);
    });
    if (s)
        edge.revision = 1;
    return s;
}

Status ProjectStore::updateEdge(Edge &edge)
{
    Status s = d->edit([&]() -> Status {
        if (Status e = endpointsExist(*d, edge); !e)
            return e;
        const Result<Edge> before = d->storedEdge(edge.id);
        QSqlQuery q = d->query();
        // SQLite evaluates every expression on the old row: the CASE sees the old ends.
        q.prepare(
            QStringLiteral("UPDATE edges SET route = CASE WHEN from_id=? AND to_id=? THEN route ELSE '' END, "
                           "from_id=?, to_id=?, kind=?, label=?, revision=revision+1 "
                           "WHERE id=? AND revision=?"));
        bindAll(q,
            { QVariant(edge.from), QVariant(edge.to), QVariant(edge.from), QVariant(edge.to),
                QVariant(toString(edge.kind)), QVariant(edge.label), QVariant(edge.id),
                QVariant(edge.revision) });
        if (Status u = d->guardedUpdate(q, "edges", describe(edge), edge.id, edge.revision); !u)
            return u;
        return before ? d->logEntries(fieldChanges(before.value(), edge)) : Status::failure(before.error());
    });
    if (s)
        ++edge.revision;
    return s;
}

namespace {
Status removeRow(ProjectStorePrivate &d, const char *table, const QString &entity, const Id &id,
    EditScope scope = EditScope::Content)
{
    return d.edit(
        [&]() -> Status {
            if (Status l = d.logRemoval(table, id); !l)
                return l;
            QSqlQuery q = d.query();
            q.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(QLatin1String(table)));
            q.addBindValue(bindable(id));
            if (Status s = d.exec(q, QStringLiteral("remove %1 %2").arg(entity, id)); !s)
                return s;
            if (q.numRowsAffected() == 0)
                return d.failure(QStringLiteral("no %1 with id %2").arg(entity, id));
            return success();
        },
        scope);
}
} // namespace

Status ProjectStore::removeEdge(const Id &id)
{
    return removeRow(*d, "edges", QStringLiteral("edge"), id);
}

// ---- flows --------------------------------------------------------------------------

Result<QList<Flow>> ProjectStore::flows() const
{
    auto flows = readAll<Flow>(*d, select(kFlowColumns, "flows ORDER BY id"), {},
        [](const QSqlQuery &q) { return Result<Flow>(flowFromRow(q)); });
    if (!flows)
        return flows;
    using Step = std::pair<Id, Id>;
    auto steps = readAll<Step>(*d,
        QStringLiteral("SELECT flow_id, node_id FROM flow_nodes ORDER BY flow_id, position"), {},
        [](const QSqlQuery &q) { return Result<Step>(Step(q.value(0).toString(), q.value(1).toString())); });
    if (!steps)
        return Result<QList<Flow>>::failure(steps.error());
    QHash<Id, int> index;
    for (int i = 0; i < flows->size(); ++i)
        index.insert(flows->at(i).id, i);
    for (const Step &step : steps.value())
        flows.value()[index.value(step.first)].nodeIds.append(step.second);
    return flows;
}

namespace {
QString flowProblem(Flow &f)
{
    if (f.name.trimmed().isEmpty())
        return QStringLiteral("a flow needs a name");
    QString problem = assignId(f.id, describe(f));
    return problem.isEmpty() ? riskProblem(f.risk, describe(f)) : problem;
}

Status flowNodesExist(const ProjectStorePrivate &d, const Flow &f)
{
    for (int i = 0; i < f.nodeIds.size(); ++i) {
        auto exists = d.exists("nodes", f.nodeIds[i]);
        if (!exists)
            return Status::failure(exists.error());
        if (!exists.value())
            return d.failure(QStringLiteral("%1, step %2: no node with id \"%3\"")
                                 .arg(describe(f))
                                 .arg(i)
                                 .arg(f.nodeIds[i]));
    }
    return success();
}
} // namespace

Status ProjectStore::addFlow(Flow &flow)
{
    if (const QString problem = flowProblem(flow); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status e = flowNodesExist(*d, flow); !e)
            return e;
        if (Status i = d->insertFlow(flow); !i)
            return i;
        return d->logAdded(QStringLiteral("flow"), flow.id, flow.name);
    });
    if (s)
        flow.revision = 1;
    return s;
}

Status ProjectStore::updateFlow(Flow &flow)
{
    if (const QString problem = flowProblem(flow); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status e = flowNodesExist(*d, flow); !e)
            return e;
        const Result<Flow> before = d->storedFlow(flow.id);
        QSqlQuery q = d->query();
        q.prepare(QStringLiteral(
            "UPDATE flows SET name=?, description=?, likelihood=?, impact=?, revision=revision+1 "
            "WHERE id=? AND revision=?"));
        bindAll(q,
            { QVariant(flow.name), QVariant(flow.description), QVariant(flow.risk.likelihood),
                QVariant(flow.risk.impact), QVariant(flow.id), QVariant(flow.revision) });
        if (Status u = d->guardedUpdate(q, "flows", describe(flow), flow.id, flow.revision); !u)
            return u;
        if (Status w = d->writeFlowPath(flow); !w)
            return w;
        return before ? d->logEntries(fieldChanges(before.value(), flow)) : Status::failure(before.error());
    });
    if (s)
        ++flow.revision;
    return s;
}

Status ProjectStore::removeFlow(const Id &id)
{
    return removeRow(*d, "flows", QStringLiteral("flow"), id);
}

// ---- test cases ---------------------------------------------------------------------

namespace {
QString testCaseProblem(TestCase &t)
{
    if (t.title.trimmed().isEmpty())
        return QStringLiteral("a test case needs a title");
    if (QString problem = assignId(t.id, describe(t)); !problem.isEmpty())
        return problem;
    for (auto [list, field] : { std::pair { &t.checks, "checks" }, std::pair { &t.cleanup, "cleanup" } }) {
        for (int i = 0; i < list->size(); ++i) {
            Check &check = (*list)[i];
            const QString where = QStringLiteral("%1, %2[%3]").arg(describe(t), QLatin1String(field)).arg(i);
            if (QString problem = assignId(check.id, where); !problem.isEmpty())
                return problem;
            if (check.type.isEmpty())
                return QStringLiteral("%1.type: must not be empty").arg(where);
            if (check.eventually.timeoutMs < 0 || check.eventually.intervalMs < 0)
                return QStringLiteral("%1.eventually: bounds must not be negative").arg(where);
        }
    }
    return QString();
}

Status testCaseRefsExist(const ProjectStorePrivate &d, const TestCase &t)
{
    auto node = d.exists("nodes", t.nodeId);
    if (!node)
        return Status::failure(node.error());
    if (!node.value())
        return d.failure(QStringLiteral("%1: no node with id \"%2\"").arg(describe(t), t.nodeId));
    if (t.flowId.isEmpty())
        return success();
    auto flow = d.exists("flows", t.flowId);
    if (!flow)
        return Status::failure(flow.error());
    if (!flow.value())
        return d.failure(QStringLiteral("%1: no flow with id \"%2\"").arg(describe(t), t.flowId));
    return success();
}
} // namespace

Result<QList<TestCase>> ProjectStore::testCases() const
{
    return readAll<TestCase>(*d, select(kTestCaseColumns, "test_cases ORDER BY id"), {}, testCaseFromRow);
}

Result<QList<TestCase>> ProjectStore::testCasesOfNode(const Id &nodeId) const
{
    return readAll<TestCase>(*d,
        select(kTestCaseColumns, "test_cases WHERE node_id = ? ORDER BY position, id"), { nodeId },
        testCaseFromRow);
}

Result<TestCase> ProjectStore::testCase(const Id &id) const
{
    auto list
        = readAll<TestCase>(*d, select(kTestCaseColumns, "test_cases WHERE id = ?"), { id }, testCaseFromRow);
    if (!list)
        return Result<TestCase>::failure(list.error());
    if (list->isEmpty())
        return Result<TestCase>::failure(d->message(QStringLiteral("no test case with id %1").arg(id)));
    return list->first();
}

Status ProjectStore::addTestCase(TestCase &testCase)
{
    if (const QString problem = testCaseProblem(testCase); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status e = testCaseRefsExist(*d, testCase); !e)
            return e;
        if (Status i = d->insertTestCase(testCase); !i)
            return i;
        return d->logAdded(QStringLiteral("test case"), testCase.id, testCase.title, testCase.nodeId);
    });
    if (s)
        testCase.revision = 1;
    return s;
}

Status ProjectStore::updateTestCase(TestCase &t)
{
    if (const QString problem = testCaseProblem(t); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status e = testCaseRefsExist(*d, t); !e)
            return e;
        const Result<TestCase> before = d->storedTestCase(t.id);
        QSqlQuery q = d->query();
        q.prepare(QStringLiteral(
            "UPDATE test_cases SET node_id=?, flow_id=?, title=?, description=?, priority=?, "
            "tags=?, automated=?, position=?, checks=?, source=?, junit_name=?, review_note=?, level=?, "
            "faults=?, cleanup=?, revision=revision+1 "
            "WHERE id=? AND revision=?"));
        bindAll(q,
            { QVariant(t.nodeId), t.flowId.isEmpty() ? QVariant() : QVariant(t.flowId), QVariant(t.title),
                QVariant(t.description), QVariant(toString(t.priority)),
                QVariant(jsonText(QJsonArray::fromStringList(t.tags))), QVariant(t.automated ? 1 : 0),
                QVariant(t.position), QVariant(jsonText(checksToJson(t.checks))), QVariant(t.source),
                QVariant(t.junitName), QVariant(t.reviewNote),
                QVariant(t.level ? toString(*t.level) : QString()),
                QVariant(jsonText(caseFaultsToJson(t.faults))), QVariant(jsonText(checksToJson(t.cleanup))),
                QVariant(t.id), QVariant(t.revision) });
        if (Status u = d->guardedUpdate(q, "test_cases", describe(t), t.id, t.revision); !u)
            return u;
        return before ? d->logEntries(fieldChanges(before.value(), t)) : Status::failure(before.error());
    });
    if (s)
        ++t.revision;
    return s;
}

Status ProjectStore::removeTestCase(const Id &id)
{
    return removeRow(*d, "test_cases", QStringLiteral("test case"), id);
}

// ---- environments -------------------------------------------------------------------

namespace {
QString environmentProblem(Environment &e)
{
    if (e.name.trimmed().isEmpty())
        return QStringLiteral("an environment needs a name");
    if (QString problem = assignId(e.id, describe(e)); !problem.isEmpty())
        return problem;
    // validateProject() checks the proxies too when a whole project is replaced.
    return (storeProblems(e, describe(e)) + proxyRouteProblems(e)).join(QStringLiteral("; "));
}

Status environmentNameFree(const ProjectStorePrivate &d, const Environment &e)
{
    QSqlQuery q = d.query();
    q.prepare(QStringLiteral("SELECT 1 FROM environments WHERE name = ? AND id <> ?"));
    q.addBindValue(bindable(e.name));
    q.addBindValue(bindable(e.id));
    if (!q.exec())
        return d.sqlFailure(QStringLiteral("read environments"), q);
    if (q.next())
        return d.failure(
            QStringLiteral("%1 already exists; environment names must be unique").arg(describe(e)));
    return success();
}
} // namespace

Result<QList<Environment>> ProjectStore::environments() const
{
    return readAll<Environment>(
        *d, select(kEnvironmentColumns, "environments ORDER BY id"), {}, environmentFromRow);
}

Status ProjectStore::addEnvironment(Environment &environment)
{
    if (const QString problem = environmentProblem(environment); !problem.isEmpty())
        return d->failure(problem);
    Status s = d->edit([&]() -> Status {
        if (Status e = environmentNameFree(*d, environment); !e)
            return e;
        if (Status i = d->insertEnvironment(environment); !i)
            return i;
        return d->logAdded(QStringLiteral("environment"), environment.id, environment.name);
    });
    if (s)
        environment.revision = 1;
    return s;
}

Status ProjectStore::updateEnvironment(Environment &e)
{
    if (const QString problem = environmentProblem(e); !problem.isEmpty())
        return d->failure(problem);
    QJsonObject variables;
    for (auto it = e.variables.begin(); it != e.variables.end(); ++it)
        variables.insert(it.key(), it.value());
    QJsonArray connections;
    for (const Connection &c : e.connections)
        connections.append(environmentConnectionToJson(c));
    Status s = d->edit([&]() -> Status {
        if (Status n = environmentNameFree(*d, e); !n)
            return n;
        const Result<Environment> before = d->storedEnvironment(e.id);
        QSqlQuery q = d->query();
        q.prepare(QStringLiteral("UPDATE environments SET name=?, protected=?, variables=?, connections=?, "
                                 "proxies=?, shared=?, revision=revision+1 WHERE id=? AND revision=?"));
        bindAll(q,
            { QVariant(e.name), QVariant(e.isProtected ? 1 : 0), QVariant(jsonText(variables)),
                QVariant(jsonText(connections)), QVariant(jsonText(proxyRoutesToJson(e.proxies))),
                QVariant(e.isShared ? 1 : 0), QVariant(e.id), QVariant(e.revision) });
        if (Status u = d->guardedUpdate(q, "environments", describe(e), e.id, e.revision); !u)
            return u;
        return before ? d->logEntries(fieldChanges(before.value(), e)) : Status::failure(before.error());
    });
    if (s)
        ++e.revision;
    return s;
}

Status ProjectStore::removeEnvironment(const Id &id)
{
    return removeRow(*d, "environments", QStringLiteral("environment"), id);
}

// ---- comments -----------------------------------------------------------------------

namespace {
Status commentNodeExists(const ProjectStorePrivate &d, const Comment &c)
{
    auto node = d.exists("nodes", c.nodeId);
    if (!node)
        return Status::failure(node.error());
    if (!node.value())
        return d.failure(QStringLiteral("%1: no node with id \"%2\"").arg(describe(c), c.nodeId));
    return success();
}
} // namespace

Result<QList<Comment>> ProjectStore::comments() const
{
    return readAll<Comment>(*d, select(kCommentColumns, "comments ORDER BY id"), {},
        [](const QSqlQuery &q) { return Result<Comment>(commentFromRow(q)); });
}

Status ProjectStore::addComment(Comment &comment)
{
    if (const QString problem = assignId(comment.id, describe(comment)); !problem.isEmpty())
        return d->failure(problem);
    if (!comment.createdAt.isValid())
        comment.createdAt = QDateTime::currentDateTimeUtc();
    if (comment.author.trimmed().isEmpty())
        comment.author = d->author;
    Status s = d->edit(
        [&]() -> Status {
            if (Status n = commentNodeExists(*d, comment); !n)
                return n;
            if (Status i = d->insertComment(comment); !i)
                return i;
            return d->logAdded(QStringLiteral("comment"), comment.id, comment.author, comment.nodeId);
        },
        EditScope::Comments);
    if (s)
        comment.revision = 1;
    return s;
}

Status ProjectStore::updateComment(Comment &c)
{
    Status s = d->edit(
        [&]() -> Status {
            if (Status n = commentNodeExists(*d, c); !n)
                return n;
            const Result<Comment> before = d->storedComment(c.id);
            QSqlQuery q = d->query();
            q.prepare(
                QStringLiteral("UPDATE comments SET node_id=?, author=?, text=?, created_at=?, resolved=?, "
                               "revision=revision+1 WHERE id=? AND revision=?"));
            bindAll(q,
                { QVariant(c.nodeId), QVariant(c.author), QVariant(c.text), dateToDb(c.createdAt),
                    QVariant(c.resolved ? 1 : 0), QVariant(c.id), QVariant(c.revision) });
            if (Status u = d->guardedUpdate(q, "comments", describe(c), c.id, c.revision); !u)
                return u;
            return before ? d->logEntries(fieldChanges(before.value(), c)) : Status::failure(before.error());
        },
        EditScope::Comments);
    if (s)
        ++c.revision;
    return s;
}

Status ProjectStore::removeComment(const Id &id)
{
    return removeRow(*d, "comments", QStringLiteral("comment"), id, EditScope::Comments);
}

} // namespace flowbench
