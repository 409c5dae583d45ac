#include "document/addcommentcommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

AddCommentCommand::AddCommentCommand(ProjectDocument *document, Comment comment, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_comment(std::move(comment))
{
    if (m_comment.id.isEmpty())
        m_comment.id = newId();
    if (!m_comment.createdAt.isValid())
        m_comment.createdAt = QDateTime::currentDateTimeUtc();
    QString node;
    if (const Node *n = document->node(m_comment.nodeId))
        node = n->name;
    setText(QCoreApplication::translate("AddCommentCommand", "Comment on %1").arg(node));
}

void AddCommentCommand::redo()
{
    Comment comment = m_comment;
    if (!m_document->addComment(comment))
        setObsolete(true);
}

void AddCommentCommand::undo() { m_document->removeComment(m_comment.id); }

} // namespace flowbench
