#pragma once
// A small project for the run, analysis and environment panels: four nodes, two automated
// test cases and a manual one, a flow, a local and a protected production environment;
// and results and runs made to measure.

#include "model/project.h"

#include <QDateTime>
#include <QtTest>

namespace flowbench::testing {

struct PanelFixture
{
    Project project;
    Id api, table, queue, email;
    Id cCreate, cRow, cQueue;
    Id tcCreate, tcRow;

    PanelFixture()
    {
        api = addNode(QStringLiteral("POST /orders"), QStringLiteral("orders"), { 5, 4 });
        table = addNode(QStringLiteral("orders table"), QStringLiteral("orders"), { 3, 5 });
        queue = addNode(QStringLiteral("order-events"), QStringLiteral("messaging"), { 4, 4 });
        email = addNode(QStringLiteral("email service"), QString(), { 1, 2 });
        tcCreate = addTestCase(api, QStringLiteral("Create order"), true, { &cCreate });
        tcRow = addTestCase(table, QStringLiteral("Order row written"), true, { &cRow });
        Id unused;
        addTestCase(queue, QStringLiteral("Event published (manual)"), false, {});
        Q_UNUSED(unused);
        Flow f;
        f.id = newId();
        f.name = QStringLiteral("Checkout");
        f.nodeIds = { api, table, queue };
        project.flows.append(f);
        Environment local;
        local.id = newId();
        local.name = QStringLiteral("local");
        local.variables.insert(QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:8080"));
        Environment prod = local;
        prod.id = newId();
        prod.name = QStringLiteral("production");
        prod.isProtected = true;
        prod.variables.insert(QStringLiteral("api_token"), QStringLiteral("${env:SHOP_TOKEN}"));
        prod.connections.append(
            Connection { QStringLiteral("shop"), QStringLiteral("QPSQL"), QStringLiteral("db.internal"), 5432,
                QStringLiteral("shop"), QStringLiteral("qa"), QStringLiteral("${env:PG_PASSWORD}"), {} });
        project.environments = { local, prod };
    }
    Id addNode(const QString &name, const QString &group, Risk risk)
    {
        Node n;
        n.id = newId();
        n.name = name;
        n.group = group;
        n.risk = risk;
        project.nodes.append(n);
        return n.id;
    }
    Id addTestCase(const Id &node, const QString &title, bool automated, QList<Id *> checks)
    {
        TestCase t;
        t.id = newId();
        t.nodeId = node;
        t.title = title;
        t.automated = automated;
        for (Id *id : checks) {
            Check c;
            c.id = newId();
            c.type = QStringLiteral("http");
            c.name = title + QStringLiteral(" check");
            *id = c.id;
            t.checks.append(c);
        }
        project.testCases.append(t);
        return t.id;
    }
    CheckResult result(const Id &run, const Id &check, ResultStatus status,
        const QString &message = QString(), qint64 ms = 20) const
    {
        CheckResult r;
        r.id = newId();
        r.runId = run;
        r.checkId = check;
        r.status = status;
        r.durationMs = ms;
        r.attempts = 1;
        r.message = message;
        r.finishedAt = QDateTime::currentDateTimeUtc();
        for (const TestCase &t : project.testCases)
            for (const Check &c : t.checks)
                if (c.id == check) {
                    r.testCaseId = t.id;
                    r.nodeId = t.nodeId;
                }
        return r;
    }
    Run run(const QString &selection, int minutesAgo) const
    {
        Run r;
        r.id = newId();
        r.environment = QStringLiteral("local");
        r.selection = selection;
        r.startedAt = QDateTime::currentDateTime().addSecs(-60 * minutesAgo);
        r.finishedAt = r.startedAt.addMSecs(2400);
        return r;
    }
};

// What a real double-click delivers: a click, then the double-click event.
inline void doubleClick(QWidget *viewport, const QPoint &pos)
{
    QTest::mouseClick(viewport, Qt::LeftButton, {}, pos);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, pos);
}

} // namespace flowbench::testing
