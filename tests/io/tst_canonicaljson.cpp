#include "io/canonicaljson.h"
#include "store/projectstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

Q_DECLARE_METATYPE(flowbench::SplineRoute)

namespace {

// Fixed ids so that expected messages can name them.
QString uid(int n) { return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0')); }

QDateTime utc(const char *iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs); }

// Every field of every entity set to something other than its default, lists out of
// canonical order, non-ASCII text and awkward characters.
Project fullProject()
{
    Project p;
    p.name = QStringLiteral("Shop \"main\" – Ünïcode");

    Node api;
    api.id = uid(20);
    api.kind = NodeKind::Api;
    api.name = QStringLiteral("POST /orders");
    api.group = QStringLiteral("Orders");
    api.owner = QStringLiteral("team-orders");
    api.description = QStringLiteral("Creates an order.\nSecond line\twith tab and \\ backslash");
    api.risk = Risk{4, 5};
    api.properties = QJsonObject{{QStringLiteral("path"), QStringLiteral("/orders")},
                                 {QStringLiteral("method"), QStringLiteral("POST")},
                                 {QStringLiteral("nested"), QJsonObject{{QStringLiteral("b"), 1}, {QStringLiteral("a"), QJsonArray{1, 2.5, true, QJsonValue()}}}}};
    api.x = 250.5;
    api.y = -12.125;
    api.pinned = true;
    Node table;
    table.id = uid(10);
    table.kind = NodeKind::Table;
    table.name = QStringLiteral("orders");
    table.risk = Risk{2, 3};
    table.properties = QJsonObject{{QStringLiteral("connection"), QStringLiteral("shop")},
                                   {QStringLiteral("table"), QStringLiteral("orders")}};
    table.x = 750;
    table.y = 0.1 + 0.2; // a double without a short decimal form
    p.nodes = {api, table};

    p.edges = {Edge{uid(31), api.id, table.id, EdgeKind::Writes, QStringLiteral("insert row"), 0},
               Edge{uid(30), table.id, api.id, EdgeKind::Reads, QString(), 0}};
    // A laid-out edge: its spline and the end positions it was computed for.
    p.edges[0].route = SplineRoute{{QPointF(320.5, 40), QPointF(500, 40.25), QPointF(600, 0.1 + 0.2), QPointF(750, -3)},
                                   QPointF(api.x, api.y), QPointF(table.x, table.y)};

    Flow checkout;
    checkout.id = uid(40);
    checkout.name = QStringLiteral("Checkout");
    checkout.description = QStringLiteral("Buy things");
    checkout.nodeIds = {table.id, api.id, table.id}; // path order kept, repeats kept
    checkout.risk = Risk{5, 5};
    p.flows = {checkout};

    Check http;
    http.id = uid(61);
    http.type = QStringLiteral("http");
    http.name = QStringLiteral("place order");
    http.spec = QJsonObject{{QStringLiteral("method"), QStringLiteral("POST")},
                            {QStringLiteral("url"), QStringLiteral("{{base_url}}/orders")},
                            {QStringLiteral("body"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("json")}}}};
    http.captures = {Capture{QStringLiteral("order_id"), QStringLiteral("path"), QStringLiteral("id")},
                     Capture{QStringLiteral("a_total"), QStringLiteral("jq"), QStringLiteral(".total")}};
    http.assertions = {Assertion{QStringLiteral("status"), QString(), QStringLiteral("=="), 201},
                       Assertion{QStringLiteral("json_path"), QStringLiteral("total"), QStringLiteral(">"), 12.5},
                       Assertion{QStringLiteral("json_path"), QStringLiteral("status"), QStringLiteral("=="), QStringLiteral("pending")},
                       Assertion{QStringLiteral("json_path"), QStringLiteral("coupon"), QStringLiteral("exists"), QJsonValue()}};
    Check sql;
    sql.id = uid(60);
    sql.type = QStringLiteral("sql");
    sql.spec = QJsonObject{{QStringLiteral("connection"), QStringLiteral("shop")},
                           {QStringLiteral("query"), QStringLiteral("SELECT status FROM orders WHERE id = :id")}};
    sql.eventually = Eventually{5000, 200};
    TestCase tc;
    tc.id = uid(50);
    tc.nodeId = api.id;
    tc.flowId = checkout.id;
    tc.title = QStringLiteral("Place order writes the row");
    tc.description = QStringLiteral("desc");
    tc.priority = Priority::Critical;
    tc.tags = {QStringLiteral("smoke"), QStringLiteral("orders")};
    tc.automated = true;
    tc.position = 3;
    tc.checks = {http, sql}; // step order kept although ids are descending
    TestCase manual;
    manual.id = uid(49);
    manual.nodeId = table.id;
    manual.title = QStringLiteral("Look at the table");
    manual.priority = Priority::Low;
    p.testCases = {tc, manual};

    Environment local;
    local.id = uid(71);
    local.name = QStringLiteral("local");
    local.variables = {{QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:8765")},
                       {QStringLiteral("api_key"), QStringLiteral("${env:SHOP_KEY}")}};
    local.connections = {Connection{QStringLiteral("shop"), QStringLiteral("QSQLITE"), QString(), 0,
                                    QStringLiteral("shop-demo.db"), QString(), QString(), QString()}};
    Environment staging;
    staging.id = uid(70);
    staging.name = QStringLiteral("staging");
    staging.isProtected = true;
    staging.isShared = true;
    staging.connections = {Connection{QStringLiteral("shop"), QStringLiteral("QPSQL"), QStringLiteral("127.0.0.1"), 5432,
                                      QStringLiteral("shop"), QStringLiteral("qa"), QStringLiteral("${env:SHOP_PG_PASSWORD}"),
                                      QStringLiteral("connect_timeout=5")},
                           Connection{QStringLiteral("cache"), QStringLiteral("redis"), QStringLiteral("127.0.0.1"), 6379,
                                      QStringLiteral("0"), QString(), QStringLiteral("${keychain:shop-redis}"), QString()}};
    p.environments = {local, staging};

    p.comments = {Comment{uid(80), api.id, QStringLiteral("ana"), QStringLiteral("Is the coupon validated here?"),
                          utc("2026-03-01T10:15:30.123Z"), true, 0},
                  Comment{uid(81), table.id, QString(), QStringLiteral("no author"), QDateTime(), false, 0}};

    Run older{uid(92), QStringLiteral("local"), QStringLiteral("all"), utc("2026-03-01T09:00:00.000Z"),
              utc("2026-03-01T09:00:05.500Z"), false, 1, 1, 0, 0};
    Run newer{uid(91), QStringLiteral("staging"), QStringLiteral("flow Checkout"), utc("2026-03-02T09:00:00.000Z"),
              QDateTime(), true, 0, 0, 1, 1};
    p.runs = {older, newer};
    CheckResult r1{uid(101), older.id, tc.id, http.id, api.id, ResultStatus::Pass, 42, 1, QStringLiteral("ok"),
                   QStringLiteral("{\"id\": 7}"), utc("2026-03-01T09:00:01.000Z")};
    CheckResult r2{uid(100), older.id, tc.id, sql.id, api.id, ResultStatus::Fail, 5000123456LL, 12,
                   QStringLiteral("after 12 tries in 5.0 s: status is pending"), QString(), utc("2026-03-01T09:00:05.000Z")};
    p.results = {r1, r2};
    return p;
}

// A small valid document the bad-input rows start from.
const char *kValid = R"({
    "format": "flowbench",
    "formatVersion": 1,
    "name": "t",
    "nodes": [
        {"id": "00000000-0000-4000-8000-000000000001", "kind": "api", "name": "POST /orders"},
        {"id": "00000000-0000-4000-8000-000000000002", "kind": "table", "name": "orders"}
    ],
    "edges": [
        {"id": "00000000-0000-4000-8000-000000000003", "from": "00000000-0000-4000-8000-000000000001",
         "to": "00000000-0000-4000-8000-000000000002", "kind": "writes"}
    ]
}
)";

QByteArray withChange(const std::function<void(QJsonObject &)> &change)
{
    QJsonObject doc = QJsonDocument::fromJson(kValid).object();
    change(doc);
    return QJsonDocument(doc).toJson();
}

void setInArray(QJsonObject &doc, const char *list, int index, const char *key, const QJsonValue &value)
{
    QJsonArray array = doc.value(QLatin1String(list)).toArray();
    QJsonObject item = array[index].toObject();
    item.insert(QLatin1String(key), value);
    array[index] = item;
    doc.insert(QLatin1String(list), array);
}

} // namespace

class TestCanonicalJson : public QObject
{
    Q_OBJECT
private slots:
    void exportIsStable();
    void roundTripIsLossless();
    void layoutIsCanonical();
    void storeRoundTripIsLossless();
    void runHistoryIsOptional();
    void importSortsEntities();
    void minimalDocumentGetsDefaults();
    void routeField_data();
    void routeField();
    void routeIsLeftOutWhenEmpty();
    void sharedIsWrittenOnlyWhenSet();
    void badInput_data();
    void badInput();
    void manyProblemsAreCapped();
};

void TestCanonicalJson::exportIsStable()
{
    const Project p = fullProject();
    const QByteArray first = toCanonicalJson(p);
    QCOMPARE(toCanonicalJson(p), first);
    // The order of the lists in memory does not matter.
    Project shuffled = p;
    std::reverse(shuffled.nodes.begin(), shuffled.nodes.end());
    std::reverse(shuffled.edges.begin(), shuffled.edges.end());
    std::reverse(shuffled.testCases.begin(), shuffled.testCases.end());
    std::reverse(shuffled.environments.begin(), shuffled.environments.end());
    std::reverse(shuffled.comments.begin(), shuffled.comments.end());
    QCOMPARE(toCanonicalJson(shuffled), first);
}

void TestCanonicalJson::roundTripIsLossless()
{
    const Project p = fullProject();
    const JsonExportOptions withRuns{true};
    const QByteArray exported = toCanonicalJson(p, withRuns);
    const Result<Project> imported = fromCanonicalJson(exported, QStringLiteral("full.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    // Field by field first, for a readable failure.
    const Project expected = sortedCanonically(p);
    QCOMPARE(imported->nodes.size(), expected.nodes.size());
    for (int i = 0; i < expected.nodes.size(); ++i)
        QVERIFY2(imported->nodes[i] == expected.nodes[i], qPrintable(expected.nodes[i].name));
    QVERIFY(imported->edges == expected.edges);
    QVERIFY(imported->flows == expected.flows);
    QCOMPARE(imported->flows[0].nodeIds, p.flows[0].nodeIds);
    QVERIFY(imported->testCases == expected.testCases);
    QCOMPARE(imported->testCases[1].checks[0].id, uid(61)); // steps keep their order
    QVERIFY(imported->environments == expected.environments);
    QCOMPARE(imported->environments[0].connections[0].passwordRef, QStringLiteral("${env:SHOP_PG_PASSWORD}"));
    QVERIFY(imported->comments == expected.comments);
    QVERIFY(imported->runs == expected.runs);
    QCOMPARE(imported->runs.last().id, uid(91)); // history stays oldest first
    QVERIFY(imported->results == expected.results);
    QCOMPARE(imported->results[0].durationMs, 5000123456LL);
    QVERIFY(imported.value() == expected);
    QCOMPARE(toCanonicalJson(imported.value(), withRuns), exported);
}

void TestCanonicalJson::layoutIsCanonical()
{
    const QByteArray json = toCanonicalJson(fullProject());
    QVERIFY(json.startsWith("{\n    \"format\": \"flowbench\",\n    \"formatVersion\": 1,\n    \"name\": "));
    QVERIFY(json.endsWith("}\n"));
    QVERIFY(!json.endsWith("}\n\n"));
    // Entities sorted by id; within a node the identifying fields come first.
    QVERIFY(json.indexOf(uid(10).toLatin1()) < json.indexOf(uid(20).toLatin1()));
    QVERIFY(json.contains("\"id\": \"" + uid(10).toLatin1() + "\",\n            \"kind\": \"table\""));
    // Free-form objects have sorted keys.
    QVERIFY(json.indexOf("\"method\": \"POST\"") < json.indexOf("\"path\": \"/orders\""));
    QVERIFY(json.contains("\"tags\": [\n                \"smoke\",\n                \"orders\"\n            ]"));
    QVERIFY(json.contains("\"flow\": null"));
    QVERIFY(json.contains("\"createdAt\": \"2026-03-01T10:15:30.123Z\""));
    QVERIFY(json.contains("\"variables\": {\n            }") || json.contains("\"variables\": {}"));
    // A route: positions and points one pair per line, after the edge's own fields.
    QVERIFY2(json.contains("\"label\": \"insert row\",\n"
                           "            \"route\": {\n"
                           "                \"fromPosition\": [250.5, -12.125],\n"
                           "                \"toPosition\": [750, 0.30000000000000004],\n"
                           "                \"points\": [\n"
                           "                    [320.5, 40],\n"
                           "                    [500, 40.25],\n"
                           "                    [600, 0.30000000000000004],\n"
                           "                    [750, -3]\n"
                           "                ]\n"
                           "            }\n"
                           "        }"),
             json.constData());
    QVERIFY(QString::fromUtf8(json).contains(QStringLiteral("Ünïcode")));
    QVERIFY(QJsonDocument::fromJson(json).isObject());
}

// The path the CLI takes: JSON -> project file -> JSON changes nothing, run history included.
void TestCanonicalJson::storeRoundTripIsLossless()
{
    QTemporaryDir dir;
    const Project p = fullProject();
    const JsonExportOptions withRuns{true};
    const QByteArray exported = toCanonicalJson(p, withRuns);
    {
        auto created = ProjectStore::create(dir.filePath(QStringLiteral("full.flowbench")), p.name);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        const Status replaced = created.value()->replaceContents(p);
        QVERIFY2(replaced.ok(), qPrintable(replaced.error()));
    }
    auto opened = ProjectStore::open(dir.filePath(QStringLiteral("full.flowbench")));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    const Result<Project> loaded = opened.value()->load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(toCanonicalJson(loaded.value(), withRuns), exported);
}

void TestCanonicalJson::runHistoryIsOptional()
{
    const Project p = fullProject();
    const QByteArray without = toCanonicalJson(p);
    QVERIFY(!without.contains("\"runs\""));
    QVERIFY(!without.contains("\"results\""));
    const Result<Project> imported = fromCanonicalJson(without, QStringLiteral("x.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    QVERIFY(imported->runs.isEmpty());
    QVERIFY(imported->results.isEmpty());
    QVERIFY(toCanonicalJson(p, JsonExportOptions{true}).contains("\"runs\": ["));
}

void TestCanonicalJson::importSortsEntities()
{
    const QByteArray reversed = withChange([](QJsonObject &doc) {
        QJsonArray nodes = doc.value(QLatin1String("nodes")).toArray();
        doc.insert(QLatin1String("nodes"), QJsonArray{nodes[1], nodes[0]});
    });
    const Result<Project> imported = fromCanonicalJson(reversed, QStringLiteral("t.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    const QByteArray exported = toCanonicalJson(imported.value());
    QVERIFY(exported.indexOf(uid(1).toLatin1()) < exported.indexOf(uid(2).toLatin1()));
    const Result<Project> again = fromCanonicalJson(exported, QStringLiteral("t.json"));
    QVERIFY(again.ok());
    QCOMPARE(toCanonicalJson(again.value()), exported);
}

void TestCanonicalJson::minimalDocumentGetsDefaults()
{
    const Result<Project> p = fromCanonicalJson(kValid, QStringLiteral("t.json"));
    QVERIFY2(p.ok(), qPrintable(p.error()));
    QCOMPARE(p->nodes.size(), 2);
    QCOMPARE(p->nodes[0].risk, (Risk{1, 1}));
    QVERIFY(p->nodes[0].kind == NodeKind::Api);
    QVERIFY(p->edges[0].kind == EdgeKind::Writes);
    QVERIFY(p->flows.isEmpty());
    // A UTF-8 byte order mark is accepted, and positions in errors stay right.
    QVERIFY(fromCanonicalJson(QByteArray("\xEF\xBB\xBF") + kValid, QStringLiteral("t.json")).ok());
    QCOMPARE(fromCanonicalJson(QByteArray("\xEF\xBB\xBF{\"a\" 1}"), QStringLiteral("t.json")).error().left(11),
             QStringLiteral("t.json:1:7:"));
}

void TestCanonicalJson::routeField_data()
{
    QTest::addColumn<QJsonValue>("route"); // undefined: no "route" field
    QTest::addColumn<SplineRoute>("expected");

    QTest::newRow("missing: no route") << QJsonValue(QJsonValue::Undefined) << SplineRoute();
    QTest::newRow("one segment")
        << QJsonValue(QJsonObject{{QStringLiteral("fromPosition"), QJsonArray{0, 0}},
                                  {QStringLiteral("toPosition"), QJsonArray{0, 200}},
                                  {QStringLiteral("points"), QJsonArray{QJsonArray{50, 62}, QJsonArray{50, 100},
                                                                        QJsonArray{50, 150}, QJsonArray{50, 198}}}})
        << SplineRoute{{QPointF(50, 62), QPointF(50, 100), QPointF(50, 150), QPointF(50, 198)}, QPointF(0, 0), QPointF(0, 200)};
    QTest::newRow("two segments, fractions and negatives")
        << QJsonValue(QJsonObject{{QStringLiteral("points"), QJsonArray{QJsonArray{-10.5, 0.25}, QJsonArray{1, 2}, QJsonArray{3, 4},
                                                                        QJsonArray{5, 6}, QJsonArray{7, 8}, QJsonArray{9, 10},
                                                                        QJsonArray{1e6, -1e-3}}},
                                  {QStringLiteral("toPosition"), QJsonArray{-400.5, 12}},
                                  {QStringLiteral("fromPosition"), QJsonArray{0.5, 1.5}}}) // any key order
        << SplineRoute{{QPointF(-10.5, 0.25), QPointF(1, 2), QPointF(3, 4), QPointF(5, 6), QPointF(7, 8), QPointF(9, 10),
                        QPointF(1e6, -1e-3)},
                       QPointF(0.5, 1.5), QPointF(-400.5, 12)};
}

void TestCanonicalJson::routeField()
{
    QFETCH(QJsonValue, route);
    QFETCH(SplineRoute, expected);
    const QByteArray data = withChange([&](QJsonObject &d) {
        if (!route.isUndefined())
            setInArray(d, "edges", 0, "route", route);
    });
    const Result<Project> imported = fromCanonicalJson(data, QStringLiteral("t.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    const SplineRoute &got = imported->edges[0].route;
    QCOMPARE(got.points, expected.points);
    QCOMPARE(got.fromPosition, expected.fromPosition);
    QCOMPARE(got.toPosition, expected.toPosition);
    // Written back and read again: the same route, the same bytes.
    const QByteArray exported = toCanonicalJson(imported.value());
    QCOMPARE(exported.contains("\"route\""), !expected.isEmpty());
    const Result<Project> again = fromCanonicalJson(exported, QStringLiteral("t.json"));
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again->edges[0].route, expected);
    QCOMPARE(toCanonicalJson(again.value()), exported);
}

// A project never laid out exports exactly as before routes existed: no "route" key at
// all, and the edge object ends with its label.
void TestCanonicalJson::routeIsLeftOutWhenEmpty()
{
    Project p = fullProject();
    for (Edge &e : p.edges)
        e.route = SplineRoute();
    const QByteArray json = toCanonicalJson(p);
    QVERIFY(!json.contains("route"));
    QVERIFY(json.contains("\"label\": \"insert row\"\n        }"));
    const Project withRoute = fullProject();
    const QByteArray routed = toCanonicalJson(withRoute);
    // The routed export is the same text with the route object inserted, nothing else.
    const QByteArray opening(",\n            \"route\": {");
    const QByteArray closing("\n            }");
    const qsizetype start = routed.indexOf(opening);
    QVERIFY(start > 0);
    const qsizetype end = routed.indexOf(closing, start) + closing.size();
    QByteArray stripped = routed;
    stripped.remove(start, end - start);
    QCOMPARE(stripped, json);
}

// A project without shared environments exports as it did before the flag existed.
void TestCanonicalJson::sharedIsWrittenOnlyWhenSet()
{
    Project p = fullProject();
    const QByteArray shared = toCanonicalJson(p);
    QCOMPARE(shared.count("\"shared\": true"), 1);
    for (Environment &e : p.environments)
        e.isShared = false;
    const QByteArray unshared = toCanonicalJson(p);
    QVERIFY(!unshared.contains("\"shared\""));
    const Result<Project> imported = fromCanonicalJson(unshared, QStringLiteral("unshared.json"));
    QVERIFY2(imported.ok(), qPrintable(imported.error()));
    for (const Environment &e : imported->environments)
        QVERIFY(!e.isShared);
}

void TestCanonicalJson::badInput_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty file") << QByteArray("  \n") << QStringLiteral("shop.json: the file is empty");
    QTest::newRow("missing comma")
        << QByteArray("{\n    \"format\": \"flowbench\"\n    \"formatVersion\": 1\n}\n")
        << QStringLiteral("shop.json:3:6: invalid JSON: unterminated object");
    QTest::newRow("unterminated string")
        << QByteArray("{\n    \"format\": \"flowbench\",\n    \"name\": \"shop\n}\n")
        << QStringLiteral("shop.json:5:1: invalid JSON: unterminated string");
    QTest::newRow("bad value, line counted in characters")
        << QByteArray("{\n    \"name\": \"Ünïcode\", \"x\": @}\n")
        << QStringLiteral("shop.json:2:29: invalid JSON: illegal number");
    QTest::newRow("not an object") << QByteArray("[1, 2]\n")
                                   << QStringLiteral("shop.json: not a Flowbench project: the top level must be an object with \"format\": \"flowbench\"");
    QTest::newRow("other format") << QByteArray("{\"format\": \"postman\"}")
                                  << QStringLiteral("shop.json: not a Flowbench project: \"format\" must be \"flowbench\"");
    QTest::newRow("newer version")
        << withChange([](QJsonObject &d) { d.insert(QLatin1String("formatVersion"), 2); })
        << QStringLiteral("shop.json: formatVersion 2 is newer than this program reads (1); update Flowbench");
    QTest::newRow("no version")
        << withChange([](QJsonObject &d) { d.remove(QLatin1String("formatVersion")); })
        << QStringLiteral("shop.json: formatVersion: is missing");
    QTest::newRow("version as text")
        << withChange([](QJsonObject &d) { d.insert(QLatin1String("formatVersion"), QStringLiteral("1")); })
        << QStringLiteral("shop.json: formatVersion: must be a whole number >= 1");
    QTest::newRow("unknown top-level field")
        << withChange([](QJsonObject &d) { d.insert(QLatin1String("node"), QJsonArray()); })
        << QStringLiteral("shop.json: node: unknown field");
    QTest::newRow("unknown node kind")
        << withChange([](QJsonObject &d) { setInArray(d, "nodes", 1, "kind", QStringLiteral("servise")); })
        << QStringLiteral("shop.json: nodes[1].kind: unknown kind \"servise\" (expected one of: screen, api, service, table, queue, cache, job, external)");
    QTest::newRow("kind of wrong type")
        << withChange([](QJsonObject &d) { setInArray(d, "nodes", 0, "kind", 3); })
        << QStringLiteral("shop.json: nodes[0].kind: must be a string");
    QTest::newRow("edge to missing node")
        << withChange([](QJsonObject &d) { setInArray(d, "edges", 0, "to", uid(99)); })
        << QStringLiteral("shop.json: edges[0].to: no node with id \"%1\"").arg(uid(99));
    QTest::newRow("unknown edge kind")
        << withChange([](QJsonObject &d) { setInArray(d, "edges", 0, "kind", QStringLiteral("write")); })
        << QStringLiteral("shop.json: edges[0].kind: unknown kind \"write\" (expected one of: calls, reads, writes, publishes, consumes, triggers, schedules)");
    QTest::newRow("likelihood out of range")
        << withChange([](QJsonObject &d) {
               setInArray(d, "nodes", 1, "risk", QJsonObject{{QStringLiteral("likelihood"), 7}, {QStringLiteral("impact"), 2}});
           })
        << QStringLiteral("shop.json: nodes[1].risk.likelihood: must be a number 1..5");
    QTest::newRow("likelihood as text")
        << withChange([](QJsonObject &d) {
               setInArray(d, "nodes", 0, "risk", QJsonObject{{QStringLiteral("likelihood"), QStringLiteral("high")}});
           })
        << QStringLiteral("shop.json: nodes[0].risk.likelihood: must be a number 1..5");
    QTest::newRow("impact fraction")
        << withChange([](QJsonObject &d) {
               setInArray(d, "nodes", 0, "risk", QJsonObject{{QStringLiteral("impact"), 2.5}});
           })
        << QStringLiteral("shop.json: nodes[0].risk.impact: must be a number 1..5");
    QTest::newRow("unknown field")
        << withChange([](QJsonObject &d) { setInArray(d, "nodes", 0, "colour", QStringLiteral("red")); })
        << QStringLiteral("shop.json: nodes[0].colour: unknown field");
    QTest::newRow("missing name")
        << withChange([](QJsonObject &d) {
               QJsonArray nodes = d.value(QLatin1String("nodes")).toArray();
               QJsonObject n = nodes[0].toObject();
               n.remove(QLatin1String("name"));
               nodes[0] = n;
               d.insert(QLatin1String("nodes"), nodes);
           })
        << QStringLiteral("shop.json: nodes[0].name: is missing");
    QTest::newRow("empty name")
        << withChange([](QJsonObject &d) { setInArray(d, "nodes", 0, "name", QStringLiteral("  ")); })
        << QStringLiteral("shop.json: nodes[0].name: must not be empty");
    QTest::newRow("nodes not an array")
        << withChange([](QJsonObject &d) { d.insert(QLatin1String("nodes"), QJsonObject()); })
        << QStringLiteral("shop.json: nodes: must be an array");
    QTest::newRow("node not an object")
        << withChange([](QJsonObject &d) {
               QJsonArray nodes = d.value(QLatin1String("nodes")).toArray();
               nodes.append(QStringLiteral("x"));
               d.insert(QLatin1String("nodes"), nodes);
           })
        << QStringLiteral("shop.json: nodes[2]: must be an object");
    QTest::newRow("id not a uuid")
        << withChange([](QJsonObject &d) { setInArray(d, "edges", 0, "id", QStringLiteral("e1")); })
        << QStringLiteral("shop.json: edges[0].id: \"e1\" is not a UUID");
    QTest::newRow("duplicate id")
        << withChange([](QJsonObject &d) { setInArray(d, "edges", 0, "id", uid(1)); })
        << QStringLiteral("shop.json: edges[0].id: id %1 is used twice").arg(uid(1));
    QTest::newRow("position not a number")
        << withChange([](QJsonObject &d) {
               setInArray(d, "nodes", 1, "position", QJsonObject{{QStringLiteral("x"), QStringLiteral("10")}});
           })
        << QStringLiteral("shop.json: nodes[1].position.x: must be a number");
    const auto route = [](const QJsonObject &change) {
        QJsonObject r{{QStringLiteral("fromPosition"), QJsonArray{0, 0}},
                      {QStringLiteral("toPosition"), QJsonArray{0, 200}},
                      {QStringLiteral("points"),
                       QJsonArray{QJsonArray{50, 62}, QJsonArray{50, 100}, QJsonArray{50, 150}, QJsonArray{50, 198}}}};
        for (auto it = change.begin(); it != change.end(); ++it) {
            if (it.value().isNull())
                r.remove(it.key());
            else
                r.insert(it.key(), it.value());
        }
        return withChange([r](QJsonObject &d) { setInArray(d, "edges", 0, "route", r); });
    };
    const auto points = [](QJsonArray third) {
        return QJsonObject{{QStringLiteral("points"),
                            QJsonArray{QJsonArray{50, 62}, QJsonArray{50, 100}, third, QJsonArray{50, 198}}}};
    };
    QTest::newRow("route point not a pair")
        << route(points(QJsonArray{50}))
        << QStringLiteral("shop.json: edges[0].route.points[2]: expected a number pair [x, y]");
    QTest::newRow("route point of three numbers")
        << route(points(QJsonArray{50, 150, 1}))
        << QStringLiteral("shop.json: edges[0].route.points[2]: expected a number pair [x, y]");
    QTest::newRow("route point as text")
        << route(points(QJsonArray{QStringLiteral("50"), 150}))
        << QStringLiteral("shop.json: edges[0].route.points[2]: expected a number pair [x, y]");
    QTest::newRow("route point as object")
        << route({{QStringLiteral("points"), QJsonArray{QJsonObject{{QStringLiteral("x"), 1}, {QStringLiteral("y"), 2}}}}})
        << QStringLiteral("shop.json: edges[0].route.points[0]: expected a number pair [x, y]");
    QTest::newRow("route of five points")
        << route({{QStringLiteral("points"), QJsonArray{QJsonArray{0, 0}, QJsonArray{1, 1}, QJsonArray{2, 2},
                                                         QJsonArray{3, 3}, QJsonArray{4, 4}}}})
        << QStringLiteral("shop.json: edges[0].route.points: expected 1 + 3n points (n >= 1), found 5");
    QTest::newRow("route of one point")
        << route({{QStringLiteral("points"), QJsonArray{QJsonArray{0, 0}}}})
        << QStringLiteral("shop.json: edges[0].route.points: expected 1 + 3n points (n >= 1), found 1");
    QTest::newRow("route points as a path string")
        << route({{QStringLiteral("points"), QStringLiteral("M 0 0 C 1 1 2 2 3 3")}})
        << QStringLiteral("shop.json: edges[0].route.points: must be an array of number pairs [x, y]");
    QTest::newRow("route without points")
        << route({{QStringLiteral("points"), QJsonValue()}})
        << QStringLiteral("shop.json: edges[0].route.points: is missing");
    QTest::newRow("route without fromPosition")
        << route({{QStringLiteral("fromPosition"), QJsonValue()}})
        << QStringLiteral("shop.json: edges[0].route.fromPosition: is missing");
    QTest::newRow("route position as object")
        << route({{QStringLiteral("toPosition"), QJsonObject{{QStringLiteral("x"), 0}, {QStringLiteral("y"), 200}}}})
        << QStringLiteral("shop.json: edges[0].route.toPosition: expected a number pair [x, y]");
    QTest::newRow("route with unknown field")
        << route({{QStringLiteral("arrowTip"), QJsonArray{50, 200}}})
        << QStringLiteral("shop.json: edges[0].route.arrowTip: unknown field");
    QTest::newRow("route as a bare list of points")
        << withChange([](QJsonObject &d) {
               setInArray(d, "edges", 0, "route", QJsonArray{QJsonArray{0, 0}, QJsonArray{1, 1}, QJsonArray{2, 2}, QJsonArray{3, 3}});
           })
        << QStringLiteral("shop.json: edges[0].route: must be an object with fromPosition, toPosition and points");
    QTest::newRow("two bad route points, one line each")
        << route({{QStringLiteral("points"), QJsonArray{QJsonArray{0, 0}, QJsonValue(), QJsonArray{2, 2}, true}}})
        << QStringLiteral("shop.json: edges[0].route.points[1]: expected a number pair [x, y]\n"
                          "shop.json: edges[0].route.points[3]: expected a number pair [x, y]");
    QTest::newRow("plaintext password")
        << withChange([](QJsonObject &d) {
               d.insert(QLatin1String("environments"),
                        QJsonArray{QJsonObject{{QStringLiteral("id"), uid(7)},
                                               {QStringLiteral("name"), QStringLiteral("staging")},
                                               {QStringLiteral("connections"),
                                                QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                                                       {QStringLiteral("driver"), QStringLiteral("QPSQL")},
                                                                       {QStringLiteral("passwordRef"), QStringLiteral("hunter2")}}}}}});
           })
        << QStringLiteral("shop.json: environments[0].connections[0].passwordRef: must be a secret reference such as "
                          "${env:NAME} or ${keychain:ENTRY}, never the password itself");
    const auto testCase = [](const QJsonObject &extra) {
        QJsonObject tc{{QStringLiteral("id"), uid(5)},
                       {QStringLiteral("node"), uid(1)},
                       {QStringLiteral("title"), QStringLiteral("t")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            tc.insert(it.key(), it.value());
        return withChange([tc](QJsonObject &d) { d.insert(QLatin1String("testCases"), QJsonArray{tc}); });
    };
    QTest::newRow("unknown priority") << testCase({{QStringLiteral("priority"), QStringLiteral("urgent")}})
                                      << QStringLiteral("shop.json: testCases[0].priority: unknown priority \"urgent\" (expected one of: low, medium, high, critical)");
    QTest::newRow("test case of unknown flow") << testCase({{QStringLiteral("flow"), uid(42)}})
                                               << QStringLiteral("shop.json: testCases[0].flow: no flow with id \"%1\"").arg(uid(42));
    QTest::newRow("tag not a string") << testCase({{QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), 2}}})
                                      << QStringLiteral("shop.json: testCases[0].tags[1]: must be a string");
    QTest::newRow("automated as text") << testCase({{QStringLiteral("automated"), QStringLiteral("yes")}})
                                       << QStringLiteral("shop.json: testCases[0].automated: must be true or false");
    QTest::newRow("check without type")
        << testCase({{QStringLiteral("checks"), QJsonArray{QJsonObject{{QStringLiteral("id"), uid(6)}}}}})
        << QStringLiteral("shop.json: testCases[0].checks[0].type: is missing");
    QTest::newRow("negative eventually")
        << testCase({{QStringLiteral("checks"),
                      QJsonArray{QJsonObject{{QStringLiteral("id"), uid(6)},
                                             {QStringLiteral("type"), QStringLiteral("sql")},
                                             {QStringLiteral("eventually"), QJsonObject{{QStringLiteral("timeout_ms"), -5}}}}}}})
        << QStringLiteral("shop.json: testCases[0].checks[0].eventually.timeout_ms: must be a whole number of milliseconds, 0 or more");
    QTest::newRow("bad comment date")
        << withChange([](QJsonObject &d) {
               d.insert(QLatin1String("comments"),
                        QJsonArray{QJsonObject{{QStringLiteral("id"), uid(8)},
                                               {QStringLiteral("node"), uid(1)},
                                               {QStringLiteral("text"), QStringLiteral("hm")},
                                               {QStringLiteral("createdAt"), QStringLiteral("yesterday")}}});
           })
        << QStringLiteral("shop.json: comments[0].createdAt: must be an ISO 8601 date and time (2026-01-31T12:00:00.000Z) or null");
    QTest::newRow("result of unknown run")
        << withChange([](QJsonObject &d) {
               d.insert(QLatin1String("results"),
                        QJsonArray{QJsonObject{{QStringLiteral("id"), uid(9)},
                                               {QStringLiteral("run"), uid(77)},
                                               {QStringLiteral("status"), QStringLiteral("pass")}}});
           })
        << QStringLiteral("shop.json: results[0].run: no run with id \"%1\"").arg(uid(77));
    QTest::newRow("two problems, one line each")
        << withChange([](QJsonObject &d) {
               setInArray(d, "nodes", 0, "kind", QStringLiteral("servise"));
               setInArray(d, "nodes", 1, "owner", 5);
           })
        << QStringLiteral("shop.json: nodes[0].kind: unknown kind \"servise\" (expected one of: screen, api, service, table, queue, cache, job, external)\n"
                          "shop.json: nodes[1].owner: must be a string");
}

void TestCanonicalJson::badInput()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    const Result<Project> result = fromCanonicalJson(data, QStringLiteral("shop.json"));
    // Never a partial import: no project at all, only the message.
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), expected);
}

void TestCanonicalJson::manyProblemsAreCapped()
{
    const QByteArray data = withChange([](QJsonObject &d) {
        QJsonArray nodes;
        for (int i = 0; i < 30; ++i)
            nodes.append(QJsonObject{{QStringLiteral("id"), uid(100 + i)}, {QStringLiteral("kind"), QStringLiteral("nope")},
                                     {QStringLiteral("name"), QStringLiteral("n")}});
        d.insert(QLatin1String("nodes"), nodes);
        d.remove(QLatin1String("edges"));
    });
    const Result<Project> result = fromCanonicalJson(data, QStringLiteral("big.json"));
    QVERIFY(!result.ok());
    const QStringList lines = result.error().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 21);
    QCOMPARE(lines.last(), QStringLiteral("big.json: ... and 10 more problems"));
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
