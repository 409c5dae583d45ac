#pragma once

#include "model/comment.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Adds a review comment to a node. The id and time are fixed when the command is made,
// so redo after undo puts back the same comment.
class AddCommentCommand : public QUndoCommand
{
public:
    AddCommentCommand(ProjectDocument *document, Comment comment, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    Id commentId() const { return m_comment.id; }

private:
    ProjectDocument *m_document;
    Comment m_comment;
};

} // namespace flowbench
