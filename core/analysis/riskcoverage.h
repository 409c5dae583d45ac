#pragma once

#include "analysis/nodeoutcomes.h"
#include "analysis/testlevels.h"
#include "model/project.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace flowbench {

// How far a node's testing goes, weakest first: no test case; manual test cases only;
// automated test cases with checks whose latest results are not all pass (or not run);
// every check of its automated test cases passed in its latest result.
enum class CoverageClass { None, Manual, Automated, Passing };
QString toString(CoverageClass coverage);

// One node on the risk x coverage list (and the colour of the map's coverage overlay).
struct NodeRiskCoverage
{
    Id nodeId;
    QString name;
    NodeKind kind = NodeKind::Service;
    QString group;
    Risk risk;
    CoverageClass coverage = CoverageClass::None;
    int testCases = 0; // manual and automated
    int automatedTestCases = 0; // automated ones with at least one check
    LevelMix levels; // of its test cases, manual and automated
    NodeOutcome outcome; // from the latest results, as the map shows it

    int riskScore() const { return risk.score(); }
    // Automated, and its latest results include a fail or an error.
    bool isFailing() const
    {
        return automatedTestCases > 0 && (outcome.state == NodeState::Fail || outcome.state == NodeState::Error);
    }
};

// From this risk score (likelihood x impact) on, a node without automated checks needs
// attention before anything else.
constexpr int kHighRiskScore = 12;
bool needsAttention(const NodeRiskCoverage &node, int highRiskScore = kHighRiskScore);
// `ranked` with the nodes that need attention first; each part keeps its ranked order.
QList<NodeRiskCoverage> attentionFirst(const QList<NodeRiskCoverage> &ranked, int highRiskScore = kHighRiskScore);

// Counts over a set of distinct nodes; each count includes the stronger classes
// (a passing node is also automated and covered).
struct RiskCoverageCounts
{
    int nodes = 0;
    int covered = 0; // >= 1 test case
    int automated = 0; // Automated or Passing
    int passing = 0;

    void add(CoverageClass coverage);
    // Shares of `nodes`, 0..100 (0 for no nodes).
    double coveredPercent() const { return share(covered); }
    double automatedPercent() const { return share(automated); }
    double passingPercent() const { return share(passing); }
    bool operator==(const RiskCoverageCounts &o) const
    {
        return nodes == o.nodes && covered == o.covered && automated == o.automated && passing == o.passing;
    }

private:
    double share(int n) const { return nodes == 0 ? 0.0 : 100.0 * n / nodes; }
};

struct FlowRiskCoverage
{
    Id flowId;
    QString name;
    Risk risk;
    RiskCoverageCounts counts; // the flow's distinct nodes (within the scope)
    // Its test cases' levels: those that name the flow or sit on one of its nodes (within the scope).
    LevelMix levels;
};

struct GroupRiskCoverage
{
    QString group; // empty: nodes without a group
    RiskCoverageCounts counts;
};

struct RiskCoverageReport
{
    // Highest risk score first; among equal scores the weakest coverage first; then by
    // name (case-insensitive) and id, so the order is stable.
    QList<NodeRiskCoverage> ranked;
    QList<FlowRiskCoverage> flows; // in project order
    QList<GroupRiskCoverage> groups; // by name, the empty group last
    RiskCoverageCounts total;

    QHash<Id, int> rowOfNode; // node id -> index into `ranked`

    // The row of a node, or nullptr when the node is not in the report.
    const NodeRiskCoverage *node(const Id &nodeId) const;
};

// `latestResults`: at most one result per check (ProjectStore::latestResults() or
// latestResultsOf()). `scope`: the nodes to report on; empty means every node. Flows
// count only their nodes inside the scope, and a flow with none of them is left out.
RiskCoverageReport computeRiskCoverage(
    const Project &project, const QList<CheckResult> &latestResults, const QSet<Id> &scope = {});

// The newest result of each check among `results` (a project's whole run history);
// among equal finish times the one listed last wins, as in the store.
QList<CheckResult> latestResultsOf(const QList<CheckResult> &results);

} // namespace flowbench
