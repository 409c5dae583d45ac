#include "document/removeflowcommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

RemoveFlowCommand::RemoveFlowCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document)
{
    if (const Flow *f = document->flow(id))
        m_flow = *f;
    m_flow.id = id;
    setText(QCoreApplication::translate("RemoveFlowCommand", "Delete flow %1").arg(m_flow.name));
}

void RemoveFlowCommand::redo()
{
    if (!m_document->removeFlow(m_flow.id, &m_detached))
        setObsolete(true);
}

void RemoveFlowCommand::undo() { m_document->restoreFlow(m_flow, m_detached); }

} // namespace flowbench
