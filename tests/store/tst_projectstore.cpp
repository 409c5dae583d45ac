#include "sampleproject.h"
#include "store/projectstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

using namespace flowbench;
using namespace flowbench::testing;

class TestProjectStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void createAndReopen();
    void createRefusesExistingFile();
    void nodes();
    void edges();
    void flows();
    void testCasesWithChecks();
    void environments();
    void comments();
    void runsAndLatestResults();
    void bigRunIsStored();
    void loadEqualsWhatWasWritten();
    void revisionConflictBetweenTwoStores();
    void updateOfDeletedNodeIsReported();
    void removeNodeCascades();
    void setNodePositions();
    void edgeRoutesSurviveReopen();
    void edgeRouteIsLayoutData();
    void badEdgeRoutesChangeNothing();
    void damagedRouteColumnIsReported();
    void replaceContentsValid();
    void replaceContentsInvalidChangesNothing();
    void transactionGroupsEdits();
    void failedEditInsideTransactionRollsBackAll();
    void connectionIsRemovedWithStore();

private:
    std::unique_ptr<ProjectStore> createStore(const QString &name = QStringLiteral("p.flowbench"));
    std::unique_ptr<ProjectStore> storeWithSample(Project &project);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProjectStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<ProjectStore> TestProjectStore::createStore(const QString &name)
{
    auto store = ProjectStore::create(m_dir->filePath(name), QStringLiteral("Shop"));
    if (!store) {
        qWarning("%s", qPrintable(store.error()));
        return nullptr;
    }
    return std::move(store).value();
}

std::unique_ptr<ProjectStore> TestProjectStore::storeWithSample(Project &project)
{
    project = sampleProject();
    auto store = createStore();
    if (!store)
        return nullptr;
    const Status s = store->replaceContents(project);
    if (!s) {
        qWarning("%s", qPrintable(s.error()));
        return nullptr;
    }
    return store;
}

void TestProjectStore::createAndReopen()
{
    const QString path = m_dir->filePath(QStringLiteral("new.flowbench"));
    {
        auto store = ProjectStore::create(path, QStringLiteral("Payments"));
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QCOMPARE((*store)->schemaVersion(), ProjectStore::currentSchemaVersion());
        QCOMPARE((*store)->projectName().value(), QStringLiteral("Payments"));
        QVERIFY((*store)->setProjectName(QStringLiteral("Payments v2")).ok());
    }
    QVERIFY(QFileInfo::exists(path));
    auto reopened = ProjectStore::open(path);
    QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
    QCOMPARE((*reopened)->projectName().value(), QStringLiteral("Payments v2"));
    QCOMPARE((*reopened)->path(), path);

    // The settings the durability promise rests on.
    QSqlQuery q(QSqlDatabase::database((*reopened)->connectionName()));
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2); // FULL
    QVERIFY(q.exec(QStringLiteral("PRAGMA application_id")) && q.next());
    QVERIFY(q.value(0).toInt() != 0);
}

void TestProjectStore::createRefusesExistingFile()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("my notes\n");
    f.close();
    const QByteArray before = fileHash(path);
    auto store = ProjectStore::create(path, QStringLiteral("x"));
    QVERIFY(!store.ok());
    QVERIFY2(store.error().startsWith(path + QStringLiteral(": ")), qPrintable(store.error()));
    QVERIFY2(store.error().contains(QStringLiteral("already exists")), qPrintable(store.error()));
    QCOMPARE(fileHash(path), before);

    auto inMissingFolder = ProjectStore::create(m_dir->filePath(QStringLiteral("no/such/dir/p.flowbench")), QStringLiteral("x"));
    QVERIFY(!inMissingFolder.ok());
    QVERIFY2(inMissingFolder.error().contains(QStringLiteral("no/such/dir/p.flowbench")), qPrintable(inMissingFolder.error()));
}

void TestProjectStore::nodes()
{
    auto store = createStore();
    QVERIFY(store);
    Node n = sampleNode(QStringLiteral("orders table"), NodeKind::Table, 1.5, 2.5);
    n.id.clear();
    n.properties = QJsonObject{{QStringLiteral("connection"), QStringLiteral("db")}, {QStringLiteral("table"), QStringLiteral("orders")}};
    QVERIFY(store->addNode(n).ok());
    QVERIFY(isValidId(n.id));
    QCOMPARE(n.revision, 1);
    QCOMPARE(store->node(n.id).value(), n);
    QCOMPARE(store->node(n.id)->revision, 1);

    n.name = QStringLiteral("orders (v2)");
    n.risk = Risk{5, 5};
    n.kind = NodeKind::Cache;
    QVERIFY(store->updateNode(n).ok());
    QCOMPARE(n.revision, 2);
    QCOMPARE(store->node(n.id).value(), n);
    QCOMPARE(store->nodes()->size(), 1);

    Node invalid = sampleNode(QStringLiteral("bad risk"), NodeKind::Api);
    invalid.risk = Risk{0, 9};
    const Status refused = store->addNode(invalid);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QStringLiteral("bad risk")), qPrintable(refused.error()));
    Node unnamed;
    QVERIFY(!store->addNode(unnamed).ok());
    QCOMPARE(store->nodes()->size(), 1);

    QVERIFY(store->removeNode(n.id).ok());
    QVERIFY(store->nodes()->isEmpty());
    QVERIFY(!store->node(n.id).ok());
    QVERIFY(!store->removeNode(n.id).ok());
}

void TestProjectStore::edges()
{
    auto store = createStore();
    QVERIFY(store);
    Node a = sampleNode(QStringLiteral("a"), NodeKind::Api), b = sampleNode(QStringLiteral("b"), NodeKind::Table);
    QVERIFY(store->addNode(a).ok() && store->addNode(b).ok());
    Edge e{QString(), a.id, b.id, EdgeKind::Reads, QStringLiteral("lookup"), 0};
    QVERIFY(store->addEdge(e).ok());
    QVERIFY(isValidId(e.id));
    QCOMPARE(store->edges().value(), QList<Edge>{e});

    e.kind = EdgeKind::Writes;
    e.from = b.id;
    e.to = a.id;
    QVERIFY(store->updateEdge(e).ok());
    QCOMPARE(e.revision, 2);
    QCOMPARE(store->edges().value(), QList<Edge>{e});

    Edge dangling{QString(), a.id, newId(), EdgeKind::Calls, QString(), 0};
    const Status s = store->addEdge(dangling);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("no node with id")), qPrintable(s.error()));
    QCOMPARE(store->edges()->size(), 1);

    QVERIFY(store->removeEdge(e.id).ok());
    QVERIFY(store->edges()->isEmpty());
    QCOMPARE(store->nodes()->size(), 2);
}

void TestProjectStore::flows()
{
    auto store = createStore();
    QVERIFY(store);
    Node a = sampleNode(QStringLiteral("a"), NodeKind::Screen), b = sampleNode(QStringLiteral("b"), NodeKind::Api);
    QVERIFY(store->addNode(a).ok() && store->addNode(b).ok());
    Flow f{QString(), QStringLiteral("Checkout"), QStringLiteral("d"), {b.id, a.id, b.id}, Risk{2, 3}, 0};
    QVERIFY(store->addFlow(f).ok());
    QCOMPARE(store->flows().value(), QList<Flow>{f});
    QCOMPARE(store->flows()->first().nodeIds, (QList<Id>{b.id, a.id, b.id}));

    f.nodeIds = {a.id};
    f.name = QStringLiteral("Checkout, short");
    QVERIFY(store->updateFlow(f).ok());
    QCOMPARE(store->flows().value(), QList<Flow>{f});

    TestCase t;
    t.nodeId = a.id;
    t.flowId = f.id;
    t.title = QStringLiteral("in the flow");
    QVERIFY(store->addTestCase(t).ok());
    QVERIFY(store->removeFlow(f.id).ok());
    QVERIFY(store->flows()->isEmpty());
    // The test case keeps its node and loses the flow.
    QCOMPARE(store->testCase(t.id)->flowId, QString());
    QCOMPARE(store->testCase(t.id)->nodeId, a.id);
}

void TestProjectStore::testCasesWithChecks()
{
    auto store = createStore();
    QVERIFY(store);
    Node a = sampleNode(QStringLiteral("a"), NodeKind::Api);
    QVERIFY(store->addNode(a).ok());
    TestCase second, first;
    second.nodeId = first.nodeId = a.id;
    second.title = QStringLiteral("second");
    second.position = 2;
    first.title = QStringLiteral("first");
    first.position = 1;
    first.tags = {QStringLiteral("smoke")};
    first.automated = true;
    first.checks = {sampleCheck(QStringLiteral("http")), sampleCheck(QStringLiteral("redis"))};
    first.checks[1].id.clear(); // gets one
    first.checks[1].eventually = Eventually{};
    QVERIFY(store->addTestCase(second).ok());
    QVERIFY(store->addTestCase(first).ok());
    QVERIFY(isValidId(first.checks[1].id));

    const auto ofNode = store->testCasesOfNode(a.id);
    QVERIFY(ofNode.ok());
    QCOMPARE(ofNode->size(), 2);
    QCOMPARE(ofNode->at(0), first);
    QCOMPARE(ofNode->at(1), second);
    QCOMPARE(ofNode->at(0).checks.size(), 2);
    QCOMPARE(ofNode->at(0).checks[0].assertions.size(), 4);

    first.checks.swapItemsAt(0, 1);
    first.checks[0].assertions.append(Assertion{QStringLiteral("count"), QString(), QStringLiteral(">="), QJsonValue(3)});
    QVERIFY(store->updateTestCase(first).ok());
    QCOMPARE(store->testCase(first.id).value(), first);

    TestCase orphan;
    orphan.nodeId = newId();
    orphan.title = QStringLiteral("orphan");
    const Status s = store->addTestCase(orphan);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("orphan")), qPrintable(s.error()));

    QVERIFY(store->removeTestCase(second.id).ok());
    QCOMPARE(store->testCases()->size(), 1);
}

void TestProjectStore::environments()
{
    auto store = createStore();
    QVERIFY(store);
    const Project sample = sampleProject();
    QVERIFY(sample.environmentByName(QStringLiteral("staging")));
    Environment e = *sample.environmentByName(QStringLiteral("staging"));
    e.id.clear();
    QVERIFY(store->addEnvironment(e).ok());
    QCOMPARE(store->environments().value(), QList<Environment>{e});
    QCOMPARE(store->environments()->first().connection(QStringLiteral("db"))->passwordRef, QStringLiteral("${keychain:shop-staging}"));

    e.variables.insert(QStringLiteral("tenant"), QStringLiteral("t1"));
    e.connections[0].port = 5433;
    QVERIFY(store->updateEnvironment(e).ok());
    QCOMPARE(store->environments().value(), QList<Environment>{e});

    Environment plaintext = e;
    plaintext.id.clear();
    plaintext.name = QStringLiteral("prod");
    plaintext.connections[0].passwordRef = QStringLiteral("hunter2");
    const Status refused = store->addEnvironment(plaintext);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(QStringLiteral("secret reference")), qPrintable(refused.error()));
    QVERIFY(!store->environments()->first().connections.isEmpty());

    Environment duplicate;
    duplicate.name = e.name;
    const Status dup = store->addEnvironment(duplicate);
    QVERIFY(!dup.ok());
    QVERIFY2(dup.error().contains(QStringLiteral("already exists")), qPrintable(dup.error()));
    QCOMPARE(store->environments()->size(), 1);

    QVERIFY(store->removeEnvironment(e.id).ok());
    QVERIFY(store->environments()->isEmpty());
}

void TestProjectStore::comments()
{
    auto store = createStore();
    QVERIFY(store);
    Node a = sampleNode(QStringLiteral("a"), NodeKind::Api);
    QVERIFY(store->addNode(a).ok());
    Comment c;
    c.nodeId = a.id;
    c.author = QStringLiteral("ana");
    c.text = QStringLiteral("what about retries?");
    QVERIFY(store->addComment(c).ok());
    QVERIFY(c.createdAt.isValid());
    QCOMPARE(store->comments().value(), QList<Comment>{c});
    c.resolved = true;
    QVERIFY(store->updateComment(c).ok());
    QCOMPARE(store->comments()->first().resolved, true);
    QCOMPARE(store->comments()->first().revision, 2);
    QVERIFY(store->removeComment(c.id).ok());
    QVERIFY(store->comments()->isEmpty());
}

void TestProjectStore::runsAndLatestResults()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    QCOMPARE(store->runs().value(), p.runs);
    const Run &older = p.runs[0], &newer = p.runs[1];
    QCOMPARE(store->results(older.id).value(), p.results.mid(0, 2));
    QCOMPARE(store->results(newer.id).value(), p.results.mid(2, 2));

    // The newest result per check: those of the second run.
    auto latest = store->latestResults();
    QVERIFY(latest.ok());
    QCOMPARE(latest->size(), 2);
    for (const CheckResult &r : latest.value())
        QCOMPARE(r.runId, newer.id);

    // A third run that only ran the http check: that check's latest moves, the sql one stays.
    Run third = newer;
    third.id = newId();
    third.startedAt = newer.startedAt.addSecs(600);
    third.finishedAt = third.startedAt.addSecs(1);
    CheckResult r;
    r.checkId = p.results[0].checkId;
    r.status = ResultStatus::Error;
    r.message = QStringLiteral("127.0.0.1:8080 refused the connection");
    r.finishedAt = third.finishedAt;
    QVERIFY(store->addRun(third, {r}).ok());
    QCOMPARE(store->runs()->size(), 3);
    QCOMPARE(store->runs()->last().id, third.id);
    latest = store->latestResults();
    QCOMPARE(latest->size(), 2);
    for (const CheckResult &l : latest.value()) {
        if (l.checkId == r.checkId) {
            QCOMPARE(l.runId, third.id);
            QCOMPARE(toString(l.status), toString(ResultStatus::Error));
            QVERIFY(isValidId(l.id));
        } else {
            QCOMPARE(l.runId, newer.id);
        }
    }

    Run bad = third;
    bad.id = QStringLiteral("not-a-uuid");
    QVERIFY(!store->addRun(bad, {}).ok());
    QCOMPARE(store->runs()->size(), 3);
}

void TestProjectStore::bigRunIsStored()
{
    auto store = createStore();
    QVERIFY(store);
    Run run;
    run.id = newId();
    run.startedAt = QDateTime::currentDateTimeUtc();
    QList<CheckResult> results;
    for (int i = 0; i < 1000; ++i) {
        CheckResult r;
        r.checkId = newId();
        r.status = i % 3 ? ResultStatus::Pass : ResultStatus::Fail;
        r.durationMs = i;
        r.message = QStringLiteral("result %1").arg(i);
        results.append(r);
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY(store->addRun(run, results).ok());
    qInfo("1,000 results written in %lld ms (informational; bench/ holds speed targets)", timer.elapsed());
    const auto stored = store->results(run.id);
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 1000);
    QCOMPARE(stored->at(999).message, QStringLiteral("result 999"));
    QCOMPARE(toString(stored->at(3).status), toString(ResultStatus::Fail));
    QCOMPARE(store->latestResults()->size(), 1000);
}

void TestProjectStore::loadEqualsWhatWasWritten()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    const QString path = store->path();
    store.reset();
    auto reopened = ProjectStore::open(path);
    QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
    const auto loaded = (*reopened)->load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->name, p.name);
    QCOMPARE(loaded->nodes, p.nodes);
    QCOMPARE(loaded->edges, p.edges);
    QCOMPARE(loaded->flows, p.flows);
    QCOMPARE(loaded->testCases, p.testCases);
    QCOMPARE(loaded->environments, p.environments);
    QCOMPARE(loaded->comments, p.comments);
    QCOMPARE(loaded->runs, p.runs);
    QCOMPARE(loaded->results, p.results);
    QVERIFY(loaded.value() == p);
}

void TestProjectStore::revisionConflictBetweenTwoStores()
{
    Project p;
    auto alice = storeWithSample(p);
    QVERIFY(alice);
    auto bobStore = ProjectStore::open(alice->path());
    QVERIFY2(bobStore.ok(), qPrintable(bobStore.error()));
    ProjectStore &bob = *bobStore.value();

    const Id id = p.nodes[0].id;
    Node mine = alice->node(id).value();
    Node theirs = bob.node(id).value();
    QCOMPARE(mine.revision, theirs.revision);

    mine.owner = QStringLiteral("alice");
    QVERIFY(alice->updateNode(mine).ok());
    theirs.owner = QStringLiteral("bob");
    const int bobsRevision = theirs.revision;
    const Status conflict = bob.updateNode(theirs);
    QVERIFY(!conflict.ok());
    QVERIFY2(conflict.error().contains(QStringLiteral("changed by someone else")), qPrintable(conflict.error()));
    QVERIFY2(conflict.error().contains(QStringLiteral("node \"%1\"").arg(theirs.name)), qPrintable(conflict.error()));
    QCOMPARE(theirs.revision, bobsRevision);
    // Alice's edit is what is stored, for both.
    QCOMPARE(bob.node(id)->owner, QStringLiteral("alice"));
    QCOMPARE(alice->node(id)->owner, QStringLiteral("alice"));

    // After reloading, Bob's edit goes through.
    theirs = bob.node(id).value();
    theirs.owner = QStringLiteral("bob");
    QVERIFY(bob.updateNode(theirs).ok());
    QCOMPARE(alice->node(id)->owner, QStringLiteral("bob"));

    // Same for a test case.
    TestCase t1 = alice->testCase(p.testCases[0].id).value(), t2 = bob.testCase(p.testCases[0].id).value();
    t1.title = QStringLiteral("alice's title");
    t2.title = QStringLiteral("bob's title");
    QVERIFY(alice->updateTestCase(t1).ok());
    const Status tc = bob.updateTestCase(t2);
    QVERIFY(!tc.ok());
    QVERIFY2(tc.error().contains(QStringLiteral("test case \"bob's title\"")), qPrintable(tc.error()));
    QCOMPARE(alice->testCase(t1.id)->title, QStringLiteral("alice's title"));
}

void TestProjectStore::updateOfDeletedNodeIsReported()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    Node n = p.nodes[0];
    n.revision = 1;
    QVERIFY(store->removeNode(n.id).ok());
    n.name = QStringLiteral("renamed");
    const Status s = store->updateNode(n);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("no longer exists")), qPrintable(s.error()));
    QVERIFY(!store->node(n.id).ok());
}

void TestProjectStore::removeNodeCascades()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    const Node api = *p.nodeByName(QStringLiteral("POST /orders"));
    const Flow checkout = *p.flowByName(QStringLiteral("Checkout"));
    const Flow audit = *p.flowByName(QStringLiteral("Audit"));

    const auto preview = store->previewRemoveNode(api.id);
    QVERIFY2(preview.ok(), qPrintable(preview.error()));
    QCOMPARE(preview->edges, 3);
    QCOMPARE(preview->testCases, 1);
    QCOMPARE(preview->comments, 1);
    QCOMPARE(preview->flowSteps, 2); // the checkout path holds it twice
    // A preview deletes nothing.
    QVERIFY(store->load().value() == p);

    const auto removed = store->removeNode(api.id);
    QVERIFY2(removed.ok(), qPrintable(removed.error()));
    QCOMPARE(removed->edges, preview->edges);
    QCOMPARE(removed->testCases, preview->testCases);
    QCOMPARE(removed->comments, preview->comments);
    QCOMPARE(removed->flowSteps, preview->flowSteps);

    const Project after = store->load().value();
    QCOMPARE(after.nodes.size(), 3);
    QVERIFY(after.edges.isEmpty());
    QCOMPARE(after.testCases.size(), 1);
    QVERIFY(after.testCases[0].nodeId != api.id);
    QCOMPARE(after.comments.size(), 1);
    QVERIFY(after.comments[0].nodeId != api.id);
    const Flow *checkoutAfter = after.flowByName(QStringLiteral("Checkout"));
    QVERIFY(checkoutAfter);
    QCOMPARE(checkoutAfter->nodeIds, (QList<Id>{checkout.nodeIds[0], checkout.nodeIds[2]}));
    QCOMPARE(*after.flowByName(QStringLiteral("Audit")), audit);
    QCOMPARE(after.environments, p.environments);
    QCOMPARE(after.runs, p.runs); // history stays
    QCOMPARE(after.results, p.results);

    const auto gone = store->previewRemoveNode(api.id);
    QVERIFY(!gone.ok());
    QVERIFY2(gone.error().contains(api.id), qPrintable(gone.error()));
}

void TestProjectStore::setNodePositions()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    const QList<NodePosition> moves = {{p.nodes[0].id, -50.5, 75.25, true}, {p.nodes[1].id, 1e6, 0.125, false}};
    QVERIFY(store->setNodePositions(moves).ok());
    for (const NodePosition &m : moves) {
        const Node n = store->node(m.id).value();
        QCOMPARE(n.x, m.x);
        QCOMPARE(n.y, m.y);
        QCOMPARE(n.pinned, m.pinned);
    }
    const Project before = store->load().value();
    const Status s = store->setNodePositions({{p.nodes[2].id, 1, 1, false}, {newId(), 2, 2, false}});
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("no such node")), qPrintable(s.error()));
    QVERIFY(store->load().value() == before); // the first move was rolled back too
}

namespace {
// The sample's edges sorted by id: the routed one first, then the others.
QList<Edge> routedFirst(const Project &p)
{
    QList<Edge> edges = p.edges;
    std::stable_partition(edges.begin(), edges.end(), [](const Edge &e) { return !e.route.isEmpty(); });
    return edges;
}
} // namespace

// A layout's splines are in the file: a new store on the same file reads them back exactly.
void TestProjectStore::edgeRoutesSurviveReopen()
{
    Project p;
    QList<Edge> edges;
    const QString path = m_dir->filePath(QStringLiteral("p.flowbench"));
    const SplineRoute sevenPoints{{QPointF(10, 20), QPointF(11.5, 40), QPointF(12, 60), QPointF(13, 80), QPointF(14, 100),
                                   QPointF(15, 120), QPointF(-16.0625, 1e6)},
                                  QPointF(0, 0.1 + 0.2), QPointF(-40, 250.5)};
    {
        auto store = storeWithSample(p);
        QVERIFY(store);
        edges = routedFirst(p);
        QVERIFY(!edges[0].route.isEmpty()); // the sample has one
        QVERIFY(edges[1].route.isEmpty());
        const Status s = store->setEdgeRoutes({{edges[1].id, sevenPoints}, {edges[0].id, SplineRoute()}});
        QVERIFY2(s.ok(), qPrintable(s.error()));
    }
    auto reopened = ProjectStore::open(path);
    QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
    QHash<Id, Edge> byId;
    const QList<Edge> reread = reopened.value()->edges().value(); // a copy: the Result is a temporary
    for (const Edge &e : reread)
        byId.insert(e.id, e);
    const Edge routed = byId.value(edges[1].id);
    QCOMPARE(routed.route.points, sevenPoints.points);
    QCOMPARE(routed.route.fromPosition, sevenPoints.fromPosition);
    QCOMPARE(routed.route.toPosition, sevenPoints.toPosition);
    QCOMPARE(routed.route.points.last().y(), 1e6); // exact, not rounded
    QVERIFY(byId.value(edges[0].id).route.isEmpty()); // an empty route removes it
    QVERIFY(byId.value(edges[2].id).route.isEmpty());
    // Routing is layout data like positions: no revision is bumped.
    QCOMPARE(routed.revision, 1);
}

// Edits of an edge keep its route; moving an end to another node drops it.
void TestProjectStore::edgeRouteIsLayoutData()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    const Edge sampleRouted = routedFirst(p).first();
    Edge e;
    for (const Edge &stored : QList<Edge>(store->edges().value()))
        if (stored.id == sampleRouted.id)
            e = stored;
    QVERIFY(!e.route.isEmpty());
    QCOMPARE(e.route, sampleRouted.route);

    e.label = QStringLiteral("insert row");
    e.kind = EdgeKind::Reads;
    Edge withoutRoute = e;
    withoutRoute.route = SplineRoute(); // an editor's copy from before the layout
    QVERIFY(store->updateEdge(withoutRoute).ok());
    Edge stored;
    for (const Edge &x : QList<Edge>(store->edges().value()))
        if (x.id == e.id)
            stored = x;
    QCOMPARE(stored.label, QStringLiteral("insert row"));
    QCOMPARE(stored.route, sampleRouted.route);

    for (const Node &n : p.nodes) // same source, another target
        if (n.id != stored.from && n.id != stored.to) {
            stored.to = n.id;
            break;
        }
    QVERIFY(store->updateEdge(stored).ok());
    for (const Edge &x : QList<Edge>(store->edges().value()))
        if (x.id == e.id)
            QVERIFY(x.route.isEmpty());
}

void TestProjectStore::badEdgeRoutesChangeNothing()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    const Project before = store->load().value();
    const SplineRoute good{{QPointF(0, 0), QPointF(1, 1), QPointF(2, 2), QPointF(3, 3)}, QPointF(), QPointF()};
    SplineRoute fivePoints = good;
    fivePoints.points.append(QPointF(4, 4));

    Status s = store->setEdgeRoutes({{p.edges[0].id, good}, {p.edges[2].id, fivePoints}});
    QVERIFY(!s.ok());
    QCOMPARE(s.error(), QStringLiteral("%1: cannot route edge %2: a route needs 1 + 3n points (n >= 1), found 5; "
                                       "no edge was routed")
                            .arg(store->path(), p.edges[2].id));
    QVERIFY(store->load().value() == before); // the good route was rolled back

    const Id missing = newId();
    s = store->setEdgeRoutes({{p.edges[0].id, good}, {missing, good}});
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("cannot route edge %1: no such edge").arg(missing)), qPrintable(s.error()));
    QVERIFY(store->load().value() == before);

    Edge added{QString(), p.nodes[0].id, p.nodes[2].id, EdgeKind::Calls, QString(), 0, fivePoints};
    s = store->addEdge(added);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("a route needs 1 + 3n points (n >= 1), found 5")), qPrintable(s.error()));
    QCOMPARE(store->edges()->size(), before.edges.size());
}

void TestProjectStore::damagedRouteColumnIsReported()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    QSqlQuery q(QSqlDatabase::database(store->connectionName()));
    q.prepare(QStringLiteral("UPDATE edges SET route = ? WHERE id = ?"));
    q.addBindValue(QStringLiteral("{\"fromPosition\":[0,0],\"toPosition\":[1,1],\"points\":[[0,0],[1],[2,2],[3,3]]}"));
    q.addBindValue(p.edges[0].id);
    QVERIFY(q.exec());
    const auto edges = store->edges();
    QVERIFY(!edges.ok());
    QCOMPARE(edges.error(), QStringLiteral("%1: file is damaged: table edges, row %2, column route: "
                                           "route.points[1]: expected a number pair [x, y]")
                                .arg(store->path(), p.edges[0].id));
}

void TestProjectStore::replaceContentsValid()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    Project other = sampleProject();
    other.name = QStringLiteral("Other");
    QVERIFY(store->replaceContents(other).ok());
    const Project loaded = store->load().value();
    QVERIFY(loaded == other);
    QVERIFY(!loaded.node(p.nodes[0].id));
}

void TestProjectStore::replaceContentsInvalidChangesNothing()
{
    Project p;
    auto store = storeWithSample(p);
    QVERIFY(store);
    const QString path = store->path();
    store.reset(); // checkpoints: the whole project is in the main file
    const QByteArray hashBefore = fileHash(path);
    auto reopened = ProjectStore::open(path);
    QVERIFY(reopened.ok());

    Project invalid = sampleProject();
    invalid.edges[0].to = newId();
    invalid.nodes[1].risk = Risk{7, 1};
    const int staging = invalid.environments[0].name == QLatin1String("staging") ? 0 : 1;
    invalid.environments[staging].connections[0].passwordRef = QStringLiteral("plain secret");
    const Status s = (*reopened)->replaceContents(invalid);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().startsWith(path), qPrintable(s.error()));
    QVERIFY2(s.error().contains(QStringLiteral("edges[0].to")), qPrintable(s.error()));
    QVERIFY2(s.error().contains(QStringLiteral("nodes[1].risk")), qPrintable(s.error()));
    QVERIFY2(s.error().contains(QStringLiteral("environments[%1].connections[0].passwordRef").arg(staging)), qPrintable(s.error()));
    QVERIFY((*reopened)->load().value() == p);
    reopened.value().reset();
    QCOMPARE(fileHash(path), hashBefore);
}

void TestProjectStore::transactionGroupsEdits()
{
    auto store = createStore();
    QVERIFY(store);
    Node a = sampleNode(QStringLiteral("a"), NodeKind::Api), b = sampleNode(QStringLiteral("b"), NodeKind::Table);
    Edge e{QString(), a.id, b.id, EdgeKind::Writes, QString(), 0};
    const Status ok = store->transaction([&]() -> Status {
        if (Status s = store->addNode(a); !s)
            return s;
        if (Status s = store->addNode(b); !s)
            return s;
        return store->addEdge(e);
    });
    QVERIFY2(ok.ok(), qPrintable(ok.error()));
    QCOMPARE(store->nodes()->size(), 2);
    QCOMPARE(store->edges()->size(), 1);

    Node c = sampleNode(QStringLiteral("c"), NodeKind::Job);
    const Status refused = store->transaction([&]() -> Status {
        if (Status s = store->addNode(c); !s)
            return s;
        if (Status s = store->removeEdge(e.id); !s)
            return s;
        return Status::failure(QStringLiteral("user cancelled"));
    });
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error(), QStringLiteral("user cancelled"));
    QCOMPARE(store->nodes()->size(), 2);
    QCOMPARE(store->edges()->size(), 1);
}

void TestProjectStore::failedEditInsideTransactionRollsBackAll()
{
    auto store = createStore();
    QVERIFY(store);
    Node a = sampleNode(QStringLiteral("a"), NodeKind::Api);
    Edge dangling{QString(), a.id, newId(), EdgeKind::Calls, QString(), 0};
    // The callback ignores the failed edit; the transaction must not commit the rest.
    const Status s = store->transaction([&]() -> Status {
        (void)store->addNode(a);
        (void)store->addEdge(dangling);
        return success();
    });
    QVERIFY(!s.ok());
    QVERIFY2(s.error().contains(QStringLiteral("nothing was saved")), qPrintable(s.error()));
    QVERIFY(store->nodes()->isEmpty());
    // The store is usable afterwards.
    Node b = sampleNode(QStringLiteral("b"), NodeKind::Api);
    QVERIFY(store->addNode(b).ok());
    QCOMPARE(store->nodes()->size(), 1);
}

void TestProjectStore::connectionIsRemovedWithStore()
{
    auto first = createStore(QStringLiteral("a.flowbench"));
    auto second = createStore(QStringLiteral("b.flowbench"));
    QVERIFY(first && second);
    const QString name = first->connectionName();
    QVERIFY(name != second->connectionName());
    QVERIFY(QSqlDatabase::contains(name));
    first.reset();
    QVERIFY(!QSqlDatabase::contains(name));
    QVERIFY(QSqlDatabase::contains(second->connectionName()));
}

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
