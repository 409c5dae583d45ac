#pragma once

#include "model/edge.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

class RemoveEdgeCommand : public QUndoCommand
{
public:
    RemoveEdgeCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Edge m_edge;
};

} // namespace flowbench
