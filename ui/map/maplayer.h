#pragma once

#include "model/ids.h"

#include <QGraphicsItem>

namespace flowbench {

// What draws the whole map while it is zoomed out: one item the scene owns and tells what
// changed. Below the detail zoom the scene keeps its cards, edges and clusters out of
// painting (MapScene::setOverviewMode) and this layer draws them all at once. The scene
// knows only this interface; the zoomed-out painting (map/overview/MapOverviewLayer) is
// installed from outside with MapScene::setOverviewLayer, so map/ does not depend on it.
class MapLayer : public QGraphicsItem
{
public:
    // The content rect of the map (every card and cluster).
    virtual void setRect(const QRectF &rect) = 0;
    // Positions, edges, dimming or visibility changed, or items came or went.
    virtual void invalidate() = 0;
    // Only this node's block colour changed (a result, a selection).
    virtual void invalidateNode(const Id &nodeId) = 0;
};

} // namespace flowbench
