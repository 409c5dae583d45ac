#pragma once

#include "model/ids.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <optional>

namespace flowbench {

enum class EdgeKind { Calls, Reads, Writes, Publishes, Consumes, Triggers, Schedules };

QString toString(EdgeKind kind);
std::optional<EdgeKind> edgeKindFromString(const QString &text);
QList<EdgeKind> allEdgeKinds();

// The Graphviz spline the last layout drew for an edge, kept in the project so that a
// reopened map shows it. Scene coordinates (points, y down): p0 (c1 c2 p)*, so 1 + 3n
// points. It is drawn only while both ends are still where they were when it was
// computed (fromPosition/toPosition: top-left of the cards); anything else that moved a
// node makes the spline stale, and the map falls back to its plain curve.
struct SplineRoute
{
    QList<QPointF> points;
    QPointF fromPosition;
    QPointF toPosition;

    bool isEmpty() const { return points.isEmpty(); }
    // 1 + 3n points, n >= 1.
    static bool isValidPointCount(qsizetype count) { return count >= 4 && (count - 1) % 3 == 0; }
    bool fits(const QPointF &fromTopLeft, const QPointF &toTopLeft) const
    {
        return isValidPointCount(points.size()) && fromTopLeft == fromPosition && toTopLeft == toPosition;
    }
    bool operator==(const SplineRoute &o) const
    {
        return points == o.points && fromPosition == o.fromPosition && toPosition == o.toPosition;
    }
    bool operator!=(const SplineRoute &o) const { return !(*this == o); }
};

struct Edge
{
    Id id;
    Id from;
    Id to;
    EdgeKind kind = EdgeKind::Calls;
    QString label;
    int revision = 0;
    // Layout data: written by a layout (ProjectStore::setEdgeRoutes), not by edits of the
    // edge, and never bumps its revision. Empty when the edge has no stored spline.
    SplineRoute route;

    bool operator==(const Edge &o) const
    {
        return id == o.id && from == o.from && to == o.to && kind == o.kind && label == o.label
            && route == o.route;
    }
    bool operator!=(const Edge &o) const { return !(*this == o); }
};

} // namespace flowbench
