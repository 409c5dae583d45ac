#pragma once

#include "model/edge.h"
#include "model/node.h"

#include <QList>
#include <QPointF>

class QMimeData;

namespace flowbench {

class ProjectDocument;

// Copy and paste of cards as JSON: the nodes (without ids) and the edges among them.
// Pasting gives every node a new id, keeps the edges between the pasted nodes and moves
// the whole group by an offset so the copy does not hide the original.
namespace MapClipboard {

QString mimeType();
QMimeData *copy(const ProjectDocument &document, const QList<Id> &nodeIds);
bool canPaste(const QMimeData *data);
// Nodes and edges ready for AddNodesCommand, with fresh ids, shifted by `offset`.
bool fromMime(const QMimeData *data, const QPointF &offset, QList<Node> *nodes, QList<Edge> *edges);

} // namespace MapClipboard

} // namespace flowbench
