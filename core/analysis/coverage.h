#pragma once

#include "model/project.h"

#include <QHash>
#include <QList>
#include <QString>

namespace flowbench {

// How well a node is covered by test cases. Automated means at least one automated test
// case with at least one check; Manual means test cases exist but none of them runs.
enum class NodeCoverage { None, Manual, Automated };
QString toString(NodeCoverage coverage);

// Counts over a set of nodes (all, one kind, one flow, one group).
struct CoverageCounts
{
    int nodes = 0;
    int withTestCases = 0;  // >= 1 test case, manual or automated
    int withAutomated = 0;  // >= 1 automated test case with checks
    // Share of nodes with >= 1 test case, 0..100 (0 for no nodes).
    double percent() const { return nodes == 0 ? 0.0 : 100.0 * withTestCases / nodes; }
    double automatedPercent() const { return nodes == 0 ? 0.0 : 100.0 * withAutomated / nodes; }
    void add(NodeCoverage coverage);
    bool operator==(const CoverageCounts &o) const
    {
        return nodes == o.nodes && withTestCases == o.withTestCases && withAutomated == o.withAutomated;
    }
};

struct KindCoverage
{
    NodeKind kind;
    CoverageCounts counts;
};

// A flow counts each node of its path once, however often the path visits it.
struct FlowCoverage
{
    Id flowId;
    QString name;
    CoverageCounts counts;
    int testCases = 0; // test cases attached to the flow
};

struct GroupCoverage
{
    QString group; // empty: nodes without a group
    CoverageCounts counts;
};

struct CoverageReport
{
    QHash<Id, NodeCoverage> nodeCoverage; // every node of the project
    QHash<Id, int> testCasesPerNode;
    CoverageCounts total;
    QList<KindCoverage> kinds;   // every node kind, in allNodeKinds() order, also when empty
    QList<FlowCoverage> flows;   // in project order
    QList<GroupCoverage> groups; // sorted by name, the empty group last
    int edges = 0;
    int testCases = 0;
    int manualTestCases = 0;
    int automatedTestCases = 0;
    int checks = 0;

    NodeCoverage coverageOf(const Id &nodeId) const { return nodeCoverage.value(nodeId, NodeCoverage::None); }
    const KindCoverage &kind(NodeKind kind) const;
};

// For the statistics command and the map's coverage overlay (colour per node,
// summaries per flow and group).
CoverageReport computeCoverage(const Project &project);

} // namespace flowbench
