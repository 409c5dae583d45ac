#pragma once

#include "model/edge.h"
#include "model/ids.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <unordered_map>

namespace flowbench {

class ClusterItem;
class EdgeItem;
class MapOverlay;
class MapLayer;
class NodeItem;
class ProjectDocument;

// The map: one card per node, one curve per edge and a background per group. It mirrors
// the document (signals in, items out) and turns gestures into commands: a drag of
// cards becomes one MoveNodesCommand on release, a drag from a card's handle (or with
// Shift) onto another card asks for an edge kind (connectRequested) and connectNodes()
// pushes the AddEdgeCommand.
class MapScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit MapScene(ProjectDocument *document, QObject *parent = nullptr);
    ~MapScene() override;

    ProjectDocument *document() const { return m_document; }
    NodeItem *nodeItem(const Id &id) const;
    EdgeItem *edgeItem(const Id &id) const;
    int nodeItemCount() const { return int(m_nodes.size()); }
    int edgeItemCount() const { return int(m_edges.size()); }
    QList<ClusterItem *> clusterItems() const;
    const std::unordered_map<Id, std::unique_ptr<NodeItem>> &nodeItems() const { return m_nodes; }
    const std::unordered_map<Id, std::unique_ptr<EdgeItem>> &edgeItems() const { return m_edges; }

    QList<Id> selectedNodeIds() const;
    QList<Id> selectedEdgeIds() const;
    void selectNodes(const QList<Id> &ids);
    QRectF contentRect() const; // every card and cluster

    // Adds the connection; refused (false, `refused` says why) when one of the same kind
    // already joins the same two nodes in that direction.
    bool connectNodes(const Id &from, const Id &to, EdgeKind kind);
    bool hasEdge(const Id &from, const Id &to, EdgeKind kind) const;

    // Shows a flow's path: its cards numbered, its edges accented, the rest dimmed.
    void setHighlightedFlow(const Id &flowId);
    Id highlightedFlow() const { return m_flowId; }

    // In pick mode a click on a card reports it (nodePicked) instead of selecting it; the
    // path picked so far shows as a flow does.
    void setPickMode(bool on);
    void setPickedPath(const QList<Id> &nodeIds);
    bool pickMode() const { return m_pickMode; }

    // What cards and edges paint on top of the model (results, coverage, impact); owned
    // by the run workspace, may be null.
    void setOverlay(MapOverlay *overlay);
    MapOverlay *overlay() const;

    // Below the detail zoom the cards and edges are kept out of painting (Qt still walks
    // items with contents even when they draw nothing) and the overview layer draws them.
    // Without a layer the cards draw themselves at every zoom.
    void setOverviewMode(bool on);
    bool overviewMode() const { return m_overviewMode; }
    // The scene owns the layer (MapOverviewLayer::install makes and sets one).
    void setOverviewLayer(std::unique_ptr<MapLayer> layer);
    MapLayer *overviewLayer() const { return m_overview.get(); }
    // A block or line of the overview changed (items report it; see MapLayer).
    void invalidateOverview();
    void invalidateOverviewNode(const Id &nodeId); // only its block colour changed

    void nodeItemMoved(NodeItem *item); // NodeItem reports its moves here
    void updateClustersNow();
    // Edge labels are placed again shortly after cards or edges change (placeEdgeLabels):
    // a drag coalesces into one placement per few frames.
    void scheduleEdgeLabels();
    void placeEdgeLabelsNow();

signals:
    // A left click on the canvas, a group's background included, with no card or edge under it.
    void backgroundClicked();
    void connectRequested(const flowbench::Id &from, const flowbench::Id &to, const QPoint &screenPos);
    void renameRequested(const flowbench::Id &nodeId);
    void nodePicked(const flowbench::Id &nodeId);
    void refused(const QString &message); // a gesture that would have made a mistake
    void overviewChanged(); // the minimap repaints from the overview layer

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void rebuild();
    void addNodeItems(const QList<Id> &ids);
    void removeNodeItems(const QList<Id> &ids);
    void addEdgeItems(const QList<Id> &ids);
    void removeEdgeItems(const QList<Id> &ids);
    void updateNodeItem(const Id &id);
    void updateEdgesOf(const Id &nodeId);
    // Gives edge items the spline stored with their edge (or none).
    void applyStoredRoutes(const QList<Id> &edgeIds);
    void scheduleClusters();
    void scheduleOverviewSignal();
    void applyHighlight();
    NodeItem *nodeItemAt(const QPointF &scenePos, const NodeItem *except = nullptr) const;
    void commitMoves();

    ProjectDocument *m_document;
    std::unordered_map<Id, std::unique_ptr<NodeItem>> m_nodes;
    std::unordered_map<Id, std::unique_ptr<EdgeItem>> m_edges;
    std::unordered_map<QString, std::unique_ptr<ClusterItem>> m_clusters;
    QHash<Id, QList<Id>> m_edgesOfNode;
    void applyOverviewMode();

    std::unique_ptr<MapLayer> m_overview; // the map below the detail zoom
    QTimer m_clusterTimer;
    QTimer m_labelTimer;
    Id m_flowId;
    bool m_pickMode = false;
    QList<Id> m_pickedPath;
    bool m_overviewMode = false;
    bool m_overviewWanted = false; // the view is zoomed out; overview mode needs a layer too
    bool m_overviewSignalPending = false;
    QPointer<MapOverlay> m_overlay;
    bool m_dragging = false;
    Id m_connectFrom;
    QGraphicsPathItem *m_connectLine = nullptr;
};

} // namespace flowbench
