#include "document/movenodescommand.h"
#include "document/commandids.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

MoveNodesCommand::MoveNodesCommand(ProjectDocument *document, QList<NodePosition> from,
                                   QList<NodePosition> to, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_from(std::move(from)), m_to(std::move(to))
{
    setText(QCoreApplication::translate("MoveNodesCommand", "Move %n node(s)", nullptr, int(m_to.size())));
}

void MoveNodesCommand::redo()
{
    if (!m_document->setNodePositions(m_to))
        setObsolete(true);
}

void MoveNodesCommand::undo() { m_document->setNodePositions(m_from); }

int MoveNodesCommand::id() const { return CommandMoveNodes; }

bool MoveNodesCommand::mergeWith(const QUndoCommand *other)
{
    auto move = static_cast<const MoveNodesCommand *>(other);
    if (move->m_document != m_document || move->m_to.size() != m_to.size())
        return false;
    for (int i = 0; i < m_to.size(); ++i)
        if (m_to.at(i).id != move->m_to.at(i).id)
            return false;
    m_to = move->m_to;
    return true;
}

} // namespace flowbench
