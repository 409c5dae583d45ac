#include "map/maplayouter.h"

#include "document/applylayoutcommand.h"
#include "document/projectdocument.h"
#include "map/mapstyle.h"

namespace flowbench {

namespace {
constexpr double kPadX = 18;
constexpr double kPadY = 16;
} // namespace

MapLayouter::MapLayouter(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
    connect(&m_job, &LayoutJob::progressChanged, this, &MapLayouter::progressChanged);
    connect(&m_job, &LayoutJob::finished, this, &MapLayouter::apply);
    connect(&m_job, &LayoutJob::failed, this,
        [this](const QString &message) { emit done(false, tr("Layout failed: %1").arg(message)); });
    connect(&m_job, &LayoutJob::cancelled, this, [this] { emit done(false, tr("Layout cancelled.")); });
}

void MapLayouter::start()
{
    // Each card is laid out with a margin around it, so the group backgrounds the scene
    // draws around cards (MapStyle::kClusterMargin) do not run into each other.
    LayoutRequest request = LayoutRequest::fromProject(
        m_document->snapshot(), MapStyle::kNodeWidth + 2 * kPadX, MapStyle::kNodeHeight + 2 * kPadY);
    for (LayoutNodeSpec &n : request.nodes) {
        n.x -= kPadX;
        n.y -= kPadY;
    }
    request.nodeSeparation = 16;
    request.rankSeparation = 80;
    m_job.start(request);
    emit started();
}

void MapLayouter::cancel()
{
    m_job.cancel();
}

void MapLayouter::apply(const LayoutResult &result)
{
    QList<NodePosition> positions;
    positions.reserve(result.nodes.size());
    for (const NodePlacement &p : result.nodes)
        positions.append({ p.id, qRound((p.topLeft.x() + kPadX) * 2) / 2.0,
            qRound((p.topLeft.y() + kPadY) * 2) / 2.0, false });
    QHash<Id, QList<QPointF>> routes;
    for (const EdgeRoute &r : result.edges) {
        QList<QPointF> points = r.points;
        if (r.arrowTip && !points.isEmpty()) {
            // A straight last segment to the tip keeps the 1 + 3n shape.
            points << points.last() << *r.arrowTip << *r.arrowTip;
        }
        routes.insert(r.id, points);
    }
    // The splines go into the document with the positions; the scene takes them from there.
    auto *cmd = new ApplyLayoutCommand(m_document, positions, routes);
    if (cmd->isEmpty()) {
        delete cmd;
        emit done(false, tr("Every node is pinned: nothing to lay out."));
        return;
    }
    m_document->undoStack()->push(cmd);
    // Refused as a whole: the conflict dialog says the rest.
    if (m_document->lastEditConflicted()) {
        emit done(false, tr("Someone else moved some of these nodes meanwhile: the layout was not applied."));
        return;
    }
    emit done(true, tr("Laid out %1 nodes (%2).").arg(result.nodes.size()).arg(result.engine));
}

} // namespace flowbench
