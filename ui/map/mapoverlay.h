#pragma once

#include "analysis/nodeoutcomes.h"
#include "analysis/rundiff.h"
#include "model/ids.h"

#include <QHash>
#include <QObject>
#include <QPen>
#include <QSet>
#include <QTimer>
#include <optional>

class QPainter;

namespace flowbench {

class MapScene;
struct Project;

// What the map paints on top of the model, one mode at a time: results (node state from
// the latest results, counts, stale fade, running spinners), coverage (none / manual /
// automated / passing) or impact (a node's upstream and downstream, the rest dimmed).
// Cards and edges read it while painting (NodeItem, EdgeItem); it repaints them on change.
class MapOverlay : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Results, Coverage, Impact, Diff, RunDiff };
    using RunChange = RunDiff::NodeChange;
    enum class DiffState { Unchanged, Added, Removed, Changed };
    enum class Coverage { None, Manual, Automated, Passing };
    enum class ImpactRole { Outside, Centre, Upstream, Downstream };

    explicit MapOverlay(MapScene *scene);
    ~MapOverlay() override;

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    // Results.
    void setOutcomes(const QHash<Id, NodeOutcome> &outcomes);
    void setOutcome(const Id &nodeId, const NodeOutcome &outcome);
    NodeOutcome outcome(const Id &nodeId) const { return m_outcomes.value(nodeId); }
    NodeState nodeState(const Id &nodeId) const { return m_outcomes.value(nodeId).state; }
    bool isStale(const Id &nodeId) const;
    void setStaleAfterSeconds(qint64 seconds);
    qint64 staleAfterSeconds() const { return m_staleAfter; }
    void setRunning(const QSet<Id> &nodeIds);
    void setNodeRunning(const Id &nodeId, bool running);
    bool isRunning(const Id &nodeId) const { return m_running.contains(nodeId); }
    // Nodes and edges under a fault of the test case running now (every mode): a dashed
    // fault-coloured outline and a ⚡ badge on cards, a dashed edge. Empty clears it.
    void setFaulted(const QSet<Id> &targets);
    bool isFaulted(const Id &id) const { return m_faulted.contains(id); }
    static QColor faultColor(); // not a result colour

    // Coverage, from the project and its latest results.
    void updateCoverage(const Project &project, const QList<CheckResult> &latestResults);
    Coverage coverage(const Id &nodeId) const { return m_coverage.value(nodeId, Coverage::None); }

    // Impact of one node; an empty centre clears it.
    void setImpact(
        const Id &centre, const QSet<Id> &upstream, const QSet<Id> &downstream, const QSet<Id> &edges);
    ImpactRole impactRole(const Id &nodeId) const;
    Id impactCentre() const { return m_impactCentre; }

    // Diff of two versions (Compare with…, `flowbench-cli diff --format svg`): added green,
    // removed vermillion and ghosted with a dashed outline, changed amber; each with a
    // glyph (+ − ~) too.
    void setDiff(const QHash<Id, DiffState> &nodes, const QHash<Id, DiffState> &edges);
    DiffState nodeDiff(const Id &nodeId) const { return m_nodeDiff.value(nodeId, DiffState::Unchanged); }
    DiffState edgeDiff(const Id &edgeId) const { return m_edgeDiff.value(edgeId, DiffState::Unchanged); }
    static QColor diffColor(DiffState state); // Unchanged: invalid
    static QString diffText(DiffState state); // "+ added"

    // Diff of two runs (`flowbench-cli diff PROJECT --runs --format svg`): a new failure
    // vermillion, fixed green, still failing amber, unchanged grey; each with a glyph too.
    // Nodes absent from `nodes` ran no check in either run and stay plain.
    void setRunDiff(const QHash<Id, RunChange> &nodes);
    std::optional<RunChange> nodeRunChange(const Id &nodeId) const;
    static QColor runChangeColor(RunChange change);
    static QString runChangeText(RunChange change); // "✗ new failure"

    static QColor stateColor(NodeState state);
    static QString stateText(NodeState state);
    // The card's badge after a run: "✗ 2 failed" for one kind of result; counts behind the
    // legend's symbols ("✗ 1 · ! 1 · ✓ 2") when there are several, so it fits on a card.
    static QString resultBadge(const NodeOutcome &outcome, bool stale);
    static QColor coverageColor(Coverage coverage);
    static QString coverageText(Coverage coverage);
    static QColor impactColor(ImpactRole role); // Outside: invalid

    // The colour of a node drawn as a block when zoomed out; nullopt: its kind colour.
    std::optional<QColor> blockColor(const Id &nodeId) const;
    // Painting hooks: the card's background after its white fill, the decorations last.
    std::optional<QColor> cardFill(const Id &nodeId) const; // the card's tint, if any
    void paintNodeForeground(QPainter *painter, const Id &nodeId, const QRectF &card, double lod) const;
    // The pen an edge is drawn with; onFlow: the edge is part of the highlighted flow.
    void adjustEdgePen(const Id &edgeId, QPen &pen, bool onFlow) const;

signals:
    void changed();

private:
    void repaintAll();
    void repaintNode(const Id &nodeId);
    bool endsFailing(const Id &edgeId) const;

    MapScene *m_scene;
    Mode m_mode = Mode::Results;
    QHash<Id, NodeOutcome> m_outcomes;
    qint64 m_staleAfter = 24 * 3600;
    QSet<Id> m_running;
    QSet<Id> m_faulted;
    QHash<Id, Coverage> m_coverage;
    Id m_impactCentre;
    QSet<Id> m_upstream;
    QSet<Id> m_downstream;
    QSet<Id> m_impactEdges;
    QHash<Id, DiffState> m_nodeDiff;
    QHash<Id, DiffState> m_edgeDiff;
    QHash<Id, RunChange> m_runChanges;
    QTimer m_spin;
    int m_spinAngle = 0;
};

} // namespace flowbench
