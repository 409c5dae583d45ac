#pragma once

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

QColor kindColor(NodeKind kind);
QString kindLabel(NodeKind kind);   // translated, for menus and the palette
QString kindIconPath(NodeKind kind); // ":/icons/kind-<kind>.svg"
QIcon kindIcon(NodeKind kind);
// The icon rendered once per kind and device-pixel size, shared by every card.
QPixmap kindPixmap(NodeKind kind, int size);

QString edgeKindLabel(EdgeKind kind);
QPen edgePen(EdgeKind kind); // reads dashed, writes solid, publishes/consumes dotted...

QColor riskColor(int score); // green, amber, red by 1..25 score
QColor groupColor(const QString &group); // a soft tint per group, stable across runs
QColor selectionColor();
QColor canvasColor();

} // namespace MapStyle

} // namespace flowbench
