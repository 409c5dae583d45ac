// ProjectDocument and its undo commands, checked against what is in the project file:
// after each edit, undo and redo the file is reopened with a fresh store and compared.
#include "document/addedgecommand.h"
#include "document/addflowcommand.h"
#include "document/addnodescommand.h"
#include "document/addtestcasecommand.h"
#include "document/applylayoutcommand.h"
#include "document/changevalue.h"
#include "document/movenodescommand.h"
#include "document/projectdocument.h"
#include "document/removeedgecommand.h"
#include "document/removeflowcommand.h"
#include "document/removenodescommand.h"
#include "document/removetestcasecommand.h"
#include "store/projectstore.h"
#include "support/projectfile.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {
Node makeNode(NodeKind kind, const QString &name, double x = 0, double y = 0)
{
    Node n;
    n.kind = kind;
    n.name = name;
    n.x = x;
    n.y = y;
    return n;
}

Project reopen(const QString &path)
{
    return testing::reopenProject(path);
}

QStringList names(const QList<Node> &nodes)
{
    QStringList list;
    for (const Node &n : nodes)
        list.append(n.name);
    list.sort();
    return list;
}
} // namespace

class TestDocument : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void addNodesIsSavedAndUndoable();
    void moveMergesConsecutiveMoves();
    void renameIsSavedAndUndoable();
    void fieldEditsOfSeveralNodesAreOneStep();
    void mergeableEditsOfOneFieldAreOneStep();
    void deleteCascadesAndUndoRestoresEverything();
    void connectAndDisconnect();
    void flowsAndTheirTestCases();
    void testCasesAddChangeRemove();
    void layoutIsOneStepAndKeepsPinnedNodes();
    void layoutStoresRoutesAndUndoRestoresThem();
    void failedLayoutChangesNothing();
    void movedNodeKeepsRouteButItNoLongerFits();
    void edgeEditsKeepRouteUnlessAnEndChanges();
    void documentMatchesFileAfterManyEdits();
    void openingAMissingFileNamesIt();

private:
    // The document's view of the project and the file must agree at every step.
    void verifyFileMatchesDocument();
    Id addNode(NodeKind kind, const QString &name, double x = 0, double y = 0);

    QTemporaryDir *m_dir = nullptr;
    QString m_path;
    std::unique_ptr<ProjectDocument> m_doc;
};

void TestDocument::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("test.flowbench"));
    auto doc = ProjectDocument::create(m_path, QStringLiteral("Shop"));
    QVERIFY2(doc.ok(), qPrintable(doc.error()));
    m_doc = std::move(doc.value());
}

void TestDocument::cleanup()
{
    m_doc.reset();
    delete m_dir;
    m_dir = nullptr;
}

void TestDocument::verifyFileMatchesDocument()
{
    const Project file = reopen(m_path);
    const Project doc = m_doc->snapshot();
    QCOMPARE(file.nodes, doc.nodes);
    QCOMPARE(file.edges, doc.edges);
    QCOMPARE(file.flows, doc.flows);
    QCOMPARE(file.testCases, doc.testCases);
    QCOMPARE(file.comments, doc.comments);
}

Id TestDocument::addNode(NodeKind kind, const QString &name, double x, double y)
{
    auto cmd = new AddNodesCommand(m_doc.get(), { makeNode(kind, name, x, y) });
    const Id id = cmd->nodeIds().first();
    m_doc->undoStack()->push(cmd);
    return id;
}

void TestDocument::addNodesIsSavedAndUndoable()
{
    QSignalSpy added(m_doc.get(), &ProjectDocument::nodesAdded);
    QSignalSpy removed(m_doc.get(), &ProjectDocument::nodesRemoved);
    m_doc->undoStack()->push(new AddNodesCommand(m_doc.get(),
        { makeNode(NodeKind::Api, QStringLiteral("POST /orders"), 10, 20),
            makeNode(NodeKind::Table, QStringLiteral("orders"), 200, 20) }));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.first().first().value<QList<Id>>().size(), 2);

    Project file = reopen(m_path);
    QCOMPARE(names(file.nodes), QStringList({ QStringLiteral("POST /orders"), QStringLiteral("orders") }));
    const Node *api = file.nodeByName(QStringLiteral("POST /orders"));
    QCOMPARE(toString(api->kind), QStringLiteral("api"));
    QCOMPARE(api->x, 10.0);
    QCOMPARE(api->y, 20.0);
    verifyFileMatchesDocument();

    m_doc->undoStack()->undo();
    QCOMPARE(removed.count(), 1);
    QVERIFY(reopen(m_path).nodes.isEmpty());
    QCOMPARE(m_doc->nodeCount(), 0);

    m_doc->undoStack()->redo();
    file = reopen(m_path);
    QCOMPARE(file.nodes.size(), 2);
    // Redo brings back the same nodes, not look-alikes.
    QCOMPARE(file.nodes.first().id, m_doc->nodes().first().id);
    verifyFileMatchesDocument();
}

void TestDocument::moveMergesConsecutiveMoves()
{
    const Id id = addNode(NodeKind::Service, QStringLiteral("orders-service"), 0, 0);
    QSignalSpy moved(m_doc.get(), &ProjectDocument::nodesMoved);
    auto *stack = m_doc->undoStack();
    const int before = stack->count();
    stack->push(new MoveNodesCommand(m_doc.get(), { { id, 0, 0, false } }, { { id, 50, 10, false } }));
    stack->push(new MoveNodesCommand(m_doc.get(), { { id, 50, 10, false } }, { { id, 120, 40, false } }));
    QCOMPARE(stack->count(), before + 1);
    QCOMPARE(moved.count(), 2);
    Project file = reopen(m_path);
    QCOMPARE(file.nodes.first().x, 120.0);
    QCOMPARE(file.nodes.first().y, 40.0);

    stack->undo(); // one step back to where it started
    file = reopen(m_path);
    QCOMPARE(file.nodes.first().x, 0.0);
    QCOMPARE(file.nodes.first().y, 0.0);
    QCOMPARE(m_doc->node(id)->x, 0.0);
    stack->redo();
    QCOMPARE(reopen(m_path).nodes.first().x, 120.0);
    verifyFileMatchesDocument();
}

void TestDocument::renameIsSavedAndUndoable()
{
    const Id id = addNode(NodeKind::Table, QStringLiteral("order"));
    QSignalSpy changed(m_doc.get(), &ProjectDocument::nodeChanged);
    Node before = *m_doc->node(id);
    Node after = before;
    after.name = QStringLiteral("orders");
    after.group = QStringLiteral("Checkout");
    after.risk = { 4, 5 };
    after.properties.insert(QStringLiteral("table"), QStringLiteral("public.orders"));
    m_doc->undoStack()->push(
        new ChangeValue<Node, Node>(m_doc.get(), before, after, QStringLiteral("Rename")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), id);
    Node stored = reopen(m_path).nodes.first();
    QCOMPARE(stored.name, QStringLiteral("orders"));
    QCOMPARE(stored.group, QStringLiteral("Checkout"));
    QCOMPARE(stored.risk.score(), 20);
    QCOMPARE(stored.properties.value(QStringLiteral("table")).toString(), QStringLiteral("public.orders"));

    m_doc->undoStack()->undo();
    stored = reopen(m_path).nodes.first();
    QCOMPARE(stored.name, QStringLiteral("order"));
    QCOMPARE(stored.risk.score(), 1);
    QVERIFY(stored.properties.isEmpty());
    m_doc->undoStack()->redo();
    QCOMPARE(reopen(m_path).nodes.first().name, QStringLiteral("orders"));
    verifyFileMatchesDocument();
}

void TestDocument::fieldEditsOfSeveralNodesAreOneStep()
{
    const Id a = addNode(NodeKind::Api, QStringLiteral("a"));
    const Id b = addNode(NodeKind::Table, QStringLiteral("b"));
    const int steps = m_doc->undoStack()->count();
    m_doc->undoStack()->push(
        new ChangeValue<Node, bool>(m_doc.get(), { a, b }, &Node::pinned, true, QStringLiteral("Pin")));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    QVERIFY(reopen(m_path).node(a)->pinned);
    QVERIFY(reopen(m_path).node(b)->pinned);
    verifyFileMatchesDocument();
    m_doc->undoStack()->undo();
    QVERIFY(!reopen(m_path).node(a)->pinned);
    QVERIFY(!reopen(m_path).node(b)->pinned);
    verifyFileMatchesDocument();
}

void TestDocument::mergeableEditsOfOneFieldAreOneStep()
{
    const Id a = addNode(NodeKind::Api, QStringLiteral("a"));
    const Id b = addNode(NodeKind::Api, QStringLiteral("b"));
    QUndoStack *stack = m_doc->undoStack();
    const int steps = stack->count();
    auto risk = [&](const Id &id, Risk value) {
        stack->push((new ChangeValue<Node, Risk>(m_doc.get(), id, &Node::risk, value, QStringLiteral("Risk")))
                        ->mergeable());
    };
    // A spin box stepped three times: one undo step back to where it began.
    risk(a, { 2, 1 });
    risk(a, { 3, 1 });
    risk(a, { 3, 4 });
    QCOMPARE(stack->count(), steps + 1);
    QCOMPARE(reopen(m_path).node(a)->risk, (Risk { 3, 4 }));
    verifyFileMatchesDocument();
    // Another node's field, or another field, is a step of its own.
    risk(b, { 5, 5 });
    QCOMPARE(stack->count(), steps + 2);
    stack->push((new ChangeValue<Node, QString>(
                     m_doc.get(), b, &Node::owner, QStringLiteral("web"), QStringLiteral("Owner")))
                    ->mergeable());
    QCOMPARE(stack->count(), steps + 3);
    // Edits not made mergeable never merge.
    stack->push(new ChangeValue<Node, QString>(
        m_doc.get(), b, &Node::owner, QStringLiteral("core"), QStringLiteral("Owner")));
    QCOMPARE(stack->count(), steps + 4);
    stack->undo();
    stack->undo();
    stack->undo();
    QCOMPARE(reopen(m_path).node(b)->risk, Risk());
    stack->undo();
    QCOMPARE(reopen(m_path).node(a)->risk, Risk());
    verifyFileMatchesDocument();
    // Merged back to the value before: the step is dropped, the one before it stays.
    stack->push(new ChangeValue<Node, QString>(
        m_doc.get(), b, &Node::name, QStringLiteral("b2"), QStringLiteral("Rename")));
    const int count = stack->count();
    risk(a, { 4, 4 });
    QCOMPARE(stack->count(), count + 1);
    risk(a, Risk());
    QCOMPARE(stack->count(), count);
    QCOMPARE(reopen(m_path).node(a)->risk, Risk());
    QCOMPARE(reopen(m_path).node(b)->name, QStringLiteral("b2"));
    verifyFileMatchesDocument();
    stack->undo();
    QCOMPARE(reopen(m_path).node(b)->name, QStringLiteral("b"));
    verifyFileMatchesDocument();
}

void TestDocument::deleteCascadesAndUndoRestoresEverything()
{
    const Id api = addNode(NodeKind::Api, QStringLiteral("POST /orders"));
    const Id svc = addNode(NodeKind::Service, QStringLiteral("orders-service"));
    const Id table = addNode(NodeKind::Table, QStringLiteral("orders"));
    m_doc->undoStack()->push(new AddEdgeCommand(m_doc.get(), { Id(), api, svc, EdgeKind::Calls, QString() }));
    m_doc->undoStack()->push(
        new AddEdgeCommand(m_doc.get(), { Id(), svc, table, EdgeKind::Writes, QStringLiteral("insert") }));
    TestCase tc;
    tc.nodeId = svc;
    tc.title = QStringLiteral("order is stored");
    tc.tags = QStringList { QStringLiteral("smoke") };
    m_doc->undoStack()->push(new AddTestCaseCommand(m_doc.get(), tc));
    Flow flow;
    flow.name = QStringLiteral("Checkout");
    flow.nodeIds = { api, svc, table };
    m_doc->undoStack()->push(new AddFlowCommand(m_doc.get(), flow));
    const Project full = reopen(m_path);

    auto preview = m_doc->previewRemoveNodes({ svc });
    QVERIFY(preview.ok());
    QCOMPARE(preview->edges, 2);
    QCOMPARE(preview->testCases, 1);
    QCOMPARE(preview->flowSteps, 1);

    QSignalSpy edgesRemoved(m_doc.get(), &ProjectDocument::edgesRemoved);
    m_doc->undoStack()->push(new RemoveNodesCommand(m_doc.get(), { svc }));
    QCOMPARE(edgesRemoved.count(), 1);
    Project file = reopen(m_path);
    QCOMPARE(names(file.nodes), QStringList({ QStringLiteral("POST /orders"), QStringLiteral("orders") }));
    QVERIFY(file.edges.isEmpty());
    QVERIFY(file.testCases.isEmpty());
    QCOMPARE(file.flows.first().nodeIds, QList<Id>({ api, table }));
    verifyFileMatchesDocument();

    m_doc->undoStack()->undo();
    file = reopen(m_path);
    QCOMPARE(file.nodes, full.nodes);
    QCOMPARE(file.edges, full.edges);
    QCOMPARE(file.testCases, full.testCases);
    QCOMPARE(file.flows.first().nodeIds, QList<Id>({ api, svc, table }));
    verifyFileMatchesDocument();

    m_doc->undoStack()->redo();
    QCOMPARE(reopen(m_path).nodes.size(), 2);
    verifyFileMatchesDocument();
}

void TestDocument::connectAndDisconnect()
{
    const Id a = addNode(NodeKind::Job, QStringLiteral("nightly-export"));
    const Id b = addNode(NodeKind::Queue, QStringLiteral("exports"));
    auto add = new AddEdgeCommand(m_doc.get(), { Id(), a, b, EdgeKind::Publishes, QString() });
    const Id edgeId = add->edgeId();
    m_doc->undoStack()->push(add);
    Project file = reopen(m_path);
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("publishes"));
    QCOMPARE(file.edges.first().from, a);

    m_doc->undoStack()->push(new RemoveEdgeCommand(m_doc.get(), edgeId));
    QVERIFY(reopen(m_path).edges.isEmpty());
    m_doc->undoStack()->undo();
    file = reopen(m_path);
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(file.edges.first().id, edgeId);
    m_doc->undoStack()->undo();
    QVERIFY(reopen(m_path).edges.isEmpty());
    verifyFileMatchesDocument();
}

void TestDocument::flowsAndTheirTestCases()
{
    const Id a = addNode(NodeKind::Screen, QStringLiteral("Cart"));
    const Id b = addNode(NodeKind::Api, QStringLiteral("POST /checkout"));
    Flow flow;
    flow.name = QStringLiteral("Checkout");
    flow.nodeIds = { a, b };
    auto add = new AddFlowCommand(m_doc.get(), flow);
    const Id flowId = add->flowId();
    m_doc->undoStack()->push(add);
    TestCase tc;
    tc.nodeId = b;
    tc.flowId = flowId;
    tc.title = QStringLiteral("checkout returns 201");
    m_doc->undoStack()->push(new AddTestCaseCommand(m_doc.get(), tc));

    Flow renamed = *m_doc->flow(flowId);
    renamed.name = QStringLiteral("Buy");
    renamed.nodeIds = { a, b, a };
    m_doc->undoStack()->push(new ChangeValue<Flow, Flow>(
        m_doc.get(), *m_doc->flow(flowId), renamed, QStringLiteral("Rename flow")));
    Project file = reopen(m_path);
    QCOMPARE(file.flows.first().name, QStringLiteral("Buy"));
    QCOMPARE(file.flows.first().nodeIds, QList<Id>({ a, b, a }));

    m_doc->undoStack()->push(new RemoveFlowCommand(m_doc.get(), flowId));
    file = reopen(m_path);
    QVERIFY(file.flows.isEmpty());
    QCOMPARE(file.testCases.size(), 1); // the test case stays on its node
    QVERIFY(file.testCases.first().flowId.isEmpty());
    verifyFileMatchesDocument();

    m_doc->undoStack()->undo();
    file = reopen(m_path);
    QCOMPARE(file.flows.size(), 1);
    QCOMPARE(file.flows.first().name, QStringLiteral("Buy"));
    QCOMPARE(file.testCases.first().flowId, flowId);
    m_doc->undoStack()->undo();
    QCOMPARE(reopen(m_path).flows.first().name, QStringLiteral("Checkout"));
    verifyFileMatchesDocument();
}

void TestDocument::testCasesAddChangeRemove()
{
    const Id n = addNode(NodeKind::Cache, QStringLiteral("session-cache"));
    const Id other = addNode(NodeKind::Service, QStringLiteral("session-service"));
    QSignalSpy changed(m_doc.get(), &ProjectDocument::testCasesChanged);
    TestCase tc;
    tc.nodeId = n;
    tc.title = QStringLiteral("session expires");
    tc.priority = Priority::High;
    auto add = new AddTestCaseCommand(m_doc.get(), tc);
    const Id id = add->testCaseId();
    m_doc->undoStack()->push(add);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_doc->testCaseCount(n), 1);

    TestCase edited = *m_doc->testCase(id);
    edited.automated = true;
    edited.tags = QStringList { QStringLiteral("redis"), QStringLiteral("ttl") };
    m_doc->undoStack()->push(new ChangeValue<TestCase, TestCase>(
        m_doc.get(), *m_doc->testCase(id), edited, QStringLiteral("Edit")));
    TestCase stored = reopen(m_path).testCases.first();
    QVERIFY(stored.automated);
    QCOMPARE(stored.tags, edited.tags);
    QCOMPARE(toString(stored.priority), toString(Priority::High));

    // The card's count follows the test case to another node and back (undo).
    TestCase moved = *m_doc->testCase(id);
    moved.nodeId = other;
    m_doc->undoStack()->push(
        new ChangeValue<TestCase, TestCase>(m_doc.get(), *m_doc->testCase(id), moved, QStringLiteral("Move")));
    QCOMPARE(m_doc->testCaseCount(n), 0);
    QCOMPARE(m_doc->testCaseCount(other), 1);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->testCaseCount(n), 1);
    QCOMPARE(m_doc->testCaseCount(other), 0);

    m_doc->undoStack()->push(new RemoveTestCaseCommand(m_doc.get(), id));
    QVERIFY(reopen(m_path).testCases.isEmpty());
    QCOMPARE(m_doc->testCaseCount(n), 0);
    m_doc->undoStack()->undo();
    QCOMPARE(m_doc->testCaseCount(n), 1);
    stored = reopen(m_path).testCases.first();
    QCOMPARE(stored.id, id);
    QVERIFY(stored.automated);
    m_doc->undoStack()->undo();
    QVERIFY(!reopen(m_path).testCases.first().automated);
    verifyFileMatchesDocument();
}

void TestDocument::layoutIsOneStepAndKeepsPinnedNodes()
{
    const Id a = addNode(NodeKind::Api, QStringLiteral("a"), 0, 0);
    const Id b = addNode(NodeKind::Api, QStringLiteral("b"), 0, 0);
    m_doc->undoStack()->push(
        new ChangeValue<Node, bool>(m_doc.get(), b, &Node::pinned, true, QStringLiteral("Pin")));
    const int steps = m_doc->undoStack()->count();

    m_doc->undoStack()->push(
        new ApplyLayoutCommand(m_doc.get(), { { a, 300, 100, false }, { b, 500, 500, false } }));
    QCOMPARE(m_doc->undoStack()->count(), steps + 1);
    Project file = reopen(m_path);
    QCOMPARE(file.node(a)->x, 300.0);
    QCOMPARE(file.node(a)->y, 100.0);
    QCOMPARE(file.node(b)->x, 0.0); // pinned: stays
    QVERIFY(file.node(b)->pinned);
    m_doc->undoStack()->undo();
    QCOMPARE(reopen(m_path).node(a)->x, 0.0);
    verifyFileMatchesDocument();
}

namespace {
QList<QPointF> spline(double x0, double y0, int segments)
{
    QList<QPointF> points { QPointF(x0, y0) };
    for (int i = 1; i <= segments * 3; ++i)
        points.append(QPointF(x0 + i * 7.5, y0 + i * 11.25));
    return points;
}

SplineRoute routeIn(const Project &file, const Id &edgeId)
{
    for (const Edge &e : file.edges)
        if (e.id == edgeId)
            return e.route;
    return SplineRoute();
}
} // namespace

// A layout stores each edge's spline with the positions it was computed for; undo puts
// back the routes of the layout before (or none), redo the new ones, all in the file.
void TestDocument::layoutStoresRoutesAndUndoRestoresThem()
{
    const Id a = addNode(NodeKind::Screen, QStringLiteral("a"), 0, 0);
    const Id b = addNode(NodeKind::Api, QStringLiteral("b"), 0, 0);
    const Id c = addNode(NodeKind::Table, QStringLiteral("c"), 40, 40);
    m_doc->undoStack()->push(
        new ChangeValue<Node, bool>(m_doc.get(), c, &Node::pinned, true, QStringLiteral("Pin")));
    m_doc->undoStack()->push(new AddEdgeCommand(m_doc.get(), { Id(), a, b, EdgeKind::Calls, QString() }));
    m_doc->undoStack()->push(new AddEdgeCommand(m_doc.get(), { Id(), b, c, EdgeKind::Writes, QString() }));
    Id ab, bc;
    for (const Edge &e : m_doc->edges())
        (e.from == a ? ab : bc) = e.id;
    QVERIFY(routeIn(reopen(m_path), ab).isEmpty());
    QSignalSpy routed(m_doc.get(), &ProjectDocument::edgeRoutesChanged);

    // First layout: both edges routed; b -> c ends at the pinned c, which stays at (40, 40).
    m_doc->undoStack()->push(new ApplyLayoutCommand(m_doc.get(),
        { { a, 100, 0, false }, { b, 100, 200, false }, { c, 9, 9, false } },
        { { ab, spline(150, 62, 1) }, { bc, spline(150, 262, 2) } }));
    QCOMPARE(routed.count(), 1);
    const SplineRoute firstAb { spline(150, 62, 1), QPointF(100, 0), QPointF(100, 200) };
    const SplineRoute firstBc { spline(150, 262, 2), QPointF(100, 200), QPointF(40, 40) };
    Project file = reopen(m_path);
    QCOMPARE(routeIn(file, ab), firstAb);
    QCOMPARE(routeIn(file, bc), firstBc);
    QVERIFY(routeIn(file, ab).fits(
        QPointF(file.node(a)->x, file.node(a)->y), QPointF(file.node(b)->x, file.node(b)->y)));
    verifyFileMatchesDocument();

    // Second layout: new spline for a -> b, none for b -> c (Graphviz gave none).
    m_doc->undoStack()->push(new ApplyLayoutCommand(
        m_doc.get(), { { a, 0, 300, false }, { b, 300, 300, false } }, { { ab, spline(200, 350, 1) } }));
    file = reopen(m_path);
    QCOMPARE(routeIn(file, ab), (SplineRoute { spline(200, 350, 1), QPointF(0, 300), QPointF(300, 300) }));
    QVERIFY(routeIn(file, bc).isEmpty());
    verifyFileMatchesDocument();

    m_doc->undoStack()->undo(); // the first layout's routes are back in the file
    file = reopen(m_path);
    QCOMPARE(routeIn(file, ab), firstAb);
    QCOMPARE(routeIn(file, bc), firstBc);
    QCOMPARE(file.node(a)->y, 0.0);
    verifyFileMatchesDocument();

    m_doc->undoStack()->undo(); // before any layout: no routes
    file = reopen(m_path);
    QVERIFY(routeIn(file, ab).isEmpty());
    QVERIFY(routeIn(file, bc).isEmpty());
    QCOMPARE(file.node(a)->x, 0.0);
    verifyFileMatchesDocument();

    m_doc->undoStack()->redo();
    QCOMPARE(routeIn(reopen(m_path), bc), firstBc);
    QCOMPARE(routed.count(), 5);
    const QList<Id> lastRouted = routed.last().first().value<QList<Id>>();
    QVERIFY(lastRouted.contains(ab) && lastRouted.contains(bc));
}

// Positions and routes go in one transaction: a route the store refuses leaves the
// positions of the same layout unwritten too.
void TestDocument::failedLayoutChangesNothing()
{
    const Id a = addNode(NodeKind::Api, QStringLiteral("a"), 5, 5);
    const Id b = addNode(NodeKind::Table, QStringLiteral("b"), 5, 5);
    m_doc->undoStack()->push(new AddEdgeCommand(m_doc.get(), { Id(), a, b, EdgeKind::Reads, QString() }));
    const Id edge = m_doc->edges().first().id;
    const Project before = reopen(m_path);
    QSignalSpy errors(m_doc.get(), &ProjectDocument::errorOccurred);
    QList<QPointF> fivePoints = spline(0, 0, 1);
    fivePoints.append(QPointF(1, 1));
    const Status s = m_doc->applyLayout({ { a, 300, 300, false } },
        { { edge, SplineRoute { fivePoints, QPointF(300, 300), QPointF(5, 5) } } });
    QVERIFY(!s.ok());
    QCOMPARE(errors.count(), 1);
    QVERIFY(reopen(m_path) == before);
    QCOMPARE(m_doc->node(a)->x, 5.0);
    verifyFileMatchesDocument();
}

// Moving a card does not rewrite routes: the stored spline stays, no longer fits the
// moved end, and fits again once the move is undone.
void TestDocument::movedNodeKeepsRouteButItNoLongerFits()
{
    const Id a = addNode(NodeKind::Api, QStringLiteral("a"));
    const Id b = addNode(NodeKind::Table, QStringLiteral("b"));
    m_doc->undoStack()->push(new AddEdgeCommand(m_doc.get(), { Id(), a, b, EdgeKind::Writes, QString() }));
    const Id edge = m_doc->edges().first().id;
    m_doc->undoStack()->push(new ApplyLayoutCommand(
        m_doc.get(), { { a, 0, 0, false }, { b, 0, 200, false } }, { { edge, spline(50, 62, 1) } }));
    const SplineRoute route = routeIn(reopen(m_path), edge);
    QVERIFY(route.fits(QPointF(0, 0), QPointF(0, 200)));

    m_doc->undoStack()->push(
        new MoveNodesCommand(m_doc.get(), { { b, 0, 200, false } }, { { b, 80, 260, false } }));
    Project file = reopen(m_path);
    QCOMPARE(routeIn(file, edge), route);
    QVERIFY(!routeIn(file, edge)
                 .fits(QPointF(file.node(a)->x, file.node(a)->y), QPointF(file.node(b)->x, file.node(b)->y)));
    m_doc->undoStack()->undo();
    file = reopen(m_path);
    QVERIFY(routeIn(file, edge)
                .fits(QPointF(file.node(a)->x, file.node(a)->y), QPointF(file.node(b)->x, file.node(b)->y)));
    verifyFileMatchesDocument();
}

void TestDocument::edgeEditsKeepRouteUnlessAnEndChanges()
{
    const Id a = addNode(NodeKind::Api, QStringLiteral("a"));
    const Id b = addNode(NodeKind::Table, QStringLiteral("b"));
    const Id c = addNode(NodeKind::Queue, QStringLiteral("c"));
    m_doc->undoStack()->push(new AddEdgeCommand(m_doc.get(), { Id(), a, b, EdgeKind::Writes, QString() }));
    const Id edge = m_doc->edges().first().id;
    m_doc->undoStack()->push(new ApplyLayoutCommand(
        m_doc.get(), { { a, 0, 0, false }, { b, 0, 200, false } }, { { edge, spline(50, 62, 1) } }));
    const SplineRoute route = routeIn(reopen(m_path), edge);
    QVERIFY(!route.isEmpty());

    m_doc->undoStack()->push(new ChangeValue<Edge, QString>(
        m_doc.get(), edge, &Edge::label, QStringLiteral("insert"), QStringLiteral("Label")));
    QCOMPARE(routeIn(reopen(m_path), edge), route);
    verifyFileMatchesDocument();

    m_doc->undoStack()->push(
        new ChangeValue<Edge, Id>(m_doc.get(), edge, &Edge::to, c, QStringLiteral("Reconnect")));
    QVERIFY(routeIn(reopen(m_path), edge).isEmpty());
    QVERIFY(m_doc->edge(edge)->route.isEmpty());
    verifyFileMatchesDocument();
}

void TestDocument::documentMatchesFileAfterManyEdits()
{
    QList<Node> nodes;
    for (int i = 0; i < 30; ++i)
        nodes.append(makeNode(allNodeKinds().at(i % 8), QStringLiteral("node %1").arg(i), i * 10, i * 5));
    m_doc->undoStack()->push(new AddNodesCommand(m_doc.get(), nodes));
    const QList<Node> all = m_doc->nodes();
    for (int i = 1; i < all.size(); ++i)
        m_doc->undoStack()->push(new AddEdgeCommand(
            m_doc.get(), { Id(), all.at(i - 1).id, all.at(i).id, EdgeKind::Calls, QString() }));
    m_doc->undoStack()->push(
        new RemoveNodesCommand(m_doc.get(), { all.at(3).id, all.at(4).id, all.at(10).id }));
    QCOMPARE(m_doc->nodeCount(), 27);
    QCOMPARE(m_doc->edgeCount(), 29 - 5); // 2-3, 3-4, 4-5, 9-10, 10-11
    verifyFileMatchesDocument();
    // Undo everything: the file is empty again; redo everything: back to the edited map.
    while (m_doc->undoStack()->canUndo())
        m_doc->undoStack()->undo();
    QVERIFY(reopen(m_path).nodes.isEmpty());
    QVERIFY(reopen(m_path).edges.isEmpty());
    while (m_doc->undoStack()->canRedo())
        m_doc->undoStack()->redo();
    QCOMPARE(reopen(m_path).nodes.size(), 27);
    QCOMPARE(reopen(m_path).edges.size(), 24);
    verifyFileMatchesDocument();
}

void TestDocument::openingAMissingFileNamesIt()
{
    const QString missing = m_dir->filePath(QStringLiteral("nope.flowbench"));
    auto doc = ProjectDocument::open(missing);
    QVERIFY(!doc.ok());
    QVERIFY2(doc.error().contains(QStringLiteral("nope.flowbench")), qPrintable(doc.error()));
}

QTEST_GUILESS_MAIN(TestDocument)
#include "tst_document.moc"
