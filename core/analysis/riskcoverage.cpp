#include "analysis/riskcoverage.h"

#include "analysis/coverage.h"

#include <QMap>
#include <algorithm>

namespace flowbench {

QString toString(CoverageClass coverage)
{
    switch (coverage) {
    case CoverageClass::None:
        return QStringLiteral("none");
    case CoverageClass::Manual:
        return QStringLiteral("manual");
    case CoverageClass::Automated:
        return QStringLiteral("automated");
    case CoverageClass::Passing:
        return QStringLiteral("passing");
    }
    return QString();
}

void RiskCoverageCounts::add(CoverageClass coverage)
{
    ++nodes;
    if (coverage != CoverageClass::None)
        ++covered;
    if (coverage == CoverageClass::Automated || coverage == CoverageClass::Passing)
        ++automated;
    if (coverage == CoverageClass::Passing)
        ++passing;
}

const NodeRiskCoverage *RiskCoverageReport::node(const Id &nodeId) const
{
    const auto it = rowOfNode.constFind(nodeId);
    return it == rowOfNode.cend() ? nullptr : &ranked[*it];
}

namespace {

CoverageClass classOf(NodeCoverage coverage)
{
    switch (coverage) {
    case NodeCoverage::None:
        return CoverageClass::None;
    case NodeCoverage::Manual:
        return CoverageClass::Manual;
    case NodeCoverage::Automated:
        return CoverageClass::Automated;
    }
    return CoverageClass::None;
}

bool ranksBefore(const NodeRiskCoverage &a, const NodeRiskCoverage &b)
{
    if (a.riskScore() != b.riskScore())
        return a.riskScore() > b.riskScore();
    if (a.coverage != b.coverage)
        return a.coverage < b.coverage; // the enum is ordered weakest first
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    if (byName != 0)
        return byName < 0;
    return a.nodeId < b.nodeId;
}

} // namespace

RiskCoverageReport computeRiskCoverage(
    const Project &project, const QList<CheckResult> &latestResults, const QSet<Id> &scope)
{
    // None / Manual / Automated is the coverage module's rule; this adds Passing on top.
    const CoverageReport coverage = computeCoverage(project);
    const QHash<Id, NodeOutcome> outcomes = nodeOutcomes(project, latestResults);

    QHash<Id, ResultStatus> latest;
    latest.reserve(latestResults.size());
    for (const CheckResult &r : latestResults)
        latest.insert(r.checkId, r.status);

    // A node passes when every check of each of its automated test cases passed last time.
    QHash<Id, int> automatedPerNode;
    QSet<Id> notAllPassing;
    for (const TestCase &t : project.testCases) {
        if (!t.automated || t.checks.isEmpty())
            continue;
        ++automatedPerNode[t.nodeId];
        for (const Check &c : t.checks) {
            const auto status = latest.constFind(c.id);
            if (status == latest.cend() || *status != ResultStatus::Pass) {
                notAllPassing.insert(t.nodeId);
                break;
            }
        }
    }

    QHash<Id, LevelMix> levelsPerNode;
    for (const TestCase &t : project.testCases)
        levelsPerNode[t.nodeId].add(effectiveLevel(t));

    RiskCoverageReport report;
    QHash<Id, CoverageClass> classes;
    QMap<QString, RiskCoverageCounts> groups;
    report.ranked.reserve(scope.isEmpty() ? project.nodes.size() : scope.size());
    for (const Node &n : project.nodes) {
        if (!scope.isEmpty() && !scope.contains(n.id))
            continue;
        NodeRiskCoverage row;
        row.nodeId = n.id;
        row.name = n.name;
        row.kind = n.kind;
        row.group = n.group;
        row.risk = n.risk;
        row.coverage = classOf(coverage.coverageOf(n.id));
        if (row.coverage == CoverageClass::Automated && !notAllPassing.contains(n.id))
            row.coverage = CoverageClass::Passing;
        row.testCases = coverage.testCasesPerNode.value(n.id);
        row.automatedTestCases = automatedPerNode.value(n.id);
        row.levels = levelsPerNode.value(n.id);
        row.outcome = outcomes.value(n.id);
        classes.insert(n.id, row.coverage);
        report.total.add(row.coverage);
        groups[n.group].add(row.coverage);
        report.ranked.append(row);
    }
    std::sort(report.ranked.begin(), report.ranked.end(), ranksBefore);
    report.rowOfNode.reserve(report.ranked.size());
    for (int i = 0; i < report.ranked.size(); ++i)
        report.rowOfNode.insert(report.ranked[i].nodeId, i);

    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        if (!it.key().isEmpty())
            report.groups.append(GroupRiskCoverage { it.key(), it.value() });
    if (groups.contains(QString()))
        report.groups.append(GroupRiskCoverage { QString(), groups.value(QString()) });

    for (const Flow &f : project.flows) {
        FlowRiskCoverage entry { f.id, f.name, f.risk, {}, {} };
        QSet<Id> seen;
        for (const Id &id : f.nodeIds) {
            const auto c = classes.constFind(id);
            if (c == classes.cend() || seen.contains(id))
                continue;
            seen.insert(id);
            entry.counts.add(*c);
        }
        for (const TestCase &t : project.testCases)
            if (t.flowId == f.id ? (scope.isEmpty() || scope.contains(t.nodeId)) : seen.contains(t.nodeId))
                entry.levels.add(effectiveLevel(t));
        if (scope.isEmpty() || entry.counts.nodes > 0)
            report.flows.append(entry);
    }
    return report;
}

bool needsAttention(const NodeRiskCoverage &node, int highRiskScore)
{
    return node.riskScore() >= highRiskScore && node.coverage < CoverageClass::Automated;
}

QList<NodeRiskCoverage> attentionFirst(const QList<NodeRiskCoverage> &ranked, int highRiskScore)
{
    QList<NodeRiskCoverage> list = ranked;
    std::stable_partition(list.begin(), list.end(),
        [highRiskScore](const NodeRiskCoverage &n) { return needsAttention(n, highRiskScore); });
    return list;
}

QList<CheckResult> latestResultsOf(const QList<CheckResult> &results)
{
    QHash<Id, int> newest; // check id -> index into results
    for (int i = 0; i < results.size(); ++i) {
        const CheckResult &r = results[i];
        if (r.checkId.isEmpty())
            continue;
        auto it = newest.find(r.checkId);
        if (it == newest.end())
            newest.insert(r.checkId, i);
        else if (!(r.finishedAt < results[*it].finishedAt))
            it.value() = i;
    }
    QList<int> rows = newest.values();
    std::sort(rows.begin(), rows.end());
    QList<CheckResult> latest;
    latest.reserve(rows.size());
    for (int i : rows)
        latest.append(results[i]);
    return latest;
}

} // namespace flowbench
