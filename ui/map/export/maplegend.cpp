#include "map/export/maplegend.h"

#include "map/mapstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace flowbench {

namespace {

constexpr double kMinWidth = 270;
constexpr double kPad = 10;
constexpr double kRow = 18;
constexpr double kHeading = 22;

QString tr(const char *text)
{
    return QCoreApplication::translate("MapLegend", text);
}

QFont headingFont()
{
    QFont f;
    f.setPixelSize(11);
    f.setBold(true);
    return f;
}

QFont rowFont()
{
    QFont f;
    f.setPixelSize(11);
    return f;
}

struct Swatch
{
    QColor color;
    QString text;
};

QList<Swatch> overlaySwatches(MapOverlay::Mode mode)
{
    switch (mode) {
    case MapOverlay::Mode::Results: {
        QList<Swatch> list;
        for (NodeState s : { NodeState::Pass, NodeState::Fail, NodeState::Error, NodeState::NotRun })
            list.append({ MapOverlay::stateColor(s),
                MapStyle::resultGlyph(s) + QLatin1Char(' ') + MapOverlay::stateText(s) });
        // Not a result: the dashed outline and ⚡ while a test case's fault holds there.
        list.append({ MapOverlay::faultColor(), tr("⚡ under a fault while its case runs") });
        return list;
    }
    case MapOverlay::Mode::Coverage:
        return { { MapOverlay::coverageColor(MapOverlay::Coverage::Passing),
                     MapOverlay::coverageText(MapOverlay::Coverage::Passing) },
            { MapOverlay::coverageColor(MapOverlay::Coverage::Automated),
                MapOverlay::coverageText(MapOverlay::Coverage::Automated) },
            { MapOverlay::coverageColor(MapOverlay::Coverage::Manual),
                MapOverlay::coverageText(MapOverlay::Coverage::Manual) },
            { MapOverlay::coverageColor(MapOverlay::Coverage::None),
                MapOverlay::coverageText(MapOverlay::Coverage::None) } };
    case MapOverlay::Mode::Impact:
        return { { MapOverlay::impactColor(MapOverlay::ImpactRole::Centre), tr("changed or failing node") },
            { MapOverlay::impactColor(MapOverlay::ImpactRole::Upstream), tr("upstream: feeds it") },
            { MapOverlay::impactColor(MapOverlay::ImpactRole::Downstream), tr("downstream: affected") } };
    case MapOverlay::Mode::Diff:
        return { { MapOverlay::diffColor(MapOverlay::DiffState::Added),
                     MapOverlay::diffText(MapOverlay::DiffState::Added) },
            { MapOverlay::diffColor(MapOverlay::DiffState::Removed),
                MapOverlay::diffText(MapOverlay::DiffState::Removed) + tr(" (faded, dashed)") },
            { MapOverlay::diffColor(MapOverlay::DiffState::Changed),
                MapOverlay::diffText(MapOverlay::DiffState::Changed) + tr(" (or its test cases)") } };
    case MapOverlay::Mode::RunDiff: {
        QList<Swatch> list;
        for (MapOverlay::RunChange c : { MapOverlay::RunChange::NewFailure, MapOverlay::RunChange::Fixed,
                 MapOverlay::RunChange::StillFailing, MapOverlay::RunChange::Unchanged })
            list.append({ MapOverlay::runChangeColor(c), MapOverlay::runChangeText(c) });
        return list;
    }
    }
    return {};
}

QString overlayTitle(MapOverlay::Mode mode)
{
    switch (mode) {
    case MapOverlay::Mode::Results:
        return tr("Latest results");
    case MapOverlay::Mode::Coverage:
        return tr("Coverage");
    case MapOverlay::Mode::Impact:
        return tr("Impact");
    case MapOverlay::Mode::Diff:
        return tr("Changes");
    case MapOverlay::Mode::RunDiff:
        return tr("Run B against run A");
    }
    return {};
}

int rowsOf(int count)
{
    return (count + 1) / 2;
}

} // namespace

MapLegend::MapLegend(std::optional<MapOverlay::Mode> overlay)
    : m_overlay(overlay)
{
}

QSizeF MapLegend::size() const
{
    // Wide enough for the longest overlay line ("⚡ under a fault …") in the fonts used.
    double width = kMinWidth;
    if (m_overlay) {
        const QFontMetricsF metrics(rowFont());
        for (const Swatch &s : overlaySwatches(*m_overlay))
            width = qMax(width, 2 * kPad + 25 + std::ceil(metrics.horizontalAdvance(s.text)) + 2);
    }
    double h = kPad;
    h += kHeading + rowsOf(allNodeKinds().size()) * kRow;
    h += kHeading + rowsOf(allEdgeKinds().size()) * kRow;
    if (m_overlay)
        h += kHeading + overlaySwatches(*m_overlay).size() * kRow;
    h += kHeading + 3 * kRow; // risk
    return { width, h + kPad };
}

void MapLegend::paint(QPainter *painter, const QPointF &topLeft) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box(topLeft, size());
    const double width = box.width();
    painter->setPen(QPen(QColor(0xd5, 0xdb, 0xe3), 1));
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(box, 6, 6);

    const QColor ink(0x0f, 0x17, 0x2a);
    const QColor muted(0x47, 0x55, 0x69);
    double y = box.top() + kPad;
    const double x = box.left() + kPad;
    const double column = (width - 2 * kPad) / 2;
    auto heading = [&](const QString &text) {
        painter->setFont(headingFont());
        painter->setPen(muted);
        painter->drawText(QRectF(x, y, width - 2 * kPad, kHeading), Qt::AlignLeft | Qt::AlignVCenter, text);
        y += kHeading;
    };
    auto label = [&](const QRectF &r, const QString &text) {
        painter->setFont(rowFont());
        painter->setPen(ink);
        painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, text);
    };

    heading(tr("Kinds"));
    const QList<NodeKind> kinds = allNodeKinds();
    for (int i = 0; i < kinds.size(); ++i) {
        const QPointF at(x + (i % 2) * column, y + (i / 2) * kRow);
        painter->fillRect(QRectF(at.x(), at.y() + 2, 4, kRow - 4), MapStyle::kindColor(kinds[i]));
        MapStyle::paintKindIcon(painter, QRectF(at.x() + 7, at.y() + 2, 14, 14), kinds[i], 28);
        label(QRectF(at.x() + 25, at.y(), column - 25, kRow), MapStyle::kindLabel(kinds[i]));
    }
    y += rowsOf(kinds.size()) * kRow;

    heading(tr("Connections"));
    const QList<EdgeKind> edges = allEdgeKinds();
    for (int i = 0; i < edges.size(); ++i) {
        const QPointF at(x + (i % 2) * column, y + (i / 2) * kRow);
        QPen pen = MapStyle::edgePen(edges[i]);
        painter->setPen(pen);
        painter->drawLine(QPointF(at.x(), at.y() + kRow / 2), QPointF(at.x() + 20, at.y() + kRow / 2));
        label(QRectF(at.x() + 25, at.y(), column - 25, kRow), MapStyle::edgeKindLabel(edges[i]));
    }
    y += rowsOf(edges.size()) * kRow;

    if (m_overlay) {
        heading(overlayTitle(*m_overlay));
        for (const Swatch &s : overlaySwatches(*m_overlay)) {
            painter->setPen(QPen(s.color.darker(120), 1));
            painter->setBrush(s.color);
            painter->drawRoundedRect(QRectF(x, y + 3, 20, kRow - 6), 3, 3);
            label(QRectF(x + 25, y, width - 2 * kPad - 25, kRow), s.text);
            y += kRow;
        }
    }

    heading(tr("Risk (likelihood × impact)"));
    const struct
    {
        int score;
        const char *text;
    } risks[] = { { 4, "1–6: low" }, { 10, "7–14: medium" }, { 20, "15–25: high, test first" } };
    for (const auto &r : risks) {
        const QRectF dot(x + 3, y + 2, 14, 14); // as on the cards
        painter->setPen(Qt::NoPen);
        painter->setBrush(MapStyle::riskColor(r.score));
        painter->drawEllipse(dot);
        QFont small = headingFont();
        small.setPixelSize(8);
        painter->setFont(small);
        painter->setPen(Qt::white);
        painter->drawText(dot, Qt::AlignCenter, QString::number(r.score));
        label(QRectF(x + 25, y, width - 2 * kPad - 25, kRow), tr(r.text));
        y += kRow;
    }
    painter->restore();
}

} // namespace flowbench
