#pragma once

#include "model/edge.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Edits an edge's kind or label.
class ChangeEdgeCommand : public QUndoCommand
{
public:
    ChangeEdgeCommand(ProjectDocument *document, const Edge &before, const Edge &after,
                      const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Edge m_before;
    Edge m_after;
};

} // namespace flowbench
