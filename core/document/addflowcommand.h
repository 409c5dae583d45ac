#pragma once

#include "model/flow.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

class AddFlowCommand : public QUndoCommand
{
public:
    AddFlowCommand(ProjectDocument *document, Flow flow, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    Id flowId() const { return m_flow.id; }

private:
    ProjectDocument *m_document;
    Flow m_flow;
};

} // namespace flowbench
