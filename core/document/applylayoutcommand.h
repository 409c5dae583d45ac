#pragma once

#include "document/editconflict.h"
#include "store/projectstore.h"

#include <QHash>
#include <QPointF>
#include <QUndoCommand>

namespace flowbench {

class ProjectDocument;

// Places every laid-out node and stores every edge's spline at once: one transaction and
// one undo step for a whole layout run. Pinned nodes are left where they are. Undo puts
// back the previous positions and routes.
//
// All or nothing on a shared project too: when someone else moved any of the laid-out
// nodes since the layout was computed (or, for an undo, since it was applied), the whole
// step is refused as one EditConflict naming how many nodes (writeMoveStep). A layout is
// one picture: applying it around a node someone placed by hand would leave that node
// among cards arranged without it, and half a layout is not the layout anybody chose.
// Keep Theirs applies nothing; Apply Mine applies the whole layout again, as a new edit.
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
    // A layout writing `to` and `routes` over what the document holds now (Apply Mine);
    // null when none of their nodes and edges is left.
    static ApplyLayoutCommand *again(ProjectDocument *document, const QList<NodePosition> &to,
        const QList<EdgeRouteChange> &routes, const QString &text);

private:
    ApplyLayoutCommand(ProjectDocument *document, const QString &text, QUndoCommand *parent = nullptr);
    bool step(const QList<NodePosition> &to, const QList<EdgeRouteChange> &routes,
        const QList<NodePosition> &expected, EditConflict::Step step);

    ProjectDocument *m_document;
    QList<NodePosition> m_from;
    QList<NodePosition> m_to;
    QList<EdgeRouteChange> m_routesBefore; // only edges whose route changes
    QList<EdgeRouteChange> m_routesAfter;
    bool m_done = false; // redone once: the next redo is a redo, not the edit
};

} // namespace flowbench
