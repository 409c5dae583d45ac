#include "map/edgeitem.h"

#include "document/projectdocument.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"

#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <cmath>

namespace flowbench {

namespace {
constexpr double kArrowLength = 10;

const QFont &labelFont()
{
    static const QFont font = [] { // built once: a QFont per paint is a font-database lookup
        QFont f;
        f.setPixelSize(int(EdgeItem::kLabelPixels));
        return f;
    }();
    return font;
}

// Liang-Barsky: the part [t0, t1] of segment a-b inside `r`; false when none is.
bool clipSegment(const QPointF &a, const QPointF &b, const QRectF &r, double *t0, double *t1)
{
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = { -dx, dx, -dy, dy };
    const double q[4] = { a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y() };
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(p[i])) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            *t0 = qMax(*t0, t);
        else
            *t1 = qMin(*t1, t);
        if (*t0 > *t1)
            return false;
    }
    return true;
}

QVector<QLineF> segmentsOf(const QPolygonF &run)
{
    QVector<QLineF> lines;
    lines.reserve(run.size());
    for (int i = 1; i < run.size(); ++i)
        lines.append(QLineF(run.at(i - 1), run.at(i)));
    return lines;
}

// The pieces of `run` a dash pattern (lengths in item units, on first) draws when it
// starts `phase` along the edge.
QVector<QLineF> dashPieces(const QPolygonF &run, const QVector<qreal> &pattern, double phase)
{
    double period = 0;
    for (qreal d : pattern)
        period += d;
    if (pattern.size() < 2 || period <= 0)
        return segmentsOf(run);
    int index = 0;
    double left = std::fmod(qMax(0.0, phase), period);
    while (left >= pattern.at(index)) {
        left -= pattern.at(index);
        index = (index + 1) % pattern.size();
    }
    left = pattern.at(index) - left; // what remains of the current dash or gap
    QVector<QLineF> pieces;
    for (int i = 1; i < run.size(); ++i) {
        const QPointF a = run.at(i - 1);
        const QPointF b = run.at(i);
        const double length = QLineF(a, b).length();
        double t = 0;
        while (length - t > 1e-9) {
            const double step = qMin(left, length - t);
            if (index % 2 == 0 && step > 0)
                pieces.append(QLineF(a + (b - a) * (t / length), a + (b - a) * ((t + step) / length)));
            t += step;
            left -= step;
            if (left <= 1e-9) {
                index = (index + 1) % pattern.size();
                left = pattern.at(index);
            }
        }
    }
    return pieces;
}

bool isRaster(QPainter *painter)
{
    return painter->paintEngine() && painter->paintEngine()->type() == QPaintEngine::Raster;
}

// Where a line from the card centre towards `towards` leaves the card.
QPointF port(const QRectF &card, const QPointF &towards, QPointF *normal)
{
    const QPointF c = card.center();
    const double dx = towards.x() - c.x();
    const double dy = towards.y() - c.y();
    // Prefer the left/right sides unless the other end is mostly above or below.
    if (qAbs(dx) * card.height() >= qAbs(dy) * card.width() * 0.6) {
        *normal = QPointF(dx >= 0 ? 1 : -1, 0);
        return QPointF(dx >= 0 ? card.right() : card.left(), c.y());
    }
    *normal = QPointF(0, dy >= 0 ? 1 : -1);
    return QPointF(c.x(), dy >= 0 ? card.bottom() : card.top());
}
} // namespace

EdgeItem::EdgeItem(MapScene *scene, const Id &id)
    : m_scene(scene)
    , m_id(id)
{
    setFlags(ItemIsSelectable | ItemUsesExtendedStyleOption); // the exposed rect clips long edges
    refreshToolTip();
    setZValue(1);
    setFlag(ItemHasNoContents, scene->overviewMode());
}

void EdgeItem::refreshToolTip()
{
    if (const Edge *e = m_scene->document()->edge(m_id))
        setToolTip(e->label.isEmpty()
                ? MapStyle::edgeKindLabel(e->kind)
                : QStringLiteral("%1: %2").arg(MapStyle::edgeKindLabel(e->kind), e->label));
}

QRectF EdgeItem::boundingRect() const
{
    QRectF r = m_path.boundingRect() | m_arrow.boundingRect();
    if (!m_labelRect.isEmpty())
        r |= m_labelRect;
    return r.adjusted(-6, -6, 6, 6);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(m_path);
}

void EdgeItem::setRoute(const QList<QPointF> &points, const QPointF &fromPos, const QPointF &toPos)
{
    m_route = points;
    m_routeFrom = fromPos;
    m_routeTo = toPos;
    updateGeometry();
}

void EdgeItem::clearRoute()
{
    m_route.clear();
    updateGeometry();
}

void EdgeItem::setHighlighted(bool highlighted)
{
    if (m_highlighted == highlighted)
        return;
    m_highlighted = highlighted;
    setZValue(highlighted ? 1.5 : 1);
    update();
    m_scene->invalidateOverview();
}

void EdgeItem::setDimmed(bool dimmed)
{
    if (m_dimmed == dimmed)
        return;
    m_dimmed = dimmed;
    setOpacity(dimmed ? 0.15 : 1.0);
    m_scene->invalidateOverview();
}

void EdgeItem::updateGeometry()
{
    const Edge *edge = m_scene->document()->edge(m_id);
    NodeItem *from = edge ? m_scene->nodeItem(edge->from) : nullptr;
    NodeItem *to = edge ? m_scene->nodeItem(edge->to) : nullptr;
    if (!from || !to)
        return;
    prepareGeometryChange();
    const QRectF a(from->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
    const QRectF b(to->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
    QPainterPath path;
    QPointF end, beforeEnd;
    const bool routeValid = m_route.size() >= 4 && (m_route.size() - 1) % 3 == 0 && from->pos() == m_routeFrom
        && to->pos() == m_routeTo;
    if (routeValid) {
        // The layout leaves a margin around cards: bridge it at both ends.
        QPointF n0;
        const QPointF startBorder = port(a, m_route.first(), &n0);
        if (QLineF(startBorder, m_route.first()).length() < 40 && !a.contains(m_route.first())) {
            path.moveTo(startBorder);
            path.lineTo(m_route.first());
        } else {
            path.moveTo(m_route.first());
        }
        for (int i = 1; i + 2 < m_route.size(); i += 3)
            path.cubicTo(m_route.at(i), m_route.at(i + 1), m_route.at(i + 2));
        end = m_route.last();
        beforeEnd = m_route.at(m_route.size() - 2);
        // Graphviz stops short of the (padded) card for its arrowhead; reach the border.
        QPointF n;
        const QPointF border = port(b, end, &n);
        if (QLineF(end, border).length() < 48 && !b.contains(end)) {
            beforeEnd = end;
            end = border;
        }
        path.lineTo(end);
    } else if (from == to) {
        // A node that talks to itself: a loop over its top-right corner.
        const QPointF s(a.right() - 40, a.top());
        end = QPointF(a.right(), a.top() + 20);
        beforeEnd = end + QPointF(50, -10);
        path.moveTo(s);
        path.cubicTo(s + QPointF(0, -50), beforeEnd + QPointF(0, -40), end);
    } else {
        QPointF n1, n2;
        const QPointF p1 = port(a, b.center(), &n1);
        end = port(b, a.center(), &n2);
        const double reach = qMax(40.0, QLineF(p1, end).length() * 0.4);
        beforeEnd = end + n2 * reach;
        path.moveTo(p1);
        path.cubicTo(p1 + n1 * reach, beforeEnd, end);
    }
    m_path = path;
    // Flattened finely enough for the highest zoom (Qt flattens in the given transform).
    m_flat
        = QTransform::fromScale(0.25, 0.25).map(path.toSubpathPolygons(QTransform::fromScale(4, 4)).value(0));
    m_flatLength.resize(m_flat.size());
    double along = 0;
    for (int i = 0; i < m_flat.size(); ++i) {
        if (i > 0)
            along += QLineF(m_flat.at(i - 1), m_flat.at(i)).length();
        m_flatLength[i] = along;
    }

    // Arrowhead along the last stretch of the curve.
    QLineF dir(path.pointAtPercent(qMax(0.0, 1.0 - 12.0 / qMax(12.0, path.length()))), end);
    if (dir.length() < 0.01)
        dir = QLineF(beforeEnd, end);
    const double angle = qDegreesToRadians(dir.angle());
    const QPointF back(-qCos(angle) * kArrowLength, qSin(angle) * kArrowLength);
    const QPointF side(-qSin(angle) * kArrowLength * 0.45, -qCos(angle) * kArrowLength * 0.45);
    m_arrow = QPolygonF({ end, end + back + side, end + back - side });
    update();
    m_scene->invalidateOverview();
    m_scene->scheduleEdgeLabels(); // the label's spot may have moved or become free
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged || change == ItemVisibleHasChanged)
        m_scene->invalidateOverview();
    return QGraphicsItem::itemChange(change, value);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Edge *edge = m_scene->document()->edge(m_id);
    if (!edge)
        return;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (lod < NodeItem::kDetailLevel)
        return; // MapOverviewLayer draws every edge as a line in one go
    QPen pen = MapStyle::edgePen(edge->kind);
    if (m_highlighted) {
        pen.setColor(MapStyle::selectionColor());
        pen.setWidthF(pen.widthF() + 1.6);
    }
    if (const MapOverlay *overlay = m_scene->overlay()) // run workspace: failing flow edges, impact
        overlay->adjustEdgePen(m_id, pen, m_highlighted);
    if (isSelected()) {
        pen.setColor(MapStyle::selectionColor());
        pen.setWidthF(pen.widthF() + 0.8);
    }
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setBrush(Qt::NoBrush);
    const QRectF exposed = option->exposedRect.adjusted(-8, -8, 8, 8);
    if (!isRaster(painter) && exposed.contains(m_path.controlPointRect())) {
        painter->setPen(pen);
        painter->drawPath(m_path);
    } else {
        strokeVisiblePart(painter, pen, exposed);
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(pen.color());
    painter->drawPolygon(m_arrow);

    if (m_labelRect.isEmpty() || !labelLegibleAt(lod))
        return;
    painter->setFont(labelFont());
    painter->setBrush(QColor(0xf8, 0xfa, 0xfc, 230));
    painter->drawRoundedRect(m_labelRect, 4, 4);
    painter->setPen(pen.color().darker(120));
    painter->drawText(m_labelRect, Qt::AlignCenter, labelText());
}

bool EdgeItem::labelLegibleAt(double lod)
{
    return lod * kLabelPixels >= NodeItem::kLegiblePixels;
}

QString EdgeItem::labelText() const
{
    const Edge *edge = m_scene->document()->edge(m_id);
    if (!edge)
        return QString();
    return edge->label.isEmpty() ? MapStyle::edgeKindLabel(edge->kind) : edge->label;
}

QSizeF EdgeItem::labelSize() const
{
    const double width = QFontMetricsF(labelFont()).horizontalAdvance(labelText());
    // A label longer than its edge would sit on the cards: leave it to the tooltip.
    if (m_flatLength.isEmpty() || m_flatLength.last() < width + 36)
        return QSizeF();
    return QSizeF(width + 8, 16);
}

void EdgeItem::setLabelRect(const QRectF &rect)
{
    if (rect == m_labelRect)
        return;
    prepareGeometryChange();
    m_labelRect = rect;
}

QPointF EdgeItem::pointAlong(double fraction) const
{
    if (m_flat.isEmpty())
        return QPointF();
    const double at = qBound(0.0, fraction, 1.0) * m_flatLength.last();
    const auto it = std::lower_bound(m_flatLength.cbegin(), m_flatLength.cend(), at);
    const int i = int(it - m_flatLength.cbegin());
    if (i <= 0)
        return m_flat.first();
    if (i >= m_flat.size())
        return m_flat.last();
    const double span = m_flatLength.at(i) - m_flatLength.at(i - 1);
    const double t = span > 0 ? (at - m_flatLength.at(i - 1)) / span : 0;
    return m_flat.at(i - 1) + (m_flat.at(i) - m_flat.at(i - 1)) * t;
}

// A long edge crossing the view (or a strip of it being repainted) is stroked only where
// it is exposed: Qt dashes and strokes the whole curve otherwise, and a map-wide edge
// made a 100 % frame several times slower. Each visible run starts its dash pattern at
// the phase it has there, so the dashes do not jump while panning.
void EdgeItem::strokeVisiblePart(QPainter *painter, QPen pen, const QRectF &exposed) const
{
    const bool dashed = pen.style() != Qt::SolidLine;
    pen.setJoinStyle(Qt::BevelJoin); // the polyline bends a little at every point: round joins cost most
    // On a raster device (the screen, PNG export) the flattened curve goes as separate
    // flat-capped lines to the raster engine's line rasterizer, several times cheaper than
    // stroking it as one outline (most of a 5,000-node PNG export); the gaps at the
    // slight bends are far below a pixel.
    const bool raster = isRaster(painter);
    QVector<qreal> dashes; // in item units: the pen's pattern is in pen widths
    if (raster) {
        // Square caps close the outer notch at each bend of a thick, tight curve; where the
        // edge is translucent (dimmed, impact's faded edges) the overlaps would show as beads.
        const bool opaque = pen.color().alpha() == 255 && painter->opacity() >= 1.0;
        pen.setCapStyle(opaque && !dashed ? Qt::SquareCap : Qt::FlatCap);
        // Qt restarts a pattern on every line it is given: the edge is dashed here and
        // its dashes drawn solid.
        if (dashed) {
            for (qreal d : pen.dashPattern())
                dashes << d * qMax(0.1, pen.widthF());
            pen.setStyle(Qt::SolidLine);
        }
    }
    const double width = qMax(0.1, pen.widthF());
    QPolygonF run;
    double runStart = 0;
    auto flush = [&] {
        if (run.size() >= 2) {
            if (dashed && !raster)
                pen.setDashOffset(runStart / width);
            painter->setPen(pen);
            if (raster)
                painter->drawLines(dashed ? dashPieces(run, dashes, runStart) : segmentsOf(run));
            else
                painter->drawPolyline(run);
        }
        run.clear();
    };
    for (int i = 1; i < m_flat.size(); ++i) {
        const QPointF a = m_flat.at(i - 1);
        const QPointF b = m_flat.at(i);
        double t0 = 0, t1 = 1;
        if (!clipSegment(a, b, exposed, &t0, &t1)) {
            flush();
            continue;
        }
        const QPointF from = a + (b - a) * t0;
        const QPointF to = a + (b - a) * t1;
        if (run.isEmpty() || t0 > 0) { // a segment entering the view starts a new run
            flush();
            run.append(from);
            runStart = m_flatLength.at(i - 1) + (m_flatLength.at(i) - m_flatLength.at(i - 1)) * t0;
        }
        run.append(to);
        if (t1 < 1)
            flush();
    }
    flush();
}

} // namespace flowbench
