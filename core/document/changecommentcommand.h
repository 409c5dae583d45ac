#pragma once

#include "model/comment.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Edits a comment's text or resolves / reopens it: the comment before and after.
class ChangeCommentCommand : public QUndoCommand
{
public:
    ChangeCommentCommand(ProjectDocument *document, const Comment &before, const Comment &after,
                         const QString &text, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Comment m_before;
    Comment m_after;
};

} // namespace flowbench
