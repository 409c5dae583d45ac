// Postman Collection import: script lines -> assertions and captures, fixture collections
// (nested folders, auth and variables at each level, every body mode, v2.0 and v2.1) ->
// the project they give, malformed files -> an error naming the file and the place,
// secrets never in the project, and a re-import merging into the earlier one.
#include "checks/checkregistry.h"
#include "io/canonicaljson.h"
#include "io/formatregistry.h"
#include "io/postman/postmanscript.h"
#include "io/projectimport.h"
#include "model/projectchangeset.h"
#include "support/checkharness.h"
#include "support/httptestserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace flowbench;

namespace {

const Importer &postman()
{
    const Importer *importer = FormatRegistry::instance().importer(QStringLiteral("postman"));
    Q_ASSERT(importer);
    return *importer;
}

QString describe(const Assertion &a)
{
    QString text = a.kind;
    if (!a.target.isEmpty())
        text += QLatin1Char(' ') + a.target;
    text += QLatin1Char(' ') + a.op;
    if (a.op != QLatin1String("exists") && a.op != QLatin1String("not_exists"))
        text += QLatin1Char(' ')
            + QString::fromUtf8(QJsonDocument(QJsonArray { a.expected }).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1);
    return text;
}

QString describe(const PostmanScriptTranslation &t)
{
    QStringList parts;
    for (const Assertion &a : t.assertions)
        parts << describe(a);
    for (const Capture &c : t.captures)
        parts << QStringLiteral("capture %1 %2 %3").arg(c.name, c.source, c.expression);
    if (!t.untranslated.isEmpty())
        parts << QStringLiteral("untranslated");
    return parts.join(QStringLiteral(" | "));
}

// The project an import gives, as text a person can review: nodes, test cases with their
// steps, environments, and the report's notes (paths relative to the fixture folder).
QString summary(const Project &p, const ImportReport &report, const QString &folder)
{
    QStringList lines;
    QList<Node> nodes = p.nodes;
    std::sort(nodes.begin(), nodes.end(), [](const Node &a, const Node &b) { return a.name < b.name; });
    for (const Node &n : nodes)
        lines << QStringLiteral("node %1 \"%2\" group \"%3\"").arg(toString(n.kind), n.name, n.group);
    for (const Edge &e : p.edges)
        lines << QStringLiteral("edge %1 -> %2").arg(p.node(e.from)->name, p.node(e.to)->name);
    for (const TestCase &tc : p.testCases) {
        lines << QStringLiteral("test case \"%1\" on \"%2\" source %3")
                     .arg(tc.title, p.node(tc.nodeId)->name, tc.source);
        for (const QString &review : tc.reviewNote.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            lines << QStringLiteral("  review: %1").arg(review);
        for (const Check &c : tc.checks) {
            lines << QStringLiteral("  step \"%1\" %2")
                         .arg(
                             c.name, QString::fromUtf8(QJsonDocument(c.spec).toJson(QJsonDocument::Compact)));
            for (const Assertion &a : c.assertions)
                lines << QStringLiteral("    assert %1").arg(describe(a));
            for (const Capture &cap : c.captures)
                lines << QStringLiteral("    capture %1 %2 %3").arg(cap.name, cap.source, cap.expression);
        }
    }
    for (const Environment &e : p.environments) {
        lines << QStringLiteral("environment \"%1\"").arg(e.name);
        for (auto it = e.variables.constBegin(); it != e.variables.constEnd(); ++it)
            lines << QStringLiteral("  %1 = %2").arg(it.key(), it.value());
    }
    for (const ImportNote &note : report.notTaken)
        lines << QStringLiteral("not taken: %1").arg(note.toString());
    QString text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    text.replace(QDir(folder).absolutePath() + QLatin1Char('/'), QString());
    return text;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class PostmanImportTest : public QObject
{
    Q_OBJECT

private slots:
    void scriptLine_data();
    void scriptLine();
    void fixture_data();
    void fixture();
    void malformed_data();
    void malformed();
    void companionFileErrorsNameTheFile();
    void secretsNeverInTheProject();
    void reimportMergesAndKeepsHandEdits();
    void chainedRequestsBecomeOneTestCase();
    void repeatedIdsAndBadHeadersAreKeptApart();
    void formDataFieldWithoutKeyIsLeftOutAndSaid();
    void formDataAndBasicAuthRunAgainstARealServer();
};

void PostmanImportTest::scriptLine_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected");
    auto row = [](const char *name, const char *line, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(line) << QString::fromUtf8(expected);
    };
    row("status", "pm.response.to.have.status(201);", "status == 201");
    row("status in pm.test", "pm.test(\"ok\", function () { pm.response.to.have.status(200); });",
        "status == 200");
    row("arrow pm.test", "pm.test('ok', () => { pm.response.to.have.status(204) });", "status == 204");
    row("to.be.ok", "pm.response.to.be.ok;", "status == 200");
    row("to.be.success", "pm.response.to.be.success;", "status >= 200 | status < 300");
    row("to.have.status legacy", "tests[\"Status code is 200\"] = responseCode.code === 200;",
        "status == 200");
    row("legacy not equal", "tests['not 500'] = responseCode.code !== 500;", "status != 500");
    row("code eql", "pm.expect(pm.response.code).to.eql(404);", "status == 404");
    row("code oneOf", "pm.expect(pm.response.code).to.be.oneOf([200, 201]);", "untranslated");
    row("response time", "pm.expect(pm.response.responseTime).to.be.below(300);", "latency_ms < 300");
    row("legacy response time", "tests[\"fast\"] = responseTime < 500;", "latency_ms < 500");
    row("header present", "pm.response.to.have.header(\"Content-Type\");", "header Content-Type exists");
    row("header equals", "pm.response.to.have.header('X-Id', 'abc');", "header X-Id == \"abc\"");
    row("header contains", "pm.expect(pm.response.headers.get(\"Content-Type\")).to.include(\"json\");",
        "header Content-Type contains \"json\"");
    row("header eql", "pm.expect(pm.response.headers.get(\"X-Mode\")).to.eql(\"fast\");",
        "header X-Mode == \"fast\"");
    row("json equals", "pm.expect(pm.response.json().data.items[0].id).to.eql(7);",
        "json_path data.items[0].id == 7");
    row("json equal text", "pm.expect(pm.response.json().name).to.equal('mug');",
        "json_path name == \"mug\"");
    row("json not eql", "pm.expect(pm.response.json().name).to.not.eql(\"x\");", "json_path name != \"x\"");
    row("json bracket key", "pm.expect(pm.response.json()[\"total\"]).to.eql(3);", "json_path total == 3");
    row("json property", "pm.expect(pm.response.json()).to.have.property('id');", "json_path id exists");
    row("json property value", "pm.expect(pm.response.json().user).to.have.property(\"role\", \"admin\");",
        "json_path user.role == \"admin\"");
    row("json include", "pm.expect(pm.response.json().tags).to.include(\"new\");",
        "json_path tags contains \"new\"");
    row("json length", "pm.expect(pm.response.json().items).to.have.lengthOf(3);",
        "json_path items length 3");
    row("json length alias", "pm.expect(pm.response.json().items).to.have.length(2);",
        "json_path items length 2");
    row("json type", "pm.expect(pm.response.json().id).to.be.a('number');",
        "jq .id | type == \"number\" == true");
    row("json type array", "pm.expect(pm.response.json().items).to.be.an(\"array\");",
        "jq .items | type == \"array\" == true");
    row("json above", "pm.expect(pm.response.json().count).to.be.above(0);", "json_path count > 0");
    row("json at least", "pm.expect(pm.response.json().count).to.be.at.least(1);", "json_path count >= 1");
    row("json true", "pm.expect(pm.response.json().active).to.be.true;", "json_path active == true");
    row("json null", "pm.expect(pm.response.json().deleted_at).to.be.null;", "json_path deleted_at == null");
    row("json exist", "pm.expect(pm.response.json().id).to.exist;", "json_path id exists");
    row("json match", "pm.expect(pm.response.json().email).to.match(/@example\\.com$/);",
        "json_path email matches \"@example\\\\.com$\"");
    row("json whole body eql", "pm.expect(pm.response.json()).to.eql({\"a\": 1});", "untranslated");
    row("json object eql", "pm.expect(pm.response.json().a).to.eql({\"b\": [1, 2]});",
        "json_path a == {\"b\":[1,2]}");
    row("body contains", "pm.expect(pm.response.text()).to.include(\"created\");",
        "body_contains == \"created\"");
    row("legacy body has", "tests[\"has id\"] = responseBody.has(\"id\");", "body_contains == \"id\"");
    row("capture environment", "pm.environment.set(\"order_id\", pm.response.json().data.id);",
        "capture order_id path data.id");
    row("capture collection", "pm.collectionVariables.set('token', pm.response.json().token);",
        "capture token path token");
    row("capture variables", "pm.variables.set(\"first\", pm.response.json().items[0].sku);",
        "capture first path items[0].sku");
    row("capture header", "pm.environment.set(\"loc\", pm.response.headers.get(\"Location\"));",
        "capture loc header Location");
    row("capture legacy", "postman.setEnvironmentVariable(\"id\", JSON.parse(responseBody).id);",
        "capture id path id");
    row("capture computed", "pm.environment.set(\"n\", pm.response.json().n + 1);", "untranslated");
    row("comment", "// just a comment", "");
    row("closing", "});", "");
    row("console.log", "console.log(pm.response.json());", "untranslated");
    row("if", "if (pm.response.code === 200) {", "untranslated");
    row("regex PCRE cannot read", "pm.expect(pm.response.json().a).to.match(/(?<x/);", "untranslated");
    row("empty body text", "pm.expect(pm.response.text()).to.include(\"\");", "untranslated");
    row("expected from variable", "pm.expect(pm.response.json().id).to.eql(pm.environment.get(\"id\"));",
        "untranslated");
}

void PostmanImportTest::scriptLine()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    const PostmanScriptTranslation t
        = translatePostmanTests({ PostmanScriptLine { line, QStringLiteral("/event/0/script/exec/0") } });
    QCOMPARE(describe(t), expected);
    if (!t.untranslated.isEmpty()) {
        QCOMPARE(t.untranslated.first().text, line);
        QCOMPARE(t.untranslated.first().pointer, QStringLiteral("/event/0/script/exec/0"));
    }
}

void PostmanImportTest::fixture_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QStringList>("companions");
    QTest::newRow("nested folders, every body mode, environment and globals")
        << QStringLiteral("nested")
        << QStringList { QStringLiteral("staging.postman_environment.json"),
               QStringLiteral("workspace.postman_globals.json") };
    QTest::newRow("nested without an environment") << QStringLiteral("nested") << QStringList();
    QTest::newRow("v2.0: url strings, auth objects, header text") << QStringLiteral("v20") << QStringList();
    QTest::newRow("oracle collection")
        << QStringLiteral("oracle") << QStringList { QStringLiteral("local.postman_environment.json") };
}

// Each fixture's summary is compared with tests/data/postman/<folder>/expected[-<n>].txt;
// FLOWBENCH_UPDATE_GOLDEN=1 writes them (then review the diff).
void PostmanImportTest::fixture()
{
    QFETCH(QString, folder);
    QFETCH(QStringList, companions);
    const QString dir = QFileInfo(QFINDTESTDATA(QStringLiteral("data/postman/") + folder)).absoluteFilePath();
    QVERIFY(!dir.isEmpty());
    QString collection = dir + QStringLiteral("/collection.json");
    if (!QFileInfo::exists(collection))
        collection = dir + QStringLiteral("/shop.postman_collection.json");
    QStringList paths;
    for (const QString &c : companions)
        paths << dir + QLatin1Char('/') + c;
    const Result<Import> import = readImportFile(postman(), collection, Project(), paths);
    QVERIFY2(import.ok(), qPrintable(import.error()));
    const Project project = appliedTo(Project(), import->changes);
    QVERIFY2(importProblems(Project(), import->changes).isEmpty(),
        qPrintable(importProblems(Project(), import->changes).join(QLatin1Char('\n'))));
    const QString actual = summary(project, import->report, dir);
    const QString golden
        = QStringLiteral("%1/expected%2.txt")
              .arg(dir, companions.isEmpty() ? QString() : QStringLiteral("-with-environment"));
    if (qEnvironmentVariableIsSet("FLOWBENCH_UPDATE_GOLDEN")) {
        QFile out(golden);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(actual.toUtf8());
    }
    QCOMPARE(actual, QString::fromUtf8(readFile(golden)));
}

void PostmanImportTest::malformed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("error");
    const QByteArray info
        = R"("info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"})";
    QTest::newRow("not JSON") << QByteArray("{\"info\": {\n\"name\": }")
                              << QStringLiteral("bad.json:2: not JSON");
    QTest::newRow("a list") << QByteArray("[]") << QStringLiteral("bad.json: /: must be a JSON object");
    QTest::newRow("no info") << QByteArray(R"({"item": []})")
                             << QStringLiteral("bad.json: /: not a Postman collection");
    QTest::newRow("v1") << QByteArray(
        R"({"info": {"schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []})")
                        << QStringLiteral("bad.json: /info/schema: Postman Collection v1 is not supported");
    QTest::newRow("item not an object") << QByteArray("{" + info + R"(, "item": [3]})")
                                        << QStringLiteral("bad.json: /item/0: must be an object");
    QTest::newRow("nested item not an object") << QByteArray("{" + info
        + R"(, "item": [{"name": "f", "item": [{"name": "r", "request": {"url": "http://h/"}}, "x"]}]})")
                                               << QStringLiteral(
                                                      "bad.json: /item/0/item/1: must be an object");
    QTest::newRow("request without url")
        << QByteArray("{" + info + R"(, "item": [{"name": "r", "request": {"method": "GET"}}]})")
        << QStringLiteral("bad.json: /item/0/request/url: is missing");
    QTest::newRow("headers not a list") << QByteArray(
        "{" + info + R"(, "item": [{"name": "r", "request": {"url": "http://h/", "header": 5}}]})")
                                        << QStringLiteral("bad.json: /item/0/request/header: must be a list");
    QTest::newRow("auth without type") << QByteArray(
        "{" + info + R"(, "item": [{"name": "r", "request": {"url": "http://h/", "auth": {}}}]})")
                                       << QStringLiteral("bad.json: /item/0/request/auth/type: is missing");
    QTest::newRow("script line not text") << QByteArray("{" + info
        + R"(, "item": [{"name": "r", "event": [{"listen": "test", "script": {"exec": [1]}}], "request": "http://h/"}]})")
                                          << QStringLiteral(
                                                 "bad.json: /item/0/event/0/script/exec/0: must be text");
    QTest::newRow("unknown body mode") << QByteArray("{" + info
        + R"(, "item": [{"name": "r", "request": {"url": "http://h/", "body": {"mode": "carrier-pigeon"}}}]})")
                                       << QStringLiteral("bad.json: /item/0/request/body/mode: "
                                                         "\"carrier-pigeon\" is not a Postman body mode");
    QTest::newRow("graphql variables not JSON") << QByteArray("{" + info
        + R"(, "item": [{"name": "r", "request": {"url": "http://h/", "body": {"mode": "graphql", "graphql": {"query": "{a}", "variables": "{x"}}}}]})")
                                                << QStringLiteral(
                                                       "bad.json: /item/0/request/body/graphql/variables: "
                                                       "not a JSON object");
    QTest::newRow("form-data file with no folder") << QByteArray("{" + info
        + R"(, "item": [{"name": "r", "request": {"url": "http://h/", "body": {"mode": "formdata", "formdata": [{"key": "f", "type": "file", "src": "a.csv"}]}}}]})")
                                                   << QStringLiteral(
                                                          "bad.json: /item/0/request/body/formdata/0: "
                                                          "form-data file \"a.csv\" is relative");
    QTest::newRow("method not a token")
        << QByteArray("{" + info
               + R"(, "item": [{"name": "r", "request": {"url": "http://h/", "method": "GE T"}}]})")
        << QStringLiteral("bad.json: /item/0/request/method: \"GE T\" is not an HTTP method");
    QTest::newRow("url of another scheme")
        << QByteArray("{" + info + R"(, "item": [{"name": "r", "request": {"url": "ftp://h/x"}}]})")
        << QStringLiteral("bad.json: /item/0/request/url: \"ftp://h/x\"");
    QByteArray deep = "{\"name\": \"r\", \"request\": \"http://h/\"}";
    for (int i = 0; i < 80; ++i)
        deep = "{\"name\": \"f\", \"item\": [" + deep + "]}";
    QTest::newRow("folders nested too deep") << QByteArray("{" + info + ", \"item\": [" + deep + "]}")
                                             << QStringLiteral("folders are nested deeper than 64 levels");
}

void PostmanImportTest::malformed()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, error);
    const Result<Import> import
        = postman().read(ImportSource::inMemory(data, QStringLiteral("bad.json")), Project());
    QVERIFY(!import.ok());
    QVERIFY2(import.error().startsWith(QLatin1String("bad.json")), qPrintable(import.error()));
    QVERIFY2(import.error().contains(error), qPrintable(import.error()));
}

void PostmanImportTest::companionFileErrorsNameTheFile()
{
    const QString collection = QFINDTESTDATA("data/postman/v20/collection.json");
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.postman_environment.json"));
    Result<Import> import = readImportFile(postman(), collection, Project(), { missing });
    QVERIFY(!import.ok());
    QVERIFY2(
        import.error().startsWith(missing + QStringLiteral(": cannot read")), qPrintable(import.error()));

    const QString bad = dir.filePath(QStringLiteral("bad.postman_environment.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "x", "values": [{"key": "a", "value": {"nested": 1}}]})");
    f.close();
    import = readImportFile(postman(), collection, Project(), { bad });
    QVERIFY(!import.ok());
    QCOMPARE(import.error(), bad + QStringLiteral(": /values/0/value: must be text"));
}

void PostmanImportTest::secretsNeverInTheProject()
{
    const QString dir = QFINDTESTDATA("data/postman/nested");
    const Result<Import> import = readImportFile(postman(), dir + QStringLiteral("/collection.json"),
        Project(), { dir + QStringLiteral("/staging.postman_environment.json") });
    QVERIFY2(import.ok(), qPrintable(import.error()));
    const QByteArray json = toCanonicalJson(appliedTo(Project(), import->changes));
    // The collection's literal token, basic-auth password, api key and the environment's
    // secret variable.
    for (const char *secret : { "collection-token-value", "hunter2", "literal-key-123", "\"abc\"" })
        QVERIFY2(!json.contains(secret), secret);
    QVERIFY(json.contains("${env:TOKEN}"));
    QVERIFY(json.contains("${env:SESSION_ID}"));
    QStringList toSet;
    for (const ImportNote &n : import->report.notTaken)
        if (n.field == QLatin1String("secrets"))
            toSet << n.text.section(QLatin1Char(' '), 9, 9);
    toSet.sort();
    QCOMPARE(toSet,
        (QStringList { QStringLiteral("POSTMAN_API_KEY"), QStringLiteral("POSTMAN_BASIC_PASSWORD"),
            QStringLiteral("SESSION_ID"), QStringLiteral("TOKEN") }));
}

void PostmanImportTest::reimportMergesAndKeepsHandEdits()
{
    const QString path = QFINDTESTDATA("data/postman/oracle/shop.postman_collection.json");
    const Result<Import> first = readImportFile(postman(), path, Project());
    QVERIFY2(first.ok(), qPrintable(first.error()));
    Project project = appliedTo(Project(), first->changes);

    // Hand edits to what the collection does not own.
    Node &health = *std::find_if(project.nodes.begin(), project.nodes.end(),
        [](const Node &n) { return n.name == QLatin1String("GET /health"); });
    health.risk = Risk { 4, 5 };
    health.x = 300;
    TestCase &tc = *std::find_if(project.testCases.begin(), project.testCases.end(),
        [](const TestCase &t) { return t.title == QLatin1String("Health"); });
    tc.priority = Priority::Critical;
    tc.checks.first().assertions.append(
        Assertion { QStringLiteral("latency_ms"), {}, QStringLiteral("<"), 800 });

    // The same collection again: nothing to add, nothing to change.
    const Result<Import> same = readImportFile(postman(), path, project);
    QVERIFY2(same.ok(), qPrintable(same.error()));
    QVERIFY2(same->changes.isEmpty(),
        qPrintable(ProjectChangeSet::describe(same->changes.added) + QStringLiteral(" / ")
            + ProjectChangeSet::describe(same->changes.changed)));

    // A newer collection: one request renamed, one added.
    QByteArray newer = readFile(path);
    newer.replace("\"name\": \"Health\"", "\"name\": \"Health check\"");
    newer.replace("    {\n      \"name\": \"Missing order\"",
        "    { \"name\": \"Version\", \"id\": \"req-version\", \"request\": \"{{base_url}}/version\" },\n    "
        "{\n      \"name\": \"Missing order\"");
    QVERIFY(newer.contains("req-version"));
    ImportSource source = ImportSource::inMemory(newer, QStringLiteral("shop-newer.json"));
    const Result<Import> next = postman().read(source, project);
    QVERIFY2(next.ok(), qPrintable(next.error()));
    QCOMPARE(next->changes.added.testCases.size(), 1);
    QCOMPARE(next->changes.added.testCases.first().title, QStringLiteral("Version"));
    QCOMPARE(next->changes.changed.testCases.size(), 1);
    const Project after = appliedTo(project, next->changes);
    QCOMPARE(after.testCases.size(), project.testCases.size() + 1);
    const TestCase &renamed = *std::find_if(after.testCases.begin(), after.testCases.end(),
        [](const TestCase &t) { return t.source == QLatin1String("postman:req-health"); });
    QCOMPARE(renamed.title, QStringLiteral("Health check"));
    QVERIFY(renamed.priority == Priority::Critical);
    QCOMPARE(renamed.checks.first().assertions.last().kind, QStringLiteral("latency_ms"));
    const Node *node = after.nodeByName(QStringLiteral("GET /health"));
    QVERIFY(node);
    QCOMPARE(node->risk, (Risk { 4, 5 }));
    QCOMPARE(node->x, 300.0);
}

void PostmanImportTest::chainedRequestsBecomeOneTestCase()
{
    const Result<Import> import = readImportFile(
        postman(), QFINDTESTDATA("data/postman/oracle/shop.postman_collection.json"), Project());
    QVERIFY2(import.ok(), qPrintable(import.error()));
    const Project p = appliedTo(Project(), import->changes);
    QStringList titles;
    for (const TestCase &tc : p.testCases) {
        QStringList steps;
        for (const Check &c : tc.checks)
            steps << c.name;
        titles << steps.join(QStringLiteral(" > "));
    }
    // Collection order kept; the three chained requests are one test case.
    QCOMPARE(titles,
        (QStringList { QStringLiteral("Sign up > Create order > Read order"), QStringLiteral("Health"),
            QStringLiteral("Products"), QStringLiteral("Missing order") }));
    const TestCase &chain = p.testCases.first();
    QCOMPARE(chain.checks[0].captures,
        (QList<Capture> {
            Capture { QStringLiteral("user_id"), QStringLiteral("path"), QStringLiteral("id") } }));
    QCOMPARE(chain.checks[1].captures,
        (QList<Capture> {
            Capture { QStringLiteral("order_id"), QStringLiteral("path"), QStringLiteral("id") } }));
    QVERIFY(chain.reviewNote.contains(QLatin1String("console.log(\"signed up\", jsonData.id);")));
    QVERIFY(chain.reviewNote.contains(QLatin1String("/item/0/item/0/event/0/script/exec/7")));
    QVERIFY(p.testCases[1].reviewNote.isEmpty());
}

void PostmanImportTest::repeatedIdsAndBadHeadersAreKeptApart()
{
    const QByteArray data
        = R"({"info": {"name": "copies", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
          {"name": "a", "id": "same", "request": {"url": "http://h/a", "header": [{"key": "Bad Name", "value": "x"}, {"key": "X-Ok", "value": "1"}]}},
          {"name": "b", "id": "same", "request": {"url": "http://h/b"}}
        ]})";
    const Result<Import> import
        = postman().read(ImportSource::inMemory(data, QStringLiteral("copies.json")), Project());
    QVERIFY2(import.ok(), qPrintable(import.error()));
    QVERIFY(importProblems(Project(), import->changes).isEmpty());
    const Project p = appliedTo(Project(), import->changes);
    QCOMPARE(p.testCases.size(), 2);
    QCOMPARE(p.testCases[0].source, QStringLiteral("postman:same"));
    QCOMPARE(p.testCases[1].source, QStringLiteral("postman:same@/item/1"));
    QCOMPARE(p.testCases[0].checks[0].spec.value(QLatin1String("headers")).toObject().keys(),
        QStringList { QStringLiteral("X-Ok") });
    QVERIFY(p.testCases[0].reviewNote.contains(QLatin1String("Bad Name")));
    bool noted = false;
    for (const ImportNote &n : import->report.notTaken)
        noted = noted
            || (n.field == QLatin1String("/item/0/request/header/0")
                && n.text.contains(QLatin1String("Bad Name")));
    QVERIFY(noted);
}

// Postman keeps a blank row at the end of a form-data table; a part without a name cannot
// be sent (found by fuzz_postmanimport), so it is left out and the test case says so.
void PostmanImportTest::formDataFieldWithoutKeyIsLeftOutAndSaid()
{
    const QByteArray data
        = R"({"info": {"name": "blank", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{"name": "upload", "request": {"url": "http://h/u", "method": "POST",
          "body": {"mode": "formdata", "formdata": [{"key": "kind", "value": "csv"}, {"key": "", "value": "stray"}]}}}]})";
    const Result<Import> import
        = postman().read(ImportSource::inMemory(data, QStringLiteral("blank.json")), Project());
    QVERIFY2(import.ok(), qPrintable(import.error()));
    QCOMPARE(importProblems(Project(), import->changes), QStringList());
    const Project p = appliedTo(Project(), import->changes);
    QCOMPARE(p.testCases.size(), 1);
    const QJsonArray parts = p.testCases[0]
                                 .checks[0]
                                 .spec.value(QLatin1String("body"))
                                 .toObject()
                                 .value(QLatin1String("multipart"))
                                 .toArray();
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts[0].toObject().value(QLatin1String("name")).toString(), QStringLiteral("kind"));
    QVERIFY2(p.testCases[0].reviewNote.contains(QLatin1String("/item/0/request/body/formdata/1")),
        qPrintable(p.testCases[0].reviewNote));
    bool noted = false;
    for (const ImportNote &n : import->report.notTaken)
        noted = noted
            || (n.field == QLatin1String("/item/0/request/body/formdata/1")
                && n.text.contains(QLatin1String("without a key")));
    QVERIFY(noted);
}

// form-data becomes a multipart body (text fields, a file read relative to the collection,
// a field's content type) and basic auth the check's auth field with the password a
// secret reference; run against a real server that takes the multipart body apart.
void PostmanImportTest::formDataAndBasicAuthRunAgainstARealServer()
{
    const QString dir = QFileInfo(QFINDTESTDATA("data/postman/multipart/collection.json")).absolutePath();
    const Result<Import> import
        = readImportFile(postman(), dir + QStringLiteral("/collection.json"), Project());
    QVERIFY2(import.ok(), qPrintable(import.error()));
    QVERIFY(importProblems(Project(), import->changes).isEmpty());
    const Project project = appliedTo(Project(), import->changes);
    QCOMPARE(project.testCases.size(), 1);
    const TestCase &tc = project.testCases.first();
    QCOMPARE(tc.reviewNote, QString()); // nothing left out that a person must look at
    const Check &check = tc.checks.first();
    QCOMPARE(check.spec.value(QStringLiteral("auth")).toObject(),
        (QJsonObject { { QStringLiteral("type"), QStringLiteral("basic") },
            { QStringLiteral("user"), QStringLiteral("qa") },
            { QStringLiteral("password"), QStringLiteral("{{qa_password}}") } }));
    QCOMPARE(project.environments.first().variables.value(QStringLiteral("qa_password")),
        QStringLiteral("${env:QA_PASSWORD}"));

    testing::HttpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QNetworkAccessManager network;
    CheckContext context;
    context.network = &network;
    context.projectDir = QDir::tempPath(); // the file's path is absolute: the collection's folder
    context.variables.set(QStringLiteral("base_url"), server.baseUrl());
    context.variables.set(QStringLiteral("qa_password"), QStringLiteral("pa55"));
    Check run = check;
    using testing::assertion;
    run.assertions
        << assertion(QStringLiteral("json_path"), QStringLiteral("parts"), QStringLiteral("length"), 3)
        << assertion(QStringLiteral("json_path"), QStringLiteral("parts[0].text"), QStringLiteral("=="),
               QStringLiteral("csv"))
        << assertion(QStringLiteral("json_path"), QStringLiteral("parts[1].content_type"),
               QStringLiteral("=="), QStringLiteral("application/json"))
        << assertion(QStringLiteral("json_path"), QStringLiteral("parts[2].filename"), QStringLiteral("=="),
               QStringLiteral("products.csv"))
        << assertion(QStringLiteral("json_path"), QStringLiteral("parts[2].size"), QStringLiteral("=="), 18)
        << assertion(QStringLiteral("json_path"), QStringLiteral("authorization"), QStringLiteral("=="),
               QStringLiteral("Basic ") + QString::fromLatin1(QByteArray("qa:pa55").toBase64()));
    const CheckOutcome outcome = testing::runCheck(run, context);
    FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
}

QTEST_GUILESS_MAIN(PostmanImportTest)
#include "tst_postmanimport.moc"
