#include "statscommand.h"

#include "analysis/coverage.h"
#include "projectfiles.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench::cli {

namespace {

double rounded(double percent) { return qRound(percent * 10) / 10.0; }
QString percentText(double percent) { return QString::number(rounded(percent), 'f', 1) + QLatin1Char('%'); }

QStringList countsRow(const QString &label, const CoverageCounts &c)
{
    return {label, QString::number(c.nodes), QString::number(c.withTestCases), QString::number(c.withAutomated),
            c.nodes ? percentText(c.percent()) : QStringLiteral("-")};
}

QJsonObject countsJson(const CoverageCounts &c)
{
    return QJsonObject{{QStringLiteral("nodes"), c.nodes},
                       {QStringLiteral("withTestCases"), c.withTestCases},
                       {QStringLiteral("withAutomated"), c.withAutomated},
                       {QStringLiteral("percent"), rounded(c.percent())},
                       {QStringLiteral("automatedPercent"), rounded(c.automatedPercent())}};
}

QByteArray statsJson(const Project &p, const CoverageReport &r)
{
    QJsonObject kinds;
    for (const KindCoverage &k : r.kinds)
        kinds.insert(toString(k.kind), countsJson(k.counts));
    QJsonArray flows;
    for (const FlowCoverage &f : r.flows) {
        QJsonObject o = countsJson(f.counts);
        o.insert(QStringLiteral("name"), f.name);
        o.insert(QStringLiteral("testCases"), f.testCases);
        flows.append(o);
    }
    QJsonArray groups;
    for (const GroupCoverage &g : r.groups) {
        QJsonObject o = countsJson(g.counts);
        o.insert(QStringLiteral("group"), g.group);
        groups.append(o);
    }
    const QJsonObject root{
        {QStringLiteral("project"), p.name},
        {QStringLiteral("nodes"), r.total.nodes},
        {QStringLiteral("kinds"), kinds},
        {QStringLiteral("edges"), r.edges},
        {QStringLiteral("flows"), flows},
        {QStringLiteral("groups"), groups},
        {QStringLiteral("testCases"), QJsonObject{{QStringLiteral("total"), r.testCases},
                                                  {QStringLiteral("manual"), r.manualTestCases},
                                                  {QStringLiteral("automated"), r.automatedTestCases}}},
        {QStringLiteral("checks"), r.checks},
        {QStringLiteral("coverage"), countsJson(r.total)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString statsText(const Project &p, const CoverageReport &r)
{
    const QStringList header = {QString(), QStringLiteral("nodes"), QStringLiteral("with tests"),
                                QStringLiteral("automated"), QStringLiteral("coverage")};
    QString text = QStringLiteral("Project: %1\n\n").arg(p.name);
    QList<QStringList> kinds{QStringList{QStringLiteral("Node kind")} + header.mid(1)};
    for (const KindCoverage &k : r.kinds)
        kinds << countsRow(toString(k.kind), k.counts);
    kinds << countsRow(QStringLiteral("total"), r.total);
    text += labelledNumbers(kinds);

    text += QLatin1Char('\n');
    text += labelledNumbers({{QStringLiteral("Edges"), QString::number(r.edges)},
                          {QStringLiteral("Flows"), QString::number(r.flows.size())},
                          {QStringLiteral("Test cases"), QString::number(r.testCases)},
                          {QStringLiteral("  automated"), QString::number(r.automatedTestCases)},
                          {QStringLiteral("  manual"), QString::number(r.manualTestCases)},
                          {QStringLiteral("Checks"), QString::number(r.checks)}});
    text += QStringLiteral("\nCoverage: %1 of nodes have at least one test case (%2 of %3); "
                           "%4 have automated checks (%5 of %3)\n")
                .arg(percentText(r.total.percent()))
                .arg(r.total.withTestCases)
                .arg(r.total.nodes)
                .arg(percentText(r.total.automatedPercent()))
                .arg(r.total.withAutomated);

    if (!r.flows.isEmpty()) {
        QList<QStringList> flows{QStringList{QStringLiteral("Flow")} + header.mid(1)};
        for (const FlowCoverage &f : r.flows)
            flows << countsRow(f.name, f.counts);
        text += QLatin1Char('\n') + labelledNumbers(flows);
    }
    if (!r.groups.isEmpty()) {
        QList<QStringList> groups{QStringList{QStringLiteral("Group")} + header.mid(1)};
        for (const GroupCoverage &g : r.groups)
            groups << countsRow(g.group.isEmpty() ? QStringLiteral("(no group)") : g.group, g.counts);
        text += QLatin1Char('\n') + labelledNumbers(groups);
    }
    return text;
}

} // namespace

void StatsCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A project file (*.flowbench) or its canonical JSON (*.json)."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")});
}

int StatsCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    const Result<Project> project = readProject(args[0]);
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    const CoverageReport report = computeCoverage(project.value());
    if (parser.isSet(QStringLiteral("json")))
        out << QString::fromUtf8(statsJson(project.value(), report));
    else
        out << statsText(project.value(), report);
    return ExitOk;
}

} // namespace flowbench::cli
