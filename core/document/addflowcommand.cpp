#include "document/addflowcommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

AddFlowCommand::AddFlowCommand(ProjectDocument *document, Flow flow, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_flow(std::move(flow))
{
    if (m_flow.id.isEmpty())
        m_flow.id = newId();
    setText(QCoreApplication::translate("AddFlowCommand", "Add flow %1").arg(m_flow.name));
}

void AddFlowCommand::redo()
{
    Flow flow = m_flow;
    if (!m_document->addFlow(flow))
        setObsolete(true);
}

void AddFlowCommand::undo() { m_document->removeFlow(m_flow.id, nullptr); }

} // namespace flowbench
