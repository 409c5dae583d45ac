// Row <-> value conversions and the inserts shared by ProjectStore's edits.

#include "store/checkjson.h"
#include "store/faultjson.h"
#include "store/projectstoreprivate.h"
#include "store/routejson.h"
#include "store/sqliteerror.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>

namespace flowbench {

const char *const kNodeColumns = "id, kind, name, group_name, owner, description, likelihood, impact, "
                                 "properties, x, y, pinned, revision";
const char *const kEdgeColumns = "id, from_id, to_id, kind, label, revision, route";
const char *const kFlowColumns = "id, name, description, likelihood, impact, revision";
const char *const kTestCaseColumns = "id, node_id, flow_id, title, description, priority, tags, automated, "
                                     "position, checks, revision, source, "
                                     "junit_name, review_note, level, faults, cleanup";
const char *const kEnvironmentColumns
    = "id, name, protected, variables, connections, revision, proxies, shared";
const char *const kCommentColumns = "id, node_id, author, text, created_at, resolved, revision";
const char *const kRunColumns = "id, environment, selection, started_at, finished_at, cancelled, passed, "
                                "failed, errors, skipped, source, shard_count, started_by";
const char *const kResultColumns = "id, run_id, test_case_id, check_id, node_id, status, duration_ms, "
                                   "attempts, message, evidence, finished_at, faults, cleanup";

QString ProjectStorePrivate::message(const QString &text) const
{
    return path + QStringLiteral(": ") + text;
}

QString ProjectStorePrivate::sqlError(const QSqlQuery &q) const
{
    const QSqlDatabase connection = db();
    return describeSqlError(q.lastError(), &connection);
}

Status ProjectStorePrivate::sqlFailure(const QString &what, const QSqlQuery &q) const
{
    return failure(QStringLiteral("could not %1: %2").arg(what, sqlError(q)));
}

Status ProjectStorePrivate::exec(QSqlQuery &q, const QString &what) const
{
    if (!q.exec())
        return sqlFailure(what, q);
    return success();
}

Status ProjectStorePrivate::prepare(QSqlQuery &q, const QString &sql, const QString &what) const
{
    if (!q.prepare(sql))
        return sqlFailure(what, q);
    return success();
}

QSqlQuery *ProjectStorePrivate::reused(const QString &sql, QString *error) const
{
    if (auto it = reusedStatements.find(sql); it != reusedStatements.end())
        return it->second.get();
    auto q = std::make_unique<QSqlQuery>(db());
    q->setForwardOnly(true);
    if (!q->prepare(sql)) {
        *error = sqlError(*q);
        return nullptr;
    }
    return reusedStatements.emplace(sql, std::move(q)).first->second.get();
}

Status ProjectStorePrivate::execReused(
    const QString &sql, std::initializer_list<QVariant> values, const QString &what) const
{
    QString error;
    QSqlQuery *q = reused(sql, &error);
    if (!q)
        return failure(QStringLiteral("could not %1: %2").arg(what, error));
    int i = 0;
    for (const QVariant &v : values)
        q->bindValue(i++, bindable(v));
    const Status s = q->exec() ? success() : sqlFailure(what, *q);
    q->finish();
    return s;
}

Result<bool> ProjectStorePrivate::exists(const char *table, const Id &id) const
{
    QString error;
    QSqlQuery *q = reused(QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(QLatin1String(table)), &error);
    if (q) {
        q->bindValue(0, bindable(id));
        if (!q->exec())
            error = sqlError(*q);
    }
    if (!error.isEmpty()) {
        if (q)
            q->finish();
        return Result<bool>::failure(
            message(QStringLiteral("could not read %1: %2").arg(QLatin1String(table), error)));
    }
    const bool found = q->next();
    q->finish();
    return found;
}

Status ProjectStorePrivate::conflict(
    const char *table, const QString &entity, const Id &id, int revision) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("SELECT revision FROM %1 WHERE id = ?").arg(QLatin1String(table)));
    q.addBindValue(bindable(id));
    if (!q.exec())
        return sqlFailure(QStringLiteral("check the revision of %1").arg(entity), q);
    if (!q.next())
        return failure(
            QStringLiteral("%1 no longer exists (deleted by someone else?); nothing was saved").arg(entity));
    conflicted = true;
    return failure(QStringLiteral("%1 was changed by someone else since you loaded it (stored revision %2, "
                                  "yours %3); reload it and edit again. Nothing was saved")
                       .arg(entity)
                       .arg(q.value(0).toInt())
                       .arg(revision));
}

Status ProjectStorePrivate::guardedUpdate(
    QSqlQuery &q, const char *table, const QString &entity, const Id &id, int revision) const
{
    if (Status s = exec(q, QStringLiteral("save %1").arg(entity)); !s)
        return s;
    if (q.numRowsAffected() == 0)
        return conflict(table, entity, id, revision);
    touch(QLatin1String(table), id);
    return success();
}

Status ProjectStorePrivate::insertNode(const Node &n) const
{
    return execReused(QStringLiteral("INSERT INTO nodes (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1)")
                          .arg(QLatin1String(kNodeColumns)),
        { QVariant(n.id), QVariant(toString(n.kind)), QVariant(n.name), QVariant(n.group), QVariant(n.owner),
            QVariant(n.description), QVariant(n.risk.likelihood), QVariant(n.risk.impact),
            QVariant(jsonText(n.properties)), QVariant(n.x), QVariant(n.y), QVariant(n.pinned ? 1 : 0) },
        QStringLiteral("add %1").arg(describe(n)));
}

Status ProjectStorePrivate::insertEdge(const Edge &e) const
{
    if (!e.route.isEmpty() && !SplineRoute::isValidPointCount(e.route.points.size()))
        return failure(routeShapeProblem(e));
    return execReused(
        QStringLiteral("INSERT INTO edges (%1) VALUES (?,?,?,?,?,1,?)").arg(QLatin1String(kEdgeColumns)),
        { QVariant(e.id), QVariant(e.from), QVariant(e.to), QVariant(toString(e.kind)), QVariant(e.label),
            QVariant(routeText(e.route)) },
        QStringLiteral("add %1").arg(describe(e)));
}

Status ProjectStorePrivate::insertFlow(const Flow &f) const
{
    if (Status s = execReused(
            QStringLiteral("INSERT INTO flows (%1) VALUES (?,?,?,?,?,1)").arg(QLatin1String(kFlowColumns)),
            { QVariant(f.id), QVariant(f.name), QVariant(f.description), QVariant(f.risk.likelihood),
                QVariant(f.risk.impact) },
            QStringLiteral("add %1").arg(describe(f)));
        !s)
        return s;
    return writeFlowPath(f);
}

Status ProjectStorePrivate::writeFlowPath(const Flow &f) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("DELETE FROM flow_nodes WHERE flow_id = ?"));
    q.addBindValue(bindable(f.id));
    if (Status s = exec(q, QStringLiteral("save the path of %1").arg(describe(f))); !s)
        return s;
    for (int i = 0; i < f.nodeIds.size(); ++i)
        if (Status s = execReused(
                QStringLiteral("INSERT INTO flow_nodes (flow_id, position, node_id) VALUES (?, ?, ?)"),
                { QVariant(f.id), QVariant(i), QVariant(f.nodeIds[i]) },
                QStringLiteral("save step %1 of %2").arg(i).arg(describe(f)));
            !s)
            return s;
    return success();
}

Status ProjectStorePrivate::insertTestCase(const TestCase &t) const
{
    return execReused(QStringLiteral("INSERT INTO test_cases (%1) VALUES (?,?,?,?,?,?,?,?,?,?,1,?,?,?,?,?,?)")
                          .arg(QLatin1String(kTestCaseColumns)),
        { QVariant(t.id), QVariant(t.nodeId), t.flowId.isEmpty() ? QVariant() : QVariant(t.flowId),
            QVariant(t.title), QVariant(t.description), QVariant(toString(t.priority)),
            QVariant(jsonText(QJsonArray::fromStringList(t.tags))), QVariant(t.automated ? 1 : 0),
            QVariant(t.position), QVariant(jsonText(checksToJson(t.checks))), QVariant(t.source),
            QVariant(t.junitName), QVariant(t.reviewNote), QVariant(t.level ? toString(*t.level) : QString()),
            QVariant(jsonText(caseFaultsToJson(t.faults))), QVariant(jsonText(checksToJson(t.cleanup))) },
        QStringLiteral("add %1").arg(describe(t)));
}

Status ProjectStorePrivate::insertEnvironment(const Environment &e) const
{
    QJsonObject variables;
    for (auto it = e.variables.begin(); it != e.variables.end(); ++it)
        variables.insert(it.key(), it.value());
    QJsonArray connections;
    for (const Connection &c : e.connections)
        connections.append(environmentConnectionToJson(c));
    return execReused(QStringLiteral("INSERT INTO environments (%1) VALUES (?,?,?,?,?,1,?,?)")
                          .arg(QLatin1String(kEnvironmentColumns)),
        { QVariant(e.id), QVariant(e.name), QVariant(e.isProtected ? 1 : 0), QVariant(jsonText(variables)),
            QVariant(jsonText(connections)), QVariant(jsonText(proxyRoutesToJson(e.proxies))),
            QVariant(e.isShared ? 1 : 0) },
        QStringLiteral("add %1").arg(describe(e)));
}

Status ProjectStorePrivate::insertComment(const Comment &c) const
{
    return execReused(QStringLiteral("INSERT INTO comments (%1) VALUES (?,?,?,?,?,?,1)")
                          .arg(QLatin1String(kCommentColumns)),
        { QVariant(c.id), QVariant(c.nodeId), QVariant(c.author), QVariant(c.text), dateToDb(c.createdAt),
            QVariant(c.resolved ? 1 : 0) },
        QStringLiteral("add %1").arg(describe(c)));
}

Status ProjectStorePrivate::insertRun(const Run &r) const
{
    QSqlQuery q = query();
    q.prepare(QStringLiteral("INSERT INTO runs (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                  .arg(QLatin1String(kRunColumns)));
    bindAll(q,
        { QVariant(r.id), QVariant(r.environment), QVariant(r.selection), dateToDb(r.startedAt),
            dateToDb(r.finishedAt), QVariant(r.cancelled ? 1 : 0), QVariant(r.passed), QVariant(r.failed),
            QVariant(r.errors), QVariant(r.skipped), QVariant(r.source), QVariant(r.shardCount),
            QVariant(r.startedBy) });
    if (Status s = exec(q, QStringLiteral("add run %1").arg(r.id)); !s)
        return s;
    // A copy of a sharded run (replaceContents, a shared project written from a file)
    // keeps which shards are in; its plan stays behind, no shard of it runs again.
    for (int shard : r.shardsIn) {
        q.prepare(QStringLiteral("INSERT INTO run_shards (run_id, shard, finished_at) VALUES (?,?,?)"));
        bindAll(q, { QVariant(r.id), QVariant(shard), dateToDb(r.finishedAt) });
        if (Status s = exec(q, QStringLiteral("add shard %1 of run %2").arg(shard).arg(r.id)); !s)
            return s;
    }
    return success();
}

QVariant bindable(const QVariant &value)
{
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QStringLiteral("");
    return value;
}

void bindAll(QSqlQuery &q, std::initializer_list<QVariant> values)
{
    for (const QVariant &v : values)
        q.addBindValue(bindable(v));
}

QVariant dateToDb(const QDateTime &when)
{
    if (!when.isValid())
        return QVariant();
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime dateFromDb(const QVariant &value)
{
    if (value.isNull())
        return QDateTime();
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QString jsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString routeText(const SplineRoute &route)
{
    return route.isEmpty() ? QString() : jsonText(routeToJson(route));
}

QString routeShapeProblem(const Edge &e)
{
    return QStringLiteral("%1: a route needs 1 + 3n points (n >= 1), found %2")
        .arg(describe(e))
        .arg(e.route.points.size());
}

QString jsonText(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonObject environmentConnectionToJson(const Connection &c)
{
    return QJsonObject { { QStringLiteral("name"), c.name }, { QStringLiteral("driver"), c.driver },
        { QStringLiteral("host"), c.host }, { QStringLiteral("port"), c.port },
        { QStringLiteral("database"), c.database }, { QStringLiteral("user"), c.user },
        { QStringLiteral("password_ref"), c.passwordRef }, { QStringLiteral("options"), c.options } };
}

QStringList storeProblems(const Environment &e, const QString &where)
{
    QStringList problems;
    for (int i = 0; i < e.connections.size(); ++i) {
        const QString &ref = e.connections[i].passwordRef;
        if (!ref.isEmpty() && !isSecretReference(ref))
            problems << QStringLiteral("%1.connections[%2].passwordRef: must be a secret reference "
                                       "(${env:NAME} or ${keychain:ENTRY}), never the password itself")
                            .arg(where)
                            .arg(i);
    }
    return problems;
}

QString describe(const Node &n)
{
    return QStringLiteral("node \"%1\"").arg(n.name);
}
QString describe(const Flow &f)
{
    return QStringLiteral("flow \"%1\"").arg(f.name);
}
QString describe(const TestCase &t)
{
    return QStringLiteral("test case \"%1\"").arg(t.title);
}
QString describe(const Environment &e)
{
    return QStringLiteral("environment \"%1\"").arg(e.name);
}
QString describe(const Comment &c)
{
    return QStringLiteral("comment %1 by \"%2\"").arg(c.id, c.author);
}
QString describe(const Edge &e)
{
    if (!e.label.isEmpty())
        return QStringLiteral("edge \"%1\"").arg(e.label);
    return QStringLiteral("%1 edge %2").arg(toString(e.kind), e.id);
}

namespace {

template <typename T>
Result<T> rowFailure(const char *table, const QSqlQuery &q, const char *column, const QString &why)
{
    return Result<T>::failure(
        QStringLiteral("table %1, row %2, column %3: %4")
            .arg(QLatin1String(table), q.value(0).toString(), QLatin1String(column), why));
}

bool parseJson(const QString &text, QJsonDocument &doc, QString &why)
{
    QJsonParseError error;
    doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        why = QStringLiteral("invalid JSON at offset %1: %2").arg(error.offset).arg(error.errorString());
        return false;
    }
    return true;
}

} // namespace

Result<Node> nodeFromRow(const QSqlQuery &q)
{
    Node n;
    n.id = q.value(0).toString();
    const auto kind = nodeKindFromString(q.value(1).toString());
    if (!kind)
        return rowFailure<Node>(
            "nodes", q, "kind", QStringLiteral("unknown node kind \"%1\"").arg(q.value(1).toString()));
    n.kind = *kind;
    n.name = q.value(2).toString();
    n.group = q.value(3).toString();
    n.owner = q.value(4).toString();
    n.description = q.value(5).toString();
    n.risk = Risk { q.value(6).toInt(), q.value(7).toInt() };
    QJsonDocument doc;
    QString why;
    if (!parseJson(q.value(8).toString(), doc, why) || !doc.isObject())
        return rowFailure<Node>(
            "nodes", q, "properties", why.isEmpty() ? QStringLiteral("not a JSON object") : why);
    n.properties = doc.object();
    n.x = q.value(9).toDouble();
    n.y = q.value(10).toDouble();
    n.pinned = q.value(11).toInt() != 0;
    n.revision = q.value(12).toInt();
    return n;
}

Result<Edge> edgeFromRow(const QSqlQuery &q)
{
    Edge e;
    e.id = q.value(0).toString();
    e.from = q.value(1).toString();
    e.to = q.value(2).toString();
    const auto kind = edgeKindFromString(q.value(3).toString());
    if (!kind)
        return rowFailure<Edge>(
            "edges", q, "kind", QStringLiteral("unknown edge kind \"%1\"").arg(q.value(3).toString()));
    e.kind = *kind;
    e.label = q.value(4).toString();
    e.revision = q.value(5).toInt();
    const QString route = q.value(6).toString();
    if (!route.isEmpty()) {
        QJsonDocument doc;
        QString why;
        if (!parseJson(route, doc, why))
            return rowFailure<Edge>("edges", q, "route", why);
        QStringList problems;
        e.route = routeFromJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()),
            QStringLiteral("route"), &problems);
        if (!problems.isEmpty())
            return rowFailure<Edge>("edges", q, "route", problems.join(QStringLiteral("; ")));
    }
    return e;
}

Result<TestCase> testCaseFromRow(const QSqlQuery &q)
{
    TestCase t;
    t.id = q.value(0).toString();
    t.nodeId = q.value(1).toString();
    t.flowId = q.value(2).toString();
    t.title = q.value(3).toString();
    t.description = q.value(4).toString();
    const auto priority = priorityFromString(q.value(5).toString());
    if (!priority)
        return rowFailure<TestCase>("test_cases", q, "priority",
            QStringLiteral("unknown priority \"%1\"").arg(q.value(5).toString()));
    t.priority = *priority;
    QJsonDocument doc;
    QString why;
    if (!parseJson(q.value(6).toString(), doc, why) || !doc.isArray())
        return rowFailure<TestCase>(
            "test_cases", q, "tags", why.isEmpty() ? QStringLiteral("not a JSON array") : why);
    for (const QJsonValue &tag : doc.array())
        t.tags.append(tag.toString());
    t.automated = q.value(7).toInt() != 0;
    t.position = q.value(8).toInt();
    if (!parseJson(q.value(9).toString(), doc, why) || !doc.isArray())
        return rowFailure<TestCase>(
            "test_cases", q, "checks", why.isEmpty() ? QStringLiteral("not a JSON array") : why);
    auto checks = checksFromJson(doc.array(), QStringLiteral("checks"));
    if (!checks)
        return rowFailure<TestCase>("test_cases", q, "checks", checks.error());
    t.checks = checks.value();
    t.revision = q.value(10).toInt();
    t.source = q.value(11).toString();
    t.junitName = q.value(12).toString();
    t.reviewNote = q.value(13).toString();
    if (const QString level = q.value(14).toString(); !level.isEmpty()) {
        t.level = testLevelFromString(level);
        if (!t.level)
            return rowFailure<TestCase>(
                "test_cases", q, "level", QStringLiteral("\"%1\" is not a test level").arg(level));
    }
    if (!parseJson(q.value(QStringLiteral("faults")).toString(), doc, why) || !doc.isArray())
        return rowFailure<TestCase>(
            "test_cases", q, "faults", why.isEmpty() ? QStringLiteral("not a JSON array") : why);
    auto faults = caseFaultsFromJson(doc.array(), QStringLiteral("faults"));
    if (!faults)
        return rowFailure<TestCase>("test_cases", q, "faults", faults.error());
    t.faults = faults.value();
    if (!parseJson(q.value(QStringLiteral("cleanup")).toString(), doc, why) || !doc.isArray())
        return rowFailure<TestCase>(
            "test_cases", q, "cleanup", why.isEmpty() ? QStringLiteral("not a JSON array") : why);
    auto cleanup = checksFromJson(doc.array(), QStringLiteral("cleanup"));
    if (!cleanup)
        return rowFailure<TestCase>("test_cases", q, "cleanup", cleanup.error());
    t.cleanup = cleanup.value();
    return t;
}

Result<Environment> environmentFromRow(const QSqlQuery &q)
{
    Environment e;
    e.id = q.value(0).toString();
    e.name = q.value(1).toString();
    e.isProtected = q.value(2).toInt() != 0;
    e.isShared = q.value(7).toInt() != 0;
    QJsonDocument doc;
    QString why;
    if (!parseJson(q.value(3).toString(), doc, why) || !doc.isObject())
        return rowFailure<Environment>(
            "environments", q, "variables", why.isEmpty() ? QStringLiteral("not a JSON object") : why);
    const QJsonObject variables = doc.object();
    for (auto it = variables.begin(); it != variables.end(); ++it)
        e.variables.insert(it.key(), it.value().toString());
    if (!parseJson(q.value(4).toString(), doc, why) || !doc.isArray())
        return rowFailure<Environment>(
            "environments", q, "connections", why.isEmpty() ? QStringLiteral("not a JSON array") : why);
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        Connection c;
        c.name = o.value(QStringLiteral("name")).toString();
        c.driver = o.value(QStringLiteral("driver")).toString();
        c.host = o.value(QStringLiteral("host")).toString();
        c.port = o.value(QStringLiteral("port")).toInt();
        c.database = o.value(QStringLiteral("database")).toString();
        c.user = o.value(QStringLiteral("user")).toString();
        c.passwordRef = o.value(QStringLiteral("password_ref")).toString();
        c.options = o.value(QStringLiteral("options")).toString();
        e.connections.append(c);
    }
    e.revision = q.value(5).toInt();
    if (!parseJson(q.value(QStringLiteral("proxies")).toString(), doc, why) || !doc.isArray())
        return rowFailure<Environment>(
            "environments", q, "proxies", why.isEmpty() ? QStringLiteral("not a JSON array") : why);
    auto proxies = proxyRoutesFromJson(doc.array(), QStringLiteral("proxies"));
    if (!proxies)
        return rowFailure<Environment>("environments", q, "proxies", proxies.error());
    e.proxies = proxies.value();
    return e;
}

Flow flowFromRow(const QSqlQuery &q)
{
    Flow f;
    f.id = q.value(0).toString();
    f.name = q.value(1).toString();
    f.description = q.value(2).toString();
    f.risk = Risk { q.value(3).toInt(), q.value(4).toInt() };
    f.revision = q.value(5).toInt();
    return f;
}

Comment commentFromRow(const QSqlQuery &q)
{
    Comment c;
    c.id = q.value(0).toString();
    c.nodeId = q.value(1).toString();
    c.author = q.value(2).toString();
    c.text = q.value(3).toString();
    c.createdAt = dateFromDb(q.value(4));
    c.resolved = q.value(5).toInt() != 0;
    c.revision = q.value(6).toInt();
    return c;
}

Run runFromRow(const QSqlQuery &q)
{
    Run r;
    r.id = q.value(0).toString();
    r.environment = q.value(1).toString();
    r.selection = q.value(2).toString();
    r.startedAt = dateFromDb(q.value(3));
    r.finishedAt = dateFromDb(q.value(4));
    r.cancelled = q.value(5).toInt() != 0;
    r.passed = q.value(6).toInt();
    r.failed = q.value(7).toInt();
    r.errors = q.value(8).toInt();
    r.skipped = q.value(9).toInt();
    r.source = q.value(10).toString();
    r.shardCount = q.value(11).toInt();
    r.startedBy = q.value(12).toString();
    return r;
}

Result<CheckResult> resultFromRow(const QSqlQuery &q)
{
    CheckResult r;
    r.id = q.value(0).toString();
    r.runId = q.value(1).toString();
    r.testCaseId = q.value(2).toString();
    r.checkId = q.value(3).toString();
    r.nodeId = q.value(4).toString();
    const auto status = resultStatusFromString(q.value(5).toString());
    if (!status)
        return rowFailure<CheckResult>(
            "results", q, "status", QStringLiteral("unknown status \"%1\"").arg(q.value(5).toString()));
    r.status = *status;
    r.durationMs = q.value(6).toLongLong();
    r.attempts = q.value(7).toInt();
    r.message = q.value(8).toString();
    r.evidence = q.value(9).toString();
    r.finishedAt = dateFromDb(q.value(10));
    r.faults = q.value(QStringLiteral("faults")).toString();
    r.cleanup = q.value(QStringLiteral("cleanup")).toInt() != 0;
    return r;
}

} // namespace flowbench
