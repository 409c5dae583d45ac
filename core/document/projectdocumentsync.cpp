// ProjectDocument::syncWithStore: the file changed under the open document.
#include "document/projectdocument.h"
#include "model/projectchangeset.h"

#include <QSet>
#include <QUndoStack>

namespace flowbench {

namespace {

template <typename Item> struct Difference
{
    QList<Id> added, changed, removed;
    QList<Item> addedItems, changedItems, removedItems;
    bool isEmpty() const { return added.isEmpty() && changed.isEmpty() && removed.isEmpty(); }
};

// Old cache against the stored list; a revision that moved is a change too, so the cache
// holds what an edit must name to pass the store's conflict check.
template <typename Item> Difference<Item> compare(const QHash<Id, Item> &cached, const QList<Item> &stored)
{
    Difference<Item> d;
    QSet<Id> seen;
    for (const Item &item : stored) {
        seen.insert(item.id);
        const auto it = cached.constFind(item.id);
        if (it == cached.cend()) {
            d.added << item.id;
            d.addedItems << item;
        } else if (*it != item || it->revision != item.revision) {
            d.changed << item.id;
            d.changedItems << item;
        }
    }
    for (auto it = cached.cbegin(); it != cached.cend(); ++it)
        if (!seen.contains(it.key())) {
            d.removed << it.key();
            d.removedItems << it.value();
        }
    return d;
}

template <typename Item> QHash<Id, Item> byId(const QList<Item> &list)
{
    QHash<Id, Item> out;
    for (const Item &item : list)
        out.insert(item.id, item);
    return out;
}

} // namespace

Result<qint64> ProjectDocument::storeVersion() const
{
    return m_store->dataVersion();
}

Status ProjectDocument::syncWithStore(ProjectChangeSet *changes)
{
    const Result<Project> loaded = m_store->load();
    if (!loaded)
        return Status::failure(loaded.error());
    const Project &now = loaded.value();
    const auto nodes = compare(m_nodes, now.nodes);
    const auto edges = compare(m_edges, now.edges);
    const auto flows = compare(m_flows, now.flows);
    const auto testCases = compare(m_testCases, now.testCases);
    const auto comments = compare(m_comments, now.comments);

    // Nodes that only moved are a move for the views, not an edit.
    QList<Id> moved, edited;
    for (const Node &n : nodes.changedItems) {
        const Node &was = m_nodes.value(n.id);
        Node samePlace = n;
        samePlace.x = was.x;
        samePlace.y = was.y;
        if (n.x != was.x || n.y != was.y)
            moved << n.id;
        if (samePlace != was)
            edited << n.id;
    }
    QList<Id> rerouted, edgesEdited;
    for (const Edge &e : edges.changedItems) {
        Edge sameRoute = e;
        sameRoute.route = m_edges.value(e.id).route;
        (sameRoute == m_edges.value(e.id) ? rerouted : edgesEdited) << e.id;
    }
    QSet<Id> testCaseNodes, commentNodes;
    for (const auto *list : { &testCases.addedItems, &testCases.changedItems, &testCases.removedItems })
        for (const TestCase &t : *list) {
            testCaseNodes.insert(t.nodeId);
            if (const auto it = m_testCases.constFind(t.id); it != m_testCases.cend())
                testCaseNodes.insert(it->nodeId); // moved to another node
        }
    for (const auto *list : { &comments.addedItems, &comments.changedItems, &comments.removedItems })
        for (const Comment &c : *list)
            commentNodes.insert(c.nodeId);

    if (changes) {
        *changes = ProjectChangeSet();
        changes->added.nodes = nodes.addedItems;
        changes->added.edges = edges.addedItems;
        changes->added.flows = flows.addedItems;
        changes->added.testCases = testCases.addedItems;
        changes->added.comments = comments.addedItems;
        changes->changed.nodes = nodes.changedItems;
        changes->changed.edges = edges.changedItems;
        changes->changed.flows = flows.changedItems;
        changes->changed.testCases = testCases.changedItems;
        changes->changed.comments = comments.changedItems;
        changes->removed.nodes = nodes.removedItems;
        changes->removed.edges = edges.removedItems;
        changes->removed.flows = flows.removedItems;
        changes->removed.testCases = testCases.removedItems;
        changes->removed.comments = comments.removedItems;
    }

    // The cache first: views re-read the document in their slots.
    m_name = now.name;
    m_nodes = byId(now.nodes);
    m_edges = byId(now.edges);
    m_flows = byId(now.flows);
    m_testCases = byId(now.testCases);
    m_caseCountsDirty = true;
    m_comments = byId(now.comments);
    m_openCommentsDirty = true;

    // Removals before additions (an id could not come back, but an edge's ends could go).
    if (!edges.removed.isEmpty())
        emit edgesRemoved(edges.removed);
    if (!nodes.removed.isEmpty())
        emit nodesRemoved(nodes.removed);
    if (!nodes.added.isEmpty())
        emit nodesAdded(nodes.added);
    if (!edges.added.isEmpty())
        emit edgesAdded(edges.added);
    for (const Id &id : std::as_const(edited))
        emit nodeChanged(id);
    if (!moved.isEmpty())
        emit nodesMoved(moved);
    for (const Id &id : std::as_const(edgesEdited))
        emit edgeChanged(id);
    if (!rerouted.isEmpty())
        emit edgeRoutesChanged(rerouted);
    if (!flows.isEmpty())
        emit flowsChanged();
    for (const Id &nodeId : std::as_const(testCaseNodes))
        emit testCasesChanged(nodeId);
    for (const Id &nodeId : std::as_const(commentNodes))
        emit commentsChanged(nodeId);
    emit environmentsChanged();
    return success();
}

Status ProjectDocument::keepTheirs(const EditConflict &)
{
    // The refused step left the undo stack already; what remains is to show theirs.
    if (Status s = syncWithStore(); !s)
        return fail(s);
    return success();
}

Status ProjectDocument::applyMine(const EditConflict &conflict)
{
    // The new edit names the revision stored now, so it lands unless yet another edit
    // came in between (then that is a conflict of its own).
    if (Status s = syncWithStore(); !s)
        return fail(s);
    QUndoCommand *command = conflict.makeMine ? conflict.makeMine() : nullptr;
    if (!command)
        return fail(Status::failure(
            tr("The %1 %2 is no longer there; nothing was saved.").arg(conflict.kind, conflict.item)));
    m_undoStack->push(command);
    return success();
}

} // namespace flowbench
