#include "map/mapscene.h"
#include "map/mapoverlay.h"

#include "document/addedgecommand.h"
#include "document/movenodescommand.h"
#include "document/projectdocument.h"
#include "map/clusteritem.h"
#include "map/edgeitem.h"
#include "map/edgelabelplacement.h"
#include "map/maplayer.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"

#include <QGraphicsSceneMouseEvent>
#include <algorithm>
#include <QSet>

namespace flowbench {

MapScene::MapScene(ProjectDocument *document, QObject *parent)
    : QGraphicsScene(parent)
    , m_document(document)
{
    setBackgroundBrush(MapStyle::canvasColor());
    m_clusterTimer.setSingleShot(true);
    m_clusterTimer.setInterval(0);
    connect(&m_clusterTimer, &QTimer::timeout, this, &MapScene::updateClustersNow);
    m_labelTimer.setSingleShot(true);
    m_labelTimer.setInterval(40);
    connect(&m_labelTimer, &QTimer::timeout, this, &MapScene::placeEdgeLabelsNow);

    connect(document, &ProjectDocument::nodesAdded, this, &MapScene::addNodeItems);
    connect(document, &ProjectDocument::nodesRemoved, this, &MapScene::removeNodeItems);
    connect(document, &ProjectDocument::nodeChanged, this, &MapScene::updateNodeItem);
    connect(document, &ProjectDocument::nodesMoved, this, [this](const QList<Id> &ids) {
        for (const Id &id : ids)
            if (NodeItem *item = nodeItem(id))
                item->refresh();
        scheduleClusters();
    });
    connect(document, &ProjectDocument::edgesAdded, this, &MapScene::addEdgeItems);
    connect(document, &ProjectDocument::edgesRemoved, this, &MapScene::removeEdgeItems);
    connect(document, &ProjectDocument::edgeChanged, this, [this](const Id &id) {
        if (EdgeItem *item = edgeItem(id))
            item->update();
        applyStoredRoutes({ id }); // an edit that moved an end dropped the route
        if (EdgeItem *item = edgeItem(id))
            item->refreshToolTip();
        invalidateOverview(); // its kind colours its line
    });
    connect(document, &ProjectDocument::edgeRoutesChanged, this, &MapScene::applyStoredRoutes);
    connect(document, &ProjectDocument::testCasesChanged, this, [this](const Id &nodeId) {
        if (NodeItem *item = nodeItem(nodeId))
            item->update();
    });
    connect(document, &ProjectDocument::commentsChanged, this, [this](const Id &nodeId) {
        if (NodeItem *item = nodeItem(nodeId))
            item->update(); // its open-comment bubble
    });
    connect(document, &ProjectDocument::flowsChanged, this, [this] {
        if (!m_flowId.isEmpty() && !m_document->flow(m_flowId))
            m_flowId.clear();
        applyHighlight();
    });
    rebuild();
}

MapScene::~MapScene()
{
    // Edges first: they look their ends up while going.
    m_edges.clear();
    m_nodes.clear();
    m_clusters.clear();
    m_overview.reset();
}

void MapScene::rebuild()
{
    QList<Id> nodeIds, edgeIds;
    for (const Node &n : m_document->nodes())
        nodeIds.append(n.id);
    for (const Edge &e : m_document->edges())
        edgeIds.append(e.id);
    addNodeItems(nodeIds);
    addEdgeItems(edgeIds);
    updateClustersNow();
}

NodeItem *MapScene::nodeItem(const Id &id) const
{
    auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second.get();
}

EdgeItem *MapScene::edgeItem(const Id &id) const
{
    auto it = m_edges.find(id);
    return it == m_edges.end() ? nullptr : it->second.get();
}

QList<ClusterItem *> MapScene::clusterItems() const
{
    QList<ClusterItem *> list;
    for (const auto &entry : m_clusters)
        list.append(entry.second.get());
    return list;
}

void MapScene::addNodeItems(const QList<Id> &ids)
{
    scheduleEdgeLabels(); // cards and labels take the spots labels can go
    for (const Id &id : ids) {
        if (m_nodes.count(id))
            continue;
        auto item = std::make_unique<NodeItem>(this, id);
        addItem(item.get());
        m_nodes.emplace(id, std::move(item));
    }
    invalidateOverview();
    scheduleClusters();
    if (!m_flowId.isEmpty())
        applyHighlight();
}

void MapScene::removeNodeItems(const QList<Id> &ids)
{
    scheduleEdgeLabels(); // cards and labels take the spots labels can go
    for (const Id &id : ids) {
        for (const Id &edgeId : m_edgesOfNode.value(id))
            m_edges.erase(edgeId);
        m_edgesOfNode.remove(id);
        m_nodes.erase(id);
    }
    invalidateOverview();
    scheduleClusters();
}

void MapScene::addEdgeItems(const QList<Id> &ids)
{
    for (const Id &id : ids) {
        const Edge *edge = m_document->edge(id);
        if (!edge || m_edges.count(id))
            continue;
        auto item = std::make_unique<EdgeItem>(this, id);
        addItem(item.get());
        if (edge->route.isEmpty())
            item->updateGeometry();
        else // the spline of the last layout, drawn while both ends are where it left them
            item->setRoute(edge->route.points, edge->route.fromPosition, edge->route.toPosition);
        m_edgesOfNode[edge->from].append(id);
        if (edge->to != edge->from)
            m_edgesOfNode[edge->to].append(id);
        m_edges.emplace(id, std::move(item));
    }
    invalidateOverview();
    if (!m_flowId.isEmpty())
        applyHighlight();
}

void MapScene::removeEdgeItems(const QList<Id> &ids)
{
    scheduleEdgeLabels(); // cards and labels take the spots labels can go
    for (const Id &id : ids) {
        for (auto it = m_edgesOfNode.begin(); it != m_edgesOfNode.end(); ++it)
            it.value().removeAll(id);
        m_edges.erase(id);
    }
}

void MapScene::updateNodeItem(const Id &id)
{
    if (NodeItem *item = nodeItem(id))
        item->refresh();
    scheduleClusters(); // the group may have changed
}

void MapScene::updateEdgesOf(const Id &nodeId)
{
    for (const Id &edgeId : m_edgesOfNode.value(nodeId))
        if (EdgeItem *item = edgeItem(edgeId))
            item->updateGeometry();
}

void MapScene::nodeItemMoved(NodeItem *item)
{
    updateEdgesOf(item->id());
    scheduleClusters();
}

void MapScene::scheduleClusters()
{
    if (!m_clusterTimer.isActive())
        m_clusterTimer.start();
}

void MapScene::scheduleEdgeLabels()
{
    if (!m_labelTimer.isActive())
        m_labelTimer.start();
}

void MapScene::placeEdgeLabelsNow()
{
    m_labelTimer.stop();
    placeEdgeLabels(this);
}

void MapScene::updateClustersNow()
{
    m_clusterTimer.stop();
    QHash<QString, QRectF> rects;
    for (const auto &entry : m_nodes) {
        const Node *n = m_document->node(entry.first);
        if (!n || n->group.isEmpty())
            continue;
        const QRectF card(entry.second->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
        QRectF &r = rects[n->group];
        r = r.isNull() ? card : r.united(card);
    }
    for (auto it = m_clusters.begin(); it != m_clusters.end();) {
        if (!rects.contains(it->first))
            it = m_clusters.erase(it);
        else
            ++it;
    }
    const double m = MapStyle::kClusterMargin;
    for (auto it = rects.cbegin(); it != rects.cend(); ++it) {
        auto &cluster = m_clusters[it.key()];
        if (!cluster) {
            cluster = std::make_unique<ClusterItem>(it.key());
            cluster->setFlag(QGraphicsItem::ItemHasNoContents, m_overviewMode);
            addItem(cluster.get());
        }
        cluster->setRect(it.value().adjusted(-m * 0.7, -m - 10, m * 0.7, m * 0.7));
    }
    // Room around the map so it can be panned past its edges.
    const QRectF content = contentRect();
    if (m_overview)
        m_overview->setRect(content);
    const double pad = qMax(2000.0, qMax(content.width(), content.height()));
    setSceneRect(content.adjusted(-pad, -pad, pad, pad));
}

QRectF MapScene::contentRect() const
{
    QRectF r;
    for (const auto &entry : m_nodes)
        r |= entry.second->sceneBoundingRect();
    for (const auto &entry : m_clusters)
        r |= entry.second->sceneBoundingRect();
    return r;
}

QList<Id> MapScene::selectedNodeIds() const
{
    QList<Id> ids;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == NodeItem::Type)
            ids.append(static_cast<NodeItem *>(item)->id());
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<Id> MapScene::selectedEdgeIds() const
{
    QList<Id> ids;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == EdgeItem::Type)
            ids.append(static_cast<EdgeItem *>(item)->id());
    return ids;
}

void MapScene::selectNodes(const QList<Id> &ids)
{
    QSignalBlocker blocker(this);
    clearSelection();
    for (const Id &id : ids)
        if (NodeItem *item = nodeItem(id))
            item->setSelected(true);
    blocker.unblock();
    emit selectionChanged();
}

bool MapScene::hasEdge(const Id &from, const Id &to, EdgeKind kind) const
{
    for (const Edge &e : m_document->edgesOfNode(from))
        if (e.from == from && e.to == to && e.kind == kind)
            return true;
    return false;
}

bool MapScene::connectNodes(const Id &from, const Id &to, EdgeKind kind)
{
    const Node *a = m_document->node(from);
    const Node *b = m_document->node(to);
    if (!a || !b)
        return false;
    if (hasEdge(from, to, kind)) {
        emit refused(tr("“%1” already %2 “%3”: no second connection of the same kind was added.")
                         .arg(a->name, MapStyle::edgeKindLabel(kind).toLower(), b->name));
        return false;
    }
    Edge edge;
    edge.from = from;
    edge.to = to;
    edge.kind = kind;
    m_document->undoStack()->push(new AddEdgeCommand(m_document, edge));
    return true;
}

void MapScene::applyStoredRoutes(const QList<Id> &edgeIds)
{
    for (const Id &id : edgeIds) {
        const Edge *edge = m_document->edge(id);
        EdgeItem *item = edgeItem(id);
        if (!edge || !item)
            continue;
        if (edge->route.isEmpty())
            item->clearRoute();
        else
            item->setRoute(edge->route.points, edge->route.fromPosition, edge->route.toPosition);
    }
}

void MapScene::setHighlightedFlow(const Id &flowId)
{
    m_flowId = flowId;
    applyHighlight();
}

void MapScene::applyHighlight()
{
    // While a flow is picked, the path so far; else the highlighted flow's.
    const Flow *highlighted = m_flowId.isEmpty() ? nullptr : m_document->flow(m_flowId);
    const QList<Id> path = m_pickMode ? m_pickedPath : highlighted ? highlighted->nodeIds : QList<Id>();
    const bool flow = !path.isEmpty();
    QHash<Id, QList<int>> steps;
    QSet<QPair<Id, Id>> hops;
    for (int i = 0; i < path.size(); ++i) {
        steps[path.at(i)].append(i + 1);
        if (i > 0)
            hops.insert({ path.at(i - 1), path.at(i) });
    }
    for (auto &entry : m_nodes) {
        entry.second->setFlowSteps(steps.value(entry.first));
        entry.second->setDimmed(flow && !steps.contains(entry.first));
    }
    for (auto &entry : m_edges) {
        const Edge *e = m_document->edge(entry.first);
        const bool onPath
            = flow && e && (hops.contains({ e->from, e->to }) || hops.contains({ e->to, e->from }));
        entry.second->setHighlighted(onPath);
        entry.second->setDimmed(flow && !onPath);
    }
    for (auto &entry : m_clusters)
        entry.second->setDimmed(flow);
}

void MapScene::setPickMode(bool on)
{
    m_pickMode = on;
    m_pickedPath.clear();
    if (on)
        clearSelection();
    applyHighlight();
}

void MapScene::setPickedPath(const QList<Id> &nodeIds)
{
    m_pickedPath = nodeIds;
    applyHighlight();
}

NodeItem *MapScene::nodeItemAt(const QPointF &scenePos, const NodeItem *except) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == NodeItem::Type && item != except)
            return static_cast<NodeItem *>(item);
    }
    return nullptr;
}

void MapScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    NodeItem *item = event->button() == Qt::LeftButton ? nodeItemAt(event->scenePos()) : nullptr;
    if (item && m_pickMode) {
        emit nodePicked(item->id());
        event->accept();
        return;
    }
    if (item
        && ((event->modifiers() & Qt::ShiftModifier)
            || item->connectHandleRect().contains(item->mapFromScene(event->scenePos())))) {
        m_connectFrom = item->id();
        m_connectLine = addPath(QPainterPath(), QPen(MapStyle::selectionColor(), 2, Qt::DashLine));
        m_connectLine->setZValue(10);
        event->accept();
        return;
    }
    m_dragging = item != nullptr;
    if (!item && event->button() == Qt::LeftButton && !m_pickMode) {
        const QList<QGraphicsItem *> under = items(event->scenePos());
        if (std::none_of(under.begin(), under.end(), [](QGraphicsItem *i) { return dynamic_cast<EdgeItem *>(i); }))
            emit backgroundClicked();
    }
    QGraphicsScene::mousePressEvent(event);
}

void MapScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        NodeItem *from = nodeItem(m_connectFrom);
        if (from) {
            const QPointF start = from->mapToScene(from->connectHandleRect().center());
            QPainterPath path(start);
            const QPointF end = event->scenePos();
            const double reach = qMax(30.0, qAbs(end.x() - start.x()) * 0.5);
            path.cubicTo(start + QPointF(reach, 0), end - QPointF(reach, 0), end);
            m_connectLine->setPath(path);
        }
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void MapScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_connectLine) {
        delete m_connectLine;
        m_connectLine = nullptr;
        const Id from = m_connectFrom;
        m_connectFrom.clear();
        NodeItem *source = nodeItem(from);
        NodeItem *target = nodeItemAt(event->scenePos(), source);
        if (source && target)
            emit connectRequested(from, target->id(), event->screenPos());
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    if (m_dragging) {
        m_dragging = false;
        commitMoves();
    }
}

void MapScene::commitMoves()
{
    QList<NodePosition> from, to;
    for (const auto &entry : m_nodes) {
        const Node *n = m_document->node(entry.first);
        const QPointF p = entry.second->pos();
        if (n && (n->x != p.x() || n->y != p.y())) {
            from.append({ n->id, n->x, n->y, n->pinned });
            to.append({ n->id, p.x(), p.y(), n->pinned });
        }
    }
    if (to.isEmpty())
        return;
    auto byId = [](const NodePosition &a, const NodePosition &b) { return a.id < b.id; };
    std::sort(from.begin(), from.end(), byId);
    std::sort(to.begin(), to.end(), byId);
    m_document->undoStack()->push(new MoveNodesCommand(m_document, from, to));
    // A refused move (a read-only project, a full disk) leaves the cards where the file has them.
    for (const NodePosition &p : to)
        if (const Node *n = m_document->node(p.id); n && (n->x != p.x || n->y != p.y))
            if (NodeItem *item = nodeItem(p.id))
                item->setPos(n->x, n->y);
}

void MapScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (NodeItem *item = nodeItemAt(event->scenePos()); item && !m_pickMode) {
        emit renameRequested(item->id());
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

void MapScene::setOverviewMode(bool on)
{
    m_overviewWanted = on;
    applyOverviewMode();
}

void MapScene::setOverviewLayer(std::unique_ptr<MapLayer> layer)
{
    if (m_overview)
        removeItem(m_overview.get());
    m_overview = std::move(layer);
    if (m_overview) {
        addItem(m_overview.get());
        m_overview->setRect(contentRect());
        m_overview->invalidate();
    }
    applyOverviewMode();
}

void MapScene::applyOverviewMode()
{
    const bool on = m_overviewWanted && m_overview;
    if (m_overviewMode == on)
        return;
    m_overviewMode = on;
    for (auto &entry : m_nodes)
        entry.second->setFlag(QGraphicsItem::ItemHasNoContents, on);
    for (auto &entry : m_edges)
        entry.second->setFlag(QGraphicsItem::ItemHasNoContents, on);
    for (auto &entry : m_clusters)
        entry.second->setFlag(QGraphicsItem::ItemHasNoContents, on);
    if (m_overview)
        m_overview->update();
}

void MapScene::invalidateOverview()
{
    if (!m_overview)
        return; // while the scene is built or torn down
    m_overview->invalidate();
    scheduleOverviewSignal();
}

void MapScene::invalidateOverviewNode(const Id &nodeId)
{
    if (!m_overview)
        return;
    m_overview->invalidateNode(nodeId);
    scheduleOverviewSignal();
}

void MapScene::scheduleOverviewSignal()
{
    // Coalesced: a layout or a run result batch changes thousands of items at once.
    if (m_overviewSignalPending)
        return;
    m_overviewSignalPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_overviewSignalPending = false;
            emit overviewChanged();
        },
        Qt::QueuedConnection);
}

// Run workspace: the overlay hook.
void MapScene::setOverlay(MapOverlay *overlay)
{
    m_overlay = overlay;
    for (auto &entry : m_nodes)
        entry.second->update();
    for (auto &entry : m_edges)
        entry.second->update();
    invalidateOverview();
}

MapOverlay *MapScene::overlay() const
{
    return m_overlay.data();
}

} // namespace flowbench
