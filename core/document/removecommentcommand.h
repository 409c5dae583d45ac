#pragma once

#include "model/comment.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Deletes a comment; undo puts it back with its id, author, time and state.
class RemoveCommentCommand : public QUndoCommand
{
public:
    RemoveCommentCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;

private:
    ProjectDocument *m_document;
    Comment m_comment;
};

} // namespace flowbench
