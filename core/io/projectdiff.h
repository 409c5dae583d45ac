#pragma once

#include "model/project.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace flowbench {

// What changed between two versions of a project, entity by entity, matched by id (ids
// are stable through canonical JSON, so two exports of a project under review compare
// well): nodes, edges, flows, test cases and their checks added, removed or changed,
// with each changed field as "field: before → after". Positions on the map are layout,
// not content, and are left out. For `flowbench-cli diff A B` and the reviewer of a pull
// request that changes the map.
struct ProjectDiff
{
    enum class Change { Added, Removed, Changed };
    enum class Entity { Node, Edge, Flow, TestCase, Check };
    struct Entry
    {
        Entity entity;
        Change change;
        Id id;
        QString label; // "node \"POST /orders\" (api)"
        QStringList fields; // for Changed: "risk: 4×5 → 5×5"
    };
    QList<Entry> entries; // by entity, then added, removed, changed, then label

    bool isEmpty() const { return entries.isEmpty(); }
    // The text `flowbench-cli diff` prints: a count line per entity that changed, then one
    // line per entry ("+", "-", "~") with its changed fields indented below it.
    QString toText() const;
};

ProjectDiff diffProjects(const Project &before, const Project &after);

// The two versions as one map, for the diff drawn as an image or in Compare with…: every
// node, edge and flow of `after`, plus those only in `before` where they were, with what
// happened to each node and edge. A node counts as changed when its own fields or its
// test cases and checks changed. Runs and results are left out: this is not a run.
struct DiffMap
{
    Project project;
    QHash<Id, ProjectDiff::Change> nodes; // absent: unchanged
    QHash<Id, ProjectDiff::Change> edges;
};
DiffMap diffMap(const Project &before, const Project &after, const ProjectDiff &diff);

} // namespace flowbench
