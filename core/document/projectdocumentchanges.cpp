#include "document/projectdocument.h"
#include "model/projectchangeset.h"

#include <QSet>

namespace flowbench {

namespace {

template <typename T> QSet<Id> idsOf(const QList<T> &list)
{
    QSet<Id> ids;
    for (const T &item : list)
        ids.insert(item.id);
    return ids;
}

// The cached copies of `wanted`, or the id of the first one the cache lacks.
template <typename T> Result<QList<T>> cachedCopies(const QHash<Id, T> &cache, const QList<T> &wanted)
{
    QList<T> copies;
    for (const T &item : wanted) {
        const auto it = cache.constFind(item.id);
        if (it == cache.cend())
            return Result<QList<T>>::failure(item.id);
        copies.append(*it);
    }
    return copies;
}

// Takes the revision the cache (or store) holds, so the store's optimistic check
// compares against what this document last saw.
template <typename T> T withRevision(T item, const QHash<Id, T> &current)
{
    item.revision = current.value(item.id).revision;
    return item;
}

// What views must hear after a change, from the cache before and after it.
struct Differences
{
    QList<Id> nodesAdded, nodesRemoved, nodesMoved, nodesChanged;
    QList<Id> edgesAdded, edgesRemoved, edgesChanged, routesChanged;
    QSet<Id> testCaseNodes, commentNodes;
};

// Nodes whose items of `before` and `after` differ (added, changed or removed).
template <typename T> QSet<Id> touchedNodes(const QHash<Id, T> &before, const QHash<Id, T> &after)
{
    QSet<Id> nodes;
    for (const T &item : before)
        if (after.value(item.id) != item)
            nodes.insert(item.nodeId);
    for (const T &item : after)
        if (before.value(item.id) != item)
            nodes.insert(item.nodeId);
    nodes.remove(Id());
    return nodes;
}

Differences differences(const QHash<Id, Node> &nodesBefore, const QHash<Id, Node> &nodes,
    const QHash<Id, Edge> &edgesBefore, const QHash<Id, Edge> &edges,
    const QHash<Id, TestCase> &testCasesBefore, const QHash<Id, TestCase> &testCases,
    const QHash<Id, Comment> &commentsBefore, const QHash<Id, Comment> &comments)
{
    Differences d;
    for (const Node &n : nodesBefore)
        if (!nodes.contains(n.id))
            d.nodesRemoved.append(n.id);
    for (const Node &n : nodes) {
        const auto before = nodesBefore.constFind(n.id);
        if (before == nodesBefore.cend()) {
            d.nodesAdded.append(n.id);
            continue;
        }
        Node placed = *before;
        placed.x = n.x;
        placed.y = n.y;
        placed.pinned = n.pinned;
        if (placed != n)
            d.nodesChanged.append(n.id);
        if (before->x != n.x || before->y != n.y || before->pinned != n.pinned)
            d.nodesMoved.append(n.id);
    }
    for (const Edge &e : edgesBefore)
        if (!edges.contains(e.id))
            d.edgesRemoved.append(e.id);
    for (const Edge &e : edges) {
        const auto before = edgesBefore.constFind(e.id);
        if (before == edgesBefore.cend()) {
            d.edgesAdded.append(e.id);
            continue;
        }
        Edge routed = *before;
        routed.route = e.route;
        if (routed != e)
            d.edgesChanged.append(e.id);
        else if (before->route != e.route)
            d.routesChanged.append(e.id);
    }
    d.testCaseNodes = touchedNodes(testCasesBefore, testCases);
    d.commentNodes = touchedNodes(commentsBefore, comments);
    return d;
}

} // namespace

Status ProjectDocument::applyChanges(const ProjectChangeSet &changes, ProjectChangeSet *inverse)
{
    if (!changes.added.runs.isEmpty() || !changes.added.results.isEmpty() || !changes.changed.runs.isEmpty()
        || !changes.changed.results.isEmpty() || !changes.removed.runs.isEmpty()
        || !changes.removed.results.isEmpty())
        return fail(Status::failure(tr("Runs and results cannot be imported into an open project; "
                                       "nothing was changed")));
    const Result<QList<Environment>> storedEnvironments = m_store->environments();
    if (!storedEnvironments)
        return fail(Status::failure(storedEnvironments.error()));
    QHash<Id, Environment> environments;
    for (const Environment &e : storedEnvironments.value())
        environments.insert(e.id, e);

    // What puts it all back: additions go, changed items return to their cached state,
    // removed items come back with what went with them (edges, test cases, comments of a
    // removed node; flow paths through it).
    ProjectChangeSet back;
    back.removed = changes.added;
    QString missing;
    auto take = [&](auto &cache, const auto &wanted, auto &into, const char *what) -> bool {
        auto copies = cachedCopies(cache, wanted);
        if (!copies) {
            missing
                = tr("No %1 with id %2; nothing was changed").arg(QString::fromLatin1(what), copies.error());
            return false;
        }
        into = copies.value();
        return true;
    };
    m_caseCountsDirty = true;
    if (!take(m_nodes, changes.changed.nodes, back.changed.nodes, "node")
        || !take(m_edges, changes.changed.edges, back.changed.edges, "edge")
        || !take(m_flows, changes.changed.flows, back.changed.flows, "flow")
        || !take(m_testCases, changes.changed.testCases, back.changed.testCases, "test case")
        || !take(m_comments, changes.changed.comments, back.changed.comments, "comment")
        || !take(environments, changes.changed.environments, back.changed.environments, "environment")
        || !take(m_nodes, changes.removed.nodes, back.added.nodes, "node")
        || !take(m_edges, changes.removed.edges, back.added.edges, "edge")
        || !take(m_flows, changes.removed.flows, back.added.flows, "flow")
        || !take(m_testCases, changes.removed.testCases, back.added.testCases, "test case")
        || !take(m_comments, changes.removed.comments, back.added.comments, "comment")
        || !take(environments, changes.removed.environments, back.added.environments, "environment"))
        return fail(Status::failure(missing));
    const QSet<Id> goneNodes = idsOf(changes.removed.nodes);
    if (!goneNodes.isEmpty()) {
        const QSet<Id> edges = idsOf(back.added.edges), testCases = idsOf(back.added.testCases),
                       comments = idsOf(back.added.comments), flows = idsOf(back.changed.flows);
        for (const Edge &e : m_edges)
            if ((goneNodes.contains(e.from) || goneNodes.contains(e.to)) && !edges.contains(e.id))
                back.added.edges.append(e);
        for (const TestCase &t : m_testCases)
            if (goneNodes.contains(t.nodeId) && !testCases.contains(t.id))
                back.added.testCases.append(t);
        for (const Comment &c : m_comments)
            if (goneNodes.contains(c.nodeId) && !comments.contains(c.id))
                back.added.comments.append(c);
        for (const Flow &f : m_flows)
            if (!flows.contains(f.id) && std::any_of(f.nodeIds.cbegin(), f.nodeIds.cend(), [&](const Id &n) {
                    return goneNodes.contains(n);
                }))
                back.changed.flows.append(f);
    }

    // Added first (changes may refer to them), then changed (an undo moves a test case back
    // before its node goes), then removed, dependents before what they hang on.
    const Status written = write([&]() -> Status {
        for (Environment e : changes.added.environments)
            if (Status s = m_store->addEnvironment(e); !s)
                return s;
        for (Node n : changes.added.nodes)
            if (Status s = m_store->addNode(n); !s)
                return s;
        for (Edge e : changes.added.edges)
            if (Status s = m_store->addEdge(e); !s)
                return s;
        for (Flow f : changes.added.flows)
            if (Status s = m_store->addFlow(f); !s)
                return s;
        for (TestCase t : changes.added.testCases)
            if (Status s = m_store->addTestCase(t); !s)
                return s;
        for (Comment c : changes.added.comments)
            if (Status s = m_store->addComment(c); !s)
                return s;

        for (const Environment &e : changes.changed.environments) {
            Environment copy = withRevision(e, environments);
            if (Status s = m_store->updateEnvironment(copy); !s)
                return s;
        }
        // A changed position is guarded like a drag: refused when someone else moved the
        // node since this document saw it. The pin is content, written by updateNode above.
        QList<NodePosition> moved, movedFrom;
        for (const Node &n : changes.changed.nodes) {
            Node copy = withRevision(n, m_nodes);
            if (Status s = m_store->updateNode(copy); !s)
                return s;
            const Node &cached = m_nodes[n.id];
            if (cached.x != n.x || cached.y != n.y) {
                moved.append({ n.id, n.x, n.y, n.pinned });
                movedFrom.append({ n.id, cached.x, cached.y, n.pinned });
            }
        }
        if (!moved.isEmpty())
            if (Status s = m_store->setNodePositions(moved, movedFrom); !s)
                return s;
        for (const Edge &e : changes.changed.edges) {
            Edge copy = withRevision(e, m_edges);
            if (Status s = m_store->updateEdge(copy); !s)
                return s;
        }
        for (const Flow &f : changes.changed.flows) {
            Flow copy = withRevision(f, m_flows);
            if (Status s = m_store->updateFlow(copy); !s)
                return s;
        }
        for (const TestCase &t : changes.changed.testCases) {
            TestCase copy = withRevision(t, m_testCases);
            if (Status s = m_store->updateTestCase(copy); !s)
                return s;
        }
        for (const Comment &c : changes.changed.comments) {
            Comment copy = withRevision(c, m_comments);
            if (Status s = m_store->updateComment(copy); !s)
                return s;
        }

        for (const Comment &c : changes.removed.comments)
            if (Status s = m_store->removeComment(c.id); !s)
                return s;
        for (const TestCase &t : changes.removed.testCases)
            if (Status s = m_store->removeTestCase(t.id); !s)
                return s;
        for (const Flow &f : changes.removed.flows)
            if (Status s = m_store->removeFlow(f.id); !s)
                return s;
        for (const Edge &e : changes.removed.edges)
            if (Status s = m_store->removeEdge(e.id); !s)
                return s;
        for (const Node &n : changes.removed.nodes)
            if (auto r = m_store->removeNode(n.id); !r)
                return Status::failure(r.error());
        for (const Environment &e : changes.removed.environments)
            if (Status s = m_store->removeEnvironment(e.id); !s)
                return s;
        return success();
    });
    if (!written)
        return written;

    // Tell views what changed by comparing the cache before with the file after.
    const QHash<Id, Node> nodesBefore = m_nodes;
    const QHash<Id, Edge> edgesBefore = m_edges;
    const QHash<Id, Flow> flowsBefore = m_flows;
    const QHash<Id, TestCase> testCasesBefore = m_testCases;
    const QHash<Id, Comment> commentsBefore = m_comments;
    if (Status s = reload(); !s)
        return fail(s);
    if (inverse)
        *inverse = back;
    const Differences d = differences(
        nodesBefore, m_nodes, edgesBefore, m_edges, testCasesBefore, m_testCases, commentsBefore, m_comments);
    if (!d.edgesRemoved.isEmpty())
        emit edgesRemoved(d.edgesRemoved);
    if (!d.nodesRemoved.isEmpty())
        emit nodesRemoved(d.nodesRemoved);
    if (!d.nodesAdded.isEmpty())
        emit nodesAdded(d.nodesAdded);
    for (const Id &id : d.nodesChanged)
        emit nodeChanged(id);
    if (!d.nodesMoved.isEmpty())
        emit nodesMoved(d.nodesMoved);
    if (!d.edgesAdded.isEmpty())
        emit edgesAdded(d.edgesAdded);
    for (const Id &id : d.edgesChanged)
        emit edgeChanged(id);
    if (!d.routesChanged.isEmpty())
        emit edgeRoutesChanged(d.routesChanged);
    if (flowsBefore != m_flows)
        emit flowsChanged();
    for (const Id &n : d.testCaseNodes)
        emit testCasesChanged(n);
    for (const Id &n : d.commentNodes)
        emit commentsChanged(n);
    if (!changes.added.environments.isEmpty() || !changes.changed.environments.isEmpty()
        || !changes.removed.environments.isEmpty())
        emit environmentsChanged();
    return success();
}

} // namespace flowbench
