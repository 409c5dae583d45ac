#include "map/overview/mapoverviewlayer.h"

#include "map/clusteritem.h"
#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"
#include "map/overview/overviewraster.h"

#include <QGraphicsView>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace flowbench {

namespace {
// A colour with the item's opacity folded in (dimmed cards and edges of a flow view).
QRgb withOpacity(QColor colour, double opacity)
{
    if (opacity < 1.0)
        colour.setAlphaF(float(colour.alphaF() * opacity));
    return colour.rgba();
}

QRectF cardRect(const NodeItem *item) { return QRectF(item->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight)); }
} // namespace

MapOverviewLayer::MapOverviewLayer(MapScene *scene) : m_scene(scene)
{
    setZValue(1.8); // above clusters and edges, below cards
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemUsesExtendedStyleOption);
}

MapOverviewLayer *MapOverviewLayer::install(MapScene *scene)
{
    auto layer = std::make_unique<MapOverviewLayer>(scene);
    MapOverviewLayer *installed = layer.get();
    scene->setOverviewLayer(std::move(layer));
    return installed;
}

void MapOverviewLayer::setRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
    m_pictureScale = 0; // clusters may have grown
}

void MapOverviewLayer::invalidate()
{
    const bool wasValid = !m_geometryDirty || m_pictureScale > 0;
    m_geometryDirty = true;
    m_pictureScale = 0;
    m_recolour.clear();
    if (wasValid && m_scene->overviewMode())
        update(); // in detail mode nothing of it is on screen
}

void MapOverviewLayer::invalidateNode(const Id &nodeId)
{
    if (m_geometryDirty)
        return; // everything is rebuilt anyway
    const NodeItem *item = m_scene->nodeItem(nodeId);
    auto index = m_blockOfNode.constFind(nodeId);
    if (!item || index == m_blockOfNode.cend())
        return;
    m_blocks[*index].colour = withOpacity(item->blockColor(), item->opacity());
    if (m_pictureScale > 0)
        m_recolour.insert(nodeId);
    if (m_scene->overviewMode())
        update(m_blocks[*index].rect);
}

void MapOverviewLayer::rebuildGeometry()
{
    m_geometryDirty = false;
    m_recolour.clear();
    m_lines.clear();
    m_blocks.clear();
    m_blockOfNode.clear();
    const ProjectDocument *doc = m_scene->document();
    QHash<int, QRgb> kindColours; // edgePen builds a QPen with a dash pattern: once per kind
    for (const auto &entry : m_scene->edgeItems()) {
        const EdgeItem *item = entry.second.get();
        const QPainterPath &path = item->path();
        if (path.elementCount() == 0 || !item->isVisible())
            continue;
        const Edge *edge = doc->edge(entry.first);
        if (!edge)
            continue;
        QColor colour = MapStyle::selectionColor();
        if (!item->isSelected() && !item->isHighlighted()) {
            auto kc = kindColours.find(int(edge->kind));
            if (kc == kindColours.end())
                kc = kindColours.insert(int(edge->kind), MapStyle::edgePen(edge->kind).color().rgba());
            colour = QColor::fromRgba(kc.value());
        }
        m_lines[withOpacity(colour, item->opacity())].append(QLineF(path.elementAt(0), path.currentPosition()));
    }
    m_blocks.reserve(int(m_scene->nodeItems().size()));
    for (const auto &entry : m_scene->nodeItems()) {
        const NodeItem *item = entry.second.get();
        if (!item->isVisible())
            continue;
        m_blockOfNode.insert(entry.first, m_blocks.size());
        m_blocks.append({cardRect(item), withOpacity(item->blockColor(), item->opacity())});
    }
}

QImage MapOverviewLayer::renderImage(const QRectF &sceneRect, double scale, double dpr)
{
    QImage image;
    renderInto(&image, sceneRect, scale, dpr);
    return image;
}

void MapOverviewLayer::renderInto(QImage *target, const QRectF &sceneRect, double scale, double dpr)
{
    if (m_geometryDirty)
        rebuildGeometry();
    const QSize size = (sceneRect.size() * scale * dpr).toSize().expandedTo(QSize(1, 1));
    if (target->size() != size || target->format() != QImage::Format_RGB32)
        *target = QImage(size, QImage::Format_RGB32);
    target->setDevicePixelRatio(dpr);
    QImage &image = *target;
    OverviewRaster raster(&image, sceneRect, scale);
    raster.fill(MapStyle::canvasColor().rgb());
    const QList<ClusterItem *> clusters = m_scene->clusterItems();
    for (const ClusterItem *cluster : clusters) {
        if (!sceneRect.intersects(cluster->boundingRect()))
            continue;
        const QColor tint = MapStyle::groupColor(cluster->group());
        raster.fillRect(cluster->boundingRect(), withOpacity(tint, cluster->opacity()));
        raster.outline(cluster->boundingRect(), withOpacity(tint.darker(112), cluster->opacity()));
    }
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        for (const QLineF &l : it.value())
            raster.line(l, it.key());
    for (const Block &b : std::as_const(m_blocks))
        if (sceneRect.intersects(b.rect))
            raster.fillRect(b.rect, b.colour);
    if (scale >= 0.25) { // names of the groups, once readable
        QPainter p(&image);
        p.scale(scale, scale);
        p.translate(-sceneRect.topLeft());
        for (const ClusterItem *cluster : clusters)
            if (sceneRect.intersects(cluster->boundingRect())) {
                p.setOpacity(cluster->opacity());
                cluster->paintLabel(&p, scale);
            }
    }
}

void MapOverviewLayer::recolourPending()
{
    if (m_recolour.isEmpty())
        return;
    OverviewRaster raster(&m_picture, m_pictureRect, m_pictureScale);
    for (const Id &id : std::as_const(m_recolour)) {
        auto index = m_blockOfNode.constFind(id);
        if (index == m_blockOfNode.cend())
            continue;
        const Block &block = m_blocks.at(*index);
        // Over the old block: an opaque colour covers it; a dimmed one needs the canvas first.
        if (qAlpha(block.colour) < 255)
            raster.fillRect(block.rect, MapStyle::canvasColor().rgb());
        raster.fillRect(block.rect, block.colour);
    }
    m_recolour.clear();
}

bool MapOverviewLayer::pictureCovers(const QRectF &exposed, double scale, double dpr) const
{
    return m_pictureScale > 0 && qFuzzyCompare(m_pictureScale, scale) && qFuzzyCompare(m_picture.devicePixelRatio(), dpr)
        && m_pictureRect.contains(exposed.intersected(m_rect).adjusted(1 / scale, 1 / scale, -1 / scale, -1 / scale));
}

void MapOverviewLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget)
{
    const QTransform world = painter->worldTransform();
    const double lod = option->levelOfDetailFromTransform(world);
    // Cards and edges draw themselves at detail zoom, unless the scene keeps them out of
    // painting (overview mode) while something renders it large.
    if (lod >= NodeItem::kDetailLevel && !m_scene->overviewMode())
        return;
    const QRectF exposed = option->exposedRect.isEmpty() ? m_rect : option->exposedRect;
    // Rotated or sheared, or no view to size the picture by: draw directly.
    auto *view = widget ? qobject_cast<QGraphicsView *>(widget->parentWidget()) : nullptr;
    if (!view || world.isRotating() || !qFuzzyCompare(world.m11(), world.m22())) {
        // Printing or an odd transform: draw the picture of the exposed part at 1:1.
        painter->drawImage(exposed, renderImage(exposed, lod, 1.0));
        return;
    }
    const double scale = world.m11();
    const double dpr = painter->device()->devicePixelRatioF();
    if (m_geometryDirty || !pictureCovers(exposed, scale, dpr)) {
        if (m_geometryDirty)
            rebuildGeometry();
        // The visible area and a quarter screen around it, so panning blits for a while;
        // always this size, so the image is reused from one zoom step to the next.
        const QSize viewport = view->viewport()->size();
        const QSizeF pictureSize = QSizeF(viewport.width() * 1.5, viewport.height() * 1.5) / scale;
        const QPointF centre = view->mapToScene(view->viewport()->rect().center());
        const QRectF area(centre - QPointF(pictureSize.width(), pictureSize.height()) / 2, pictureSize);
        renderInto(&m_picture, area, scale, dpr);
        m_pictureRect = area;
        m_pictureScale = scale;
        m_recolour.clear();
    } else {
        recolourPending();
    }
    // One blit in device coordinates; the picture is at this very scale.
    const QRectF placed = world.mapRect(m_pictureRect);
    const QPoint origin(qRound(placed.left()), qRound(placed.top()));
    const QRect target = world.mapRect(exposed).toAlignedRect().intersected(
        QRect(origin, (QSizeF(m_picture.size()) / dpr).toSize()));
    if (target.isEmpty())
        return;
    const QRectF source(QPointF(target.topLeft() - origin) * dpr, QSizeF(target.size()) * dpr);
    painter->save();
    painter->setWorldTransform(QTransform());
    painter->drawImage(QRectF(target), m_picture, source);
    painter->restore();
}

} // namespace flowbench
