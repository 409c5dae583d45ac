#pragma once

#include <QRectF>

namespace flowbench {

class MapScene;

// Where each edge's label goes: the first of a few spots along its curve (the middle, then
// further out both ways) whose box overlaps no card and no label already placed; an edge
// with no free spot shows its label only in its tooltip. Labels people wrote come before
// the bare kind words ("calls", "reads"), so those are the ones that give way.
//
// The layout (Graphviz) is not given the labels, so it has no label positions to use;
// placing them here keeps the stored routes and the layout independent of label texts.
// Boxes are in scene units and do not depend on the zoom; EdgeItem::paint shows a placed
// label only while its text is legible (EdgeItem::labelLegibleAt).
void placeEdgeLabels(MapScene *scene);

} // namespace flowbench
