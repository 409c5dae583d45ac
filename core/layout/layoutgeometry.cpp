#include "layout/layoutgeometry.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace flowbench {

QPointF rectBoundaryPoint(const QRectF &rect, const QPointF &towards)
{
    const QPointF c = rect.center();
    const double dx = towards.x() - c.x();
    const double dy = towards.y() - c.y();
    if (std::abs(dx) < 1e-9 && std::abs(dy) < 1e-9)
        return c;
    const double hw = rect.width() / 2;
    const double hh = rect.height() / 2;
    // Scale the direction so it just touches the nearer pair of sides.
    const double sx = std::abs(dx) > 1e-9 ? hw / std::abs(dx) : 1e300;
    const double sy = std::abs(dy) > 1e-9 ? hh / std::abs(dy) : 1e300;
    const double s = std::min(sx, sy);
    return QPointF(c.x() + dx * s, c.y() + dy * s);
}

QList<QPointF> straightRoute(const QRectF &from, const QRectF &to)
{
    const QPointF a = rectBoundaryPoint(from, to.center());
    const QPointF b = rectBoundaryPoint(to, from.center());
    const QPointF d = b - a;
    return {a, a + d / 3, a + d * 2 / 3, b};
}

QList<QPointF> selfLoopRoute(const QRectF &node)
{
    const double r = std::max(12.0, node.height() / 2);
    const QPointF top(node.right(), node.center().y() - node.height() / 4);
    const QPointF bottom(node.right(), node.center().y() + node.height() / 4);
    return {top, top + QPointF(r, -r / 2), bottom + QPointF(r, r / 2), bottom};
}

QList<QPointF> horizontalCurveThrough(const QList<QPointF> &points)
{
    QList<QPointF> out;
    if (points.isEmpty())
        return out;
    out.reserve(1 + 3 * (points.size() - 1));
    out.append(points.first());
    for (int i = 1; i < points.size(); ++i) {
        const QPointF &p = points[i - 1];
        const QPointF &q = points[i];
        const double midX = (p.x() + q.x()) / 2;
        out.append(QPointF(midX, p.y()));
        out.append(QPointF(midX, q.y()));
        out.append(q);
    }
    return out;
}

QRectF layoutBounds(const LayoutResult &result)
{
    bool any = false;
    double left = 0, top = 0, right = 0, bottom = 0;
    auto add = [&](const QPointF &p) {
        if (!any) {
            left = right = p.x();
            top = bottom = p.y();
            any = true;
            return;
        }
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        top = std::min(top, p.y());
        bottom = std::max(bottom, p.y());
    };
    for (const NodePlacement &n : result.nodes) {
        add(n.topLeft);
        add(n.rect().bottomRight());
    }
    for (const EdgeRoute &e : result.edges) {
        for (const QPointF &p : e.points)
            add(p);
        if (e.arrowTip)
            add(*e.arrowTip);
    }
    for (const ClusterBox &c : result.clusters) {
        add(c.rect.topLeft());
        add(c.rect.bottomRight());
    }
    return any ? QRectF(QPointF(left, top), QPointF(right, bottom)) : QRectF();
}

void translateLayout(LayoutResult &result, const QPointF &offset)
{
    for (NodePlacement &n : result.nodes)
        n.topLeft += offset;
    for (EdgeRoute &e : result.edges) {
        for (QPointF &p : e.points)
            p += offset;
        if (e.arrowTip)
            *e.arrowTip += offset;
    }
    for (ClusterBox &c : result.clusters) {
        c.rect.translate(offset);
        c.labelTopLeft += offset;
    }
    result.boundingBox.translate(offset);
}

void applyPinnedNodes(const LayoutRequest &request, LayoutResult &result)
{
    QPointF shift;
    int pinnedCount = 0;
    for (int i = 0; i < request.nodes.size(); ++i) {
        const LayoutNodeSpec &spec = request.nodes[i];
        if (!spec.pinned)
            continue;
        shift += QPointF(spec.x, spec.y) - result.nodes[i].topLeft;
        ++pinnedCount;
    }
    if (pinnedCount == 0)
        return;
    translateLayout(result, shift / pinnedCount);

    QSet<Id> pinned;
    QHash<Id, int> indexOf;
    for (int i = 0; i < request.nodes.size(); ++i) {
        const LayoutNodeSpec &spec = request.nodes[i];
        indexOf.insert(spec.id, i);
        if (spec.pinned) {
            result.nodes[i].topLeft = QPointF(spec.x, spec.y);
            pinned.insert(spec.id);
        }
    }
    for (int i = 0; i < request.edges.size(); ++i) {
        const LayoutEdgeSpec &spec = request.edges[i];
        if (!pinned.contains(spec.from) && !pinned.contains(spec.to))
            continue;
        const QRectF from = result.nodes[indexOf.value(spec.from)].rect();
        const QRectF to = result.nodes[indexOf.value(spec.to)].rect();
        EdgeRoute &route = result.edges[i];
        route.points = spec.from == spec.to ? selfLoopRoute(from) : straightRoute(from, to);
        route.arrowTip.reset();
    }
    const double margin = 8;
    for (ClusterBox &cluster : result.clusters) {
        for (int i = 0; i < request.nodes.size(); ++i) {
            const LayoutNodeSpec &spec = request.nodes[i];
            if (spec.pinned && spec.group == cluster.group) {
                const QRectF r = result.nodes[i].rect().adjusted(-margin, -margin, margin, margin);
                const QPointF labelOffset = cluster.labelTopLeft - cluster.rect.topLeft();
                cluster.rect = cluster.rect.united(r);
                cluster.labelTopLeft = cluster.rect.topLeft() + labelOffset;
            }
        }
    }
    result.boundingBox = layoutBounds(result);
}

QString validateLayoutRequest(const LayoutRequest &request)
{
    QSet<Id> ids;
    for (int i = 0; i < request.nodes.size(); ++i) {
        const LayoutNodeSpec &n = request.nodes[i];
        if (ids.contains(n.id))
            return QStringLiteral("nodes[%1]: id %2 is used twice").arg(i).arg(n.id);
        if (!(n.width > 0) || !(n.height > 0))
            return QStringLiteral("nodes[%1]: width and height must be positive").arg(i);
        ids.insert(n.id);
    }
    for (int i = 0; i < request.edges.size(); ++i) {
        const LayoutEdgeSpec &e = request.edges[i];
        if (!ids.contains(e.from))
            return QStringLiteral("edges[%1].from: no node with id %2").arg(i).arg(e.from);
        if (!ids.contains(e.to))
            return QStringLiteral("edges[%1].to: no node with id %2").arg(i).arg(e.to);
    }
    return QString();
}

} // namespace flowbench
