#include "analysis/nodeoutcomes.h"

namespace flowbench {

namespace {

int severity(NodeState s)
{
    switch (s) {
    case NodeState::NotRun:
        return 0;
    case NodeState::Pass:
        return 1;
    case NodeState::Fail:
        return 2;
    case NodeState::Error:
        return 3;
    }
    return 0;
}

} // namespace

QHash<Id, Id> nodesOfChecks(const Project &project)
{
    QHash<Id, Id> nodeOfCheck;
    for (const TestCase &t : project.testCases)
        for (const Check &c : t.checks + t.cleanup)
            nodeOfCheck.insert(c.id, t.nodeId);
    return nodeOfCheck;
}

QHash<Id, NodeOutcome> nodeOutcomes(const Project &project, const QList<CheckResult> &latestResults)
{
    const QHash<Id, Id> nodeOfCheck = nodesOfChecks(project);

    QHash<Id, NodeOutcome> outcomes;
    for (const CheckResult &r : latestResults) {
        const auto node = nodeOfCheck.constFind(r.checkId);
        if (node == nodeOfCheck.cend())
            continue;
        // A cleanup step counts only when it left something behind (an error).
        if (r.cleanup && r.status != ResultStatus::Error)
            continue;
        NodeOutcome &o = outcomes[*node];
        NodeState state = NodeState::NotRun;
        switch (r.status) {
        case ResultStatus::Pass:
            ++o.passed;
            state = NodeState::Pass;
            break;
        case ResultStatus::Fail:
            ++o.failed;
            state = NodeState::Fail;
            break;
        case ResultStatus::Error:
            ++o.errors;
            state = NodeState::Error;
            break;
        case ResultStatus::Skipped:
            ++o.skipped;
            break;
        }
        if (severity(state) > severity(o.state))
            o.state = state;
        if (!o.newest.isValid() || r.finishedAt > o.newest)
            o.newest = r.finishedAt;
    }
    return outcomes;
}

} // namespace flowbench
