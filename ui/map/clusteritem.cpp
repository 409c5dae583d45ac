#include "map/clusteritem.h"

#include "map/mapstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace flowbench {

ClusterItem::ClusterItem(const QString &group) : m_group(group)
{
    setZValue(0);
    setAcceptedMouseButtons(Qt::NoButton);
}

void ClusterItem::setRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

void ClusterItem::setDimmed(bool dimmed) { setOpacity(dimmed ? 0.4 : 1.0); }

void ClusterItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    paintBackground(painter, option->levelOfDetailFromTransform(painter->worldTransform()));
}

void ClusterItem::paintBackground(QPainter *painter, double lod) const
{
    const QColor tint = MapStyle::groupColor(m_group);
    painter->setBrush(tint);
    if (lod < 0.4) {
        // Zoomed out the corners are a few pixels: a plain rect with a hairline is
        // several times cheaper than stroking a rounded outline.
        painter->setRenderHint(QPainter::Antialiasing, false);
        painter->fillRect(m_rect, tint); // the raster engine's solid fast path, unlike drawRect
        painter->setPen(QPen(tint.darker(112), 0));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(m_rect);
    } else {
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(tint.darker(112), 1.2, Qt::SolidLine));
        painter->drawRoundedRect(m_rect, 14, 14);
    }
    paintLabel(painter, lod);
}

void ClusterItem::paintLabel(QPainter *painter, double lod) const
{
    if (lod < 0.25)
        return;
    const QColor tint = MapStyle::groupColor(m_group);
    QFont font;
    // As large as the cluster's top margin allows, so the name stays readable zoomed out.
    font.setPixelSize(qBound(13, int(12 / lod), int(MapStyle::kClusterMargin)));
    font.setBold(true);
    font.setCapitalization(QFont::AllUppercase);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.8);
    painter->setFont(font);
    painter->setPen(tint.darker(190));
    const QRectF label = m_rect.adjusted(14, 6, -14, 0);
    painter->drawText(label, Qt::AlignLeft | Qt::AlignTop,
                      QFontMetricsF(font).elidedText(m_group, Qt::ElideRight, label.width()));
}

} // namespace flowbench
