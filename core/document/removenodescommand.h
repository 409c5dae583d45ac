#pragma once

#include "model/project.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Removes nodes with their edges, test cases and comments (and their places in flow
// paths); undo puts all of it back with the same ids.
class RemoveNodesCommand : public QUndoCommand
{
public:
    RemoveNodesCommand(ProjectDocument *document, QList<Id> ids, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    QList<Id> m_ids;
    Project m_removed;
};

} // namespace flowbench
