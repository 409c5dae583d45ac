// ProjectDocument: where nodes stand and how edges are drawn. A move bumps no revision;
// the cache takes the stored positions without touching revisions (ProjectStore::
// setNodePositions says why).
#include "document/projectdocument.h"

namespace flowbench {

Status ProjectDocument::setNodePositions(
    const QList<NodePosition> &positions, const QList<NodePosition> &from)
{
    if (Status s = write([&] { return m_store->setNodePositions(positions, from); }); !s)
        return s;
    emit nodesMoved(takePositions(positions, from.isEmpty()));
    return success();
}

Status ProjectDocument::applyLayout(const QList<NodePosition> &positions,
    const QList<EdgeRouteChange> &routes, const QList<NodePosition> &from)
{
    if (Status s = write([&]() -> Status {
            if (Status st = m_store->setNodePositions(positions, from); !st)
                return st;
            return m_store->setEdgeRoutes(routes);
        });
        !s)
        return s;
    const QList<Id> ids = takePositions(positions, from.isEmpty());
    QList<Id> edgeIds;
    for (const EdgeRouteChange &change : routes) {
        const auto it = m_edges.find(change.id);
        if (it == m_edges.end())
            continue;
        it->route = change.route;
        edgeIds.append(change.id);
    }
    emit nodesMoved(ids);
    if (!edgeIds.isEmpty())
        emit edgeRoutesChanged(edgeIds);
    return success();
}

QList<Id> ProjectDocument::takePositions(const QList<NodePosition> &positions, bool withPinned)
{
    QList<Id> ids;
    ids.reserve(positions.size());
    for (const NodePosition &p : positions) {
        const auto it = m_nodes.find(p.id);
        if (it == m_nodes.end())
            continue; // stored, but not taken in yet: the next sync brings the node
        it->x = p.x;
        it->y = p.y;
        if (withPinned)
            it->pinned = p.pinned;
        ids.append(p.id);
    }
    return ids;
}

} // namespace flowbench
