#pragma once

#include "store/projectstore.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Places every laid-out node and stores every edge's spline at once: one transaction and
// one undo step for a whole layout run. Pinned nodes are left where they are. Undo puts
// back the previous positions and routes.
class ApplyLayoutCommand : public QUndoCommand
{
public:
    // `routes`: spline control points per edge id, p0 (c1 c2 p)*, for the positions the
    // command applies; an edge without one loses its stored route (it no longer fits).
    ApplyLayoutCommand(ProjectDocument *document, const QList<NodePosition> &positions,
                       const QHash<Id, QList<QPointF>> &routes = {}, QUndoCommand *parent = nullptr);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_to.isEmpty(); }

private:
    ProjectDocument *m_document;
    QList<NodePosition> m_from;
    QList<NodePosition> m_to;
    QList<EdgeRouteChange> m_routesBefore; // only edges whose route changes
    QList<EdgeRouteChange> m_routesAfter;
};

} // namespace flowbench
