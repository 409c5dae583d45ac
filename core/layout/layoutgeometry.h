#pragma once

#include "layout/layoutrequest.h"
#include "layout/layoutresult.h"

#include <QList>
#include <QPointF>
#include <QRectF>

namespace flowbench {

// Where the line from the centre of `rect` towards `towards` leaves the rectangle.
QPointF rectBoundaryPoint(const QRectF &rect, const QPointF &towards);

// A straight edge from one node rectangle to another as a one-segment cubic Bézier.
QList<QPointF> straightRoute(const QRectF &from, const QRectF &to);

// A small loop on the right side of a node.
QList<QPointF> selfLoopRoute(const QRectF &node);

// A cubic chain through `points` whose tangents are horizontal at every point, as suits a
// left-to-right layered drawing.
QList<QPointF> horizontalCurveThrough(const QList<QPointF> &points);

// The union of every node, route point and cluster.
QRectF layoutBounds(const LayoutResult &result);

void translateLayout(LayoutResult &result, const QPointF &offset);

// Pinned nodes keep the coordinates they came with. The computed layout is moved so the
// pinned nodes' computed places coincide on average with their given places, then pinned
// nodes are put back exactly, edges touching them are re-routed straight, and clusters
// grow to hold their pinned members.
void applyPinnedNodes(const LayoutRequest &request, LayoutResult &result);

// Checks that ids are unique and edges name existing nodes, naming the first problem.
QString validateLayoutRequest(const LayoutRequest &request);

} // namespace flowbench
