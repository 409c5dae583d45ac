#include "clusteritem.h"

#include "mapstyle.h"

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
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor tint = MapStyle::groupColor(m_group);
    painter->setRenderHint(QPainter::Antialiasing, lod >= 0.4);
    painter->setPen(QPen(tint.darker(112), 1.2, Qt::SolidLine));
    painter->setBrush(tint);
    painter->drawRoundedRect(m_rect, 14, 14);
    if (lod < 0.25)
        return;
    QFont font;
    font.setPixelSize(lod < 0.5 ? 20 : 13);
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
