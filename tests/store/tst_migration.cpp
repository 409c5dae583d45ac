#include "sampleproject.h"
#include "store/checkjson.h"
#include "store/editlog.h"
#include "store/migrations.h"
#include "store/projectstore.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestMigration : public QObject
{
    Q_OBJECT
private slots:
    void migrationsAreNumberedInOrder();
    void schemaOneIsUpgraded();
    void upgradedFileOpensWithoutMigratingAgain();
    void failedUpgradeChangesNoData();
    void schemaTwoGainsEdgeRoutes();
    void schemaFiveGainsFaultsAndProxies();
    void schemaFiveGainsCleanupSteps();
    void newerSchemaIsRefusedUnchanged();
    void schemaSevenGainsShardsAndSharedEnvironments();
    void schemaNineGainsEditLogAndPresence();

private:
    // A project as the first release wrote it: only migration 1, rollback journal.
    QString buildSchemaOneFile(const QString &path) { return buildOldFile(path, 1); }
    // The same data in a file of an older schema (migrations 1..version).
    QString buildOldFile(const QString &path, int version);

    QTemporaryDir m_dir;
    Id m_api, m_table, m_flow, m_testCase, m_environment;
    QList<Check> m_checks;
};

void TestMigration::migrationsAreNumberedInOrder()
{
    const QList<Migration> &all = schemaMigrations();
    QVERIFY(all.size() >= 2);
    // Strictly increasing from 1; a number may be missing (branches number their
    // migrations apart: 8 is another branch's), the runner applies what is above a file's.
    QCOMPARE(all.first().version, 1);
    for (int i = 0; i < all.size(); ++i) {
        if (i > 0)
            QVERIFY2(all[i].version > all[i - 1].version, qPrintable(QString::number(all[i].version)));
        QVERIFY(!all[i].statements.isEmpty());
    }
    QCOMPARE(ProjectStore::currentSchemaVersion(), all.last().version);
}

QString TestMigration::buildOldFile(const QString &path, int version)
{
    const QString connection = QStringLiteral("old-schema-builder");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        auto run = [&](const QString &sql, const QVariantList &binds = {}) {
            if (!error.isEmpty())
                return;
            q.prepare(sql);
            for (const QVariant &b : binds)
                q.addBindValue(b);
            if (!q.exec())
                error = sql + QStringLiteral(": ") + q.lastError().text();
        };
        run(QStringLiteral("PRAGMA application_id = %1").arg(kFlowbenchApplicationId));
        run(QStringLiteral("BEGIN"));
        if (error.isEmpty()) {
            const Status s = applyMigrations(db, 0, version);
            if (!s)
                error = s.error();
        }
        m_api = newId();
        m_table = newId();
        m_flow = newId();
        m_testCase = newId();
        m_environment = newId();
        m_checks = {sampleCheck(QStringLiteral("http")), sampleCheck(QStringLiteral("sql"))};
        const QString checks = QString::fromUtf8(QJsonDocument(checksToJson(m_checks)).toJson(QJsonDocument::Compact));
        run(QStringLiteral("INSERT INTO meta (key, value) VALUES ('name', 'Legacy shop')"));
        run(QStringLiteral("INSERT INTO nodes (id, kind, name, likelihood, impact, properties, x, y) "
                           "VALUES (?, 'api', 'POST /orders', 4, 5, '{\"method\":\"POST\",\"path\":\"/orders\"}', 10, 20)"),
            {m_api});
        run(QStringLiteral("INSERT INTO nodes (id, kind, name) VALUES (?, 'table', 'orders')"), {m_table});
        run(QStringLiteral("INSERT INTO edges (id, from_id, to_id, kind) VALUES (?, ?, ?, 'writes')"),
            {newId(), m_api, m_table});
        run(QStringLiteral("INSERT INTO flows (id, name) VALUES (?, 'Checkout')"), {m_flow});
        run(QStringLiteral("INSERT INTO flow_nodes (flow_id, position, node_id) VALUES (?, 0, ?), (?, 1, ?)"),
            {m_flow, m_api, m_flow, m_table});
        run(QStringLiteral("INSERT INTO test_cases (id, node_id, flow_id, title, priority, tags, automated, checks) "
                           "VALUES (?, ?, ?, 'order is stored', 'critical', '[\"smoke\"]', 1, ?)"),
            {m_testCase, m_api, m_flow, checks});
        run(QStringLiteral("INSERT INTO environments (id, name, variables, connections) VALUES (?, 'local', "
                           "'{\"base\":\"http://127.0.0.1:9\"}', '[]')"),
            {m_environment});
        run(QStringLiteral("COMMIT"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

void TestMigration::schemaOneIsUpgraded()
{
    const QString path = m_dir.filePath(QStringLiteral("legacy.flowbench"));
    const QString built = buildSchemaOneFile(path);
    QVERIFY2(built.isEmpty(), qPrintable(built));

    auto opened = ProjectStore::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    ProjectStore &store = *opened.value();
    QCOMPARE(store.schemaVersion(), ProjectStore::currentSchemaVersion());

    // The data written under schema 1 is intact.
    const auto loaded = store.load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->name, QStringLiteral("Legacy shop"));
    QCOMPARE(loaded->nodes.size(), 2);
    const Node *api = loaded->node(m_api);
    QVERIFY(api);
    QCOMPARE(api->name, QStringLiteral("POST /orders"));
    QCOMPARE(api->risk, (Risk{4, 5}));
    QCOMPARE(api->properties.value(QStringLiteral("path")).toString(), QStringLiteral("/orders"));
    QCOMPARE(api->x, 10.0);
    QCOMPARE(loaded->edges.size(), 1);
    QCOMPARE(loaded->flows.size(), 1);
    QCOMPARE(loaded->flows[0].nodeIds, (QList<Id>{m_api, m_table}));
    QCOMPARE(loaded->testCases.size(), 1);
    QCOMPARE(loaded->testCases[0].checks, m_checks);
    QCOMPARE(loaded->testCases[0].tags, QStringList{QStringLiteral("smoke")});
    QCOMPARE(toString(loaded->testCases[0].priority), QStringLiteral("critical"));
    QCOMPARE(loaded->environments.size(), 1);
    QCOMPARE(loaded->environments[0].variables.value(QStringLiteral("base")), QStringLiteral("http://127.0.0.1:9"));

    // Old rows take part in optimistic concurrency like new ones.
    Node edited = *api;
    edited.owner = QStringLiteral("payments");
    QVERIFY(store.updateNode(edited).ok());
    QCOMPARE(edited.revision, 2);

    // The tables of migration 2 work, with their cascades.
    Comment c;
    c.nodeId = m_table;
    c.author = QStringLiteral("ana");
    c.text = QStringLiteral("needs an index");
    QVERIFY(store.addComment(c).ok());
    Run run;
    run.id = newId();
    run.startedAt = QDateTime::currentDateTimeUtc();
    CheckResult r;
    r.checkId = m_checks[0].id;
    r.testCaseId = m_testCase;
    r.nodeId = m_api;
    r.status = ResultStatus::Pass;
    QVERIFY(store.addRun(run, {r}).ok());
    QCOMPARE(store.latestResults()->size(), 1);
    QCOMPARE(store.previewRemoveNode(m_table)->comments, 1);

    QSqlQuery q(QSqlDatabase::database(store.connectionName()));
    QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version")));
    QList<int> versions;
    while (q.next())
        versions << q.value(0).toInt();
    QList<int> expected;
    for (const Migration &m : schemaMigrations())
        expected << m.version;
    QCOMPARE(versions, expected);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
}

void TestMigration::upgradedFileOpensWithoutMigratingAgain()
{
    const QString path = m_dir.filePath(QStringLiteral("twice.flowbench"));
    const QString built = buildSchemaOneFile(path);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    {
        auto first = ProjectStore::open(path);
        QVERIFY2(first.ok(), qPrintable(first.error()));
    }
    auto second = ProjectStore::open(path);
    QVERIFY2(second.ok(), qPrintable(second.error()));
    QSqlQuery q(QSqlDatabase::database((*second)->connectionName()));
    // One row per migration, each applied once.
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), int(schemaMigrations().size()));
    QCOMPARE((*second)->nodes()->size(), 2);
}

// Migrations run in one transaction: if a later statement fails, the earlier ones of
// the upgrade are rolled back and the schema-1 data is untouched.
void TestMigration::failedUpgradeChangesNoData()
{
    const QString path = m_dir.filePath(QStringLiteral("blocked.flowbench"));
    const QString built = buildSchemaOneFile(path);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    // Someone added a table named like one migration 2 creates later in its list.
    const QString connection = QStringLiteral("blocker");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE results (x)")));
    }
    QSqlDatabase::removeDatabase(connection);

    auto opened = ProjectStore::open(path);
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().startsWith(path + QStringLiteral(": could not upgrade schema 1 to")), qPrintable(opened.error()));
    QVERIFY2(opened.error().contains(QStringLiteral("results")), qPrintable(opened.error()));

    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // comments comes before results in migration 2 and was rolled back with it.
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('comments', 'runs')")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM nodes")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }
    QSqlDatabase::removeDatabase(connection);
}

// Schema 3 added edges.route: a file of schema 2 opens, its edges have no route, and
// routes can be stored and read back.
void TestMigration::schemaTwoGainsEdgeRoutes()
{
    const QString path = m_dir.filePath(QStringLiteral("schema-two.flowbench"));
    const QString built = buildOldFile(path, 2);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    const SplineRoute route{{QPointF(260, 92), QPointF(260, 120), QPointF(255.5, 150), QPointF(250, 180)},
                            QPointF(10, 20), QPointF(0, 0)};
    {
        auto opened = ProjectStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        ProjectStore &store = *opened.value();
        QCOMPARE(store.schemaVersion(), latestSchemaVersion());
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version")));
        QList<int> versions;
        while (q.next())
            versions << q.value(0).toInt();
        QList<int> every; // 1, 2, ... up to the newest: each migration applied once, in order
        for (int v = 1; v <= latestSchemaVersion(); ++v)
            every << v;
        QCOMPARE(versions, every);
        const QList<Edge> edges = store.edges().value();
        QCOMPARE(edges.size(), 1);
        QVERIFY(edges[0].route.isEmpty());
        QCOMPARE(edges[0].from, m_api);
        QVERIFY(store.setEdgeRoutes({{edges[0].id, route}}).ok());
    }
    auto again = ProjectStore::open(path);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again.value()->edges().value().at(0).route, route);
}

// Schema 6 added test_cases.cleanup and results.cleanup: a file of schema 5 opens, its test
// cases have no cleanup steps and its results are of steps; both can be stored and read.
void TestMigration::schemaFiveGainsCleanupSteps()
{
    const QString path = m_dir.filePath(QStringLiteral("schema-five-cleanup.flowbench"));
    const QString built = buildOldFile(path, 5);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    const Check cleanup = sampleCheck(QStringLiteral("http"));
    {
        auto opened = ProjectStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        ProjectStore &store = *opened.value();
        QCOMPARE(store.schemaVersion(), ProjectStore::currentSchemaVersion());
        TestCase t = store.testCase(m_testCase).value();
        QVERIFY(t.cleanup.isEmpty());
        QCOMPARE(t.checks, m_checks);
        t.cleanup = {cleanup};
        QVERIFY(store.updateTestCase(t).ok());
        Run run;
        run.id = newId();
        CheckResult result;
        result.testCaseId = m_testCase;
        result.checkId = cleanup.id;
        result.status = ResultStatus::Error;
        result.cleanup = true;
        QVERIFY(store.addRun(run, {result}).ok());
    }
    auto again = ProjectStore::open(path);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again.value()->testCase(m_testCase).value().cleanup, QList<Check>{cleanup});
    const QList<Run> runs = again.value()->runs().value();
    QCOMPARE(runs.size(), 1);
    QVERIFY(again.value()->results(runs[0].id).value().at(0).cleanup);
}

void TestMigration::newerSchemaIsRefusedUnchanged()
{
    const QString path = m_dir.filePath(QStringLiteral("future.flowbench"));
    const int future = ProjectStore::currentSchemaVersion() + 1;
    const QString built = buildOldFile(path, ProjectStore::currentSchemaVersion());
    QVERIFY2(built.isEmpty(), qPrintable(built));
    const QString connection = QStringLiteral("future-writer");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (%1, '2030-01-01')").arg(future)));
    }
    QSqlDatabase::removeDatabase(connection);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    auto opened = ProjectStore::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error(), QStringLiteral("%1: written by a newer Flowbench (schema %2; this program reads up to %3)")
                                 .arg(path)
                                 .arg(future)
                                 .arg(ProjectStore::currentSchemaVersion()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

// Schema 7 added test_cases.faults, environments.proxies and results.faults: a file of
// schema 5 opens with none of them, and they are stored and read back.
void TestMigration::schemaFiveGainsFaultsAndProxies()
{
    const QString path = m_dir.filePath(QStringLiteral("schema-five.flowbench"));
    const QString built = buildOldFile(path, 5);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    const ProxyRoute proxy{m_table, QStringLiteral("127.0.0.1:18091"), QStringLiteral("127.0.0.1:5432")};
    const CaseFault fault{m_table, parseFault(QStringLiteral("latency=3000")).value()};
    {
        auto opened = ProjectStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        ProjectStore &store = *opened.value();
        QCOMPARE(store.schemaVersion(), latestSchemaVersion());
        TestCase t = store.testCase(m_testCase).value();
        QVERIFY(t.faults.isEmpty());
        Environment e = store.environments().value().first();
        QVERIFY(e.proxies.isEmpty());
        t.faults = {fault};
        QVERIFY(store.updateTestCase(t).ok());
        e.proxies = {proxy};
        QVERIFY(store.updateEnvironment(e).ok());
    }
    auto again = ProjectStore::open(path);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QCOMPARE(again.value()->testCase(m_testCase).value().faults, QList<CaseFault>{fault});
    QCOMPARE(again.value()->environments().value().first().proxies, QList<ProxyRoute>{proxy});
}

// 7 -> 9: the file gets sharded runs (8), the shared flag (off), the leases and the run
// audit (9), and records both.
void TestMigration::schemaSevenGainsShardsAndSharedEnvironments()
{
    const QString path = m_dir.filePath(QStringLiteral("schema-seven.flowbench"));
    const QString built = buildOldFile(path, 7);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    {
        auto opened = ProjectStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        ProjectStore &store = *opened.value();
        QCOMPARE(store.schemaVersion(), latestSchemaVersion());
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        QVERIFY(q.exec(QStringLiteral(
            "SELECT version FROM schema_version WHERE version BETWEEN 7 AND 9 ORDER BY version")));
        QList<int> versions;
        while (q.next())
            versions << q.value(0).toInt();
        QCOMPARE(versions, (QList<int>{ 7, 8, 9 }));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM run_shards")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM leases")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM run_audit")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        Environment e = store.environments().value().first();
        QVERIFY(!e.isShared);
        e.isShared = true;
        QVERIFY(store.updateEnvironment(e).ok());
    }
    auto again = ProjectStore::open(path);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    QVERIFY(again.value()->environments().value().first().isShared);
}

// 9 -> 10: the file gets the edit log (empty: what happened before was not recorded),
// runs.started_by ('' for old runs) and the presence table; the next edit is logged with
// its author.
void TestMigration::schemaNineGainsEditLogAndPresence()
{
    const QString path = m_dir.filePath(QStringLiteral("schema-nine.flowbench"));
    const QString built = buildOldFile(path, 9);
    QVERIFY2(built.isEmpty(), qPrintable(built));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("nine-run"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO runs (id, environment, started_at) VALUES ('%1', 'local', "
                                      "'2026-01-01T00:00:00.000Z')")
                           .arg(newId())));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("nine-run"));
    {
        auto opened = ProjectStore::open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        ProjectStore &store = *opened.value();
        QCOMPARE(store.schemaVersion(), 10);
        QSqlQuery q(QSqlDatabase::database(store.connectionName()));
        QVERIFY(
            q.exec(QStringLiteral("SELECT version FROM schema_version WHERE version >= 9 ORDER BY version")));
        QList<int> versions;
        while (q.next())
            versions << q.value(0).toInt();
        QCOMPARE(versions, (QList<int> { 9, 10 }));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM edit_log")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM presence")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        const QList<Run> runs = store.runs().value();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().startedBy, QString());

        store.setAuthor(QStringLiteral("alice"));
        Node api = store.node(m_api).value();
        api.name = QStringLiteral("POST /orders/v2");
        QVERIFY(store.updateNode(api).ok());
        Run run;
        run.id = newId();
        run.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(store.addRun(run, {}).ok());
    }
    auto again = ProjectStore::open(path);
    QVERIFY2(again.ok(), qPrintable(again.error()));
    const QList<EditLogEntry> history = again.value()->history(m_api).value();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().author, QStringLiteral("alice"));
    QCOMPARE(history.first().summary(), QStringLiteral("Name: 'POST /orders' → 'POST /orders/v2'"));
    QCOMPARE(again.value()->runs().value().last().startedBy, QStringLiteral("alice"));
}

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
