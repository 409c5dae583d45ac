#include "store/migrations.h"

#include "store/sqldialect.h"
#include "store/sqliteerror.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace flowbench {

namespace {

// Every entity table has `revision` (row version for optimistic concurrency).
QList<Migration> buildMigrations()
{
    Migration one;
    one.version = 1;
    one.summary = "project graph: meta, nodes, edges, flows, test cases, environments";
    one.statements = {
        QStringLiteral("CREATE TABLE schema_version ("
                       " version INTEGER PRIMARY KEY,"
                       " applied_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE meta ("
                       " key TEXT PRIMARY KEY,"
                       " value TEXT NOT NULL,"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE nodes ("
                       " id TEXT PRIMARY KEY,"
                       " kind TEXT NOT NULL,"
                       " name TEXT NOT NULL,"
                       " group_name TEXT NOT NULL DEFAULT '',"
                       " owner TEXT NOT NULL DEFAULT '',"
                       " description TEXT NOT NULL DEFAULT '',"
                       " likelihood INTEGER NOT NULL DEFAULT 1,"
                       " impact INTEGER NOT NULL DEFAULT 1,"
                       " properties TEXT NOT NULL DEFAULT '{}',"
                       " x REAL NOT NULL DEFAULT 0,"
                       " y REAL NOT NULL DEFAULT 0,"
                       " pinned INTEGER NOT NULL DEFAULT 0,"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE TABLE edges ("
                       " id TEXT PRIMARY KEY,"
                       " from_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,"
                       " to_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,"
                       " kind TEXT NOT NULL,"
                       " label TEXT NOT NULL DEFAULT '',"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX edges_from ON edges(from_id)"),
        QStringLiteral("CREATE INDEX edges_to ON edges(to_id)"),
        QStringLiteral("CREATE TABLE flows ("
                       " id TEXT PRIMARY KEY,"
                       " name TEXT NOT NULL,"
                       " description TEXT NOT NULL DEFAULT '',"
                       " likelihood INTEGER NOT NULL DEFAULT 1,"
                       " impact INTEGER NOT NULL DEFAULT 1,"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        // The ordered path of a flow; a node may appear more than once.
        QStringLiteral("CREATE TABLE flow_nodes ("
                       " flow_id TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE,"
                       " position INTEGER NOT NULL,"
                       " node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,"
                       " PRIMARY KEY (flow_id, position))"),
        QStringLiteral("CREATE INDEX flow_nodes_node ON flow_nodes(node_id)"),
        QStringLiteral("CREATE TABLE test_cases ("
                       " id TEXT PRIMARY KEY,"
                       " node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,"
                       " flow_id TEXT REFERENCES flows(id) ON DELETE SET NULL,"
                       " title TEXT NOT NULL,"
                       " description TEXT NOT NULL DEFAULT '',"
                       " priority TEXT NOT NULL DEFAULT 'medium',"
                       " tags TEXT NOT NULL DEFAULT '[]',"
                       " automated INTEGER NOT NULL DEFAULT 0,"
                       " position INTEGER NOT NULL DEFAULT 0,"
                       " checks TEXT NOT NULL DEFAULT '[]',"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX test_cases_node ON test_cases(node_id, position)"),
        QStringLiteral("CREATE INDEX test_cases_flow ON test_cases(flow_id)"),
        QStringLiteral("CREATE TABLE environments ("
                       " id TEXT PRIMARY KEY,"
                       " name TEXT NOT NULL UNIQUE,"
                       " protected INTEGER NOT NULL DEFAULT 0,"
                       " variables TEXT NOT NULL DEFAULT '{}',"
                       " connections TEXT NOT NULL DEFAULT '[]',"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
    };

    Migration two;
    two.version = 2;
    two.summary = "review comments and run history";
    two.statements = {
        QStringLiteral("CREATE TABLE comments ("
                       " id TEXT PRIMARY KEY,"
                       " node_id TEXT NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,"
                       " author TEXT NOT NULL DEFAULT '',"
                       " text TEXT NOT NULL DEFAULT '',"
                       " created_at TEXT,"
                       " resolved INTEGER NOT NULL DEFAULT 0,"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX comments_node ON comments(node_id)"),
        QStringLiteral("CREATE TABLE runs ("
                       " id TEXT PRIMARY KEY,"
                       " environment TEXT NOT NULL DEFAULT '',"
                       " selection TEXT NOT NULL DEFAULT '',"
                       " started_at TEXT,"
                       " finished_at TEXT,"
                       " cancelled INTEGER NOT NULL DEFAULT 0,"
                       " passed INTEGER NOT NULL DEFAULT 0,"
                       " failed INTEGER NOT NULL DEFAULT 0,"
                       " errors INTEGER NOT NULL DEFAULT 0,"
                       " skipped INTEGER NOT NULL DEFAULT 0,"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX runs_started ON runs(started_at)"),
        // History outlives the graph: results keep their node/test case/check ids even
        // after those are deleted, so no foreign keys to them.
        QStringLiteral("CREATE TABLE results ("
                       " id TEXT PRIMARY KEY,"
                       " run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " test_case_id TEXT NOT NULL DEFAULT '',"
                       " check_id TEXT NOT NULL DEFAULT '',"
                       " node_id TEXT NOT NULL DEFAULT '',"
                       " status TEXT NOT NULL,"
                       " duration_ms INTEGER NOT NULL DEFAULT 0,"
                       " attempts INTEGER NOT NULL DEFAULT 0,"
                       " message TEXT NOT NULL DEFAULT '',"
                       " evidence TEXT NOT NULL DEFAULT '',"
                       " finished_at TEXT,"
                       " revision INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral("CREATE INDEX results_run ON results(run_id)"),
        QStringLiteral("CREATE INDEX results_check ON results(check_id, finished_at)"),
        QStringLiteral("CREATE INDEX results_node ON results(node_id)"),
    };
    Migration three;
    three.version = 3;
    three.summary = "edge routes of the last layout";
    // The spline as compact JSON text ({"fromPosition":[x,y],"toPosition":[x,y],
    // "points":[[x,y],...]}, store/routejson.h), '' for none. Text, not a blob of
    // doubles: the same shape as the canonical JSON export (one parser for both), readable
    // with the sqlite3 shell, no byte-order question, and the same column type on
    // PostgreSQL. A route is a few hundred bytes; size does not matter here.
    three.statements = {
        QStringLiteral("ALTER TABLE edges ADD COLUMN route TEXT NOT NULL DEFAULT ''"),
    };
    Migration four;
    four.version = 4;
    four.summary = "where imported test cases and runs came from";
    four.statements = {
        QStringLiteral("ALTER TABLE test_cases ADD COLUMN source TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE test_cases ADD COLUMN junit_name TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE test_cases ADD COLUMN review_note TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT ''"),
    };
    Migration five;
    five.version = 5;
    five.summary = "test levels";
    // '' = derived from the checks; otherwise api, service, database or end-to-end.
    five.statements = {
        QStringLiteral("ALTER TABLE test_cases ADD COLUMN level TEXT NOT NULL DEFAULT ''"),
    };
    Migration six;
    six.version = 6;
    six.summary = "cleanup steps";
    // Cleanup steps as JSON like the steps ('[]' for none); a result says whether it is
    // of a cleanup step (1) or of a step (0).
    six.statements = {
        QStringLiteral("ALTER TABLE test_cases ADD COLUMN cleanup TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE results ADD COLUMN cleanup INTEGER NOT NULL DEFAULT 0"),
    };
    Migration seven;
    seven.version = 7;
    seven.summary = "faults of test cases, fault proxies of environments, faults active in a result";
    // JSON text as store/faultjson.h writes it; '' in results: no fault was active.
    seven.statements = {
        QStringLiteral("ALTER TABLE test_cases ADD COLUMN faults TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE environments ADD COLUMN proxies TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE results ADD COLUMN faults TEXT NOT NULL DEFAULT ''"),
    };
    Migration eight;
    eight.version = 8;
    eight.summary = "sharded runs: shard count and plan of a run, the shards that are in";
    // A run split over N processes (flowbench-cli run --shard K/N --run-id ID) is one row
    // of runs with shard_count N and the plan its first shard recorded (run/shardplan.h,
    // JSON; '' for an unsharded run). Each shard adds a row to run_shards when its
    // results are in: one insert per shard, so shards finishing at once never overwrite
    // each other's progress.
    eight.statements = {
        QStringLiteral("ALTER TABLE runs ADD COLUMN shard_count INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN shard_plan TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE TABLE run_shards ("
                       " run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                       " shard INTEGER NOT NULL,"
                       " finished_at TEXT,"
                       " PRIMARY KEY (run_id, shard))"),
    };

    Migration nine;
    nine.version = 9;
    nine.summary = "shared environments: leases of runs and the audit of runs";
    nine.statements = {
        QStringLiteral("ALTER TABLE environments ADD COLUMN shared INTEGER NOT NULL DEFAULT 0"),
        // One row per environment a run holds now; a row past expires_at is free to take
        // (its client died). Times are ISO 8601 UTC text with milliseconds (sortable).
        QStringLiteral("CREATE TABLE leases ("
                       " environment_id TEXT PRIMARY KEY,"
                       " token TEXT NOT NULL,"
                       " holder TEXT NOT NULL DEFAULT '',"
                       " host TEXT NOT NULL DEFAULT '',"
                       " pid INTEGER NOT NULL DEFAULT 0,"
                       " selection TEXT NOT NULL DEFAULT '',"
                       " since TEXT NOT NULL,"
                       " expires_at TEXT NOT NULL)"),
        // Every run against a shared or protected environment; history, so no foreign
        // keys (it outlives the environment and the run). outcome '' = never finished.
        QStringLiteral("CREATE TABLE run_audit ("
                       " id TEXT PRIMARY KEY,"
                       " environment_id TEXT NOT NULL,"
                       " environment TEXT NOT NULL DEFAULT '',"
                       " run_id TEXT NOT NULL DEFAULT '',"
                       " who TEXT NOT NULL DEFAULT '',"
                       " host TEXT NOT NULL DEFAULT '',"
                       " started_at TEXT NOT NULL,"
                       " finished_at TEXT,"
                       " selection TEXT NOT NULL DEFAULT '',"
                       " checks TEXT NOT NULL DEFAULT '',"
                       " writes_allowed INTEGER NOT NULL DEFAULT 0,"
                       " faults_allowed INTEGER NOT NULL DEFAULT 0,"
                       " outcome TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX run_audit_environment ON run_audit(environment_id, started_at)"),
    };
    Migration ten;
    ten.version = 10;
    ten.summary = "who and when: the edit log, who started a run, who has the project open";
    ten.statements = {
        // One row per changed field, added or removed item, written in the transaction of
        // the edit itself. History, so no foreign keys: it outlives what it names. node_id
        // is the node an edge, test case or comment belongs to (a node's history lists
        // them too). Values are short text; a secret's value is never written.
        QStringLiteral("CREATE TABLE edit_log ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " at TEXT NOT NULL,"
                       " author TEXT NOT NULL DEFAULT '',"
                       " entity_kind TEXT NOT NULL,"
                       " entity_id TEXT NOT NULL,"
                       " entity_name TEXT NOT NULL DEFAULT '',"
                       " node_id TEXT NOT NULL DEFAULT '',"
                       " change TEXT NOT NULL,"
                       " field TEXT NOT NULL DEFAULT '',"
                       " old_value TEXT NOT NULL DEFAULT '',"
                       " new_value TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX edit_log_entity ON edit_log(entity_id, id)"),
        QStringLiteral("CREATE INDEX edit_log_node ON edit_log(node_id, id)"),
        QStringLiteral("ALTER TABLE runs ADD COLUMN started_by TEXT NOT NULL DEFAULT ''"),
        // Who has a shared project open: one row per open document, renewed while it is
        // open, deleted on close; a row not renewed for a while is a client that died.
        QStringLiteral("CREATE TABLE presence ("
                       " session_id TEXT PRIMARY KEY,"
                       " who TEXT NOT NULL DEFAULT '',"
                       " host TEXT NOT NULL DEFAULT '',"
                       " since TEXT NOT NULL,"
                       " last_seen TEXT NOT NULL)"),
    };
    return { one, two, three, four, five, six, seven, eight, nine, ten };
}

} // namespace

const QList<Migration> &schemaMigrations()
{
    static const QList<Migration> migrations = buildMigrations();
    return migrations;
}

int latestSchemaVersion()
{
    return schemaMigrations().last().version;
}

Status applyMigrations(const QSqlDatabase &db, int fromVersion, int toVersion)
{
    const SqlDialect &dialect = SqlDialect::of(db);
    for (const Migration &m : schemaMigrations()) {
        if (m.version <= fromVersion || m.version > toVersion)
            continue;
        QSqlQuery q(db);
        for (const QString &statement : m.statements) {
            if (!q.exec(dialect.schemaStatement(statement)))
                return Status::failure(
                    QStringLiteral("migration %1 (%2) failed: %3")
                        .arg(m.version)
                        .arg(QLatin1String(m.summary), describeSqlError(q.lastError(), &db)));
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
        q.addBindValue(m.version);
        q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!q.exec())
            return Status::failure(QStringLiteral("migration %1: could not record the schema version: %2")
                                       .arg(m.version)
                                       .arg(describeSqlError(q.lastError(), &db)));
    }
    return success();
}

} // namespace flowbench
