#include "map/nodeitem.h"

#include "document/projectdocument.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmapCache>
#include <QStyleOptionGraphicsItem>
#include <QTextLayout>

namespace flowbench {

namespace {
constexpr double kRadius = 9;
constexpr double kHandle = 12;

// Fonts built once: a QFont made per paint costs a font-database lookup each time.
QFont cardFont(int pixelSize, bool bold)
{
    QFont font;
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}
const QFont &nameFont()
{
    static const QFont f = cardFont(int(NodeItem::kNamePixels), true);
    return f;
}
const QFont &compactRiskFont()
{
    static const QFont f = cardFont(15, true);
    return f;
}
// A name that wraps on the full card: two lines of this fit above the kind line.
const QFont &wrappedNameFont()
{
    static const QFont f = cardFont(12, true);
    return f;
}
const QFont &compactFont()
{
    static const QFont f = cardFont(int(NodeItem::kCompactNamePixels), true);
    return f;
}
const QFont &subFont()
{
    static const QFont f = cardFont(int(NodeItem::kSubPixels), false);
    return f;
}
const QFont &badgeFont()
{
    static const QFont f = cardFont(10, false);
    return f;
}
const QFont &smallBoldFont()
{
    static const QFont f = cardFont(8, true);
    return f;
}
const QFont &stepFont()
{
    static const QFont f = cardFont(10, true);
    return f;
}

QStaticText staticText(const QString &text, const QFont &font)
{
    QStaticText t(text);
    t.setTextFormat(Qt::PlainText);
    t.setPerformanceHint(QStaticText::AggressiveCaching);
    t.prepare(QTransform(), font);
    return t;
}

// `text` in at most two lines of `width`: broken at word boundaries (anywhere in a word
// longer than a line), the second line elided when the rest does not fit.
QStringList twoLines(const QString &text, const QFont &font, double width)
{
    const QFontMetricsF fm(font);
    if (fm.horizontalAdvance(text) <= width)
        return { text };
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine first = layout.createLine();
    first.setLineWidth(width);
    layout.endLayout();
    const int cut = first.textLength();
    if (cut <= 0 || cut >= text.size())
        return { fm.elidedText(text, Qt::ElideRight, width) };
    return { text.left(cut).trimmed(), fm.elidedText(text.mid(cut).trimmed(), Qt::ElideRight, width) };
}

// Draws `text` vertically centred in `box`, left-aligned or centred.
void drawIn(QPainter *painter, const QRectF &box, const QStaticText &text, bool centred = false)
{
    const QSizeF size = text.size();
    const double x = centred ? box.left() + (box.width() - size.width()) / 2 : box.left();
    painter->drawStaticText(QPointF(x, box.top() + (box.height() - size.height()) / 2), text);
}
} // namespace

NodeItem::NodeItem(MapScene *scene, const Id &id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    // No item cache: at low zoom it made one (empty) pixmap per card every frame, which
    // doubled the fitted 5,000-node frame and cost 12 MiB (bench/mapview).
    setZValue(2);
    setFlag(ItemHasNoContents, scene->overviewMode());
    refresh();
}

const Node *NodeItem::node() const
{
    return m_scene->document()->node(m_id);
}

QRectF NodeItem::boundingRect() const
{
    // Room for the selection outline, the handle, the flow-step badge and, on the compact
    // card, the larger risk dot and step badge.
    return QRectF(-12, -22, MapStyle::kNodeWidth + 26, MapStyle::kNodeHeight + 28);
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
    return QRectF(
        MapStyle::kNodeWidth - kHandle / 2, MapStyle::kNodeHeight / 2 - kHandle / 2, kHandle, kHandle);
}

QRectF NodeItem::nameRect() const
{
    return QRectF(48, 8, MapStyle::kNodeWidth - 78, 22);
}

void NodeItem::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    setOpacity(dimmed ? 0.22 : 1.0);
    m_scene->invalidateOverview();
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
    m_text.reset();
    update();
    m_scene->invalidateOverview(); // the kind colours its block
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        m_scene->nodeItemMoved(this);
        m_scene->invalidateOverview();
    } else if (change == ItemSelectedHasChanged) {
        update();
        m_scene->invalidateOverviewNode(m_id);
    } else if (change == ItemVisibleHasChanged) {
        m_scene->invalidateOverview();
    }
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
    if (lod * kCompactNamePixels < kLegiblePixels)
        return; // MapOverviewLayer draws every card as a block (blockColor) in one go
    if (lod * kSubPixels < kLegiblePixels)
        paintCompact(painter, *n);
    else
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

    // Card with a soft shadow, the overlay's tint and a kind-coloured stripe on the left.
    const MapOverlay *overlay = m_scene->overlay();
    const std::optional<QColor> fill = overlay ? overlay->cardFill(n.id) : std::nullopt;
    paintChrome(painter, fill.value_or(QColor(Qt::white)), kind);

    const int iconSize = 28;
    const int device = int(iconSize * qMax(1.0, lod) + 0.5);
    MapStyle::paintKindIcon(painter, QRectF(13, (card.height() - iconSize) / 2, iconSize, iconSize), n.kind,
                            qMin(device, 128));

    const int tests = m_scene->document()->testCaseCount(n.id);
    const CardText &text = cardText(n, tests);
    painter->setPen(QColor(0x0f, 0x17, 0x2a));
    if (text.name2.text().isEmpty()) {
        painter->setFont(nameFont());
        drawIn(painter, nameRect(), text.name);
    } else {
        painter->setFont(wrappedNameFont());
        drawIn(painter, QRectF(48, 4, 1, 17), text.name);
        drawIn(painter, QRectF(48, 20, 1, 17), text.name2);
    }
    painter->setFont(subFont());
    painter->setPen(QColor(0x64, 0x74, 0x8b));
    drawIn(painter, text.name2.text().isEmpty() ? QRectF(48, 31, 1, 18) : QRectF(48, 38, 1, 18), text.sub);

    // Risk marker: a dot coloured by score, with the score when it matters.
    const int score = n.risk.score();
    const QRectF riskRect(MapStyle::kNodeWidth - 24, 9, 14, 14);
    painter->setPen(Qt::NoPen);
    painter->setBrush(MapStyle::riskColor(score));
    painter->drawEllipse(riskRect);
    if (score > 1) {
        painter->setFont(smallBoldFont());
        painter->setPen(Qt::white);
        drawIn(painter, riskRect, text.risk, true);
    }

    if (tests > 0) {
        painter->setFont(badgeFont());
        const double w = text.badgeWidth;
        const QRectF r(MapStyle::kNodeWidth - w - 8, (MapStyle::kNodeHeight - 14) / 2 + 9, w, 14);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xe0, 0xe7, 0xff));
        painter->drawRoundedRect(r, 7, 7);
        painter->setPen(QColor(0x37, 0x30, 0xa3));
        drawIn(painter, r, text.badge, true);
    }

    // Open review comments: a speech bubble with their count on the card's top edge.
    if (const int open = m_scene->document()->openCommentCount(n.id)) {
        painter->setFont(stepFont());
        const QString text = QString::number(open);
        const double w = qMax(20.0, painter->fontMetrics().horizontalAdvance(text) + 12.0);
        const QRectF r(MapStyle::kNodeWidth - 40 - w, -9, w, 16);
        QPainterPath bubble;
        bubble.addRoundedRect(r, 6, 6);
        bubble.moveTo(r.left() + 5, r.bottom() - 1);
        bubble.lineTo(r.left() + 5, r.bottom() + 4);
        bubble.lineTo(r.left() + 10, r.bottom() - 1);
        painter->setPen(QPen(Qt::white, 1.2));
        painter->setBrush(QColor(0xd9, 0x77, 0x06));
        painter->drawPath(bubble.simplified());
        painter->setPen(Qt::white);
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
        painter->setFont(stepFont());
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

// Zoomed out to where the full card's text would be too small to read: the name alone,
// large, on the card in its overlay colours (the ring shows the result, coverage or
// impact), so a fitted map still says what is where.
void NodeItem::paintCompact(QPainter *painter, const Node &n)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF card(0, 0, MapStyle::kNodeWidth, MapStyle::kNodeHeight);
    const MapOverlay *overlay = m_scene->overlay();
    const std::optional<QColor> fill = overlay ? overlay->cardFill(n.id) : std::nullopt;
    paintChrome(painter, fill.value_or(QColor(Qt::white)), MapStyle::kindColor(n.kind));
    if (const std::optional<QColor> ring = overlay ? overlay->blockColor(n.id) : std::nullopt) {
        painter->setPen(QPen(*ring, 6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(-3, -3, 3, 3), kRadius + 3, kRadius + 3);
    }
    const CardText &text = cardText(n, m_scene->document()->testCaseCount(n.id));
    painter->setFont(compactFont());
    painter->setPen(QColor(0x0f, 0x17, 0x2a));
    if (text.compactLines == 1) {
        drawIn(painter, card.adjusted(14, 0, -4, 0), text.compact[0], true);
    } else {
        drawIn(painter, QRectF(14, 1, card.width() - 18, 29), text.compact[0], true);
        drawIn(painter, QRectF(14, 30, card.width() - 18, 29), text.compact[1], true);
    }
    // The risk dot, larger, on the top-right corner (the legend explains it).
    const int score = n.risk.score();
    const QRectF riskRect(card.width() - 12, -14, 22, 22);
    painter->setPen(QPen(Qt::white, 2));
    painter->setBrush(MapStyle::riskColor(score));
    painter->drawEllipse(riskRect);
    if (score > 1) {
        painter->setFont(compactRiskFont());
        painter->setPen(Qt::white);
        painter->drawText(riskRect, Qt::AlignCenter, QString::number(score));
    }
    if (!m_flowSteps.isEmpty()) { // the step numbers matter most on a fitted flow
        QStringList steps;
        for (int s : m_flowSteps)
            steps << QString::number(s);
        painter->setFont(compactFont());
        const QString label = steps.join(QLatin1Char(','));
        const double w = qMax(34.0, painter->fontMetrics().horizontalAdvance(label) + 14.0);
        const QRectF r(-10, -20, w, 32);
        painter->setPen(QPen(Qt::white, 2));
        painter->setBrush(MapStyle::selectionColor());
        painter->drawRoundedRect(r, 16, 16);
        painter->setPen(Qt::white);
        painter->drawText(r, Qt::AlignCenter, label);
    }
}

namespace {
void drawChrome(QPainter *painter, const QColor &fill, const QColor &kind, bool selected)
{
    const QRectF card(0, 0, MapStyle::kNodeWidth, MapStyle::kNodeHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(15, 23, 42, 22));
    painter->drawRoundedRect(card.translated(0, 2), kRadius, kRadius);
    painter->setBrush(Qt::white);
    painter->setPen(
        QPen(selected ? MapStyle::selectionColor() : QColor(0xd5, 0xdb, 0xe3), selected ? 2.2 : 1.0));
    painter->drawRoundedRect(card, kRadius, kRadius);
    if (fill != Qt::white) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(card.adjusted(1, 1, -1, -1), kRadius - 1, kRadius - 1);
    }
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(0, 0, 12, card.height()), kRadius, kRadius);
    QPainterPath clip;
    clip.addRect(QRectF(0, 0, 5, card.height()));
    painter->fillPath(stripe.intersected(clip), kind);
}
} // namespace

// The card's background is the same for every card of a kind, fill and selection at a
// zoom: drawn once into a pixmap at device resolution and blitted, since antialiased
// rounded rects were a third of a 100 % frame.
void NodeItem::paintChrome(QPainter *painter, const QColor &fill, const QColor &kind) const
{
    const QTransform world = painter->worldTransform();
    // SVG and PDF get the shapes themselves, not a cached bitmap of them.
    const QPaintEngine::Type engine = painter->paintEngine()->type();
    if (world.isRotating() || !qFuzzyCompare(world.m11(), world.m22()) || engine == QPaintEngine::SVG
        || engine == QPaintEngine::Pdf) {
        drawChrome(painter, fill, kind, isSelected());
        return;
    }
    const double scale = world.m11();
    const double dpr = painter->device()->devicePixelRatioF();
    const QRectF area(-3, -3, MapStyle::kNodeWidth + 6, MapStyle::kNodeHeight + 8); // card, outline, shadow
    const QString key = QStringLiteral("fb-card:%1:%2:%3:%4:%5")
                            .arg(fill.rgba())
                            .arg(kind.rgba())
                            .arg(isSelected())
                            .arg(qRound(scale * 1000))
                            .arg(dpr);
    QPixmap pixmap;
    if (!QPixmapCache::find(key, &pixmap)) {
        pixmap = QPixmap((area.size() * scale * dpr).toSize() + QSize(2, 2));
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.scale(scale, scale);
        p.translate(-area.topLeft());
        drawChrome(&p, fill, kind, isSelected());
        p.end();
        QPixmapCache::insert(key, pixmap);
    }
    // Blit at a whole device pixel: the pixmap is at this very scale.
    const QPointF at = world.map(area.topLeft());
    painter->save();
    painter->setWorldTransform(QTransform());
    painter->drawPixmap(QPointF(qRound(at.x()), qRound(at.y())), pixmap);
    painter->restore();
}

const NodeItem::CardText &NodeItem::cardText(const Node &n, int tests)
{
    if (m_text && m_text->tests == tests)
        return *m_text;
    m_text = std::make_unique<CardText>();
    m_text->tests = tests;
    if (QFontMetricsF(nameFont()).horizontalAdvance(n.name) <= nameRect().width()) {
        m_text->name = staticText(n.name, nameFont());
    } else {
        const QStringList lines = twoLines(n.name, wrappedNameFont(), nameRect().width());
        m_text->name = staticText(lines.value(0), wrappedNameFont());
        m_text->name2 = staticText(lines.value(1), wrappedNameFont());
    }
    const QStringList compact = twoLines(n.name, compactFont(), MapStyle::kNodeWidth - 20);
    m_text->compactLines = int(compact.size());
    for (int i = 0; i < compact.size(); ++i)
        m_text->compact[i] = staticText(compact.at(i), compactFont());

    QStringList sub;
    sub << MapStyle::kindLabel(n.kind);
    if (!n.group.isEmpty())
        sub << n.group;
    if (!n.owner.isEmpty())
        sub << QStringLiteral("@") + n.owner;
    const QString badge = QString::number(tests) + QStringLiteral(" ✓");
    m_text->badgeWidth = tests > 0 ? QFontMetricsF(badgeFont()).horizontalAdvance(badge) + 10 : 0;
    m_text->badge = staticText(badge, badgeFont());
    const double subWidth = MapStyle::kNodeWidth - 58 - (tests > 0 ? m_text->badgeWidth + 4 : 0);
    m_text->sub = staticText(
        QFontMetricsF(subFont()).elidedText(sub.join(QStringLiteral(" · ")), Qt::ElideRight, subWidth),
        subFont());
    m_text->risk = staticText(QString::number(n.risk.score()), smallBoldFont());
    return *m_text;
}

} // namespace flowbench
