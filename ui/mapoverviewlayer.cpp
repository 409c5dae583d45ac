#include "mapoverviewlayer.h"

#include "document/projectdocument.h"
#include "edgeitem.h"
#include "mapscene.h"
#include "mapstyle.h"
#include "nodeitem.h"

#include <QHash>
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
} // namespace

MapOverviewLayer::MapOverviewLayer(MapScene *scene) : m_scene(scene)
{
    setZValue(1.8); // above clusters and edges, below cards
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemUsesExtendedStyleOption);
}

void MapOverviewLayer::setRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

void MapOverviewLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod >= NodeItem::kDetailLevel)
        return; // the cards and edges draw themselves
    const QRectF exposed = option->exposedRect.isEmpty() ? m_rect : option->exposedRect;
    const ProjectDocument *doc = m_scene->document();

    // Edges as straight lines between their ends, one drawLines call per colour.
    QHash<QRgb, QVector<QLineF>> lines;
    QHash<int, QColor> kindColours; // edgePen builds a QPen with a dash pattern: once per kind
    for (const auto &entry : m_scene->edgeItems()) {
        const EdgeItem *item = entry.second.get();
        const QPainterPath &path = item->path();
        if (path.elementCount() == 0 || !item->isVisible())
            continue;
        const QLineF line(path.elementAt(0), path.currentPosition());
        if (!exposed.intersects(QRectF(line.p1(), line.p2()).normalized().adjusted(-1, -1, 1, 1)))
            continue;
        const Edge *edge = doc->edge(entry.first);
        if (!edge)
            continue;
        QColor colour = MapStyle::selectionColor();
        if (!item->isSelected() && !item->isHighlighted()) {
            auto kc = kindColours.find(int(edge->kind));
            if (kc == kindColours.end())
                kc = kindColours.insert(int(edge->kind), MapStyle::edgePen(edge->kind).color());
            colour = kc.value();
        }
        lines[withOpacity(colour, item->opacity())].append(line);
    }
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setBrush(Qt::NoBrush);
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        painter->setPen(QPen(QColor::fromRgba(it.key()), 0)); // cosmetic: one pixel at any zoom
        painter->drawLines(it.value());
    }

    // Cards as blocks, one drawRects call per colour.
    QHash<QRgb, QVector<QRectF>> blocks;
    for (const auto &entry : m_scene->nodeItems()) {
        const NodeItem *item = entry.second.get();
        const QRectF card(item->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
        if (!item->isVisible() || !exposed.intersects(card))
            continue;
        blocks[withOpacity(item->blockColor(), item->opacity())].append(card);
    }
    painter->setPen(Qt::NoPen);
    for (auto it = blocks.cbegin(); it != blocks.cend(); ++it) {
        painter->setBrush(QColor::fromRgba(it.key()));
        painter->drawRects(it.value());
    }
}

} // namespace flowbench
