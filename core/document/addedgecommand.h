#pragma once

#include "model/edge.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

class AddEdgeCommand : public QUndoCommand
{
public:
    AddEdgeCommand(ProjectDocument *document, Edge edge, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    Id edgeId() const { return m_edge.id; }

private:
    ProjectDocument *m_document;
    Edge m_edge;
};

} // namespace flowbench
