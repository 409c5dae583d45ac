#pragma once

#include "model/project.h"

#include <QString>
#include <QStringList>

namespace flowbench {

// What an import (or its undo) does to a project: entities it adds, entities whose id the
// project already has and whose fields it changes, and entities it removes. Each part is
// a Project used as a bag of lists; `added.runs`/`added.results` are taken only by a new
// project (ProjectDocument keeps no run history to undo).
struct ProjectChangeSet
{
    QString name; // the project name a new project takes (the file's name or its "name")
    Project added;
    Project changed;
    Project removed; // only the ids matter

    bool isEmpty() const;
    // "3 nodes, 2 edges, 1 test case" for each part, or "nothing".
    static QString describe(const Project &part);

    // `imported` read against `target`: entities whose id `target` lacks are added, those
    // it has with other fields are changed, equal ones are left out. Revisions and node
    // positions are layout and bookkeeping: a node that differs only there is unchanged.
    static ProjectChangeSet between(const Project &target, const Project &imported);
};

// `target` after `changes` (added appended, changed replaced by id, removed dropped): what
// validation looks at before anything is written.
Project appliedTo(const Project &target, const ProjectChangeSet &changes);

} // namespace flowbench
