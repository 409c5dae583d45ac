#include "analysis/coverage.h"

#include <QSet>
#include <algorithm>

namespace flowbench {

QString toString(NodeCoverage coverage)
{
    switch (coverage) {
    case NodeCoverage::None: return QStringLiteral("none");
    case NodeCoverage::Manual: return QStringLiteral("manual");
    case NodeCoverage::Automated: return QStringLiteral("automated");
    }
    return QString();
}

void CoverageCounts::add(NodeCoverage coverage)
{
    ++nodes;
    if (coverage != NodeCoverage::None)
        ++withTestCases;
    if (coverage == NodeCoverage::Automated)
        ++withAutomated;
}

const KindCoverage &CoverageReport::kind(NodeKind k) const
{
    for (const KindCoverage &entry : kinds)
        if (entry.kind == k)
            return entry;
    Q_UNREACHABLE(); // computeCoverage lists every kind
    return kinds.first();
}

CoverageReport computeCoverage(const Project &project)
{
    CoverageReport report;
    report.edges = int(project.edges.size());

    for (const Node &n : project.nodes)
        report.nodeCoverage.insert(n.id, NodeCoverage::None);

    QHash<Id, int> testCasesPerFlow;
    for (const TestCase &t : project.testCases) {
        ++report.testCases;
        report.checks += int(t.checks.size());
        if (t.automated)
            ++report.automatedTestCases;
        else
            ++report.manualTestCases;
        if (!t.flowId.isEmpty())
            ++testCasesPerFlow[t.flowId];
        auto it = report.nodeCoverage.find(t.nodeId);
        if (it == report.nodeCoverage.end())
            continue; // dangling reference; validateProject reports it
        ++report.testCasesPerNode[t.nodeId];
        const bool runs = t.automated && !t.checks.isEmpty();
        if (runs)
            it.value() = NodeCoverage::Automated;
        else if (it.value() == NodeCoverage::None)
            it.value() = NodeCoverage::Manual;
    }

    for (NodeKind k : allNodeKinds())
        report.kinds.append(KindCoverage{k, {}});
    QMap<QString, CoverageCounts> groups;
    for (const Node &n : project.nodes) {
        const NodeCoverage c = report.nodeCoverage.value(n.id);
        report.total.add(c);
        for (KindCoverage &entry : report.kinds)
            if (entry.kind == n.kind)
                entry.counts.add(c);
        groups[n.group].add(c);
    }
    for (auto it = groups.begin(); it != groups.end(); ++it)
        if (!it.key().isEmpty())
            report.groups.append(GroupCoverage{it.key(), it.value()});
    if (groups.contains(QString()))
        report.groups.append(GroupCoverage{QString(), groups.value(QString())});

    for (const Flow &f : project.flows) {
        FlowCoverage fc{f.id, f.name, {}, testCasesPerFlow.value(f.id)};
        QSet<Id> seen;
        for (const Id &id : f.nodeIds) {
            if (seen.contains(id) || !report.nodeCoverage.contains(id))
                continue;
            seen.insert(id);
            fc.counts.add(report.nodeCoverage.value(id));
        }
        report.flows.append(fc);
    }
    return report;
}

} // namespace flowbench
