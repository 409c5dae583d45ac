#pragma once

#include "model/project.h"

#include <QList>
#include <optional>

namespace flowbench {

enum class ImpactDirection { Up, Down, Both };
std::optional<ImpactDirection> impactDirectionFromString(const QString &text); // "up", "down", "both"

struct ReachedNode
{
    const Node *node;
    int distance; // hops from the subject
};

// What `flowbench-cli impact` shows for one node in one direction, from ImpactAnalysis:
// the nodes reached, nearest first (then by name, then id); the flows through the node
// and those touching anything reached (in project order); the test cases on the node or
// anything reached. Pointers refer into the project it was built from.
struct DirectedImpact
{
    const Node *subject = nullptr;
    ImpactDirection direction = ImpactDirection::Both;
    QList<ReachedNode> upstream; // empty when direction is Down
    QList<ReachedNode> downstream; // empty when direction is Up
    QList<const Flow *> flowsThrough;
    QList<const Flow *> flowsTouched;
    QList<const TestCase *> testCases;
};

DirectedImpact directedImpact(const Project &project, const Node &subject, ImpactDirection direction);

} // namespace flowbench
