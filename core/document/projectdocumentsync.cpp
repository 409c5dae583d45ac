// ProjectDocument::syncWithStore: the file changed under the open document.
#include "document/projectdocument.h"
#include "model/projectchangeset.h"

#include <QSet>
#include <QUndoStack>
#include <algorithm>

namespace flowbench {

namespace {

// Beyond this share of the rows changed, one whole-project read is cheaper than reading
// them by id (and the floor keeps small projects on the simple path).
constexpr qsizetype kPickedRowsFloor = 50;
constexpr qsizetype kPickedShare = 4; // a quarter

template <typename Item> struct Difference
{
    QList<Id> added, changed, removed;
    QList<Item> addedItems, changedItems, removedItems;
    bool isEmpty() const { return added.isEmpty() && changed.isEmpty() && removed.isEmpty(); }
};

// The cache against the rows read from the store: `read` holds every row that may differ
// (all of them after a whole-project read); `ids` every id the store has, or with
// `goneOnly` just the ids read for and not found. A revision that moved is a change too,
// so the cache holds what an edit must name to pass the store's conflict check.
template <typename Item>
Difference<Item> compare(
    const QHash<Id, Item> &cached, const QList<Item> &read, const QSet<Id> &ids, bool goneOnly)
{
    Difference<Item> d;
    for (const Item &item : read) {
        const auto it = cached.constFind(item.id);
        if (it == cached.cend()) {
            d.added << item.id;
            d.addedItems << item;
        } else if (*it != item || it->revision != item.revision) {
            d.changed << item.id;
            d.changedItems << item;
        }
    }
    if (goneOnly) {
        for (const Id &id : ids)
            if (cached.contains(id))
                d.removed << id;
    } else {
        for (auto it = cached.cbegin(); it != cached.cend(); ++it)
            if (!ids.contains(it.key()))
                d.removed << it.key();
    }
    std::sort(d.removed.begin(), d.removed.end()); // not the hash's order: the same on both paths
    for (const Id &id : std::as_const(d.removed))
        d.removedItems << cached.value(id);
    return d;
}

template <typename Item> void apply(QHash<Id, Item> &cache, const Difference<Item> &d)
{
    for (const auto *list : { &d.addedItems, &d.changedItems })
        for (const Item &item : *list)
            cache.insert(item.id, item);
    for (const Id &id : d.removed)
        cache.remove(id);
}

template <typename Item> QSet<Id> idsOf(const QList<Item> &list)
{
    QSet<Id> ids;
    ids.reserve(list.size());
    for (const Item &item : list)
        ids.insert(item.id);
    return ids;
}

template <typename Row> QSet<Id> idsOf(const QHash<Id, Row> &scanned)
{
    QSet<Id> ids;
    ids.reserve(scanned.size());
    for (auto it = scanned.cbegin(); it != scanned.cend(); ++it)
        ids.insert(it.key());
    return ids;
}

// The ids the store holds now: the scan's, or those of a whole-project read; after a read
// by id (goneOnly) only those asked for and not found.
struct StoredIds
{
    QSet<Id> nodes, edges, flows, testCases, comments;
    bool goneOnly = false;

    template <typename Source> static StoredIds of(const Source &s)
    {
        return { idsOf(s.nodes), idsOf(s.edges), idsOf(s.flows), idsOf(s.testCases), idsOf(s.comments),
            false };
    }
};

// Ids the scan has that the cache lacks, or holds with another revision or other fields
// stored without a revision bump: the rows to read in full.
template <typename Row, typename Item, typename Differs>
void pick(const QHash<Id, Row> &scanned, const QHash<Id, Item> &cached, Differs differs, QList<Id> *out)
{
    for (auto it = scanned.cbegin(); it != scanned.cend(); ++it) {
        const auto c = cached.constFind(it.key());
        if (c == cached.cend() || differs(it.value(), *c))
            out->append(it.key());
    }
}

} // namespace

Result<qint64> ProjectDocument::storeVersion() const
{
    return m_store->dataVersion();
}

std::optional<ProjectRowIds> ProjectDocument::rowsToRead(const ProjectScan &scan) const
{
    if (m_storeGeneration.isEmpty() || scan.generation != m_storeGeneration)
        return std::nullopt;
    ProjectRowIds ids;
    pick(
        scan.nodes, m_nodes,
        [](const ProjectScan::NodeRow &r, const Node &n) {
            return r.revision != n.revision || r.x != n.x || r.y != n.y || r.pinned != n.pinned;
        },
        &ids.nodes);
    pick(
        scan.edges, m_edges,
        [this](const ProjectScan::EdgeRow &r, const Edge &e) {
            if (r.revision != e.revision)
                return true;
            if (e.route.isEmpty() || r.route.isEmpty())
                return !r.holds(e.route);
            // Writing a route as text costs more than the rest of the scan: compare the
            // text with the one seen last time for the same cached route.
            const auto seen = m_scannedRoutes.constFind(e.id);
            if (seen != m_scannedRoutes.cend() && seen->first == r.route && seen->second == e.route)
                return false;
            if (!r.holds(e.route))
                return true;
            m_scannedRoutes.insert(e.id, { r.route, e.route });
            return false;
        },
        &ids.edges);
    pick(
        scan.flows, m_flows,
        [](const ProjectScan::FlowRow &r, const Flow &f) {
            return r.revision != f.revision || r.nodeIds != f.nodeIds;
        },
        &ids.flows);
    pick(
        scan.testCases, m_testCases,
        [](const ProjectScan::TestCaseRow &r, const TestCase &t) {
            return r.revision != t.revision || r.flowId != t.flowId;
        },
        &ids.testCases);
    pick(
        scan.comments, m_comments, [](int revision, const Comment &c) { return revision != c.revision; },
        &ids.comments);
    const qsizetype rows = scan.nodes.size() + scan.edges.size() + scan.flows.size() + scan.testCases.size()
        + scan.comments.size();
    if (ids.count() > std::max(kPickedRowsFloor, rows / kPickedShare))
        return std::nullopt;
    return ids;
}

ProjectRowIds ProjectDocument::withDependents(ProjectRowIds told) const
{
    const QSet<Id> nodes(told.nodes.cbegin(), told.nodes.cend());
    const QSet<Id> flows(told.flows.cbegin(), told.flows.cend());
    if (!nodes.isEmpty()) {
        for (const Edge &e : m_edges)
            if (nodes.contains(e.from) || nodes.contains(e.to))
                told.edges.append(e.id);
        for (const Comment &c : m_comments)
            if (nodes.contains(c.nodeId))
                told.comments.append(c.id);
        for (const Flow &f : m_flows)
            if (std::any_of(
                    f.nodeIds.cbegin(), f.nodeIds.cend(), [&](const Id &n) { return nodes.contains(n); }))
                told.flows.append(f.id);
    }
    for (const TestCase &t : m_testCases)
        if (nodes.contains(t.nodeId) || (!t.flowId.isEmpty() && flows.contains(t.flowId)))
            told.testCases.append(t.id);
    return told;
}

namespace {
// The ids read for and not found: removed meanwhile.
template <typename Item> QSet<Id> goneOf(const QList<Id> &asked, const QList<Item> &found)
{
    QSet<Id> gone(asked.cbegin(), asked.cend());
    for (const Item &item : found)
        gone.remove(item.id);
    return gone;
}
} // namespace

Status ProjectDocument::syncWithOthers(ProjectChangeSet *changes)
{
    std::optional<ProjectRowIds> told = m_store->takeOthersTouched();
    if (told && !m_syncReadsEverything && !m_storeGeneration.isEmpty())
        return sync(changes, withDependents(std::move(*told)));
    return sync(changes, std::nullopt);
}

Status ProjectDocument::syncWithStore(ProjectChangeSet *changes)
{
    m_store->takeOthersTouched(); // the scan finds what they named, and more
    return sync(changes, std::nullopt);
}

Status ProjectDocument::sync(ProjectChangeSet *changes, const std::optional<ProjectRowIds> &told)
{
    // Usually only the rows that changed are read: those others named (syncWithOthers), or
    // those a scan finds (ProjectStore::readChangedRows); the whole project when the
    // content was replaced or too much changed.
    Result<ScannedRows> scanned = ScannedRows();
    if (told) {
        scanned = m_store->readRows(*told);
        if (!scanned)
            return Status::failure(scanned.error());
        if (scanned->scan.generation != m_storeGeneration)
            return sync(changes, std::nullopt); // replaced meanwhile
    } else if (m_syncReadsEverything) {
        const Result<QString> generation = m_store->contentGeneration();
        if (!generation)
            return Status::failure(generation.error());
        scanned->scan.generation = generation.value();
    } else {
        scanned = m_store->readChangedRows([this](const ProjectScan &scan) { return rowsToRead(scan); });
        if (!scanned)
            return Status::failure(scanned.error());
    }
    Project now;
    StoredIds stored;
    if (told) {
        now = std::move(scanned->rows);
        now.name = m_name;
        stored = { goneOf(told->nodes, now.nodes), goneOf(told->edges, now.edges),
            goneOf(told->flows, now.flows), goneOf(told->testCases, now.testCases),
            goneOf(told->comments, now.comments), true };
    } else if (scanned->picked) {
        now = std::move(scanned->rows);
        now.name = m_name; // a rename moves the generation: never on this path
        stored = StoredIds::of(scanned->scan);
    } else {
        Result<Project> loaded = m_store->load();
        if (!loaded)
            return Status::failure(loaded.error());
        now = std::move(loaded).value();
        stored = StoredIds::of(now);
    }
    // Read in the snapshot before load(): a replace after it moves it again.
    m_storeGeneration = scanned->scan.generation;
    m_lastSyncLoadedRows = int(
        now.nodes.size() + now.edges.size() + now.flows.size() + now.testCases.size() + now.comments.size());
    m_lastSyncReadEverything = !scanned->picked;

    const auto nodes = compare(m_nodes, now.nodes, stored.nodes, stored.goneOnly);
    const auto edges = compare(m_edges, now.edges, stored.edges, stored.goneOnly);
    const auto flows = compare(m_flows, now.flows, stored.flows, stored.goneOnly);
    const auto testCases = compare(m_testCases, now.testCases, stored.testCases, stored.goneOnly);
    const auto comments = compare(m_comments, now.comments, stored.comments, stored.goneOnly);
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
    apply(m_nodes, nodes);
    apply(m_edges, edges);
    for (const Id &id : edges.removed)
        m_scannedRoutes.remove(id);
    apply(m_flows, flows);
    apply(m_testCases, testCases);
    m_caseCountsDirty = true;
    apply(m_comments, comments);
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
