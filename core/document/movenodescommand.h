#pragma once

#include "document/editconflict.h"
#include "store/projectstore.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Moves nodes; consecutive moves of the same nodes merge into one undo step. Stored edge
// routes are left as they are: each names the end positions it was computed for, so a
// moved end simply stops it being drawn, and undoing the move brings the spline back
// without this command having to save and restore routes (ProjectDocument::setNodePositions).
// Each step (the move, undo, redo) is guarded by where it expects the nodes: a node someone
// else moved since refuses it as an EditConflict (field "position", writeMoveStep) and the
// command leaves the undo stack, never moving their node back silently.
class MoveNodesCommand : public QUndoCommand
{
public:
    MoveNodesCommand(ProjectDocument *document, QList<NodePosition> from, QList<NodePosition> to,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    bool step(const QList<NodePosition> &to, const QList<NodePosition> &expected, EditConflict::Step step);

    ProjectDocument *m_document;
    QList<NodePosition> m_from;
    QList<NodePosition> m_to;
    bool m_done = false; // redone once: the next redo is a redo, not the edit
    bool m_standalone = false; // made by Apply Mine: an edit of its own, never merged
};

} // namespace flowbench
