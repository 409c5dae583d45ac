// The same project on PostgreSQL (issue 14 item 1), against a real server the test
// starts: the numbered migrations give both drivers the same schema; a project copied
// into the shared store and read back gives byte-identical canonical JSON (the shipped
// example and a golden file with every kind of content); two projects in one database
// stay apart; edits are transactions with revision conflicts as on a file; a role that
// may only read opens the project read-only.
#undef QT_NO_CAST_FROM_ASCII
#include "io/canonicaljson.h"
#include "sampleproject.h"
#include "store/migrations.h"
#include "store/projectstore.h"
#include "support/exampleproject.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const JsonExportOptions kEverything { true };
} // namespace

class TestSharedStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SharedProjectServer m_pg;

    ProjectLocation location(const QString &project, const QString &user = "team") const
    {
        auto l = ProjectLocation::parse(m_pg.url(project, user));
        return l ? l.value() : ProjectLocation();
    }
    void requireServer()
    {
        if (!m_pg.started())
            QSKIP(m_pg.whyNot());
    }
    static QByteArray canonical(const Project &p)
    {
        return toCanonicalJson(sortedCanonically(p), kEverything);
    }

    // Column names per table, ordered by table then column position, without PostgreSQL's
    // explicit rowid (SQLite's is implicit).
    static QStringList sqliteColumns(const QString &path)
    {
        QStringList out;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "columns-sqlite");
            db.setDatabaseName(path);
            if (!db.open())
                return { "cannot open " + path };
            QSqlQuery tables(db);
            // Without SQLite's own bookkeeping (sqlite_sequence, for edit_log's AUTOINCREMENT).
            tables.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                        "ESCAPE '\\' "
                        "ORDER BY name");
            while (tables.next()) {
                QSqlQuery columns(db);
                columns.exec(QStringLiteral("PRAGMA table_info(%1)").arg(tables.value(0).toString()));
                while (columns.next())
                    out << tables.value(0).toString() + "." + columns.value(1).toString();
            }
        }
        QSqlDatabase::removeDatabase("columns-sqlite");
        return out;
    }
    QStringList postgresColumns(const QString &schema)
    {
        QStringList out;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QPSQL", "columns-pg");
            db.setHostName("127.0.0.1");
            db.setPort(m_pg.port());
            db.setDatabaseName("flowbench");
            db.setUserName("team");
            db.setPassword(SharedProjectServer::kPassword);
            if (!db.open())
                return { "cannot connect: " + db.lastError().text() };
            QSqlQuery q(db);
            q.prepare("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ? "
                      "AND column_name <> 'rowid' ORDER BY table_name COLLATE \"C\", ordinal_position");
            q.addBindValue(schema);
            q.exec();
            while (q.next())
                out << q.value(0).toString() + "." + q.value(1).toString();
        }
        QSqlDatabase::removeDatabase("columns-pg");
        return out;
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_sharedstore");
        QVERIFY(m_dir.isValid());
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void migrationsGiveBothDriversTheSameSchema()
    {
        requireServer();
        const QString file = m_dir.filePath("schema.flowbench");
        auto local = ProjectStore::create(file, "schema");
        QVERIFY2(local, qPrintable(local.error()));
        auto shared = ProjectStore::create(location("schema"), "schema");
        QVERIFY2(shared, qPrintable(shared.error()));
        QCOMPARE(shared.value()->schemaVersion(), ProjectStore::currentSchemaVersion());
        QCOMPARE(local.value()->schemaVersion(), shared.value()->schemaVersion());
        local.value().reset();
        const QStringList sqlite = sqliteColumns(file);
        QVERIFY(sqlite.contains("nodes.x"));
        QCOMPARE(postgresColumns("fb_schema"), sqlite);

        // Reopened, it reads the version the migrations recorded.
        shared.value().reset();
        auto again = ProjectStore::open(m_pg.url("schema"));
        QVERIFY2(again, qPrintable(again.error()));
        QCOMPARE(again.value()->schemaVersion(), ProjectStore::currentSchemaVersion());
        QCOMPARE(again.value()->projectName().value(), QStringLiteral("schema"));
        QCOMPARE(again.value()->location().project(), QStringLiteral("schema"));
        QVERIFY(!again.value()->isReadOnly());
    }

    // A shared project of an older schema is upgraded by the same numbered migrations.
    void olderSharedSchemaIsMigrated()
    {
        requireServer();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QPSQL", "old-schema");
            db.setHostName("127.0.0.1");
            db.setPort(m_pg.port());
            db.setDatabaseName("flowbench");
            db.setUserName("team");
            db.setPassword(SharedProjectServer::kPassword);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY(q.exec("BEGIN"));
            QVERIFY2(q.exec("CREATE SCHEMA fb_old"), qPrintable(q.lastError().text()));
            QVERIFY(q.exec("SET LOCAL search_path TO fb_old"));
            QVERIFY2(applyMigrations(db, 0, 3).ok(), "migrations 1-3");
            QVERIFY(q.exec("INSERT INTO meta (key, value) VALUES ('name', 'old one')"));
            QVERIFY(q.exec("COMMIT"));
        }
        QSqlDatabase::removeDatabase("old-schema");
        auto store = ProjectStore::open(location("old"));
        QVERIFY2(store, qPrintable(store.error()));
        QCOMPARE(store.value()->schemaVersion(), ProjectStore::currentSchemaVersion());
        TestCase t;
        Node n = sampleNode("api", NodeKind::Api);
        QVERIFY(store.value()->addNode(n).ok());
        t.nodeId = n.id;
        t.title = "levelled";
        t.level = TestLevel::Api; // a column of migration 5
        QVERIFY2(store.value()->addTestCase(t).ok(), "a column the upgrade added");
        QCOMPARE(store.value()->testCase(t.id).value().level, std::optional<TestLevel>(TestLevel::Api));
    }

    void copiesAreByteIdentical_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("every kind of content") << QFINDTESTDATA("data/sharedstore/everything.json");
        QTest::newRow("shipped example") << exampleJsonPath();
    }
    void copiesAreByteIdentical()
    {
        requireServer();
        QFETCH(QString, source);
        QFile file(source);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(source));
        const QByteArray original = file.readAll();
        const Result<Project> project = fromCanonicalJson(original, source);
        QVERIFY2(project, qPrintable(project.error()));
        const QString name = QTest::currentDataTag()[0] == 'e' ? "everything" : "example";
        const Status written = ProjectStore::writeShared(location(name), project.value(), false);
        QVERIFY2(written, qPrintable(written.error()));
        auto store = ProjectStore::open(location(name));
        QVERIFY2(store, qPrintable(store.error()));
        const Result<Project> loaded = store.value()->load();
        QVERIFY2(loaded, qPrintable(loaded.error()));
        const QByteArray copy = canonical(loaded.value());
        // The golden file is canonical JSON itself; the example may lack run history.
        const QByteArray expected = name == "everything" ? original : canonical(project.value());
        if (copy != expected) {
            QFile out(m_dir.filePath(name + "-copy.json"));
            out.open(QIODevice::WriteOnly);
            out.write(copy);
        }
        QCOMPARE(copy, expected);
        if (name == "everything") {
            QVERIFY(!loaded.value().runs.isEmpty());
            QVERIFY(!loaded.value().results.isEmpty());
            QVERIFY(!loaded.value().environments.isEmpty());
            QVERIFY(!loaded.value().comments.isEmpty());
            QCOMPARE(store.value()->latestResults().value().size(), 2);
        }
    }

    void existingProjectIsReplacedOnlyWhenAsked()
    {
        requireServer();
        Project first = sampleProject();
        QVERIFY(ProjectStore::writeShared(location("replace"), first, false).ok());
        Project second = sampleProject();
        second.name = "Second";
        const Status refused = ProjectStore::writeShared(location("replace"), second, false);
        QVERIFY(!refused);
        QCOMPARE(refused.error(),
            m_pg.url("replace").replace("&password_ref=${env:FB_TEST_PG}", "")
                + ": project \"replace\" already exists in database flowbench; nothing was "
                  "changed (replace it with --replace)");
        // A copy that fails half way leaves the old project whole.
        Project broken = second;
        broken.edges[0].from = newId(); // an edge from no node
        QVERIFY(!ProjectStore::writeShared(location("replace"), broken, true));
        QCOMPARE(
            ProjectStore::open(location("replace")).value()->projectName().value(), QStringLiteral("Shop"));
        QCOMPARE(
            canonical(ProjectStore::open(location("replace")).value()->load().value()), canonical(first));

        const Status replaced = ProjectStore::writeShared(location("replace"), second, true);
        QVERIFY2(replaced, qPrintable(replaced.error()));
        QCOMPARE(
            canonical(ProjectStore::open(location("replace")).value()->load().value()), canonical(second));
    }

    void twoProjectsInOneDatabaseStayApart()
    {
        requireServer();
        auto a = ProjectStore::create(location("team-a"), "A");
        auto b = ProjectStore::create(location("team_b"), "B");
        QVERIFY2(a && b, qPrintable(a ? b.error() : a.error()));
        Node onlyA = sampleNode("only in A", NodeKind::Service);
        QVERIFY(a.value()->addNode(onlyA).ok());
        Node onlyB = sampleNode("only in B", NodeKind::Table);
        QVERIFY(b.value()->addNode(onlyB).ok());
        QCOMPARE(a.value()->nodes().value().size(), 1);
        QCOMPARE(a.value()->nodes().value().first().name, QStringLiteral("only in A"));
        QCOMPARE(b.value()->nodes().value().first().name, QStringLiteral("only in B"));
        QVERIFY(!a.value()->node(onlyB.id));
        QVERIFY(a.value()->removeNode(onlyA.id));
        QCOMPARE(b.value()->nodes().value().size(), 1);
        QCOMPARE(a.value()->projectName().value(), QStringLiteral("A"));
        QCOMPARE(b.value()->projectName().value(), QStringLiteral("B"));
        // Creating one that exists is refused, naming it.
        auto again = ProjectStore::create(location("team-a"), "A again");
        QVERIFY(!again);
        QVERIFY2(again.error().contains("project \"team-a\" already exists"), qPrintable(again.error()));
    }

    void editsAreTransactionsWithRevisionConflicts()
    {
        requireServer();
        auto one = ProjectStore::create(location("conflicts"), "conflicts");
        QVERIFY2(one, qPrintable(one.error()));
        auto two = ProjectStore::open(location("conflicts"));
        QVERIFY2(two, qPrintable(two.error()));
        Node n = sampleNode("orders", NodeKind::Table);
        QVERIFY(one.value()->addNode(n).ok());
        Node mine = two.value()->node(n.id).value();
        n.name = "orders (theirs)";
        QVERIFY(one.value()->updateNode(n).ok());
        mine.name = "orders (mine)";
        const Status conflict = two.value()->updateNode(mine);
        QVERIFY(!conflict);
        QVERIFY2(conflict.error().contains(
                     "was changed by someone else since you loaded it (stored revision 2, yours 1)"),
            qPrintable(conflict.error()));
        QCOMPARE(two.value()->node(n.id).value().name, QStringLiteral("orders (theirs)"));

        // A transaction that fails part way leaves nothing behind.
        Node extra = sampleNode("extra", NodeKind::Job);
        const Status failed = one.value()->transaction([&]() -> Status {
            if (Status s = one.value()->addNode(extra); !s)
                return s;
            Edge dangling { newId(), extra.id, newId(), EdgeKind::Calls, "to nowhere", 0 };
            return one.value()->addEdge(dangling);
        });
        QVERIFY(!failed);
        QCOMPARE(two.value()->nodes().value().size(), 1);

        // Positions are doubles on both drivers (PostgreSQL's REAL would round them).
        QVERIFY(one.value()->setNodePositions({ { n.id, 0.1 + 0.2, -1e-7, true } }).ok());
        const Node moved = two.value()->node(n.id).value();
        QCOMPARE(moved.x, 0.1 + 0.2);
        QCOMPARE(moved.y, -1e-7);
        QVERIFY(moved.pinned);
    }

    void readOnlyRoleCannotEdit()
    {
        requireServer();
        QVERIFY(ProjectStore::writeShared(location("review"), sampleProject(), false).ok());
        QVERIFY2(m_pg.exec("CREATE ROLE reviewer LOGIN PASSWORD 'team-pw';"
                           "GRANT CONNECT ON DATABASE flowbench TO reviewer;"
                           "GRANT USAGE ON SCHEMA fb_review TO reviewer;"
                           "GRANT SELECT ON ALL TABLES IN SCHEMA fb_review TO reviewer;",
                     "flowbench"),
            qPrintable(m_pg.errorString()));
        auto store = ProjectStore::open(location("review", "reviewer"));
        QVERIFY2(store, qPrintable(store.error()));
        QVERIFY(store.value()->isReadOnly());
        QCOMPARE(store.value()->readOnlyReason(),
            QStringLiteral("role reviewer may read this project but not change it"));
        QCOMPARE(store.value()->load().value().nodes.size(), 4);
        Node n = store.value()->nodes().value().first();
        n.name = "renamed";
        const Status refused = store.value()->updateNode(n);
        QVERIFY(!refused);
        QVERIFY2(
            refused.error().contains("is read-only (role reviewer may read this project but not change it); "
                                     "nothing was saved"),
            qPrintable(refused.error()));
    }

    void failuresNameWhatIsWrong()
    {
        requireServer();
        const QString where = m_pg.url("nothing-here").replace("&password_ref=${env:FB_TEST_PG}", "");
        auto missing = ProjectStore::open(m_pg.url("nothing-here"));
        QVERIFY(!missing);
        QCOMPARE(missing.error(),
            where
                + ": there is no project \"nothing-here\" in database flowbench (no schema "
                  "fb_nothing-here); put one there with flowbench-cli push FILE URL");

        qputenv("FB_TEST_PG_WRONG", "not-the-password");
        QString wrong = m_pg.url("schema");
        wrong.replace("FB_TEST_PG", "FB_TEST_PG_WRONG");
        auto refused = ProjectStore::open(wrong);
        QVERIFY(!refused);
        QVERIFY2(
            refused.error().contains(
                QStringLiteral("cannot connect to 127.0.0.1:%1 as team (sslmode prefer): ").arg(m_pg.port())),
            qPrintable(refused.error()));
        QVERIFY2(refused.error().contains("password authentication failed"), qPrintable(refused.error()));
        QVERIFY(!refused.error().contains("not-the-password"));

        QString unset = m_pg.url("schema");
        unset.replace("FB_TEST_PG", "FB_TEST_PG_UNSET");
        auto noSecret = ProjectStore::open(unset);
        QVERIFY(!noSecret);
        QVERIFY2(noSecret.error().contains("password_ref: ") && noSecret.error().contains("FB_TEST_PG_UNSET"),
            qPrintable(noSecret.error()));

        QVERIFY(m_pg.exec(
            "CREATE SCHEMA fb_stranger AUTHORIZATION team; CREATE TABLE fb_stranger.t (x int)", "flowbench"));
        auto stranger = ProjectStore::open(location("stranger"));
        QVERIFY(!stranger);
        QVERIFY2(stranger.error().contains(
                     "the schema fb_stranger in database flowbench is not a Flowbench project"),
            qPrintable(stranger.error()));
        QVERIFY(!ProjectStore::writeShared(location("stranger"), sampleProject(), true));
    }
};

QTEST_GUILESS_MAIN(TestSharedStore)
#include "tst_sharedstore.moc"
