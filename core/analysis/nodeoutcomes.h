#pragma once

#include "model/project.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace flowbench {

// How a node looks on the map after runs: the worst of its checks' latest results.
enum class NodeState { NotRun, Pass, Fail, Error };

struct NodeOutcome
{
    NodeState state = NodeState::NotRun;
    int passed = 0;
    int failed = 0;
    int errors = 0;
    int skipped = 0;
    QDateTime newest; // when the newest of these results finished
    bool isStale(const QDateTime &now, qint64 maxAgeSeconds) const
    {
        return state != NodeState::NotRun && newest.isValid() && newest.secsTo(now) > maxAgeSeconds;
    }
};

// Per node: the latest result of each of its checks (only checks that still exist in the
// project count, so a deleted check no longer paints its node red).
QHash<Id, NodeOutcome> nodeOutcomes(const Project &project, const QList<CheckResult> &latestResults);

// Check id -> the node its test case is on (steps and cleanup steps): how a result finds
// its node when the check still exists.
QHash<Id, Id> nodesOfChecks(const Project &project);

} // namespace flowbench
