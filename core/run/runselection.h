#pragma once

#include "model/project.h"
#include "result.h"

#include <QList>
#include <QStringList>

namespace flowbench {

// What to run. Criteria of different kinds combine with AND, values of one kind with OR:
// flows {Checkout} + tags {smoke} = smoke test cases of the Checkout flow. Empty = all.
// A test case belongs to a flow when it names the flow or its node lies on the flow's path.
// Manual test cases are never selected: they have nothing to run.
struct RunSelection
{
    QStringList flows; // flow names
    QStringList nodes; // node names
    QStringList testCaseIds;
    QStringList tags;
    // "Run Step": each selected test case runs its steps only up to and including the
    // check of this id (earlier steps run too, so their captures reach it; cleanup steps
    // still run). A cleanup step's id: every step, and the cleanup up to it. Empty: every
    // step. A test case without that check runs whole.
    QString untilCheckId;

    bool isAll() const
    {
        return flows.isEmpty() && nodes.isEmpty() && testCaseIds.isEmpty() && tags.isEmpty();
    }
    // For a person and for Run::selection: "all", "flow Checkout, tag smoke".
    QString describe() const;
};

// The automated test cases the selection picks, in a stable order (node, position, title).
// An unknown flow, node or test case id is an error listing what exists.
Result<QList<TestCase>> selectTestCases(const Project &project, const RunSelection &selection);

} // namespace flowbench
