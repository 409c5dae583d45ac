#pragma once

#include "model/edge.h"
#include "model/node.h"

#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Adds nodes (and edges among them or to existing nodes: a paste). Ids are assigned
// here, so a redo after an undo brings back the very same nodes.
class AddNodesCommand : public QUndoCommand
{
public:
    AddNodesCommand(ProjectDocument *document, QList<Node> nodes, QList<Edge> edges = {},
                    QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    QList<Id> nodeIds() const;

private:
    ProjectDocument *m_document;
    QList<Node> m_nodes;
    QList<Edge> m_edges;
};

} // namespace flowbench
