#pragma once

#include "store/projectstore.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Places every laid-out node at once: one undo step for a whole layout run. Pinned
// nodes are left where they are.
class ApplyLayoutCommand : public QUndoCommand
{
public:
    ApplyLayoutCommand(ProjectDocument *document, const QList<NodePosition> &positions,
                       QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_to.isEmpty(); }

private:
    ProjectDocument *m_document;
    QList<NodePosition> m_from;
    QList<NodePosition> m_to;
};

} // namespace flowbench
