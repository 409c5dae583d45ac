#pragma once

// A small but complete project for the store tests: every entity kind, checks with
// captures, assertions and `eventually`, secret references, two runs of results.
// Lists are in the order load() returns them (by id; runs oldest first).

#include "model/project.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <algorithm>

namespace flowbench::testing {

template <typename T> void sortById(QList<T> &list)
{
    std::sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.id < b.id; });
}

inline Node sampleNode(const QString &name, NodeKind kind, double x = 0, double y = 0)
{
    Node n;
    n.id = newId();
    n.kind = kind;
    n.name = name;
    n.group = QStringLiteral("orders");
    n.owner = QStringLiteral("team-a");
    n.description = QStringLiteral("the %1 part").arg(name);
    n.risk = Risk { 3, 4 };
    n.x = x;
    n.y = y;
    return n;
}

inline Check sampleCheck(const QString &type)
{
    Check c;
    c.id = newId();
    c.type = type;
    c.name = QStringLiteral("%1 step").arg(type);
    c.spec = QJsonObject { { QStringLiteral("method"), QStringLiteral("POST") },
        { QStringLiteral("url"), QStringLiteral("{{base}}/orders") },
        { QStringLiteral("body"), QJsonObject { { QStringLiteral("qty"), 2 } } } };
    c.captures = { Capture { QStringLiteral("orderId"), QStringLiteral("jq"), QStringLiteral(".id") } };
    c.assertions = { Assertion { QStringLiteral("status"), QString(), QStringLiteral("=="), QJsonValue(201) },
        Assertion { QStringLiteral("json_path"), QStringLiteral("items[0].sku"), QStringLiteral("=="),
            QJsonValue(QStringLiteral("A-1")) },
        Assertion { QStringLiteral("json_path"), QStringLiteral("items"), QStringLiteral("length"),
            QJsonValue(QJsonArray { 1, 2 }) },
        Assertion {
            QStringLiteral("jq"), QStringLiteral(".ok == true"), QStringLiteral("=="), QJsonValue() } };
    c.eventually = Eventually { 5000, 250 };
    return c;
}

inline Project sampleProject()
{
    Project p;
    p.name = QStringLiteral("Shop");
    Node screen = sampleNode(QStringLiteral("Checkout screen"), NodeKind::Screen, 10, 20.5);
    Node api = sampleNode(QStringLiteral("POST /orders"), NodeKind::Api, 200, 20.25);
    api.properties = QJsonObject { { QStringLiteral("method"), QStringLiteral("POST") },
        { QStringLiteral("path"), QStringLiteral("/orders") } };
    api.pinned = true;
    Node table = sampleNode(QStringLiteral("orders table"), NodeKind::Table, 400, -3.75);
    Node queue = sampleNode(QStringLiteral("order-events"), NodeKind::Queue, 400, 120);
    p.nodes = { screen, api, table, queue };

    p.edges = { Edge { newId(), screen.id, api.id, EdgeKind::Calls, QStringLiteral("submit"), 0 },
        Edge { newId(), api.id, table.id, EdgeKind::Writes, QString(), 0 },
        Edge { newId(), api.id, queue.id, EdgeKind::Publishes, QStringLiteral("OrderPlaced"), 0 } };
    // A spline from the last layout (p0 c1 c2 p), with awkward doubles.
    p.edges[1].route = SplineRoute { { QPointF(335, 45.5), QPointF(350.125, 40), QPointF(380, 0.1 + 0.2),
                                         QPointF(400, 18) },
        QPointF(api.x, api.y), QPointF(table.x, table.y) };

    Flow checkout { newId(), QStringLiteral("Checkout"), QStringLiteral("buy a thing"),
        { screen.id, api.id, table.id, api.id }, Risk { 4, 5 }, 0 };
    Flow audit { newId(), QStringLiteral("Audit"), QString(), { table.id, queue.id }, Risk { 2, 2 }, 0 };
    p.flows = { checkout, audit };

    TestCase create;
    create.id = newId();
    create.nodeId = api.id;
    create.flowId = checkout.id;
    create.title = QStringLiteral("order is stored");
    create.priority = Priority::High;
    create.tags = { QStringLiteral("smoke"), QStringLiteral("orders") };
    create.automated = true;
    create.checks = { sampleCheck(QStringLiteral("http")), sampleCheck(QStringLiteral("sql")) };
    TestCase manual;
    manual.id = newId();
    manual.nodeId = table.id;
    manual.title = QStringLiteral("orders are archived");
    manual.position = 1;
    manual.source = QStringLiteral("postman:7d2c0b6e-archive");
    manual.junitName = QStringLiteral("tests.test_orders.*archive*");
    manual.reviewNote = QStringLiteral("not translated: pm.expect(jsonData.archived).to.be.true;");
    p.testCases = { create, manual };

    Environment staging;
    staging.id = newId();
    staging.name = QStringLiteral("staging");
    staging.isProtected = true;
    staging.variables = { { QStringLiteral("base"), QStringLiteral("http://127.0.0.1:8080") },
        { QStringLiteral("token"), QStringLiteral("${env:STAGING_TOKEN}") } };
    staging.connections
        = { Connection { QStringLiteral("db"), QStringLiteral("QPSQL"), QStringLiteral("127.0.0.1"), 5432,
                QStringLiteral("shop"), QStringLiteral("qa"), QStringLiteral("${keychain:shop-staging}"),
                QStringLiteral("sslmode=disable") },
              Connection { QStringLiteral("cache"), QStringLiteral("redis"), QStringLiteral("127.0.0.1"),
                  6379, QStringLiteral("0"), QString(), QString(), QString() } };
    Environment local;
    local.id = newId();
    local.name = QStringLiteral("local");
    p.environments = { staging, local };

    const QDateTime t0 = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05.678Z"), Qt::ISODateWithMs);
    p.comments
        = { Comment { newId(), api.id, QStringLiteral("ana"), QStringLiteral("idempotent?"), t0, false, 0 },
              Comment { newId(), table.id, QStringLiteral("bo"), QStringLiteral("add an index"),
                  t0.addSecs(60), true, 0 } };

    for (int r = 0; r < 2; ++r) {
        Run run;
        run.id = newId();
        run.environment = staging.name;
        run.selection = QStringLiteral("flow Checkout");
        run.startedAt = t0.addSecs(3600 * (r + 1));
        if (r == 0)
            run.source = QStringLiteral("pytest-results.xml"); // results brought in from another tool
        run.finishedAt = run.startedAt.addMSecs(1500);
        run.passed = 1;
        run.failed = r;
        p.runs.append(run);
        for (const Check &c : create.checks) {
            CheckResult result;
            result.id = newId();
            result.runId = run.id;
            result.testCaseId = create.id;
            result.checkId = c.id;
            result.nodeId = api.id;
            result.status
                = (r == 1 && c.type == QLatin1String("sql")) ? ResultStatus::Fail : ResultStatus::Pass;
            result.durationMs = 40 + r;
            result.attempts = 1 + r;
            result.message
                = result.status == ResultStatus::Fail ? QStringLiteral("row count 0, expected 1") : QString();
            result.evidence = QStringLiteral("{\"id\": 7}");
            result.finishedAt = run.finishedAt;
            p.results.append(result);
        }
    }

    sortById(p.nodes);
    sortById(p.edges);
    sortById(p.flows);
    sortById(p.testCases);
    sortById(p.environments);
    sortById(p.comments);
    return p;
}

inline QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("(missing)");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

} // namespace flowbench::testing
