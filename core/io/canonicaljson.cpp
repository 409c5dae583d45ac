#include "io/canonicaljson.h"

#include "io/orderedjsonwriter.h"
#include "store/checkjson.h"
#include "store/faultjson.h"
#include "store/routejson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <functional>

// Writing canonical JSON (toCanonicalJson): sorted by id, keys in a fixed order, so a diff
// of two versions shows only what changed. Reading is in canonicaljsonreader.cpp.
namespace flowbench {

namespace {

QJsonValue dateTimeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonValue optionalId(const Id &id)
{
    return id.isEmpty() ? QJsonValue() : QJsonValue(id);
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
        writeInOrder(
            w, caseFaultToJson(f), { "on", "name", "type", "stream", "toxicity", "attributes" }, plain);
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

} // namespace flowbench
