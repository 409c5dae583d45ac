#include "nodeitem.h"

#include "document/projectdocument.h"
#include "mapoverlay.h"
#include "mapscene.h"
#include "mapstyle.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace flowbench {

namespace {
constexpr double kRadius = 9;
constexpr double kHandle = 12;
} // namespace

NodeItem::NodeItem(MapScene *scene, const Id &id) : m_scene(scene), m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    // No item cache: at low zoom it made one (empty) pixmap per card every frame, which
    // doubled the fitted 5,000-node frame and cost 12 MiB (bench/mapview).
    setZValue(2);
    refresh();
}

const Node *NodeItem::node() const { return m_scene->document()->node(m_id); }

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline, the handle and the flow-step badge.
    return QRectF(-6, -12, MapStyle::kNodeWidth + 18, MapStyle::kNodeHeight + 18);
}

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(QRectF(0, 0, MapStyle::kNodeWidth, MapStyle::kNodeHeight), kRadius, kRadius);
    path.addEllipse(connectHandleRect());
    return path;
}

QRectF NodeItem::connectHandleRect() const
{
    return QRectF(MapStyle::kNodeWidth - kHandle / 2, MapStyle::kNodeHeight / 2 - kHandle / 2, kHandle, kHandle);
}

QRectF NodeItem::nameRect() const { return QRectF(48, 8, MapStyle::kNodeWidth - 78, 22); }

void NodeItem::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    setOpacity(dimmed ? 0.22 : 1.0);
}

void NodeItem::setFlowSteps(const QList<int> &steps)
{
    if (m_flowSteps == steps)
        return;
    m_flowSteps = steps;
    update();
}

void NodeItem::refresh()
{
    if (const Node *n = node()) {
        setPos(n->x, n->y);
        setToolTip(QStringLiteral("%1 (%2)").arg(n->name, MapStyle::kindLabel(n->kind)));
    }
    update();
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged)
        m_scene->nodeItemMoved(this);
    else if (change == ItemSelectedHasChanged)
        update();
    return QGraphicsItem::itemChange(change, value);
}

void NodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event)
{
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Node *n = node();
    if (!n)
        return;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < kDetailLevel)
        return; // MapOverviewLayer draws every card as a block (blockColor) in one go
    paintDetailed(painter, *n, lod);
}

QColor NodeItem::blockColor() const
{
    if (isSelected())
        return MapStyle::selectionColor();
    // Zoomed out, a block shows what the overlay says (result, coverage, impact) or its kind.
    if (const MapOverlay *overlay = m_scene->overlay())
        if (const std::optional<QColor> c = overlay->blockColor(m_id))
            return *c;
    const Node *n = node();
    return n ? MapStyle::kindColor(n->kind) : QColor(Qt::gray);
}

void NodeItem::paintDetailed(QPainter *painter, const Node &n, double lod)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card(0, 0, MapStyle::kNodeWidth, MapStyle::kNodeHeight);
    const QColor kind = MapStyle::kindColor(n.kind);

    // Card with a soft shadow and a kind-coloured stripe on the left.
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(15, 23, 42, 22));
    painter->drawRoundedRect(card.translated(0, 2), kRadius, kRadius);
    painter->setBrush(Qt::white);
    painter->setPen(QPen(isSelected() ? MapStyle::selectionColor() : QColor(0xd5, 0xdb, 0xe3),
                         isSelected() ? 2.2 : 1.0));
    painter->drawRoundedRect(card, kRadius, kRadius);
    const MapOverlay *overlay = m_scene->overlay();
    if (overlay)
        overlay->paintNodeBackground(painter, n.id, card);
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(0, 0, 12, card.height()), kRadius, kRadius);
    QPainterPath clip;
    clip.addRect(QRectF(0, 0, 5, card.height()));
    painter->fillPath(stripe.intersected(clip), kind);

    const int iconSize = 28;
    const int device = int(iconSize * qMax(1.0, lod) + 0.5);
    painter->drawPixmap(QRectF(13, (card.height() - iconSize) / 2, iconSize, iconSize),
                        MapStyle::kindPixmap(n.kind, qMin(device, 128)), QRectF());

    QFont nameFont;
    nameFont.setPixelSize(13);
    nameFont.setBold(true);
    painter->setFont(nameFont);
    painter->setPen(QColor(0x0f, 0x17, 0x2a));
    const QRectF nameArea = nameRect();
    painter->drawText(nameArea, Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(n.name, Qt::ElideRight, int(nameArea.width())));

    QStringList sub;
    sub << MapStyle::kindLabel(n.kind);
    if (!n.group.isEmpty())
        sub << n.group;
    if (!n.owner.isEmpty())
        sub << QStringLiteral("@") + n.owner;
    QFont subFont = nameFont;
    subFont.setBold(false);
    subFont.setPixelSize(11);
    const int tests = m_scene->document()->testCaseCount(n.id);
    QFont badge = subFont;
    badge.setPixelSize(10);
    const QString badgeText = QString::number(tests) + QStringLiteral(" ✓");
    const double badgeWidth = tests > 0 ? QFontMetricsF(badge).horizontalAdvance(badgeText) + 10 : 0;
    painter->setFont(subFont);
    painter->setPen(QColor(0x64, 0x74, 0x8b));
    const QRectF subArea(48, 31, MapStyle::kNodeWidth - 58 - (tests > 0 ? badgeWidth + 4 : 0), 18);
    painter->drawText(subArea, Qt::AlignLeft | Qt::AlignVCenter,
                      painter->fontMetrics().elidedText(sub.join(QStringLiteral(" · ")), Qt::ElideRight,
                                                        int(subArea.width())));

    // Risk marker: a dot coloured by score, with the score when it matters.
    const int score = n.risk.score();
    const QRectF riskRect(MapStyle::kNodeWidth - 24, 9, 14, 14);
    painter->setPen(Qt::NoPen);
    painter->setBrush(MapStyle::riskColor(score));
    painter->drawEllipse(riskRect);
    if (score > 1) {
        QFont riskFont = subFont;
        riskFont.setPixelSize(8);
        riskFont.setBold(true);
        painter->setFont(riskFont);
        painter->setPen(Qt::white);
        painter->drawText(riskRect, Qt::AlignCenter, QString::number(score));
    }

    if (tests > 0) {
        painter->setFont(badge);
        const QString &text = badgeText;
        const double w = badgeWidth;
        const QRectF r(MapStyle::kNodeWidth - w - 8, (MapStyle::kNodeHeight - 14) / 2 + 9, w, 14);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xe0, 0xe7, 0xff));
        painter->drawRoundedRect(r, 7, 7);
        painter->setPen(QColor(0x37, 0x30, 0xa3));
        painter->drawText(r, Qt::AlignCenter, text);
    }

    if (n.pinned) {
        painter->setPen(QPen(QColor(0x47, 0x55, 0x69), 1.5));
        painter->setBrush(QColor(0x47, 0x55, 0x69));
        const QPointF head(MapStyle::kNodeWidth - 34, 16);
        painter->drawEllipse(head, 3, 3);
        painter->drawLine(head, head + QPointF(-4, 6));
    }

    if (!m_flowSteps.isEmpty()) {
        QFont stepFont = subFont;
        stepFont.setPixelSize(10);
        stepFont.setBold(true);
        painter->setFont(stepFont);
        QStringList steps;
        for (int s : m_flowSteps)
            steps << QString::number(s);
        const QString text = steps.join(QLatin1Char(','));
        const double w = qMax(18.0, painter->fontMetrics().horizontalAdvance(text) + 10.0);
        const QRectF r(-4, -10, w, 18);
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(MapStyle::selectionColor());
        painter->drawRoundedRect(r, 9, 9);
        painter->setPen(Qt::white);
        painter->drawText(r, Qt::AlignCenter, text);
    }

    if (overlay)
        overlay->paintNodeForeground(painter, n.id, card, lod);

    if (m_hovered || isSelected()) {
        painter->setPen(QPen(Qt::white, 2));
        painter->setBrush(kind);
        painter->drawEllipse(connectHandleRect());
    }
}

} // namespace flowbench
