#include "document/applylayoutcommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

ApplyLayoutCommand::ApplyLayoutCommand(ProjectDocument *document, const QList<NodePosition> &positions,
                                       QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("ApplyLayoutCommand", "Layout"), parent), m_document(document)
{
    for (const NodePosition &p : positions) {
        const Node *n = document->node(p.id);
        if (!n || n->pinned)
            continue;
        m_from.append({n->id, n->x, n->y, n->pinned});
        m_to.append({n->id, p.x, p.y, n->pinned});
    }
}

void ApplyLayoutCommand::redo()
{
    if (!m_document->setNodePositions(m_to))
        setObsolete(true);
}

void ApplyLayoutCommand::undo() { m_document->setNodePositions(m_from); }

} // namespace flowbench
