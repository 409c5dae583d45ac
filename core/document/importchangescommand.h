#pragma once

#include "model/projectchangeset.h"
#include "result.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// An import into the open project as one undo step: redo applies the change set, undo
// applies its inverse, each one transaction (ProjectDocument::applyChanges).
class ImportChangesCommand : public QUndoCommand
{
public:
    void redo() override;
    void undo() override;

    // Applies `changes` to `document` and, when that worked, pushes the step that undoes
    // it; on failure (a read-only file, a conflict) nothing changed and nothing is pushed;
    // an empty change set pushes nothing. `text` names the step
    // ("Import shop.dot").
    static Status apply(ProjectDocument &document, const ProjectChangeSet &changes, const QString &text);

private:
    ImportChangesCommand(
        ProjectDocument *document, ProjectChangeSet changes, ProjectChangeSet inverse, const QString &text);
    ProjectDocument *m_document;
    ProjectChangeSet m_changes;
    ProjectChangeSet m_inverse;
    bool m_applied = true; // apply() already did the first redo
};

} // namespace flowbench
