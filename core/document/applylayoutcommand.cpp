#include "document/applylayoutcommand.h"
#include "document/projectdocument.h"

#include <QCoreApplication>

namespace flowbench {

ApplyLayoutCommand::ApplyLayoutCommand(ProjectDocument *document, const QList<NodePosition> &positions,
                                       const QHash<Id, QList<QPointF>> &routes, QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("ApplyLayoutCommand", "Layout"), parent), m_document(document)
{
    QHash<Id, QPointF> placed; // where every node will be once the layout is applied
    for (const Node &n : document->nodes())
        placed.insert(n.id, QPointF(n.x, n.y));
    for (const NodePosition &p : positions) {
        const Node *n = document->node(p.id);
        if (!n || n->pinned)
            continue;
        m_from.append({n->id, n->x, n->y, n->pinned});
        m_to.append({n->id, p.x, p.y, n->pinned});
        placed.insert(n->id, QPointF(p.x, p.y));
    }
    for (const Edge &e : document->edges()) {
        SplineRoute route;
        const auto it = routes.constFind(e.id);
        if (it != routes.cend() && SplineRoute::isValidPointCount(it->size()))
            route = SplineRoute{it.value(), placed.value(e.from), placed.value(e.to)};
        if (route == e.route)
            continue;
        m_routesBefore.append({e.id, e.route});
        m_routesAfter.append({e.id, route});
    }
}

void ApplyLayoutCommand::redo()
{
    if (!m_document->applyLayout(m_to, m_routesAfter))
        setObsolete(true);
}

void ApplyLayoutCommand::undo() { m_document->applyLayout(m_from, m_routesBefore); }

} // namespace flowbench
