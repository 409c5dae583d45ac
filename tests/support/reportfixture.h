#pragma once
// A finished run with every kind of outcome, with fixed ids and times, for the golden
// files of reports (Markdown summary, HTML report). Header-only.
#include "support/shopproject.h"

#include <QDateTime>

namespace flowbench::testing {

struct ReportFixture
{
    Project project;
    Run run;
    QList<CheckResult> results;
};

inline ReportFixture makeReportFixture()
{
    ReportFixture f;
    Project &p = f.project;
    p.name = QStringLiteral("Shop | review");
    auto node = [&](const char *id, NodeKind kind, const QString &name, int likelihood, int impact) {
        Node n = makeNode(kind, name);
        n.id = QString::fromLatin1(id);
        n.x = 260.0 * (p.nodes.size() % 2);
        n.y = 130.0 * (p.nodes.size() / 2);
        n.risk.likelihood = likelihood;
        n.risk.impact = impact;
        p.nodes << n;
        return n.id;
    };
    const Id orders
        = node("00000000-0000-0000-0000-0000000000a1", NodeKind::Api, QStringLiteral("POST /orders"), 4, 5);
    const Id table
        = node("00000000-0000-0000-0000-0000000000a2", NodeKind::Table, QStringLiteral("orders"), 3, 5);
    const Id health
        = node("00000000-0000-0000-0000-0000000000a3", NodeKind::Api, QStringLiteral("GET /health"), 1, 2);
    node("00000000-0000-0000-0000-0000000000a4", NodeKind::Queue, QStringLiteral("refunds <queue>"), 5, 4);
    Edge e = makeEdge(orders, table, EdgeKind::Writes);
    e.id = QStringLiteral("00000000-0000-0000-0000-0000000000e1");
    p.edges << e;
    Flow checkout;
    checkout.id = QStringLiteral("00000000-0000-0000-0000-0000000000f1");
    checkout.name = QStringLiteral("Checkout");
    checkout.nodeIds = { orders, table };
    Flow refund;
    refund.id = QStringLiteral("00000000-0000-0000-0000-0000000000f2");
    refund.name = QStringLiteral("Refund");
    refund.nodeIds = { orders };
    p.flows << checkout << refund;

    f.run.id = QStringLiteral("00000000-0000-0000-0000-0000000000b1");
    f.run.environment = QStringLiteral("staging");
    f.run.selection = QStringLiteral("all");
    f.run.startedBy = QStringLiteral("dana");
    f.run.startedAt = QDateTime(QDate(2026, 12, 3), QTime(12, 0, 0), Qt::UTC);
    f.run.finishedAt = f.run.startedAt.addMSecs(2345);

    int checkNo = 0;
    auto addCase = [&](const char *id, const Id &nodeId, const Id &flowId, const QString &title,
                       const QList<std::tuple<QString, ResultStatus, QString, QString>> &steps) {
        QList<Check> checks;
        for (const auto &step : steps) {
            Check c
                = httpCheck(std::get<0>(step), QStringLiteral("GET"), QStringLiteral("http://127.0.0.1:1/"));
            c.id = QStringLiteral("00000000-0000-0000-0000-%1").arg(++checkNo, 12, 10, QLatin1Char('0'));
            checks << c;
        }
        TestCase t = makeCase(nodeId, title, {}, checks);
        t.id = QString::fromLatin1(id);
        t.flowId = flowId;
        p.testCases << t;
        for (int i = 0; i < steps.size(); ++i) {
            CheckResult r;
            r.id = QStringLiteral("00000000-0000-0000-0001-%1").arg(checks.at(i).id.right(12));
            r.runId = f.run.id;
            r.testCaseId = t.id;
            r.checkId = checks.at(i).id;
            r.nodeId = nodeId;
            r.status = std::get<1>(steps.at(i));
            r.message = std::get<2>(steps.at(i));
            r.evidence = std::get<3>(steps.at(i));
            r.durationMs = r.status == ResultStatus::Skipped ? 0 : 100 * (i + 1);
            r.attempts = r.status == ResultStatus::Skipped ? 0 : 1;
            r.finishedAt = f.run.startedAt.addMSecs(r.durationMs);
            f.results << r;
            switch (r.status) {
            case ResultStatus::Pass:
                ++f.run.passed;
                break;
            case ResultStatus::Fail:
                ++f.run.failed;
                break;
            case ResultStatus::Error:
                ++f.run.errors;
                break;
            case ResultStatus::Skipped:
                ++f.run.skipped;
                break;
            }
        }
    };
    const ResultStatus pass = ResultStatus::Pass, fail = ResultStatus::Fail, error = ResultStatus::Error,
                       skipped = ResultStatus::Skipped;
    addCase("00000000-0000-0000-0000-0000000000c1", orders, checkout.id, QStringLiteral("Place an order"),
        { { QStringLiteral("create"), pass, QString(), QString() },
            { QStringLiteral("confirm"), fail,
                QStringLiteral("status: expected 201, got 500 | see `http://127.0.0.1:8080/orders`"),
                QStringLiteral(
                    "HTTP 500 Internal Server Error\nContent-Type: application/json\n\n{\"error\":\"<db "
                    "down>\"}") },
            { QStringLiteral("row stored"), skipped, QStringLiteral("skipped: step 2 failed"), QString() } });
    addCase("00000000-0000-0000-0000-0000000000c2", table, checkout.id,
        QStringLiteral("Order row has the total"),
        { { QStringLiteral("select"), pass, QString(), QString() },
            { QStringLiteral("total"), pass, QString(), QString() } });
    addCase("00000000-0000-0000-0000-0000000000c3", orders, refund.id, QStringLiteral("Refund *partial*"),
        { { QStringLiteral("refund"), error,
            QStringLiteral("connection refused by 127.0.0.1:1 (is the service running?)\nsecond line"),
            QString() } });
    addCase("00000000-0000-0000-0000-0000000000c4", health, Id(), QStringLiteral("Health"),
        { { QStringLiteral("up"), pass, QString(), QString() } });
    addCase("00000000-0000-0000-0000-0000000000c5", table, Id(), QStringLiteral("Stock eventually released"),
        { { QStringLiteral("released"), fail,
            QStringLiteral("after 3 tries in 2.0 s: rows: expected length == 1, got 0"),
            QStringLiteral("rows: []") } });
    return f;
}

} // namespace flowbench::testing
