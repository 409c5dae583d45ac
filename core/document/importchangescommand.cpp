#include "document/importchangescommand.h"

#include "document/projectdocument.h"

namespace flowbench {

ImportChangesCommand::ImportChangesCommand(
    ProjectDocument *document, ProjectChangeSet changes, ProjectChangeSet inverse, const QString &text)
    : m_document(document)
    , m_changes(std::move(changes))
    , m_inverse(std::move(inverse))
{
    setText(text);
}

Status ImportChangesCommand::apply(
    ProjectDocument &document, const ProjectChangeSet &changes, const QString &text)
{
    if (changes.isEmpty())
        return success(); // nothing new: no empty step on the undo stack
    ProjectChangeSet inverse;
    if (Status s = document.applyChanges(changes, &inverse); !s)
        return s;
    document.undoStack()->push(new ImportChangesCommand(&document, changes, std::move(inverse), text));
    return success();
}

void ImportChangesCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    // The inverse of a redo is the one computed the first time: the same entities again.
    m_document->applyChanges(m_changes, nullptr);
}

void ImportChangesCommand::undo()
{
    m_document->applyChanges(m_inverse, nullptr);
}

} // namespace flowbench
