#pragma once

#include "team/ledger.h"

#include <QSemaphore>

namespace flowbench::bench {

// One simulated person on the shared project, run in a thread of its own: a
// ProjectDocument (its own connection), the StoreWatcher the window uses to take others'
// commits in, and an event loop between edits (NOTIFY arrives through it). Edits are
// commands on the undo stack as the window pushes them: rename a node, set a node's owner,
// retitle a test case, connect two nodes, remove an edge it added. A conflict is resolved
// as a person would: every other one by applying mine (a new edit), else keeping theirs.
struct EditorPlan
{
    QString url;
    int index = 0;
    int edits = 500;
    quint32 seed = 1;
    QList<Id> nodeIds;
    QList<Id> caseIds;
    QSemaphore *opened = nullptr; // released once the document is open (or failed)
    QSemaphore *go = nullptr; // acquired before the first edit
    bool wholeSync = false; // every sync reads the whole project (as before the scan)
    bool scanSync = false; // every sync scans (syncWithStore), not only the rows others named
};

EditorReport runEditor(const EditorPlan &plan);

} // namespace flowbench::bench
