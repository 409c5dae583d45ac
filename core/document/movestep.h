#pragma once

#include "document/editconflict.h"
#include "store/projectstore.h"

#include <QList>
#include <functional>

class QUndoCommand;

namespace flowbench {

class ProjectDocument;

// One step of a move, nudge or layout (the edit, its undo or its redo), shared by
// MoveNodesCommand and ApplyLayoutCommand. `write` stores the step guarded by `expected`
// (where the step finds the nodes if nobody else moved them). When someone else moved one
// of them since, nothing is written: the document takes theirs in (the views show it) and
// the step is refused as one EditConflict, field "position", naming how many nodes and
// where they are now and where this step would put them. Returns whether it was written.
bool writeMoveStep(ProjectDocument *document, const QString &action, EditConflict::Step step,
    const QList<NodePosition> &to, const QList<NodePosition> &expected, const std::function<Status()> &write,
    std::function<QUndoCommand *()> makeMine);

// Where these nodes stand in the document now, in the same order; nodes no longer there
// are left out.
QList<NodePosition> currentPositions(const ProjectDocument *document, const QList<NodePosition> &nodes);

} // namespace flowbench
