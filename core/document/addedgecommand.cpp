#include "document/addedgecommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

AddEdgeCommand::AddEdgeCommand(ProjectDocument *document, Edge edge, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_edge(std::move(edge))
{
    if (m_edge.id.isEmpty())
        m_edge.id = newId();
    setText(QCoreApplication::translate("AddEdgeCommand", "Connect (%1)").arg(toString(m_edge.kind)));
}

void AddEdgeCommand::redo()
{
    Edge edge = m_edge;
    if (!m_document->addEdge(edge))
        setObsolete(true);
}

void AddEdgeCommand::undo() { m_document->removeEdge(m_edge.id); }

} // namespace flowbench
