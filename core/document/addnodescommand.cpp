#include "document/addnodescommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

AddNodesCommand::AddNodesCommand(ProjectDocument *document, QList<Node> nodes, QList<Edge> edges,
                                 QUndoCommand *parent)
    : QUndoCommand(parent), m_document(document), m_nodes(std::move(nodes)), m_edges(std::move(edges))
{
    for (Node &n : m_nodes)
        if (n.id.isEmpty())
            n.id = newId();
    for (Edge &e : m_edges)
        if (e.id.isEmpty())
            e.id = newId();
    if (m_nodes.size() == 1)
        setText(QCoreApplication::translate("AddNodesCommand", "Add %1").arg(m_nodes.first().name));
    else
        setText(QCoreApplication::translate("AddNodesCommand", "Add %n node(s)", nullptr, int(m_nodes.size())));
}

QList<Id> AddNodesCommand::nodeIds() const
{
    QList<Id> ids;
    for (const Node &n : m_nodes)
        ids.append(n.id);
    return ids;
}

void AddNodesCommand::redo()
{
    QList<Node> nodes = m_nodes;
    QList<Edge> edges = m_edges;
    if (!m_document->addNodes(nodes, edges))
        setObsolete(true);
}

void AddNodesCommand::undo()
{
    // Removing the nodes takes their edges with them.
    m_document->removeNodes(nodeIds(), nullptr);
}

} // namespace flowbench
