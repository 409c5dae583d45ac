#pragma once
// A project against the demo backend, built in code for the run tests (header-only).
// Test cases carry tags so that tests pick groups: "green" (all pass), "defect" (the
// deliberate refund defect fails), "slow-fail" (an `eventually` that times out),
// "skip" (a failing first step skips the rest), "refused" (nothing listens: error),
// "health" (one HTTP check that passes).

#include "model/project.h"

#include <QJsonArray>
#include <QJsonObject>

namespace flowbench::testing {

inline Assertion expect(const QString &kind, const QString &target, const QString &op, const QJsonValue &expected = {})
{
    Assertion a;
    a.kind = kind;
    a.target = target;
    a.op = op;
    a.expected = expected;
    return a;
}

inline Capture capture(const QString &name, const QString &source, const QString &expression)
{
    Capture c;
    c.name = name;
    c.source = source;
    c.expression = expression;
    return c;
}

inline Check httpCheck(const QString &name, const QString &method, const QString &url,
                       const QJsonObject &jsonBody = {}, int timeoutMs = 10000)
{
    Check c;
    c.id = newId();
    c.type = QStringLiteral("http");
    c.name = name;
    c.spec = QJsonObject{{QStringLiteral("method"), method}, {QStringLiteral("url"), url},
                         {QStringLiteral("timeout_ms"), timeoutMs}};
    if (!jsonBody.isEmpty())
        c.spec.insert(QStringLiteral("body"), QJsonObject{{QStringLiteral("mode"), QStringLiteral("json")},
                                                          {QStringLiteral("json"), jsonBody}});
    return c;
}

inline Check sqlCheck(const QString &name, const QString &query, const QJsonObject &params = {})
{
    Check c;
    c.id = newId();
    c.type = QStringLiteral("sql");
    c.name = name;
    c.spec = QJsonObject{{QStringLiteral("connection"), QStringLiteral("shop")},
                         {QStringLiteral("query"), query},
                         {QStringLiteral("params"), params}};
    return c;
}

inline Check logCheck(const QString &name, const QString &regex)
{
    Check c;
    c.id = newId();
    c.type = QStringLiteral("log");
    c.name = name;
    c.spec = QJsonObject{{QStringLiteral("file"), QStringLiteral("shop-demo.log")}, {QStringLiteral("regex"), regex}};
    return c;
}

inline Check placeOrder(const QString &customer, const QString &coupon = QString())
{
    QJsonObject body{{QStringLiteral("customer"), customer},
                     {QStringLiteral("items"), QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("P-200")},
                                                                      {QStringLiteral("qty"), 2}}}}};
    if (!coupon.isEmpty())
        body.insert(QStringLiteral("coupon"), coupon);
    Check c = httpCheck(QStringLiteral("place an order"), QStringLiteral("POST"), QStringLiteral("{{base_url}}/orders"), body);
    c.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 201)
                 << expect(QStringLiteral("json_path"), QStringLiteral("status"), QStringLiteral("=="), QStringLiteral("pending"));
    c.captures << capture(QStringLiteral("order_id"), QStringLiteral("path"), QStringLiteral("id"));
    return c;
}

inline Edge makeEdge(const Id &from, const Id &to, EdgeKind kind)
{
    Edge e;
    e.id = newId();
    e.from = from;
    e.to = to;
    e.kind = kind;
    return e;
}

inline Eventually eventually(int timeoutMs, int intervalMs)
{
    Eventually e;
    e.timeoutMs = timeoutMs;
    e.intervalMs = intervalMs;
    return e;
}

struct ShopProject
{
    Project project;
    Id ordersApi, ordersTable, worker, refundApi, health;
    Id confirmedCase, refundCase, neverShippedCase, skipCase, refusedCase, upCase;
};

inline Node makeNode(NodeKind kind, const QString &name)
{
    Node n;
    n.id = newId();
    n.kind = kind;
    n.name = name;
    n.group = QStringLiteral("shop");
    n.owner = QStringLiteral("qa");
    n.description = QStringLiteral("run test fixture");
    return n;
}

inline TestCase makeCase(const Id &nodeId, const QString &title, const QStringList &tags, const QList<Check> &checks)
{
    TestCase t;
    t.id = newId();
    t.nodeId = nodeId;
    t.title = title;
    t.tags = tags;
    t.automated = true;
    t.checks = checks;
    return t;
}

// baseUrl: the demo backend; refusedUrl: a loopback address where nothing listens.
inline ShopProject makeShopProject(const QString &baseUrl, const QString &refusedUrl)
{
    ShopProject s;
    Project &p = s.project;
    p.name = QStringLiteral("Shop (run tests)");
    const Node ordersApi = makeNode(NodeKind::Api, QStringLiteral("POST /orders"));
    const Node ordersTable = makeNode(NodeKind::Table, QStringLiteral("orders"));
    const Node worker = makeNode(NodeKind::Job, QStringLiteral("outbox worker"));
    const Node refundApi = makeNode(NodeKind::Api, QStringLiteral("POST /orders/{id}/refund"));
    const Node health = makeNode(NodeKind::Api, QStringLiteral("GET /health"));
    p.nodes << ordersApi << ordersTable << worker << refundApi << health;
    s.ordersApi = ordersApi.id;
    s.ordersTable = ordersTable.id;
    s.worker = worker.id;
    s.refundApi = refundApi.id;
    s.health = health.id;

    Flow checkout;
    checkout.id = newId();
    checkout.name = QStringLiteral("Checkout");
    checkout.description = QStringLiteral("place and confirm an order");
    checkout.nodeIds << ordersApi.id << ordersTable.id << worker.id;
    p.flows << checkout;

    Environment local;
    local.id = newId();
    local.name = QStringLiteral("local");
    local.variables.insert(QStringLiteral("base_url"), baseUrl);
    local.variables.insert(QStringLiteral("refused_url"), refusedUrl);
    Connection shop;
    shop.name = QStringLiteral("shop");
    shop.driver = QStringLiteral("QSQLITE");
    shop.database = QStringLiteral("shop-demo.db"); // relative: resolves against the project folder
    local.connections << shop;
    Environment staging = local;
    staging.id = newId();
    staging.name = QStringLiteral("staging");
    staging.isProtected = true;
    p.environments << local << staging;

    // 1. The order is stored, the outbox is processed, the order confirmed and logged.
    Check row = sqlCheck(QStringLiteral("order row stored"),
                         QStringLiteral("SELECT customer, total, status FROM orders WHERE id = :id"),
                         {{QStringLiteral("id"), QStringLiteral("{{order_id}}")}});
    row.assertions << expect(QStringLiteral("row_count"), QString(), QStringLiteral("=="), 1)
                   << expect(QStringLiteral("json_path"), QStringLiteral("[0].customer"), QStringLiteral("=="), QStringLiteral("ann"))
                   << expect(QStringLiteral("json_path"), QStringLiteral("[0].total"), QStringLiteral("=="), 60);
    Check outbox = sqlCheck(QStringLiteral("outbox processed"),
                            QStringLiteral("SELECT processed_at FROM outbox WHERE order_id = :id AND processed_at IS NOT NULL"),
                            {{QStringLiteral("id"), QStringLiteral("{{order_id}}")}});
    outbox.assertions << expect(QStringLiteral("row_count"), QString(), QStringLiteral("=="), 1);
    outbox.eventually = eventually(10000, 100);
    Check confirmed = httpCheck(QStringLiteral("order confirmed"), QStringLiteral("GET"),
                                QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    confirmed.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200)
                         << expect(QStringLiteral("json_path"), QStringLiteral("status"), QStringLiteral("=="), QStringLiteral("confirmed"));
    confirmed.eventually = eventually(10000, 100);
    Check logged = logCheck(QStringLiteral("confirmation logged"), QStringLiteral("INFO order {{order_id}} confirmed$"));
    logged.eventually = eventually(10000, 100);
    TestCase confirmedCase = makeCase(ordersApi.id, QStringLiteral("An order is stored and confirmed"),
                                      {QStringLiteral("green"), QStringLiteral("smoke")},
                                      {placeOrder(QStringLiteral("ann")), row, outbox, confirmed, logged});
    confirmedCase.flowId = checkout.id;

    // 2. The deliberate defect: the stored refund is the subtotal, not the amount paid.
    Check refund = httpCheck(QStringLiteral("refund the order"), QStringLiteral("POST"),
                             QStringLiteral("{{base_url}}/orders/{{order_id}}/refund"));
    refund.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 201)
                      << expect(QStringLiteral("json_path"), QStringLiteral("amount"), QStringLiteral("=="), 54);
    Check refundRow = sqlCheck(QStringLiteral("refund row equals amount paid"),
                               QStringLiteral("SELECT amount FROM refunds WHERE order_id = :id"),
                               {{QStringLiteral("id"), QStringLiteral("{{order_id}}")}});
    refundRow.assertions << expect(QStringLiteral("row_count"), QString(), QStringLiteral("=="), 1)
                         << expect(QStringLiteral("json_path"), QStringLiteral("[0].amount"), QStringLiteral("=="), 54);
    const TestCase refundCase = makeCase(refundApi.id, QStringLiteral("A discounted order is refunded what was paid"),
                                         {QStringLiteral("defect")},
                                         {placeOrder(QStringLiteral("bob"), QStringLiteral("SAVE10")), refund, refundRow});

    // 3. An `eventually` that cannot hold: bounded at 600 ms.
    Check shipped = httpCheck(QStringLiteral("order shipped"), QStringLiteral("GET"),
                              QStringLiteral("{{base_url}}/orders/{{order_id}}"));
    shipped.assertions << expect(QStringLiteral("json_path"), QStringLiteral("status"), QStringLiteral("=="), QStringLiteral("shipped"));
    shipped.eventually = eventually(600, 100);
    const TestCase neverShipped = makeCase(ordersTable.id, QStringLiteral("An order ships by itself"),
                                           {QStringLiteral("slow-fail")}, {placeOrder(QStringLiteral("cy")), shipped});

    // 4. A failing first step skips the rest.
    Check wrongStatus = httpCheck(QStringLiteral("health says 500"), QStringLiteral("GET"), QStringLiteral("{{base_url}}/health"));
    wrongStatus.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 500);
    Check never = httpCheck(QStringLiteral("products"), QStringLiteral("GET"), QStringLiteral("{{base_url}}/products"));
    const TestCase skipCase = makeCase(health.id, QStringLiteral("Health reports trouble"), {QStringLiteral("skip")},
                                       {wrongStatus, never, never});

    // 5. Nothing listens: an error, not a hang.
    Check refused = httpCheck(QStringLiteral("refused"), QStringLiteral("GET"), QStringLiteral("{{refused_url}}/health"), {}, 3000);
    refused.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200);
    const TestCase refusedCase = makeCase(health.id, QStringLiteral("A service that is down"), {QStringLiteral("refused")},
                                          {refused, never});

    // 6. Only HTTP: the service is up.
    Check up = httpCheck(QStringLiteral("health ok"), QStringLiteral("GET"), QStringLiteral("{{base_url}}/health"));
    up.assertions << expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 200)
                  << expect(QStringLiteral("json_path"), QStringLiteral("status"), QStringLiteral("=="), QStringLiteral("ok"));
    const TestCase upCase = makeCase(health.id, QStringLiteral("Health endpoint answers"), {QStringLiteral("health")}, {up});

    // Manual test cases are never run.
    TestCase manual = makeCase(health.id, QStringLiteral("Look at the dashboard"), {QStringLiteral("green")}, {});
    manual.automated = false;

    p.testCases << confirmedCase << refundCase << neverShipped << skipCase << refusedCase << upCase << manual;
    s.confirmedCase = confirmedCase.id;
    s.refundCase = refundCase.id;
    s.neverShippedCase = neverShipped.id;
    s.skipCase = skipCase.id;
    s.refusedCase = refusedCase.id;
    s.upCase = upCase.id;
    // Distinct check ids within a test case: "never" appears twice above.
    for (TestCase &t : p.testCases)
        for (Check &c : t.checks)
            c.id = newId();
    return s;
}

} // namespace flowbench::testing
