#pragma once

#include "map/maplayer.h"

#include <QHash>
#include <QImage>
#include <QSet>
#include <QVector>

namespace flowbench {

class MapScene;

// The whole map at low zoom in one item. Below NodeItem::kDetailLevel the scene puts
// cards, edges and clusters in overview mode (MapScene::setOverviewMode: no contents, so
// Qt skips them while painting) and this layer draws every cluster as a tinted rect,
// every edge as a straight line and every card as a block coloured by
// NodeItem::blockColor (selection, result, coverage, kind).
//
// Two caches keep a zoomed-out frame to one blit: the geometry (lines and blocks, rebuilt
// after invalidate()) and a picture of the area around the visible part at the current
// scale (re-drawn after invalidate(), a zoom, or a pan past its border). A block whose
// colour changed (a result, a selection) is repainted into the picture on its own
// (invalidateNode), so results arriving during a run do not redraw the map.
class MapOverviewLayer : public MapLayer
{
public:
    enum { Type = UserType + 4 };

    explicit MapOverviewLayer(MapScene *scene);
    // Makes a layer for the scene and hands it over (MapScene::setOverviewLayer); returns it.
    static MapOverviewLayer *install(MapScene *scene);

    int type() const override { return Type; }
    void setRect(const QRectF &rect) override; // the content rect of the map
    QRectF boundingRect() const override { return m_rect; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    // Positions, edges, dimming or visibility changed, or items came or went.
    void invalidate() override;
    // Only this node's block colour changed.
    void invalidateNode(const Id &nodeId) override;
    // Clusters, edges and blocks of `sceneRect` at `scale` device-independent pixels per
    // scene unit (the main view's picture and the minimap).
    QImage renderImage(const QRectF &sceneRect, double scale, double dpr);
    // The same into `image` (reallocated only when its size or ratio differ: a fresh 10 MB
    // image costs thousands of page faults, more than drawing the map into it).
    void renderInto(QImage *image, const QRectF &sceneRect, double scale, double dpr);

private:
    struct Block
    {
        QRectF rect;
        QRgb colour;
    };
    void rebuildGeometry();
    void recolourPending();
    bool pictureCovers(const QRectF &exposed, double scale, double dpr) const;

    MapScene *m_scene;
    QRectF m_rect;
    bool m_geometryDirty = true;
    QHash<QRgb, QVector<QLineF>> m_lines; // edges by colour
    QVector<Block> m_blocks;
    QHash<Id, int> m_blockOfNode;
    QSet<Id> m_recolour; // blocks to repaint into the picture

    QImage m_picture; // RGB32, opaque: the canvas colour is part of it
    QRectF m_pictureRect; // the scene area it shows
    double m_pictureScale = 0;
};

} // namespace flowbench
