#pragma once

#include "store/projectstore.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Moves nodes; consecutive moves of the same nodes merge into one undo step.
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
