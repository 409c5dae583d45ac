#include "document/removeedgecommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

RemoveEdgeCommand::RemoveEdgeCommand(ProjectDocument *document, const Id &id, QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document)
{
    if (const Edge *e = document->edge(id))
        m_edge = *e;
    m_edge.id = id;
    setText(QCoreApplication::translate("RemoveEdgeCommand", "Delete connection"));
}

void RemoveEdgeCommand::redo()
{
    if (!m_document->removeEdge(m_edge.id))
        setObsolete(true);
}

void RemoveEdgeCommand::undo()
{
    Edge edge = m_edge;
    m_document->addEdge(edge);
}

} // namespace flowbench
