#include "document/changecommentcommand.h"
#include "document/projectdocument.h"

namespace flowbench {

ChangeCommentCommand::ChangeCommentCommand(ProjectDocument *document, const Comment &before, const Comment &after,
                                           const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_document(document), m_before(before), m_after(after)
{
}

void ChangeCommentCommand::redo()
{
    if (!m_document->updateComment(m_after))
        setObsolete(true);
}

void ChangeCommentCommand::undo() { m_document->updateComment(m_before); }

} // namespace flowbench
