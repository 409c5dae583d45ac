#include "document/projectdocument.h"

#include "document/presencetracker.h"
#include "document/storeconnection.h"

#include <QSet>
#include <algorithm>

namespace flowbench {

namespace {
template <typename T>
QHash<Id, T> byId(const QList<T> &list)
{
    QHash<Id, T> hash;
    hash.reserve(list.size());
    for (const T &item : list)
        hash.insert(item.id, item);
    return hash;
}

// Comments are all a read-only role that may comment can write.
template <typename Item> constexpr EditScope scopeOf()
{
    return std::is_same_v<Item, Comment> ? EditScope::Comments : EditScope::Content;
}

template <typename T>
QList<T> sortedById(const QHash<Id, T> &hash)
{
    QList<T> list = hash.values();
    std::sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.id < b.id; });
    return list;
}
} // namespace

ProjectDocument::ProjectDocument(std::unique_ptr<ProjectStore> store, QObject *parent)
    : QObject(parent), m_store(std::move(store)), m_undoStack(new QUndoStack(this))
{
    // Every change of m_comments is announced by commentsChanged; connected first, so
    // the counts are stale before any view asks again.
    connect(this, &ProjectDocument::commentsChanged, this, [this] { m_openCommentsDirty = true; });
    // The store outlives no document: it is ours and goes with us.
    m_store->setOthersCommitCallback([this] { emit othersCommitted(); });
    if (!m_store->location().isShared())
        return;
    m_presence = new PresenceTracker(m_store.get(), this);
    connect(m_presence, &PresenceTracker::changed, this, &ProjectDocument::presenceChanged);
    m_connection = new StoreConnection(m_store.get(), this);
    connect(m_connection, &StoreConnection::lost, this, [this] { emit offlineChanged(true); });
    connect(m_connection, &StoreConnection::restored, this, [this] {
        // Others' commits while we were away sent no notification we could hear.
        if (Status s = syncWithStore(); !s)
            emit errorOccurred(s.error());
        emit offlineChanged(false);
    });
}

QList<PresenceEntry> ProjectDocument::othersHere() const
{
    return m_presence ? m_presence->others() : QList<PresenceEntry>();
}

bool ProjectDocument::isOffline() const
{
    return m_connection && m_connection->isLost();
}

QString ProjectDocument::offlineReason() const
{
    return isOffline() ? m_connection->problem() : QString();
}

QDateTime ProjectDocument::offlineSince() const
{
    return isOffline() ? m_connection->lostSince() : QDateTime();
}

ProjectDocument::~ProjectDocument()
{
    // Commands refer to the document; drop them before the store goes. So does the
    // connection watch.
    delete m_undoStack;
    m_undoStack = nullptr;
    delete m_connection;
    m_connection = nullptr;
    delete m_presence; // says goodbye while the store is there
    m_presence = nullptr;
}

Result<std::unique_ptr<ProjectDocument>> ProjectDocument::create(const QString &path, const QString &name)
{
    auto store = ProjectStore::create(path, name);
    if (!store)
        return Result<std::unique_ptr<ProjectDocument>>::failure(store.error());
    std::unique_ptr<ProjectDocument> doc(new ProjectDocument(std::move(store.value())));
    if (Status s = doc->reload(); !s)
        return Result<std::unique_ptr<ProjectDocument>>::failure(s.error());
    return doc;
}

Result<std::unique_ptr<ProjectDocument>> ProjectDocument::open(const QString &path)
{
    auto store = ProjectStore::open(path);
    if (!store)
        return Result<std::unique_ptr<ProjectDocument>>::failure(store.error());
    std::unique_ptr<ProjectDocument> doc(new ProjectDocument(std::move(store.value())));
    if (Status s = doc->reload(); !s)
        return Result<std::unique_ptr<ProjectDocument>>::failure(s.error());
    return doc;
}

Status ProjectDocument::reload()
{
    // Before the load: a replace in between shows as another generation at the next sync.
    const Result<QString> generation = m_store->contentGeneration();
    m_storeGeneration = generation ? generation.value() : QString();
    m_scannedRoutes.clear();
    auto project = m_store->load();
    if (!project)
        return Status::failure(project.error());
    m_name = project->name;
    m_nodes = byId(project->nodes);
    m_edges = byId(project->edges);
    m_flows = byId(project->flows);
    m_testCases = byId(project->testCases);
    m_caseCountsDirty = true;
    m_comments = byId(project->comments);
    m_openCommentsDirty = true;
    return success();
}

Status ProjectDocument::fail(const Status &status)
{
    // The edit may have found the server gone: offline now, not at the next probe.
    if (m_connection && m_store->isConnectionLost())
        m_connection->check();
    emit errorOccurred(status.error());
    return status;
}

Status ProjectDocument::refuse(const Status &status)
{
    if (m_conflictsHandledByCaller > 0 && m_store->lastEditConflicted())
        return status;
    return fail(status);
}

Status ProjectDocument::write(const std::function<Status()> &edits, EditScope scope)
{
    if (Status s = m_store->transaction(edits, scope); !s)
        return refuse(s);
    return success();
}

template <typename Item>
Status ProjectDocument::storeEdit(QHash<Id, Item> &cache, const Item &item, Status (ProjectStore::*update)(Item &),
                                  const QString &missing)
{
    const auto current = cache.constFind(item.id);
    if (current == cache.cend())
        return fail(Status::failure(missing));
    Item copy = item;
    copy.revision = current->revision;
    if (Status s = write([&] { return (m_store.get()->*update)(copy); }, scopeOf<Item>()); !s)
        return s;
    cache.insert(copy.id, copy);
    return success();
}

template <typename Item>
Status ProjectDocument::storeAdd(QHash<Id, Item> &cache, Item &item, Status (ProjectStore::*add)(Item &))
{
    if (Status s = write([&] { return (m_store.get()->*add)(item); }, scopeOf<Item>()); !s)
        return s;
    cache.insert(item.id, item);
    return success();
}

template <typename Item>
Status ProjectDocument::storeRemove(QHash<Id, Item> &cache, const Id &id, Status (ProjectStore::*remove)(const Id &))
{
    if (Status s = write([&] { return (m_store.get()->*remove)(id); }, scopeOf<Item>()); !s)
        return s;
    cache.remove(id);
    return success();
}

QString ProjectDocument::filePath() const { return m_store->path(); }

namespace {

// The cached item with that id, or null.
template <typename Item>
const Item *cached(const QHash<Id, Item> &cache, const Id &id)
{
    const auto it = cache.constFind(id);
    return it == cache.cend() ? nullptr : &it.value();
}

} // namespace

const Node *ProjectDocument::node(const Id &id) const { return cached(m_nodes, id); }
const Edge *ProjectDocument::edge(const Id &id) const { return cached(m_edges, id); }
const Flow *ProjectDocument::flow(const Id &id) const { return cached(m_flows, id); }
const TestCase *ProjectDocument::testCase(const Id &id) const { return cached(m_testCases, id); }
const Comment *ProjectDocument::comment(const Id &id) const { return cached(m_comments, id); }

QList<Node> ProjectDocument::nodes() const { return sortedById(m_nodes); }
QList<Edge> ProjectDocument::edges() const { return sortedById(m_edges); }
QList<TestCase> ProjectDocument::testCases() const { return sortedById(m_testCases); }

QList<Flow> ProjectDocument::flows() const
{
    QList<Flow> list = m_flows.values();
    std::sort(list.begin(), list.end(), [](const Flow &a, const Flow &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return list;
}

QList<TestCase> ProjectDocument::testCasesOfNode(const Id &nodeId) const
{
    QList<TestCase> list;
    for (const TestCase &t : m_testCases)
        if (t.nodeId == nodeId)
            list.append(t);
    std::sort(list.begin(), list.end(), [](const TestCase &a, const TestCase &b) {
        return a.position != b.position ? a.position < b.position : a.id < b.id;
    });
    return list;
}

int ProjectDocument::testCaseCount(const Id &nodeId) const
{
    if (m_caseCountsDirty) {
        m_caseCounts.clear();
        for (const TestCase &t : m_testCases)
            ++m_caseCounts[t.nodeId];
        m_caseCountsDirty = false;
    }
    return m_caseCounts.value(nodeId);
}

QList<Comment> ProjectDocument::commentsOfNode(const Id &nodeId) const
{
    QList<Comment> list;
    for (const Comment &c : m_comments)
        if (c.nodeId == nodeId)
            list.append(c);
    // A review reads as a conversation: oldest first.
    std::sort(list.begin(), list.end(), [](const Comment &a, const Comment &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return list;
}

int ProjectDocument::openCommentCount(const Id &nodeId) const
{
    if (m_openCommentsDirty) {
        m_openComments.clear();
        for (const Comment &c : m_comments)
            if (!c.resolved)
                ++m_openComments[c.nodeId];
        m_openCommentsDirty = false;
    }
    return m_openComments.value(nodeId);
}

QList<Edge> ProjectDocument::edgesOfNode(const Id &nodeId) const
{
    QList<Edge> list;
    for (const Edge &e : m_edges)
        if (e.from == nodeId || e.to == nodeId)
            list.append(e);
    return list;
}

Project ProjectDocument::snapshot() const
{
    Project p;
    p.name = m_name;
    p.nodes = nodes();
    p.edges = edges();
    p.flows = sortedById(m_flows);
    p.testCases = testCases();
    p.comments = sortedById(m_comments);
    return p;
}

Result<DeleteSummary> ProjectDocument::previewRemoveNodes(const QList<Id> &ids) const
{
    const QSet<Id> set(ids.cbegin(), ids.cend());
    DeleteSummary summary;
    for (const Edge &e : m_edges)
        summary.edges += set.contains(e.from) || set.contains(e.to);
    for (const TestCase &t : m_testCases)
        summary.testCases += set.contains(t.nodeId);
    for (const Comment &c : m_comments)
        summary.comments += set.contains(c.nodeId);
    for (const Flow &f : m_flows)
        for (const Id &n : f.nodeIds)
            summary.flowSteps += set.contains(n);
    return summary;
}

Status ProjectDocument::addNodes(QList<Node> &nodes, QList<Edge> &edges)
{
    if (Status s = write([&]() -> Status {
        for (Node &n : nodes)
            if (Status st = m_store->addNode(n); !st)
                return st;
        for (Edge &e : edges)
            if (Status st = m_store->addEdge(e); !st)
                return st;
        return success();
    }); !s)
        return s;
    QList<Id> nodeIds, edgeIds;
    for (const Node &n : nodes) {
        m_nodes.insert(n.id, n);
        nodeIds.append(n.id);
    }
    for (const Edge &e : edges) {
        m_edges.insert(e.id, e);
        edgeIds.append(e.id);
    }
    emit nodesAdded(nodeIds);
    if (!edgeIds.isEmpty())
        emit edgesAdded(edgeIds);
    return success();
}

Status ProjectDocument::updateNode(const Node &node)
{
    if (Status s = storeEdit(m_nodes, node, &ProjectStore::updateNode, tr("No node with id %1").arg(node.id)); !s)
        return s;
    emit nodeChanged(node.id);
    return success();
}

Status ProjectDocument::removeNodes(const QList<Id> &ids, Project *removed)
{
    const QSet<Id> set(ids.cbegin(), ids.cend());
    Project taken;
    for (const Id &id : ids)
        if (const Node *n = node(id))
            taken.nodes.append(*n);
    for (const Edge &e : m_edges)
        if (set.contains(e.from) || set.contains(e.to))
            taken.edges.append(e);
    for (const TestCase &t : m_testCases)
        if (set.contains(t.nodeId))
            taken.testCases.append(t);
    for (const Comment &c : m_comments)
        if (set.contains(c.nodeId))
            taken.comments.append(c);
    for (const Flow &f : m_flows)
        if (std::any_of(f.nodeIds.cbegin(), f.nodeIds.cend(), [&](const Id &n) { return set.contains(n); }))
            taken.flows.append(f);

    if (Status s = write([&]() -> Status {
        for (const Node &n : taken.nodes)
            if (auto r = m_store->removeNode(n.id); !r)
                return Status::failure(r.error());
        return success();
    }); !s)
        return s;

    QList<Id> edgeIds, nodeIds;
    QSet<Id> touchedNodes;
    for (const Edge &e : taken.edges) {
        m_edges.remove(e.id);
        edgeIds.append(e.id);
    }
    for (const TestCase &t : taken.testCases) {
        m_testCases.remove(t.id);
        m_caseCountsDirty = true;
        touchedNodes.insert(t.nodeId);
    }
    QSet<Id> commentedNodes;
    for (const Comment &c : taken.comments) {
        m_comments.remove(c.id);
        commentedNodes.insert(c.nodeId);
    }
    for (const Node &n : taken.nodes) {
        m_nodes.remove(n.id);
        nodeIds.append(n.id);
    }
    if (!taken.flows.isEmpty()) {
        auto flows = m_store->flows();
        if (flows)
            m_flows = byId(flows.value());
    }
    if (removed)
        *removed = taken;
    if (!edgeIds.isEmpty())
        emit edgesRemoved(edgeIds);
    emit nodesRemoved(nodeIds);
    for (const Id &n : touchedNodes)
        emit testCasesChanged(n);
    for (const Id &n : commentedNodes)
        emit commentsChanged(n);
    if (!taken.flows.isEmpty())
        emit flowsChanged();
    return success();
}

Status ProjectDocument::restoreNodes(const Project &removed)
{
    Project put = removed;
    if (Status s = write([&]() -> Status {
        for (Node &n : put.nodes)
            if (Status st = m_store->addNode(n); !st)
                return st;
        for (Edge &e : put.edges)
            if (Status st = m_store->addEdge(e); !st)
                return st;
        for (TestCase &t : put.testCases)
            if (Status st = m_store->addTestCase(t); !st)
                return st;
        for (Comment &c : put.comments)
            if (Status st = m_store->addComment(c); !st)
                return st;
        if (put.flows.isEmpty())
            return success();
        auto stored = m_store->flows();
        if (!stored)
            return Status::failure(stored.error());
        const QHash<Id, Flow> current = byId(stored.value());
        for (Flow &f : put.flows) {
            auto it = current.constFind(f.id);
            if (it == current.cend())
                continue; // the flow itself was removed since; nothing to put back into
            Flow path = it.value();
            path.nodeIds = f.nodeIds;
            if (Status st = m_store->updateFlow(path); !st)
                return st;
        }
        return success();
    }); !s)
        return s;

    QList<Id> nodeIds, edgeIds;
    QSet<Id> touchedNodes;
    for (const Node &n : put.nodes) {
        m_nodes.insert(n.id, n);
        nodeIds.append(n.id);
    }
    for (const Edge &e : put.edges) {
        m_edges.insert(e.id, e);
        edgeIds.append(e.id);
    }
    for (const TestCase &t : put.testCases) {
        m_testCases.insert(t.id, t);
        m_caseCountsDirty = true;
        touchedNodes.insert(t.nodeId);
    }
    QSet<Id> commentedNodes;
    for (const Comment &c : put.comments) {
        m_comments.insert(c.id, c);
        commentedNodes.insert(c.nodeId);
    }
    if (!put.flows.isEmpty()) {
        auto flows = m_store->flows();
        if (flows)
            m_flows = byId(flows.value());
    }
    emit nodesAdded(nodeIds);
    if (!edgeIds.isEmpty())
        emit edgesAdded(edgeIds);
    for (const Id &n : touchedNodes)
        emit testCasesChanged(n);
    for (const Id &n : commentedNodes)
        emit commentsChanged(n);
    if (!put.flows.isEmpty())
        emit flowsChanged();
    return success();
}

Status ProjectDocument::addEdge(Edge &edge)
{
    if (Status s = storeAdd(m_edges, edge, &ProjectStore::addEdge); !s)
        return s;
    emit edgesAdded({edge.id});
    return success();
}

Status ProjectDocument::updateEdge(const Edge &edge)
{
    // The cache mirrors what ProjectStore::updateEdge does with the route.
    Edge copy = edge;
    if (const Edge *current = this->edge(edge.id))
        copy.route = current->from == edge.from && current->to == edge.to ? current->route : SplineRoute();
    if (Status s = storeEdit(m_edges, copy, &ProjectStore::updateEdge, tr("No edge with id %1").arg(edge.id)); !s)
        return s;
    emit edgeChanged(edge.id);
    return success();
}

Status ProjectDocument::removeEdge(const Id &id)
{
    if (Status s = storeRemove(m_edges, id, &ProjectStore::removeEdge); !s)
        return s;
    emit edgesRemoved({id});
    return success();
}

Status ProjectDocument::addFlow(Flow &flow)
{
    if (Status s = storeAdd(m_flows, flow, &ProjectStore::addFlow); !s)
        return s;
    emit flowsChanged();
    return success();
}

Status ProjectDocument::updateFlow(const Flow &flow)
{
    if (Status s = storeEdit(m_flows, flow, &ProjectStore::updateFlow, tr("No flow with id %1").arg(flow.id)); !s)
        return s;
    emit flowsChanged();
    return success();
}

Status ProjectDocument::removeFlow(const Id &id, QList<Id> *detached)
{
    QList<Id> ids;
    for (const TestCase &t : m_testCases)
        if (t.flowId == id)
            ids.append(t.id);
    if (Status s = write([&] { return m_store->removeFlow(id); }); !s)
        return s;
    m_flows.remove(id);
    QSet<Id> touched;
    for (const Id &t : ids) {
        auto stored = m_store->testCase(t);
        if (stored) {
            m_testCases.insert(t, stored.value());
            m_caseCountsDirty = true;
            touched.insert(stored->nodeId);
        }
    }
    if (detached)
        *detached = ids;
    emit flowsChanged();
    for (const Id &n : touched)
        emit testCasesChanged(n);
    return success();
}

Status ProjectDocument::restoreFlow(const Flow &flow, const QList<Id> &detached)
{
    Flow put = flow;
    QList<TestCase> relinked;
    if (Status s = write([&]() -> Status {
        if (Status st = m_store->addFlow(put); !st)
            return st;
        for (const Id &t : detached) {
            auto stored = m_store->testCase(t);
            if (!stored)
                continue; // deleted since
            TestCase tc = stored.value();
            tc.flowId = put.id;
            if (Status st = m_store->updateTestCase(tc); !st)
                return st;
            relinked.append(tc);
        }
        return success();
    }); !s)
        return s;
    m_flows.insert(put.id, put);
    QSet<Id> touched;
    for (const TestCase &t : relinked) {
        m_testCases.insert(t.id, t);
        m_caseCountsDirty = true;
        touched.insert(t.nodeId);
    }
    emit flowsChanged();
    for (const Id &n : touched)
        emit testCasesChanged(n);
    return success();
}

Status ProjectDocument::addTestCase(TestCase &testCase)
{
    m_caseCountsDirty = true; // whether or not the store takes it
    if (Status s = storeAdd(m_testCases, testCase, &ProjectStore::addTestCase); !s)
        return s;
    emit testCasesChanged(testCase.nodeId);
    return success();
}

Status ProjectDocument::updateTestCase(const TestCase &testCase)
{
    const TestCase *current = this->testCase(testCase.id);
    const Id oldNode = current ? current->nodeId : Id();
    m_caseCountsDirty = true; // whether or not the store takes it
    if (Status s = storeEdit(m_testCases, testCase, &ProjectStore::updateTestCase,
                             tr("No test case with id %1").arg(testCase.id));
        !s)
        return s;
    emit testCasesChanged(testCase.nodeId);
    if (oldNode != testCase.nodeId)
        emit testCasesChanged(oldNode);
    return success();
}

Status ProjectDocument::removeTestCase(const Id &id)
{
    const TestCase *current = testCase(id);
    const Id nodeId = current ? current->nodeId : Id();
    m_caseCountsDirty = true; // whether or not the store takes it
    if (Status s = storeRemove(m_testCases, id, &ProjectStore::removeTestCase); !s)
        return s;
    emit testCasesChanged(nodeId);
    return success();
}

Status ProjectDocument::addComment(Comment &comment)
{
    if (Status s = storeAdd(m_comments, comment, &ProjectStore::addComment); !s)
        return s;
    emit commentsChanged(comment.nodeId);
    return success();
}

Status ProjectDocument::updateComment(const Comment &comment)
{
    const Comment *current = this->comment(comment.id);
    const Id oldNode = current ? current->nodeId : Id();
    if (Status s = storeEdit(m_comments, comment, &ProjectStore::updateComment,
                             tr("No comment with id %1").arg(comment.id));
        !s)
        return s;
    emit commentsChanged(comment.nodeId);
    if (oldNode != comment.nodeId)
        emit commentsChanged(oldNode);
    return success();
}

Status ProjectDocument::removeComment(const Id &id)
{
    const Comment *current = comment(id);
    const Id nodeId = current ? current->nodeId : Id();
    if (Status s = storeRemove(m_comments, id, &ProjectStore::removeComment); !s)
        return s;
    emit commentsChanged(nodeId);
    return success();
}

} // namespace flowbench
