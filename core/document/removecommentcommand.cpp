#include "document/removecommentcommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

RemoveCommentCommand::RemoveCommentCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document)
{
    if (const Comment *c = document->comment(id))
        m_comment = *c;
    m_comment.id = id;
    setText(QCoreApplication::translate("RemoveCommentCommand", "Delete comment by %1").arg(m_comment.author));
}

void RemoveCommentCommand::redo()
{
    if (!m_document->removeComment(m_comment.id))
        setObsolete(true);
}

void RemoveCommentCommand::undo()
{
    Comment comment = m_comment;
    m_document->addComment(comment);
}

} // namespace flowbench
