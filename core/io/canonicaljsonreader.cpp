#include "io/canonicaljson.h"

#include "io/jsonobjectreader.h"
#include "store/checkjson.h"
#include "store/faultjson.h"
#include "store/routejson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <functional>
#include <limits>

// Reading canonical JSON (fromCanonicalJson): every problem named by its JSON path, the
// file's line and column for a syntax error. Writing is in canonicaljson.cpp.
namespace flowbench {

namespace {

// Problems beyond this many are counted, not listed: one typo can cascade.
constexpr int kMaxListedProblems = 20;

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
    if (const QString level = r.choice("level", levelNames(), "test level", JsonObjectReader::Optional);
        !level.isEmpty())
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
