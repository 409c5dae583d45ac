#include "document/removenodescommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

RemoveNodesCommand::RemoveNodesCommand(ProjectDocument *document, QList<Id> ids, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_ids(std::move(ids))
{
    const Node *only = m_ids.size() == 1 ? document->node(m_ids.first()) : nullptr;
    if (only)
        setText(QCoreApplication::translate("RemoveNodesCommand", "Delete %1").arg(only->name));
    else
        setText(QCoreApplication::translate("RemoveNodesCommand", "Delete %n node(s)", nullptr, int(m_ids.size())));
}

void RemoveNodesCommand::redo()
{
    if (!m_document->removeNodes(m_ids, &m_removed))
        setObsolete(true);
}

void RemoveNodesCommand::undo() { m_document->restoreNodes(m_removed); }

} // namespace flowbench
