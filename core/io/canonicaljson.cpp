#include "io/canonicaljson.h"

#include "io/jsonobjectreader.h"
#include "io/orderedjsonwriter.h"
#include "store/checkjson.h"
#include "store/faultjson.h"
#include "store/routejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <functional>
#include <limits>

namespace flowbench {

namespace {

// Problems beyond this many are counted, not listed: one typo can cascade.
constexpr int kMaxListedProblems = 20;

QJsonValue dateTimeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue optionalId(const Id &id)
{
    return id.isEmpty() ? QJsonValue() : QJsonValue(id);
}

QStringList nodeKindNames()
{
    QStringList names;
    for (NodeKind k : allNodeKinds())
        names << toString(k);
    return names;
}

QStringList edgeKindNames()
{
    QStringList names;
    for (EdgeKind k : allEdgeKinds())
        names << toString(k);
    return names;
}

QStringList priorityNames()
{
    return { toString(Priority::Low), toString(Priority::Medium), toString(Priority::High),
        toString(Priority::Critical) };
}

QStringList levelNames()
{
    QStringList names;
    for (TestLevel level : allTestLevels())
        names << toString(level);
    return names;
}

QStringList statusNames()
{
    return { toString(ResultStatus::Pass), toString(ResultStatus::Fail), toString(ResultStatus::Error),
        toString(ResultStatus::Skipped) };
}

template <typename T> void sortById(QList<T> &list)
{
    std::stable_sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.id < b.id; });
}

// ---------------------------------------------------------------- writing

// Writes the keys named in `order` first, in that order, then any others sorted; so a
// check reads "id, type, name, spec..." while its JSON shape stays defined by checkjson.
void writeInOrder(OrderedJsonWriter &w, const QJsonObject &object, std::initializer_list<const char *> order,
    const std::function<void(const char *, const QJsonValue &)> &writeValue)
{
    w.beginObject();
    QSet<QString> written;
    for (const char *key : order) {
        const QString name = QString::fromLatin1(key);
        if (!object.contains(name))
            continue;
        w.key(key);
        writeValue(key, object.value(name));
        written.insert(name);
    }
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!written.contains(it.key())) {
            w.key(it.key());
            w.value(it.value());
        }
    w.endObject();
}

void writeChecks(OrderedJsonWriter &w, const QList<Check> &checks)
{
    const auto plain = [&w](const char *, const QJsonValue &v) { w.value(v); };
    const auto arrayOf = [&w, &plain](const QJsonValue &v, std::initializer_list<const char *> order) {
        if (!v.isArray())
            return w.value(v);
        w.beginArray();
        for (const QJsonValue &element : v.toArray()) {
            if (element.isObject())
                writeInOrder(w, element.toObject(), order, plain);
            else
                w.value(element);
        }
        w.endArray();
    };
    w.beginArray();
    for (const QJsonValue &check : checksToJson(checks)) {
        writeInOrder(w, check.toObject(),
            { "id", "type", "name", "spec", "captures", "assertions", "eventually" },
            [&](const char *key, const QJsonValue &v) {
                if (qstrcmp(key, "captures") == 0)
                    arrayOf(v, { "name", "source", "expression" });
                else if (qstrcmp(key, "assertions") == 0)
                    arrayOf(v, { "kind", "target", "op", "expected" });
                else if (qstrcmp(key, "eventually") == 0 && v.isObject())
                    writeInOrder(w, v.toObject(), { "timeout_ms", "interval_ms" }, plain);
                else
                    w.value(v);
            });
    }
    w.endArray();
}

void writeRisk(OrderedJsonWriter &w, const Risk &risk)
{
    w.key("risk");
    w.beginObject();
    w.field("likelihood", risk.likelihood);
    w.field("impact", risk.impact);
    w.endObject();
}

void writeNode(OrderedJsonWriter &w, const Node &n)
{
    w.beginObject();
    w.field("id", n.id);
    w.field("kind", toString(n.kind));
    w.field("name", n.name);
    w.field("group", n.group);
    w.field("owner", n.owner);
    w.field("description", n.description);
    writeRisk(w, n.risk);
    w.field("properties", n.properties);
    w.key("position");
    w.beginObject();
    w.field("x", n.x);
    w.field("y", n.y);
    w.field("pinned", n.pinned);
    w.endObject();
    w.endObject();
}

void writeEdge(OrderedJsonWriter &w, const Edge &e)
{
    w.beginObject();
    w.field("id", e.id);
    w.field("from", e.from);
    w.field("to", e.to);
    w.field("kind", toString(e.kind));
    w.field("label", e.label);
    // Only edges a layout routed have one, so a project never laid out exports as before.
    if (!e.route.isEmpty()) {
        w.key("route");
        w.beginObject();
        w.key("fromPosition");
        w.inlineArray(pointToJson(e.route.fromPosition));
        w.key("toPosition");
        w.inlineArray(pointToJson(e.route.toPosition));
        w.key("points");
        w.beginArray();
        for (const QPointF &p : e.route.points)
            w.inlineArray(pointToJson(p));
        w.endArray();
        w.endObject();
    }
    w.endObject();
}

void writeFlow(OrderedJsonWriter &w, const Flow &f)
{
    w.beginObject();
    w.field("id", f.id);
    w.field("name", f.name);
    w.field("description", f.description);
    writeRisk(w, f.risk);
    w.field("nodes", QJsonArray::fromStringList(f.nodeIds));
    w.endObject();
}

// {"on": target, then Toxiproxy's toxic: name, type, stream, toxicity, attributes}
void writeCaseFaults(OrderedJsonWriter &w, const QList<CaseFault> &faults)
{
    const auto plain = [&w](const char *, const QJsonValue &v) { w.value(v); };
    w.beginArray();
    for (const CaseFault &f : faults)
        writeInOrder(w, caseFaultToJson(f), { "on", "name", "type", "stream", "toxicity", "attributes" }, plain);
    w.endArray();
}

void writeTestCase(OrderedJsonWriter &w, const TestCase &t)
{
    w.beginObject();
    w.field("id", t.id);
    w.field("node", t.nodeId);
    w.field("flow", optionalId(t.flowId));
    w.field("title", t.title);
    w.field("description", t.description);
    w.field("priority", toString(t.priority));
    w.field("tags", QJsonArray::fromStringList(t.tags));
    w.field("automated", t.automated);
    w.field("position", t.position);
    w.key("checks");
    writeChecks(w, t.checks);
    // Written only when set, so that projects without imports keep their bytes.
    if (!t.source.isEmpty())
        w.field("source", t.source);
    if (!t.junitName.isEmpty())
        w.field("junitName", t.junitName);
    if (!t.reviewNote.isEmpty())
        w.field("reviewNote", t.reviewNote);
    if (t.level)
        w.field("level", toString(*t.level));
    if (!t.faults.isEmpty()) {
        w.key("faults");
        writeCaseFaults(w, t.faults);
    }
    if (!t.cleanup.isEmpty()) {
        w.key("cleanup");
        writeChecks(w, t.cleanup);
    }
    w.endObject();
}

void writeEnvironment(OrderedJsonWriter &w, const Environment &e)
{
    w.beginObject();
    w.field("id", e.id);
    w.field("name", e.name);
    w.field("protected", e.isProtected);
    if (e.isShared) // written only when set: files of unshared projects stay as they were
        w.field("shared", true);
    QJsonObject variables;
    for (auto it = e.variables.begin(); it != e.variables.end(); ++it)
        variables.insert(it.key(), it.value());
    w.field("variables", variables);
    w.key("connections");
    w.beginArray();
    for (const Connection &c : e.connections) {
        w.beginObject();
        w.field("name", c.name);
        w.field("driver", c.driver);
        w.field("host", c.host);
        w.field("port", c.port);
        w.field("database", c.database);
        w.field("user", c.user);
        w.field("passwordRef", c.passwordRef);
        w.field("options", c.options);
        w.endObject();
    }
    w.endArray();
    // Only environments with proxies have the key, so older projects keep their bytes.
    if (!e.proxies.isEmpty()) {
        w.key("proxies");
        w.beginArray();
        for (const ProxyRoute &p : e.proxies) {
            w.beginObject();
            w.field("for", p.target);
            w.field("listen", p.listen);
            w.field("upstream", p.upstream);
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();
}

void writeComment(OrderedJsonWriter &w, const Comment &c)
{
    w.beginObject();
    w.field("id", c.id);
    w.field("node", c.nodeId);
    w.field("author", c.author);
    w.field("text", c.text);
    w.field("createdAt", dateTimeValue(c.createdAt));
    w.field("resolved", c.resolved);
    w.endObject();
}

void writeRun(OrderedJsonWriter &w, const Run &r)
{
    w.beginObject();
    w.field("id", r.id);
    w.field("environment", r.environment);
    w.field("selection", r.selection);
    w.field("startedAt", dateTimeValue(r.startedAt));
    w.field("finishedAt", dateTimeValue(r.finishedAt));
    w.field("cancelled", r.cancelled);
    w.field("passed", r.passed);
    w.field("failed", r.failed);
    w.field("errors", r.errors);
    w.field("skipped", r.skipped);
    if (!r.source.isEmpty())
        w.field("source", r.source);
    // Only a sharded run: how many shards, which are in (its plan stays behind).
    if (r.shardCount > 0) {
        w.field("shardCount", r.shardCount);
        QJsonArray in;
        for (int k : r.shardsIn)
            in.append(k);
        w.key("shardsIn");
        w.inlineArray(in);
    }
    w.endObject();
}

void writeResult(OrderedJsonWriter &w, const CheckResult &r)
{
    w.beginObject();
    w.field("id", r.id);
    w.field("run", r.runId);
    w.field("testCase", optionalId(r.testCaseId));
    w.field("check", optionalId(r.checkId));
    w.field("node", optionalId(r.nodeId));
    w.field("status", toString(r.status));
    w.field("durationMs", r.durationMs);
    w.field("attempts", r.attempts);
    w.field("message", r.message);
    w.field("evidence", r.evidence);
    w.field("finishedAt", dateTimeValue(r.finishedAt));
    if (!r.faults.isEmpty())
        w.field("faults", r.faults);
    if (r.cleanup) // only when set: runs without cleanup steps keep their bytes
        w.field("cleanup", true);
    w.endObject();
}

template <typename T, typename WriteOne>
void writeList(OrderedJsonWriter &w, const char *key, const QList<T> &list, WriteOne writeOne)
{
    w.key(key);
    w.beginArray();
    for (const T &item : list)
        writeOne(w, item);
    w.endArray();
}

// ---------------------------------------------------------------- reading

Risk readRisk(JsonObjectReader &r, QStringList *problems)
{
    Risk risk;
    if (!r.has("risk"))
        return risk;
    JsonObjectReader rr(r.value("risk"), r.path("risk"), problems);
    risk.likelihood = rr.integer("likelihood", 1, 5, 1);
    risk.impact = rr.integer("impact", 1, 5, 1);
    rr.finish();
    return risk;
}

Node readNode(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    Node n;
    n.id = r.string("id", JsonObjectReader::Required);
    n.kind = nodeKindFromString(r.choice("kind", nodeKindNames(), "kind", JsonObjectReader::Required))
                 .value_or(NodeKind::Service);
    n.name = r.string("name", JsonObjectReader::Required);
    n.group = r.string("group");
    n.owner = r.string("owner");
    n.description = r.string("description");
    n.risk = readRisk(r, problems);
    n.properties = r.object("properties");
    if (r.has("position")) {
        JsonObjectReader pr(r.value("position"), r.path("position"), problems);
        n.x = pr.number("x", 0);
        n.y = pr.number("y", 0);
        n.pinned = pr.boolean("pinned", false);
        pr.finish();
    }
    r.finish();
    return n;
}

Edge readEdge(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    Edge e;
    e.id = r.string("id", JsonObjectReader::Required);
    e.from = r.string("from", JsonObjectReader::Required);
    e.to = r.string("to", JsonObjectReader::Required);
    e.kind = edgeKindFromString(r.choice("kind", edgeKindNames(), "kind", JsonObjectReader::Required))
                 .value_or(EdgeKind::Calls);
    e.label = r.string("label");
    if (r.has("route"))
        e.route = routeFromJson(r.value("route"), r.path("route"), problems);
    r.finish();
    return e;
}

Flow readFlow(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    Flow f;
    f.id = r.string("id", JsonObjectReader::Required);
    f.name = r.string("name", JsonObjectReader::Required);
    f.description = r.string("description");
    f.risk = readRisk(r, problems);
    f.nodeIds = r.stringList("nodes");
    r.finish();
    return f;
}

TestCase readTestCase(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    TestCase t;
    t.id = r.string("id", JsonObjectReader::Required);
    t.nodeId = r.string("node", JsonObjectReader::Required);
    t.flowId = r.stringOrNull("flow");
    t.title = r.string("title", JsonObjectReader::Required);
    t.description = r.string("description");
    t.priority = priorityFromString(r.choice("priority", priorityNames(), "priority",
                                        JsonObjectReader::Optional, toString(Priority::Medium)))
                     .value_or(Priority::Medium);
    t.tags = r.stringList("tags");
    t.automated = r.boolean("automated", false);
    t.position = r.integer("position", 0, std::numeric_limits<int>::max(), 0);
    const Result<QList<Check>> checks = checksFromJson(r.array("checks"), r.path("checks"));
    if (checks.ok())
        t.checks = checks.value();
    else
        problems->append(checks.error());
    t.source = r.string("source");
    t.junitName = r.string("junitName");
    t.reviewNote = r.string("reviewNote");
    if (const QString level = r.choice("level", levelNames(), "test level", JsonObjectReader::Optional); !level.isEmpty())
        t.level = testLevelFromString(level);
    const QJsonArray faults = r.array("faults");
    for (int i = 0; i < faults.size(); ++i) {
        const Result<CaseFault> f
            = caseFaultFromJson(faults[i], QStringLiteral("%1[%2]").arg(r.path("faults")).arg(i));
        if (f)
            t.faults.append(f.value());
        else
            problems->append(f.error());
    }
    if (r.has("cleanup")) {
        const Result<QList<Check>> cleanup = checksFromJson(r.array("cleanup"), r.path("cleanup"));
        if (cleanup.ok())
            t.cleanup = cleanup.value();
        else
            problems->append(cleanup.error());
    }
    r.finish();
    return t;
}

Environment readEnvironment(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    Environment e;
    e.id = r.string("id", JsonObjectReader::Required);
    e.name = r.string("name", JsonObjectReader::Required);
    e.isProtected = r.boolean("protected", false);
    e.isShared = r.boolean("shared", false);
    e.variables = r.stringMap("variables");
    const QJsonArray connections = r.array("connections");
    for (int i = 0; i < connections.size(); ++i) {
        JsonObjectReader cr(
            connections[i], QStringLiteral("%1[%2]").arg(r.path("connections")).arg(i), problems);
        Connection c;
        c.name = cr.string("name", JsonObjectReader::Required);
        c.driver = cr.string("driver", JsonObjectReader::Required);
        c.host = cr.string("host");
        c.port = cr.integer("port", 0, 65535, 0);
        c.database = cr.string("database");
        c.user = cr.string("user");
        c.passwordRef = cr.string("passwordRef");
        // The project is shared and kept in git: a password must stay outside it.
        if (!c.passwordRef.isEmpty() && !isSecretReference(c.passwordRef))
            problems->append(QStringLiteral("%1: must be a secret reference such as ${env:NAME} or "
                                            "${keychain:ENTRY}, never the password itself")
                                 .arg(cr.path("passwordRef")));
        c.options = cr.string("options");
        cr.finish();
        e.connections.append(c);
    }
    const QJsonArray proxies = r.array("proxies");
    for (int i = 0; i < proxies.size(); ++i) {
        JsonObjectReader pr(proxies[i], QStringLiteral("%1[%2]").arg(r.path("proxies")).arg(i), problems);
        ProxyRoute p;
        p.target = pr.string("for", JsonObjectReader::Required);
        p.listen = pr.string("listen", JsonObjectReader::Required);
        p.upstream = pr.string("upstream", JsonObjectReader::Required);
        pr.finish();
        e.proxies.append(p);
    }
    r.finish();
    return e;
}

Comment readComment(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    Comment c;
    c.id = r.string("id", JsonObjectReader::Required);
    c.nodeId = r.string("node", JsonObjectReader::Required);
    c.author = r.string("author");
    c.text = r.string("text", JsonObjectReader::Required);
    c.createdAt = r.dateTime("createdAt");
    c.resolved = r.boolean("resolved", false);
    r.finish();
    return c;
}

Run readRun(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    Run run;
    const int anyCount = std::numeric_limits<int>::max();
    run.id = r.string("id", JsonObjectReader::Required);
    run.environment = r.string("environment");
    run.selection = r.string("selection");
    run.startedAt = r.dateTime("startedAt");
    run.finishedAt = r.dateTime("finishedAt");
    run.cancelled = r.boolean("cancelled", false);
    run.passed = r.integer("passed", 0, anyCount, 0);
    run.failed = r.integer("failed", 0, anyCount, 0);
    run.errors = r.integer("errors", 0, anyCount, 0);
    run.skipped = r.integer("skipped", 0, anyCount, 0);
    run.source = r.string("source");
    run.shardCount = r.integer("shardCount", 0, 1000, 0);
    for (const QJsonValue &k : r.array("shardsIn"))
        if (k.isDouble() && k.toInt() >= 1 && k.toInt() <= run.shardCount
            && !run.shardsIn.contains(k.toInt()))
            run.shardsIn.append(k.toInt());
        else if (problems)
            problems->append(
                QStringLiteral("%1: %2 is not a shard from 1 to shardCount, once")
                    .arg(r.path("shardsIn"),
                        QString::fromUtf8(QJsonDocument(QJsonArray { k }).toJson(QJsonDocument::Compact))));
    std::sort(run.shardsIn.begin(), run.shardsIn.end());
    r.finish();
    return run;
}

CheckResult readResult(const QJsonValue &v, const QString &path, QStringList *problems)
{
    JsonObjectReader r(v, path, problems);
    CheckResult c;
    c.id = r.string("id", JsonObjectReader::Required);
    c.runId = r.string("run", JsonObjectReader::Required);
    c.testCaseId = r.stringOrNull("testCase");
    c.checkId = r.stringOrNull("check");
    c.nodeId = r.stringOrNull("node");
    c.status = resultStatusFromString(r.choice("status", statusNames(), "status", JsonObjectReader::Required))
                   .value_or(ResultStatus::Skipped);
    c.durationMs = r.integer64("durationMs", 0);
    c.attempts = r.integer("attempts", 0, std::numeric_limits<int>::max(), 0);
    c.message = r.string("message");
    c.evidence = r.string("evidence");
    c.finishedAt = r.dateTime("finishedAt");
    c.faults = r.string("faults");
    c.cleanup = r.boolean("cleanup", false);
    r.finish();
    return c;
}

template <typename T, typename ReadOne>
QList<T> readList(JsonObjectReader &r, const char *key, QStringList *problems, ReadOne readOne)
{
    QList<T> list;
    const QJsonArray array = r.array(key);
    for (int i = 0; i < array.size(); ++i)
        list.append(readOne(array[i], QStringLiteral("%1[%2]").arg(r.path(key)).arg(i), problems));
    return list;
}

// Line and column (1-based, in characters) of a byte offset in UTF-8 text.
QString lineAndColumn(const QByteArray &data, int offset)
{
    offset = qBound(0, offset, int(data.size()));
    const QByteArray before = data.left(offset);
    const int line = int(before.count('\n')) + 1;
    const int lineStart = int(before.lastIndexOf('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

QString problemReport(const QString &fileName, const QStringList &problems)
{
    QStringList lines;
    for (int i = 0; i < problems.size() && i < kMaxListedProblems; ++i)
        lines << QStringLiteral("%1: %2").arg(fileName, problems[i]);
    if (problems.size() > kMaxListedProblems)
        lines << QStringLiteral("%1: ... and %2 more problems")
                     .arg(fileName)
                     .arg(problems.size() - kMaxListedProblems);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

Project sortedCanonically(Project p)
{
    sortById(p.nodes);
    sortById(p.edges);
    sortById(p.flows);
    sortById(p.testCases);
    sortById(p.environments);
    sortById(p.comments);
    // Runs keep their history order (oldest first); the id breaks ties.
    std::stable_sort(p.runs.begin(), p.runs.end(), [](const Run &a, const Run &b) {
        if (a.startedAt != b.startedAt)
            return a.startedAt < b.startedAt;
        return a.id < b.id;
    });
    sortById(p.results);
    return p;
}

QByteArray toCanonicalJson(const Project &project, JsonExportOptions options)
{
    const Project p = sortedCanonically(project);
    OrderedJsonWriter w;
    w.beginObject();
    w.field("format", QStringLiteral("flowbench"));
    w.field("formatVersion", kCanonicalJsonFormatVersion);
    w.field("name", p.name);
    writeList(w, "nodes", p.nodes, writeNode);
    writeList(w, "edges", p.edges, writeEdge);
    writeList(w, "flows", p.flows, writeFlow);
    writeList(w, "testCases", p.testCases, writeTestCase);
    writeList(w, "environments", p.environments, writeEnvironment);
    writeList(w, "comments", p.comments, writeComment);
    if (options.includeRunHistory) {
        writeList(w, "runs", p.runs, writeRun);
        writeList(w, "results", p.results, writeResult);
    }
    w.endObject();
    return w.finish();
}

Result<Project> fromCanonicalJson(const QByteArray &input, const QString &fileName)
{
    // Some editors on Windows start UTF-8 files with a byte order mark; Qt's parser does not.
    const QByteArray data = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
    if (data.trimmed().isEmpty())
        return Result<Project>::failure(QStringLiteral("%1: the file is empty").arg(fileName));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Result<Project>::failure(
            QStringLiteral("%1:%2: invalid JSON: %3")
                .arg(fileName, lineAndColumn(data, parseError.offset), parseError.errorString()));
    if (!document.isObject())
        return Result<Project>::failure(QStringLiteral(
            "%1: not a Flowbench project: the top level must be an object with \"format\": \"flowbench\"")
                                            .arg(fileName));

    QStringList problems;
    JsonObjectReader r(document.object(), QString(), &problems);
    if (r.string("format", JsonObjectReader::Required) != QLatin1String("flowbench"))
        return Result<Project>::failure(
            QStringLiteral("%1: not a Flowbench project: \"format\" must be \"flowbench\"").arg(fileName));
    if (!r.has("formatVersion"))
        problems << QStringLiteral("formatVersion: is missing");
    const int version = r.integer("formatVersion", 1, std::numeric_limits<int>::max(), 0);
    if (version == 0)
        return Result<Project>::failure(problemReport(fileName, problems));
    if (version > kCanonicalJsonFormatVersion)
        return Result<Project>::failure(
            QStringLiteral("%1: formatVersion %2 is newer than this program reads (%3); update Flowbench")
                .arg(fileName)
                .arg(version)
                .arg(kCanonicalJsonFormatVersion));

    Project p;
    p.name = r.string("name");
    p.nodes = readList<Node>(r, "nodes", &problems, readNode);
    p.edges = readList<Edge>(r, "edges", &problems, readEdge);
    p.flows = readList<Flow>(r, "flows", &problems, readFlow);
    p.testCases = readList<TestCase>(r, "testCases", &problems, readTestCase);
    p.environments = readList<Environment>(r, "environments", &problems, readEnvironment);
    p.comments = readList<Comment>(r, "comments", &problems, readComment);
    p.runs = readList<Run>(r, "runs", &problems, readRun);
    p.results = readList<CheckResult>(r, "results", &problems, readResult);
    r.finish();
    // Cross-references are checked only on a well-formed document, so that one typo is
    // reported once, where it is.
    if (problems.isEmpty())
        problems = validateProject(p);
    if (!problems.isEmpty())
        return Result<Project>::failure(problemReport(fileName, problems));
    return p;
}

} // namespace flowbench
