#include "map/mapeditor.h"
#include "map/nodeitem.h"

#include "document/addnodescommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removeedgecommand.h"
#include "document/removenodescommand.h"
#include "map/mapclipboard.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGraphicsItem>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace flowbench {

MapEditor::MapEditor(MapView *view, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
}

void MapEditor::setScene(MapScene *scene)
{
    m_scene = scene;
    m_pasteCount = 0;
}

MapScene *MapEditor::scene() const
{
    return m_scene.data();
}

ProjectDocument *MapEditor::document() const
{
    return m_scene ? m_scene->document() : nullptr;
}

Id MapEditor::addNode(NodeKind kind, const QPointF &topLeft)
{
    ProjectDocument *doc = document();
    if (!doc)
        return Id();
    // "New table", "New table 2"...: a name the user can find and rename.
    const QString base = tr("New %1").arg(MapStyle::kindLabel(kind).toLower());
    QString name = base;
    for (int i = 2; doc->snapshot().nodeByName(name); ++i)
        name = QStringLiteral("%1 %2").arg(base).arg(i);
    Node node;
    node.kind = kind;
    node.name = name;
    node.x = qRound(topLeft.x());
    node.y = qRound(topLeft.y());
    auto *command = new AddNodesCommand(doc, { node });
    const Id id = command->nodeIds().first();
    doc->undoStack()->push(command);
    m_scene->selectNodes({ id });
    m_view->setFocus();
    return id;
}

Id MapEditor::addNodeInView(NodeKind kind)
{
    return addNode(kind, freeSpotNear(m_view->visibleCentre()));
}

// The top-left of a card-sized place near `centre` that no card covers (with a gap), tried
// ring by ring on a grid of card steps: new cards never land on top of each other.
QPointF MapEditor::freeSpotNear(const QPointF &centre) const
{
    const double w = MapStyle::kNodeWidth;
    const double h = MapStyle::kNodeHeight;
    const double gap = 24;
    const QPointF first = centre - QPointF(w / 2, h / 2);
    if (!m_scene)
        return first;
    QList<QRectF> taken;
    for (const auto &entry : m_scene->nodeItems())
        taken << entry.second->sceneBoundingRect().adjusted(-gap, -gap, gap, gap);
    auto isFree = [&taken, w, h](const QPointF &topLeft) {
        const QRectF r(topLeft, QSizeF(w, h));
        for (const QRectF &t : std::as_const(taken))
            if (t.intersects(r))
                return false;
        return true;
    };
    for (int ring = 0; ring < 40; ++ring) {
        QPointF best;
        double bestDistance = -1;
        for (int dx = -ring; dx <= ring; ++dx)
            for (int dy = -ring; dy <= ring; ++dy) {
                if (qMax(qAbs(dx), qAbs(dy)) != ring)
                    continue;
                const QPointF p = first + QPointF(dx * (w + gap), dy * (h + gap));
                const double d = QLineF(p, first).length();
                if (isFree(p) && (bestDistance < 0 || d < bestDistance)) {
                    best = p;
                    bestDistance = d;
                }
            }
        if (bestDistance >= 0)
            return best;
    }
    return first;
}

QString MapEditor::deleteQuestion(const QList<Id> &nodeIds) const
{
    ProjectDocument *doc = document();
    if (!doc)
        return QString();
    auto summary = doc->previewRemoveNodes(nodeIds);
    if (!summary)
        return summary.error();
    QStringList parts;
    if (summary->edges)
        parts << tr("%n connection(s)", nullptr, summary->edges);
    if (summary->testCases)
        parts << tr("%n test case(s)", nullptr, summary->testCases);
    if (summary->comments)
        parts << tr("%n comment(s)", nullptr, summary->comments);
    if (summary->flowSteps)
        parts << tr("%n step(s) in flows", nullptr, summary->flowSteps);
    if (parts.isEmpty())
        return QString();
    const Node *only = nodeIds.size() == 1 ? doc->node(nodeIds.first()) : nullptr;
    const QString what = only ? tr("“%1”").arg(only->name) : tr("%n node(s)", nullptr, int(nodeIds.size()));
    return tr("Delete %1? This also deletes %2.").arg(what, parts.join(tr(", ")));
}

void MapEditor::deleteSelection(bool ask)
{
    ProjectDocument *doc = document();
    if (!doc)
        return;
    const QList<Id> nodes = m_scene->selectedNodeIds();
    QList<Id> edges;
    for (const Id &e : m_scene->selectedEdgeIds()) {
        const Edge *edge = doc->edge(e);
        if (edge && !nodes.contains(edge->from) && !nodes.contains(edge->to))
            edges << e; // the others go with their nodes
    }
    if (nodes.isEmpty() && edges.isEmpty())
        return;
    if (ask && !nodes.isEmpty()) {
        const QString question = deleteQuestion(nodes);
        if (!question.isEmpty()) {
            QMessageBox box(
                QMessageBox::Question, tr("Delete"), question, QMessageBox::Cancel, m_view->window());
            box.setObjectName(QStringLiteral("deleteDialog"));
            box.setInformativeText(
                tr("You can undo this with %1.")
                    .arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
            QPushButton *yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
            box.setDefaultButton(yes);
            box.exec();
            if (box.clickedButton() != yes)
                return;
        }
    }
    QUndoStack *stack = doc->undoStack();
    const bool macro = !edges.isEmpty() && (!nodes.isEmpty() || edges.size() > 1);
    if (macro)
        stack->beginMacro(tr("Delete selection"));
    for (const Id &e : edges)
        stack->push(new RemoveEdgeCommand(doc, e));
    if (!nodes.isEmpty())
        stack->push(new RemoveNodesCommand(doc, nodes));
    if (macro)
        stack->endMacro();
}

void MapEditor::copySelection()
{
    if (!m_scene || m_scene->selectedNodeIds().isEmpty())
        return;
    QApplication::clipboard()->setMimeData(MapClipboard::copy(*document(), m_scene->selectedNodeIds()));
    m_pasteCount = 0;
    emit statusMessage(tr("Copied %n node(s)", nullptr, int(m_scene->selectedNodeIds().size())), 3000);
}

void MapEditor::paste()
{
    ProjectDocument *doc = document();
    if (!doc)
        return;
    QList<Node> nodes;
    QList<Edge> edges;
    const double offset = 40.0 * ++m_pasteCount;
    if (!MapClipboard::fromMime(
            QApplication::clipboard()->mimeData(), QPointF(offset, offset), &nodes, &edges)) {
        emit statusMessage(tr("The clipboard holds no Flowbench nodes."), 3000);
        return;
    }
    auto *command = new AddNodesCommand(doc, nodes, edges);
    command->setText(tr("Paste %n node(s)", nullptr, int(nodes.size())));
    const QList<Id> ids = command->nodeIds();
    doc->undoStack()->push(command);
    m_scene->selectNodes(ids);
}

bool MapEditor::jumpTo(const QString &text)
{
    ProjectDocument *doc = document();
    const QString wanted = text.trimmed();
    if (!doc || wanted.isEmpty())
        return false;
    Id best;
    int bestRank = 3;
    for (const Node &n : doc->nodes()) {
        int rank = 3;
        if (n.name.compare(wanted, Qt::CaseInsensitive) == 0)
            rank = 0;
        else if (n.name.startsWith(wanted, Qt::CaseInsensitive))
            rank = 1;
        else if (n.name.contains(wanted, Qt::CaseInsensitive))
            rank = 2;
        if (rank < bestRank) {
            bestRank = rank;
            best = n.id;
        }
    }
    if (best.isEmpty())
        return false;
    m_scene->selectNodes({ best });
    m_view->centreOnNode(best);
    return true;
}

void MapEditor::selectAll()
{
    if (!m_scene)
        return;
    for (QGraphicsItem *item : m_scene->items())
        if (item->flags() & QGraphicsItem::ItemIsSelectable)
            item->setSelected(true);
}

void MapEditor::renameSelected()
{
    const QList<Id> ids = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    if (ids.size() == 1)
        m_view->beginRename(ids.first());
}

bool MapEditor::selectionIsPinned() const
{
    const QList<Id> nodes = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    bool allPinned = !nodes.isEmpty();
    for (const Id &id : nodes)
        if (const Node *n = document()->node(id); n && !n->pinned)
            allPinned = false;
    return allPinned;
}

void MapEditor::togglePin()
{
    const QList<Id> nodes = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    if (nodes.isEmpty())
        return;
    const bool allPinned = selectionIsPinned();
    QList<Id> changing;
    for (const Id &id : nodes)
        if (const Node *n = document()->node(id); n && n->pinned == allPinned)
            changing << id;
    document()->undoStack()->push(new ChangeValue<Node, bool>(
        document(), changing, &Node::pinned, !allPinned, allPinned ? tr("Unpin") : tr("Pin in place")));
}

void MapEditor::askEdgeKind(const Id &from, const Id &to, const QPoint &screenPos)
{
    ProjectDocument *doc = document();
    const Node *a = doc ? doc->node(from) : nullptr;
    const Node *b = doc ? doc->node(to) : nullptr;
    if (!a || !b)
        return;
    QMenu menu(m_view);
    menu.setObjectName(QStringLiteral("edgeKindMenu"));
    menu.addSection(tr("%1 → %2").arg(a->name, b->name));
    for (EdgeKind kind : allEdgeKinds()) {
        QAction *act = menu.addAction(MapStyle::edgeKindLabel(kind));
        act->setData(toString(kind));
        if (m_scene && m_scene->hasEdge(from, to, kind)) { // refused if chosen: say so here
            act->setText(tr("%1 (already connected)").arg(MapStyle::edgeKindLabel(kind)));
            act->setEnabled(false);
        }
    }
    QAction *chosen = menu.exec(screenPos);
    if (!chosen || !m_scene)
        return;
    if (auto kind = edgeKindFromString(chosen->data().toString()))
        m_scene->connectNodes(from, to, *kind);
}

} // namespace flowbench
