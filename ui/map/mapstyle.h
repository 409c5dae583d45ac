#pragma once

#include "analysis/nodeoutcomes.h"
#include "model/edge.h"
#include "model/node.h"

#include <QColor>
#include <QIcon>
#include <QPen>
#include <QPixmap>

namespace flowbench {

// The look of the map in one place: colours, icons and edge strokes per kind, and the
// card geometry every item and the layout snapshot agree on.
namespace MapStyle {

constexpr double kNodeWidth = 200;
constexpr double kNodeHeight = 60;
constexpr double kClusterMargin = 28;

// Kinds are told apart by icon, stripe and a muted hue of one neutral family; the
// saturated colours belong to results, so a kind never reads as pass or fail.
QColor kindColor(NodeKind kind);
QString kindLabel(NodeKind kind); // translated, for menus and the palette
QString kindIconPath(NodeKind kind); // ":/icons/kind-<kind>.svg"
QIcon kindIcon(NodeKind kind);
// The icon rendered once per kind and device-pixel size, shared by every card.
QPixmap kindPixmap(NodeKind kind, int size);
// The icon's artwork with its tile in the kind's colour (an SVG document).
QByteArray kindSvg(NodeKind kind);
// Draws the kind's icon in `rect`: a shared pixmap of `devicePixels` on screen and in
// PNG/PDF, one <use> of a shared definition in SVG exports (map/export/svgpage.h).
void paintKindIcon(QPainter *painter, const QRectF &rect, NodeKind kind, int devicePixels);

QString edgeKindLabel(EdgeKind kind);
QPen edgePen(EdgeKind kind); // reads dashed, writes solid, publishes/consumes dotted...

QColor riskColor(int score); // grey, violet, deep violet by 1..25 score: not a result hue

// Results, coverage and impact in the Okabe-Ito palette, readable with colour-blindness:
// pass blue, fail vermillion, error reddish purple, each with a glyph (✓ ✗ !).
QColor resultColor(NodeState state);
QString resultGlyph(NodeState state);
QColor coverageColor(int level); // 0 none, 1 manual, 2 automated, 3 passing
QColor impactColor(int role); // 1 centre, 2 upstream, 3 downstream; else invalid
QColor groupColor(const QString &group); // a soft tint per group, stable across runs
QColor selectionColor();
QColor canvasColor();

} // namespace MapStyle

} // namespace flowbench
