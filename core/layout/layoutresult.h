#pragma once

#include "model/ids.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <optional>

namespace flowbench {

// Everything in Qt's y-down points; the bounding box starts at (0, 0) unless pinned
// nodes lie further up or left.
struct NodePlacement
{
    Id id;
    QPointF topLeft;
    QSizeF size;
    QRectF rect() const { return QRectF(topLeft, size); }
};

struct EdgeRoute
{
    Id id;
    // A cubic Bézier chain as Graphviz gives it: start, then (control, control, end) per
    // segment, so 1 + 3n points; starts at the source node, ends at the target node.
    QList<QPointF> points;
    // When set, the arrow head runs from the last point to this tip (Graphviz leaves room
    // for it); otherwise the arrow head ends at the last point.
    std::optional<QPointF> arrowTip;
};

struct ClusterBox
{
    QString group; // the group name, also its label
    QRectF rect;
    QPointF labelTopLeft;
};

struct LayoutResult
{
    QList<NodePlacement> nodes; // same order as the request
    QList<EdgeRoute> edges;     // same order as the request
    QList<ClusterBox> clusters;
    QRectF boundingBox;
    QString engine; // "dot" or "layered", for the status bar and the bench

    const NodePlacement *node(const Id &id) const;
};

} // namespace flowbench
