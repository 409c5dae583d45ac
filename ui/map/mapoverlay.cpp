#include "map/mapoverlay.h"

#include "analysis/riskcoverage.h"
#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"
#include "model/resultpalette.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace flowbench {

namespace {
constexpr double kRadius = 9;
constexpr double kDetailLevel = 0.4;

QColor tint(const QColor &c, int alpha)
{
    QColor t = c;
    t.setAlpha(alpha);
    return t;
}

// A rounded label straddling the card's top edge, right-aligned.
void paintBadge(QPainter *painter, const QRectF &card, const QString &text, const QColor &fill,
    const QColor &textColor, double rightInset)
{
    QFont font;
    font.setPixelSize(11);
    font.setBold(true);
    painter->setFont(font);
    const QFontMetricsF fm(font);
    const double maxWidth = card.width() - 24 - rightInset;
    const QString shown = fm.elidedText(text, Qt::ElideRight, maxWidth - 12);
    const double w = fm.horizontalAdvance(shown) + 12;
    const QRectF r(card.right() - rightInset - w, card.top() - 9, w, 17);
    painter->setPen(QPen(Qt::white, 1.5));
    painter->setBrush(fill);
    painter->drawRoundedRect(r, 8.5, 8.5);
    painter->setPen(textColor);
    painter->drawText(r, Qt::AlignCenter, shown);
}
} // namespace

MapOverlay::MapOverlay(MapScene *scene)
    : QObject(scene)
    , m_scene(scene)
{
    m_spin.setInterval(90);
    connect(&m_spin, &QTimer::timeout, this, [this] {
        m_spinAngle = (m_spinAngle + 30) % 360;
        for (const Id &id : std::as_const(m_running))
            repaintNode(id);
    });
}

MapOverlay::~MapOverlay() = default;

void MapOverlay::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    repaintAll();
    emit changed();
}

void MapOverlay::setOutcomes(const QHash<Id, NodeOutcome> &outcomes)
{
    m_outcomes = outcomes;
    repaintAll();
    emit changed();
}

void MapOverlay::setOutcome(const Id &nodeId, const NodeOutcome &outcome)
{
    m_outcomes.insert(nodeId, outcome);
    repaintNode(nodeId);
    // Edges of a highlighted flow follow their ends' state.
    if (!m_scene->highlightedFlow().isEmpty())
        for (const Edge &e : m_scene->document()->edgesOfNode(nodeId))
            if (EdgeItem *item = m_scene->edgeItem(e.id))
                item->update();
    emit changed();
}

bool MapOverlay::isStale(const Id &nodeId) const
{
    return m_outcomes.value(nodeId).isStale(QDateTime::currentDateTimeUtc(), m_staleAfter);
}

void MapOverlay::setStaleAfterSeconds(qint64 seconds)
{
    m_staleAfter = seconds;
    repaintAll();
}

void MapOverlay::setRunning(const QSet<Id> &nodeIds)
{
    const QSet<Id> before = m_running;
    m_running = nodeIds;
    for (const Id &id : before | nodeIds)
        repaintNode(id);
    if (m_running.isEmpty())
        m_spin.stop();
    else if (!m_spin.isActive())
        m_spin.start();
}

void MapOverlay::setFaulted(const QSet<Id> &targets)
{
    if (targets == m_faulted)
        return;
    m_faulted = targets;
    repaintAll(); // edges too
    emit changed();
}

QColor MapOverlay::faultColor()
{
    return QColor(0xa2, 0x1c, 0xaf); // fuchsia: apart from pass/fail/error/running/stale
}

void MapOverlay::setNodeRunning(const Id &nodeId, bool running)
{
    QSet<Id> set = m_running;
    if (running)
        set.insert(nodeId);
    else
        set.remove(nodeId);
    setRunning(set);
}

void MapOverlay::updateCoverage(const Project &project, const QList<CheckResult> &latestResults)
{
    const RiskCoverageReport report = computeRiskCoverage(project, latestResults);
    m_coverage.clear();
    for (const NodeRiskCoverage &n : report.ranked) {
        Coverage c = Coverage::None;
        switch (n.coverage) {
        case CoverageClass::None:
            c = Coverage::None;
            break;
        case CoverageClass::Manual:
            c = Coverage::Manual;
            break;
        case CoverageClass::Automated:
            c = Coverage::Automated;
            break;
        case CoverageClass::Passing:
            c = Coverage::Passing;
            break;
        }
        m_coverage.insert(n.nodeId, c);
    }
    if (m_mode == Mode::Coverage)
        repaintAll();
}

void MapOverlay::setImpact(
    const Id &centre, const QSet<Id> &upstream, const QSet<Id> &downstream, const QSet<Id> &edges)
{
    m_impactCentre = centre;
    m_upstream = centre.isEmpty() ? QSet<Id>() : upstream;
    m_downstream = centre.isEmpty() ? QSet<Id>() : downstream;
    m_impactEdges = centre.isEmpty() ? QSet<Id>() : edges;
    if (m_mode == Mode::Impact)
        repaintAll();
    emit changed();
}

void MapOverlay::setDiff(const QHash<Id, DiffState> &nodes, const QHash<Id, DiffState> &edges)
{
    m_nodeDiff = nodes;
    m_edgeDiff = edges;
    if (m_mode == Mode::Diff)
        repaintAll();
    emit changed();
}

QColor MapOverlay::diffColor(DiffState state)
{
    switch (state) {
    case DiffState::Added:
        return QColor::fromRgb(ResultPalette::kAdded);
    case DiffState::Removed:
        return QColor::fromRgb(ResultPalette::kRemoved);
    case DiffState::Changed:
        return QColor::fromRgb(ResultPalette::kChanged);
    case DiffState::Unchanged:
        break;
    }
    return QColor();
}

QString MapOverlay::diffText(DiffState state)
{
    switch (state) {
    case DiffState::Added:
        return tr("+ added");
    case DiffState::Removed:
        return tr("− removed");
    case DiffState::Changed:
        return tr("~ changed");
    case DiffState::Unchanged:
        break;
    }
    return tr("unchanged");
}

void MapOverlay::setRunDiff(const QHash<Id, RunChange> &nodes)
{
    m_runChanges = nodes;
    if (m_mode == Mode::RunDiff)
        repaintAll();
    emit changed();
}

std::optional<MapOverlay::RunChange> MapOverlay::nodeRunChange(const Id &nodeId) const
{
    const auto it = m_runChanges.constFind(nodeId);
    return it == m_runChanges.cend() ? std::nullopt : std::optional<RunChange>(*it);
}

QColor MapOverlay::runChangeColor(RunChange change)
{
    switch (change) {
    case RunChange::NewFailure:
        return QColor::fromRgb(ResultPalette::kNewFailure);
    case RunChange::Fixed:
        return QColor::fromRgb(ResultPalette::kFixed);
    case RunChange::StillFailing:
        return QColor::fromRgb(ResultPalette::kStillFailing);
    case RunChange::Unchanged:
        break;
    }
    return QColor::fromRgb(ResultPalette::kUnchangedRun);
}

QString MapOverlay::runChangeText(RunChange change)
{
    switch (change) {
    case RunChange::NewFailure:
        return tr("✗ new failure");
    case RunChange::Fixed:
        return tr("✓ fixed");
    case RunChange::StillFailing:
        return tr("✗ still failing");
    case RunChange::Unchanged:
        break;
    }
    return tr("= unchanged");
}

MapOverlay::ImpactRole MapOverlay::impactRole(const Id &nodeId) const
{
    if (nodeId == m_impactCentre)
        return ImpactRole::Centre;
    if (m_upstream.contains(nodeId))
        return ImpactRole::Upstream;
    if (m_downstream.contains(nodeId))
        return ImpactRole::Downstream;
    return ImpactRole::Outside;
}

QColor MapOverlay::stateColor(NodeState state)
{
    return MapStyle::resultColor(state);
}

QString MapOverlay::stateText(NodeState state)
{
    switch (state) {
    case NodeState::Pass:
        return tr("pass");
    case NodeState::Fail:
        return tr("fail");
    case NodeState::Error:
        return tr("error");
    case NodeState::NotRun:
        break;
    }
    return tr("not run");
}

QColor MapOverlay::impactColor(ImpactRole role)
{
    return MapStyle::impactColor(int(role));
}

QColor MapOverlay::coverageColor(Coverage coverage)
{
    return MapStyle::coverageColor(int(coverage));
}

QString MapOverlay::coverageText(Coverage coverage)
{
    switch (coverage) {
    case Coverage::None:
        return tr("no tests");
    case Coverage::Manual:
        return tr("manual only");
    case Coverage::Automated:
        return tr("automated");
    case Coverage::Passing:
        return tr("passing");
    }
    return QString();
}

std::optional<QColor> MapOverlay::cardFill(const Id &nodeId) const
{
    switch (m_mode) {
    case Mode::Results: {
        const NodeOutcome o = m_outcomes.value(nodeId);
        if (o.state == NodeState::NotRun) {
            if (m_scene->document()->testCaseCount(nodeId) == 0)
                return std::nullopt;
            return QColor(0xf1, 0xf5, 0xf9);
        }
        return tint(stateColor(o.state), isStale(nodeId) ? 14 : 36);
    }
    case Mode::Coverage:
        return tint(coverageColor(coverage(nodeId)), 30);
    case Mode::Impact:
        if (impactRole(nodeId) == ImpactRole::Centre)
            return QColor(0xed, 0xe9, 0xfe);
        return std::nullopt;
    case Mode::Diff: {
        const DiffState d = nodeDiff(nodeId);
        if (d == DiffState::Unchanged)
            return std::nullopt;
        return tint(diffColor(d), d == DiffState::Removed ? 18 : 40);
    }
    case Mode::RunDiff:
        if (const std::optional<RunChange> c = nodeRunChange(nodeId))
            return tint(runChangeColor(*c), *c == RunChange::Unchanged ? 30 : 40);
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<QColor> MapOverlay::blockColor(const Id &nodeId) const
{
    switch (m_mode) {
    case Mode::Results: {
        const NodeState state = nodeState(nodeId);
        if (state == NodeState::NotRun)
            return std::nullopt;
        return isStale(nodeId) ? stateColor(state).lighter(150) : stateColor(state);
    }
    case Mode::Coverage:
        return coverageColor(coverage(nodeId));
    case Mode::Impact:
        switch (impactRole(nodeId)) {
        case ImpactRole::Centre:
        case ImpactRole::Upstream:
        case ImpactRole::Downstream:
            return impactColor(impactRole(nodeId));
        case ImpactRole::Outside:
            return m_impactCentre.isEmpty() ? std::nullopt : std::optional<QColor>(QColor(0xd4, 0xd4, 0xd8));
        }
        break;
    case Mode::Diff:
        if (nodeDiff(nodeId) == DiffState::Unchanged)
            return std::nullopt;
        return diffColor(nodeDiff(nodeId));
    case Mode::RunDiff:
        if (const std::optional<RunChange> c = nodeRunChange(nodeId))
            return runChangeColor(*c);
        return std::nullopt;
    }
    return std::nullopt;
}

QString MapOverlay::resultBadge(const NodeOutcome &o, bool stale)
{
    const int kinds = (o.failed > 0) + (o.errors > 0) + (o.passed > 0);
    QStringList parts;
    if (kinds > 1) {
        if (o.failed > 0)
            parts << tr("✗ %1").arg(o.failed);
        if (o.errors > 0)
            parts << tr("! %1").arg(o.errors);
        if (o.passed > 0)
            parts << tr("✓ %1").arg(o.passed);
    } else if (o.failed > 0) {
        parts << tr("✗ %n failed", nullptr, o.failed);
    } else if (o.errors > 0) {
        parts << (o.errors == 1 ? tr("! 1 error") : tr("! %1 errors").arg(o.errors));
    } else if (o.passed > 0) {
        parts << tr("✓ %n passed", nullptr, o.passed);
    } else if (o.skipped > 0) {
        parts << tr("%n skipped", nullptr, o.skipped);
    }
    if (stale)
        parts << tr("stale");
    return parts.join(QStringLiteral(" · "));
}

void MapOverlay::paintNodeForeground(
    QPainter *painter, const Id &nodeId, const QRectF &card, double lod) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor ring;
    QString badge;
    QColor badgeFill;
    QColor badgeText = Qt::white;
    bool dim = false;
    bool dashed = false;
    bool ghost = false; // a removed node: faded, but still readable
    switch (m_mode) {
    case Mode::Results: {
        const NodeOutcome o = m_outcomes.value(nodeId);
        const bool running = m_running.contains(nodeId);
        if (o.state == NodeState::NotRun && !running)
            break;
        const bool stale = isStale(nodeId);
        ring = stale ? tint(stateColor(o.state), 110) : stateColor(o.state);
        dashed = stale;
        badge = resultBadge(o, stale);
        badgeFill = stale ? stateColor(o.state).lighter(150) : stateColor(o.state);
        if (running) {
            ring = QColor(0x25, 0x63, 0xeb);
            dashed = false;
            badge = tr("running…");
            badgeFill = ring;
        }
        break;
    }
    case Mode::Coverage: {
        const Coverage c = coverage(nodeId);
        ring = coverageColor(c);
        badge = coverageText(c);
        badgeFill = ring;
        break;
    }
    case Mode::Impact:
        if (m_impactCentre.isEmpty())
            break;
        switch (impactRole(nodeId)) {
        case ImpactRole::Centre:
            ring = impactColor(ImpactRole::Centre);
            badge = tr("impact of this");
            break;
        case ImpactRole::Upstream:
            ring = impactColor(ImpactRole::Upstream);
            badge = tr("↑ upstream");
            break;
        case ImpactRole::Downstream:
            ring = impactColor(ImpactRole::Downstream);
            badge = tr("↓ downstream");
            break;
        case ImpactRole::Outside:
            dim = true;
            break;
        }
        badgeFill = ring;
        break;
    case Mode::Diff: {
        const DiffState d = nodeDiff(nodeId);
        if (d == DiffState::Unchanged)
            break;
        ring = diffColor(d);
        badge = diffText(d);
        badgeFill = ring;
        dashed = d == DiffState::Removed;
        ghost = d == DiffState::Removed;
        if (d == DiffState::Changed)
            badgeText = QColor(0x1f, 0x23, 0x28); // dark on amber reads better than white
        break;
    }
    case Mode::RunDiff: {
        const std::optional<RunChange> c = nodeRunChange(nodeId);
        if (!c)
            break;
        ring = runChangeColor(*c);
        if (*c == RunChange::Unchanged)
            break; // the grey ring says it: a badge on every quiet card would drown the rest
        badge = runChangeText(*c);
        badgeFill = ring;
        if (*c == RunChange::StillFailing)
            badgeText = QColor(0x1f, 0x23, 0x28); // dark on amber, as in the Changes overlay
        break;
    }
    }

    if (lod < kDetailLevel) {
        if (dim)
            painter->fillRect(card, QColor(0xf8, 0xfa, 0xfc, 200));
        else if (ring.isValid())
            painter->fillRect(card, ring);
        painter->restore();
        return;
    }
    if (dim || ghost) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xf8, 0xfa, 0xfc, ghost ? 140 : 190));
        painter->drawRoundedRect(card.adjusted(-1, -1, 1, 1), kRadius, kRadius);
    }
    if (ring.isValid()) {
        QPen pen(ring, 2.5);
        if (dashed)
            pen.setStyle(Qt::DashLine);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(-2.5, -2.5, 2.5, 2.5), kRadius + 2, kRadius + 2);
    }
    if (m_faulted.contains(nodeId)) {
        // Outside the result ring, so both read at once: a fault holds on this dependency.
        QPen pen(faultColor(), 2.0, Qt::DashLine);
        pen.setDashPattern({ 3, 2 });
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(-6, -6, 6, 6), kRadius + 5, kRadius + 5);
        const QRectF bolt(card.left() - 10, card.top() - 10, 20, 20);
        painter->setPen(Qt::NoPen);
        painter->setBrush(faultColor());
        painter->drawEllipse(bolt);
        QFont font = painter->font();
        font.setPixelSize(12);
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(bolt, Qt::AlignCenter, QStringLiteral("⚡"));
    }
    if (!badge.isEmpty()) {
        const bool running = m_mode == Mode::Results && m_running.contains(nodeId);
        paintBadge(painter, card, badge, badgeFill, badgeText, running ? 26 : 8);
        if (running) {
            // A turning arc beside the badge while the node's checks run.
            const QRectF spinner(card.right() - 21, card.top() - 8, 15, 15);
            painter->setPen(Qt::NoPen);
            painter->setBrush(Qt::white);
            painter->drawEllipse(spinner.adjusted(-1.5, -1.5, 1.5, 1.5));
            painter->setPen(QPen(QColor(0x25, 0x63, 0xeb), 2.5, Qt::SolidLine, Qt::RoundCap));
            painter->setBrush(Qt::NoBrush);
            painter->drawArc(spinner.adjusted(2, 2, -2, -2), -m_spinAngle * 16, 270 * 16);
        }
    }
    painter->restore();
}

bool MapOverlay::endsFailing(const Id &edgeId) const
{
    const Edge *edge = m_scene->document()->edge(edgeId);
    if (!edge)
        return false;
    auto bad = [this](const Id &n) {
        const NodeState s = nodeState(n);
        return s == NodeState::Fail || s == NodeState::Error;
    };
    return bad(edge->from) || bad(edge->to);
}

void MapOverlay::adjustEdgePen(const Id &edgeId, QPen &pen, bool onFlow) const
{
    if (m_faulted.contains(edgeId)) {
        pen.setColor(faultColor());
        pen.setWidthF(pen.widthF() + 1.5);
        pen.setCapStyle(Qt::FlatCap);
        pen.setDashPattern({ 3, 2 });
        return;
    }
    if (m_mode == Mode::Results) {
        if (onFlow && endsFailing(edgeId)) {
            pen.setColor(stateColor(NodeState::Fail));
            pen.setWidthF(pen.widthF() + 1.0);
        }
    } else if (m_mode == Mode::Diff) {
        const DiffState d = edgeDiff(edgeId);
        if (d == DiffState::Unchanged)
            return;
        pen.setColor(diffColor(d));
        pen.setWidthF(pen.widthF() + 1.2);
        if (d == DiffState::Removed) { // dashed whatever its kind, as the removed cards
            pen.setCapStyle(Qt::FlatCap);
            pen.setDashPattern({ 4, 2.5 });
        }
    } else if (m_mode == Mode::Impact && !m_impactCentre.isEmpty()) {
        if (m_impactEdges.contains(edgeId)) {
            pen.setColor(QColor(0x6d, 0x28, 0xd9));
            pen.setWidthF(pen.widthF() + 1.6);
        } else {
            pen.setColor(tint(pen.color(), 45));
        }
    }
}

void MapOverlay::repaintAll()
{
    // Not scene->items(): that sorts every item of the map first.
    for (const auto &entry : m_scene->nodeItems()) {
        entry.second->update();
        m_scene->invalidateOverviewNode(entry.first); // its block in the zoomed-out layer
    }
    for (const auto &entry : m_scene->edgeItems())
        entry.second->update();
}

void MapOverlay::repaintNode(const Id &nodeId)
{
    if (NodeItem *item = m_scene->nodeItem(nodeId)) {
        item->update();
        m_scene->invalidateOverviewNode(nodeId); // its block in the zoomed-out layer
    }
}

} // namespace flowbench
