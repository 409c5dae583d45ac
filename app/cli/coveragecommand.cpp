#include "coveragecommand.h"

#include "analysis/riskcoverage.h"
#include "projectfiles.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench::cli {

namespace {

double rounded(double percent)
{
    return qRound(percent * 10) / 10.0;
}
QString percentText(double percent)
{
    return QString::number(rounded(percent), 'f', 1) + QLatin1Char('%');
}
QString groupText(const QString &group)
{
    return group.isEmpty() ? QStringLiteral("(no group)") : group;
}

QString stateText(NodeState state)
{
    switch (state) {
    case NodeState::NotRun:
        return QStringLiteral("not_run");
    case NodeState::Pass:
        return QStringLiteral("pass");
    case NodeState::Fail:
        return QStringLiteral("fail");
    case NodeState::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QJsonObject riskJson(const Risk &risk)
{
    return QJsonObject { { QStringLiteral("likelihood"), risk.likelihood },
        { QStringLiteral("impact"), risk.impact }, { QStringLiteral("score"), risk.score() } };
}

QJsonObject countsJson(const RiskCoverageCounts &c)
{
    return QJsonObject { { QStringLiteral("nodes"), c.nodes }, { QStringLiteral("covered"), c.covered },
        { QStringLiteral("automated"), c.automated }, { QStringLiteral("passing"), c.passing },
        { QStringLiteral("coveredPercent"), rounded(c.coveredPercent()) },
        { QStringLiteral("automatedPercent"), rounded(c.automatedPercent()) },
        { QStringLiteral("passingPercent"), rounded(c.passingPercent()) } };
}

QJsonObject levelsJson(const LevelMix &mix)
{
    QJsonObject o;
    for (TestLevel level : allTestLevels())
        o.insert(toString(level), mix.count(level));
    return o;
}

QString levelsText(const LevelMix &mix)
{
    return mix.total() == 0 ? QStringLiteral("-") : mix.text();
}

QStringList countsRow(const QString &label, const RiskCoverageCounts &c)
{
    return { label, QString::number(c.nodes), percentText(c.coveredPercent()),
        percentText(c.automatedPercent()), percentText(c.passingPercent()) };
}

struct Selection
{
    QString projectName;
    QString flow; // empty: the whole project
    int minRisk = 1;
};

QList<NodeRiskCoverage> shownNodes(const RiskCoverageReport &r, int minRisk)
{
    QList<NodeRiskCoverage> rows;
    for (const NodeRiskCoverage &n : r.ranked)
        if (n.riskScore() >= minRisk)
            rows.append(n);
    return rows;
}

QByteArray reportJson(const Selection &s, const RiskCoverageReport &r)
{
    QJsonArray nodes;
    for (const NodeRiskCoverage &n : shownNodes(r, s.minRisk))
        nodes.append(QJsonObject { { QStringLiteral("id"), n.nodeId }, { QStringLiteral("name"), n.name },
            { QStringLiteral("kind"), toString(n.kind) }, { QStringLiteral("group"), n.group },
            { QStringLiteral("risk"), riskJson(n.risk) },
            { QStringLiteral("coverage"), toString(n.coverage) },
            { QStringLiteral("testCases"), n.testCases },
            { QStringLiteral("automatedTestCases"), n.automatedTestCases },
            { QStringLiteral("levels"), levelsJson(n.levels) },
            { QStringLiteral("state"), stateText(n.outcome.state) } });
    QJsonArray flows;
    for (const FlowRiskCoverage &f : r.flows) {
        QJsonObject o = countsJson(f.counts);
        o.insert(QStringLiteral("id"), f.flowId);
        o.insert(QStringLiteral("name"), f.name);
        o.insert(QStringLiteral("risk"), riskJson(f.risk));
        o.insert(QStringLiteral("levels"), levelsJson(f.levels));
        flows.append(o);
    }
    QJsonArray groups;
    for (const GroupRiskCoverage &g : r.groups) {
        QJsonObject o = countsJson(g.counts);
        o.insert(QStringLiteral("group"), g.group);
        groups.append(o);
    }
    const QJsonObject root { { QStringLiteral("project"), s.projectName },
        { QStringLiteral("flow"), s.flow.isEmpty() ? QJsonValue() : QJsonValue(s.flow) },
        { QStringLiteral("minRisk"), s.minRisk }, { QStringLiteral("nodes"), nodes },
        { QStringLiteral("flows"), flows }, { QStringLiteral("groups"), groups },
        { QStringLiteral("total"), countsJson(r.total) } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString reportText(const Selection &s, const RiskCoverageReport &r)
{
    QString text = QStringLiteral("Project: %1\n").arg(s.projectName);
    if (!s.flow.isEmpty())
        text += QStringLiteral("Flow: %1\n").arg(s.flow);
    text += QStringLiteral("\nNodes by risk, weakest coverage first");
    if (s.minRisk > 1)
        text += QStringLiteral(" (risk %1 and above)").arg(s.minRisk);
    text += QStringLiteral(":\n");
    const QList<NodeRiskCoverage> nodes = shownNodes(r, s.minRisk);
    QList<QStringList> rows { { QStringLiteral("risk"), QStringLiteral("node"), QStringLiteral("kind"),
        QStringLiteral("group"), QStringLiteral("coverage"), QStringLiteral("test cases"), QStringLiteral("levels") } };
    QStringList shallow;
    for (const NodeRiskCoverage &n : nodes) {
        rows << QStringList { QString::number(n.riskScore()), n.name, toString(n.kind), groupText(n.group),
            toString(n.coverage), QString::number(n.testCases), levelsText(n.levels) };
        if (n.riskScore() >= kHighRiskScore && n.levels.onlyApi())
            shallow << n.name;
    }
    text += nodes.isEmpty() ? QStringLiteral("  (no nodes)\n") : alignedColumns(rows, { 0, 5 });
    if (!shallow.isEmpty())
        text += QStringLiteral("\nHigh-risk nodes tested through the API only (risk %1 and above): %2\n")
                    .arg(kHighRiskScore)
                    .arg(shallow.join(QStringLiteral(", ")));

    const QStringList header { QString(), QStringLiteral("nodes"), QStringLiteral("covered"),
        QStringLiteral("automated"), QStringLiteral("passing") };
    if (!r.flows.isEmpty()) {
        QList<QStringList> flows { QStringList { QStringLiteral("Flow") } + header.mid(1)
            + QStringList { QStringLiteral("levels") } };
        for (const FlowRiskCoverage &f : r.flows)
            flows << countsRow(f.name, f.counts) + QStringList { levelsText(f.levels) };
        text += QLatin1Char('\n') + alignedColumns(flows, { 1, 2, 3, 4 });
    }
    if (!r.groups.isEmpty()) {
        QList<QStringList> groups { QStringList { QStringLiteral("Group") } + header.mid(1) };
        for (const GroupRiskCoverage &g : r.groups)
            groups << countsRow(groupText(g.group), g.counts);
        text += QLatin1Char('\n') + alignedColumns(groups, { 1, 2, 3, 4 });
    }
    const RiskCoverageCounts &t = r.total;
    text += QStringLiteral("\nTotal: %1 nodes; %2 covered (%3), %4 automated (%5), %6 passing (%7)\n")
                .arg(t.nodes)
                .arg(t.covered)
                .arg(percentText(t.coveredPercent()))
                .arg(t.automated)
                .arg(percentText(t.automatedPercent()))
                .arg(t.passing)
                .arg(percentText(t.passingPercent()));
    return text;
}

} // namespace

void CoverageCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"),
        QStringLiteral("A project file (*.flowbench) or its canonical JSON (*.json)."));
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print JSON instead of tables.") });
    parser.addOption(
        { QStringLiteral("flow"), QStringLiteral("Only the nodes of this flow."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("min-risk"),
        QStringLiteral("List only nodes whose risk score (likelihood x impact, 1-25) is at least N; "
                       "the summaries still count every node."),
        QStringLiteral("N") });
}

int CoverageCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    Selection selection;
    if (parser.isSet(QStringLiteral("min-risk"))) {
        bool ok = false;
        selection.minRisk = parser.value(QStringLiteral("min-risk")).toInt(&ok);
        if (!ok || selection.minRisk < 1 || selection.minRisk > 25)
            return usageError(err, name(),
                QStringLiteral("--min-risk expects a number from 1 to 25, not \"%1\"")
                    .arg(parser.value(QStringLiteral("min-risk"))));
    }
    const Result<Project> loaded = readProject(args[0]);
    if (!loaded) {
        err << loaded.error() << "\n";
        return ExitBadInput;
    }
    const Project &project = loaded.value();
    selection.projectName = project.name;

    QSet<Id> scope;
    Id flowId;
    if (parser.isSet(QStringLiteral("flow"))) {
        selection.flow = parser.value(QStringLiteral("flow"));
        const Flow *flow = project.flowByName(selection.flow);
        if (!flow) {
            QStringList names;
            for (const Flow &f : project.flows)
                names << QLatin1Char('"') + f.name + QLatin1Char('"');
            err << args[0] << ": no flow named \"" << selection.flow << "\"; "
                << (names.isEmpty() ? QStringLiteral("the project has no flows")
                                    : QStringLiteral("flows: ") + names.join(QStringLiteral(", ")))
                << "\n";
            return ExitBadInput;
        }
        flowId = flow->id;
        scope = QSet<Id>(flow->nodeIds.cbegin(), flow->nodeIds.cend());
        if (scope.isEmpty())
            scope.insert(QString()); // an empty flow shows no nodes, not every node
    }

    RiskCoverageReport report = computeRiskCoverage(project, latestResultsOf(project.results), scope);
    if (!selection.flow.isEmpty()) {
        QList<FlowRiskCoverage> onlyThis;
        for (const FlowRiskCoverage &f : report.flows)
            if (f.flowId == flowId)
                onlyThis.append(f);
        report.flows = onlyThis;
    }
    if (parser.isSet(QStringLiteral("json")))
        out << QString::fromUtf8(reportJson(selection, report));
    else
        out << reportText(selection, report);
    return ExitOk;
}

} // namespace flowbench::cli
