#pragma once

#include "model/node.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Any edit of a node's properties (name, kind, group, risk, pin...): the node before
// and after. Position changes go through MoveNodesCommand.
class ChangeNodeCommand : public QUndoCommand
{
public:
    ChangeNodeCommand(ProjectDocument *document, const Node &before, const Node &after,
                      const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Node m_before;
    Node m_after;
};

} // namespace flowbench
