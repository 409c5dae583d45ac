#pragma once

#include "model/comment.h"
#include "model/edge.h"
#include "model/environment.h"
#include "model/flow.h"
#include "model/node.h"
#include "model/run.h"
#include "model/testcase.h"

#include <QList>
#include <QString>

namespace flowbench {

// A whole project as plain values: what the JSON format, layout and analysis consume.
struct Project
{
    QString name;
    QList<Node> nodes;
    QList<Edge> edges;
    QList<Flow> flows;
    QList<TestCase> testCases;
    QList<Environment> environments;
    QList<Comment> comments;
    QList<Run> runs;              // run history, newest last
    QList<CheckResult> results;   // results of every run in `runs`

    const Node *node(const Id &id) const;
    const Node *nodeByName(const QString &name) const;
    const Flow *flowByName(const QString &name) const;
    const Environment *environmentByName(const QString &name) const;

    bool operator==(const Project &o) const
    {
        return name == o.name && nodes == o.nodes && edges == o.edges && flows == o.flows
            && testCases == o.testCases && environments == o.environments
            && comments == o.comments && runs == o.runs && results == o.results;
    }
};

// Model invariants every project satisfies once stored: ids are UUIDs and unique,
// edges and flows name existing nodes, risks are 1..5. Returns one message per problem,
// each naming the entity and field ("edges[2].to: no node with id ...").
QStringList validateProject(const Project &project);

} // namespace flowbench
