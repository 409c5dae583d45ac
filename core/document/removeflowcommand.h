#pragma once

#include "model/flow.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Removes a flow; its test cases stay on their nodes and undo links them again.
class RemoveFlowCommand : public QUndoCommand
{
public:
    RemoveFlowCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Flow m_flow;
    QList<Id> m_detached;
};

} // namespace flowbench
