#pragma once

#include "store/projectstore.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Moves nodes; consecutive moves of the same nodes merge into one undo step. Stored edge
// routes are left as they are: each names the end positions it was computed for, so a
// moved end simply stops it being drawn, and undoing the move brings the spline back
// without this command having to save and restore routes (ProjectDocument::setNodePositions).
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
    ProjectDocument *m_document;
    QList<NodePosition> m_from;
    QList<NodePosition> m_to;
};

} // namespace flowbench
