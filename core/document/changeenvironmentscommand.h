#pragma once

#include "model/environment.h"

#include <QList>
#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// The Environments dialog's result as one undoable edit of the whole list.
class ChangeEnvironmentsCommand : public QUndoCommand
{
public:
    ChangeEnvironmentsCommand(ProjectDocument *document, QList<Environment> before, QList<Environment> after,
        QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    QList<Environment> m_before;
    QList<Environment> m_after;
};

} // namespace flowbench
