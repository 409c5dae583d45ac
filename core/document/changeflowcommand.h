#pragma once

#include "model/flow.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Renames a flow, changes its path, description or risk.
class ChangeFlowCommand : public QUndoCommand
{
public:
    ChangeFlowCommand(ProjectDocument *document, const Flow &before, const Flow &after,
                      const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Flow m_before;
    Flow m_after;
};

} // namespace flowbench
