// ProjectStore: run history, the whole-project load and replaceContents (import).

#include "store/projectstoreprivate.h"
#include "store/sqldialect.h"

#include <QSqlError>

namespace flowbench {

namespace {

// Writes results with one prepared statement bound per row: a run of 1,000 checks is
// one transaction and one statement compilation.
class ResultWriter
{
public:
    explicit ResultWriter(const ProjectStorePrivate &d) : m_d(d), m_query(d.query()) {}

    Status prepare()
    {
        return m_d.prepare(m_query,
            QStringLiteral("INSERT INTO results (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .arg(QLatin1String(kResultColumns)),
            QStringLiteral("save results"));
    }

    Status write(const CheckResult &r, const Id &runId)
    {
        const QVariant values[] = { r.id.isEmpty() ? newId() : r.id, runId, r.testCaseId, r.checkId, r.nodeId,
            toString(r.status), r.durationMs, r.attempts, r.message, r.evidence, dateToDb(r.finishedAt), r.faults,
            r.cleanup ? 1 : 0 };
        for (int i = 0; i < int(std::size(values)); ++i)
            m_query.bindValue(i, bindable(values[i]));
        return m_d.exec(m_query, QStringLiteral("save the result of check %1").arg(r.checkId));
    }

private:
    const ProjectStorePrivate &m_d;
    QSqlQuery m_query;
};

template <typename T>
Result<T> failed(const Status &s)
{
    return Result<T>::failure(s.error());
}

Result<QList<CheckResult>> readResults(const ProjectStorePrivate &d, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q = d.query();
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(bindable(b));
    if (!q.exec())
        return failed<QList<CheckResult>>(d.sqlFailure(QStringLiteral("read results"), q));
    QList<CheckResult> list;
    while (q.next()) {
        auto r = resultFromRow(q);
        if (!r)
            return Result<QList<CheckResult>>::failure(d.message(QStringLiteral("file is damaged: %1").arg(r.error())));
        list.append(r.value());
    }
    return list;
}

QString prefixed(const char *columns, const char *alias)
{
    QStringList out;
    for (const QString &c : QString::fromLatin1(columns).split(QLatin1Char(',')))
        out << QLatin1String(alias) + QLatin1Char('.') + c.trimmed();
    return out.join(QStringLiteral(", "));
}

} // namespace

Status ProjectStore::addRun(const Run &run, const QList<CheckResult> &results)
{
    if (!isValidId(run.id))
        return d->failure(QStringLiteral("run: id \"%1\" is not a UUID").arg(run.id));
    for (int i = 0; i < results.size(); ++i)
        if (!results[i].runId.isEmpty() && results[i].runId != run.id)
            return d->failure(QStringLiteral("results[%1].runId: \"%2\" is not the run being saved (%3)")
                                  .arg(i)
                                  .arg(results[i].runId, run.id));
    Run stamped = run;
    if (stamped.startedBy.isEmpty())
        stamped.startedBy = d->author;
    return d->edit([&]() -> Status {
        if (Status s = d->insertRun(stamped); !s)
            return s;
        ResultWriter writer(*d);
        if (Status s = writer.prepare(); !s)
            return s;
        for (const CheckResult &r : results)
            if (Status s = writer.write(r, run.id); !s)
                return s;
        return success();
    });
}

Result<QList<Run>> ProjectStore::runs() const
{
    QSqlQuery q = d->query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM runs ORDER BY started_at, rowid").arg(QLatin1String(kRunColumns))))
        return failed<QList<Run>>(d->sqlFailure(QStringLiteral("read runs"), q));
    QList<Run> list;
    QHash<Id, int> sharded; // run id -> index in list
    while (q.next()) {
        list.append(runFromRow(q));
        if (list.last().shardCount > 0)
            sharded.insert(list.last().id, int(list.size() - 1));
    }
    if (sharded.isEmpty())
        return list;
    if (!q.exec(QStringLiteral("SELECT run_id, shard FROM run_shards ORDER BY run_id, shard")))
        return failed<QList<Run>>(d->sqlFailure(QStringLiteral("read the shards of runs"), q));
    while (q.next()) {
        const auto at = sharded.constFind(q.value(0).toString());
        if (at != sharded.constEnd())
            list[at.value()].shardsIn.append(q.value(1).toInt());
    }
    return list;
}

Result<QList<CheckResult>> ProjectStore::results(const Id &runId) const
{
    return readResults(*d, QStringLiteral("SELECT %1 FROM results WHERE run_id = ? ORDER BY rowid").arg(QLatin1String(kResultColumns)),
                       {runId});
}

Result<QList<CheckResult>> ProjectStore::latestResults() const
{
    // Newest = latest finished_at; among equal times, the one written last.
    return readResults(*d,
                       QStringLiteral("SELECT %1 FROM results r WHERE r.check_id <> '' AND r.rowid = "
                                      "(SELECT n.rowid FROM results n WHERE n.check_id = r.check_id "
                                      " ORDER BY n.finished_at DESC, n.rowid DESC LIMIT 1) ORDER BY r.check_id")
                           .arg(prefixed(kResultColumns, "r")),
                       {});
}

Result<Project> ProjectStore::load() const
{
    ReadSnapshot snapshot(*d);
    Project p;
    auto name = projectName();
    if (!name)
        return failed<Project>(Status::failure(name.error()));
    p.name = name.value();
#define FLOWBENCH_LOAD(field, call)                                                                        \
    {                                                                                                      \
        auto list = call;                                                                                  \
        if (!list)                                                                                         \
            return Result<Project>::failure(list.error());                                                 \
        p.field = std::move(list).value();                                                                 \
    }
    FLOWBENCH_LOAD(nodes, nodes())
    FLOWBENCH_LOAD(edges, edges())
    FLOWBENCH_LOAD(flows, flows())
    FLOWBENCH_LOAD(testCases, testCases())
    FLOWBENCH_LOAD(environments, environments())
    FLOWBENCH_LOAD(comments, comments())
    FLOWBENCH_LOAD(runs, runs())
    FLOWBENCH_LOAD(results, readResults(*d,
                                        QStringLiteral("SELECT %1 FROM results r JOIN runs ON runs.id = r.run_id "
                                                       "ORDER BY runs.started_at, runs.rowid, r.rowid")
                                            .arg(prefixed(kResultColumns, "r")),
                                        {}))
#undef FLOWBENCH_LOAD
    return p;
}

Status ProjectStore::replaceContents(const Project &project)
{
    QStringList problems = validateProject(project);
    for (int i = 0; i < project.environments.size(); ++i)
        problems << storeProblems(project.environments[i], QStringLiteral("environments[%1]").arg(i));
    if (!problems.isEmpty())
        return d->failure(QStringLiteral("cannot replace the project; nothing was changed. %1 problem(s):\n  %2")
                              .arg(problems.size())
                              .arg(problems.join(QStringLiteral("\n  "))));
    return d->edit([&]() -> Status {
        QSqlQuery q = d->query();
        for (const char *table : { "results", "run_shards", "runs", "comments", "test_cases", "flow_nodes",
                 "flows", "edges", "environments", "nodes" }) {
            if (!q.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table))))
                return d->sqlFailure(QStringLiteral("clear %1").arg(QLatin1String(table)), q);
        }
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('name', ?) "
                                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value, revision = meta.revision + 1"));
        q.addBindValue(bindable(project.name));
        if (Status s = d->exec(q, QStringLiteral("rename the project")); !s)
            return s;
        for (const Node &n : project.nodes)
            if (Status s = d->insertNode(n); !s)
                return s;
        for (const Edge &e : project.edges)
            if (Status s = d->insertEdge(e); !s)
                return s;
        for (const Flow &f : project.flows)
            if (Status s = d->insertFlow(f); !s)
                return s;
        for (const TestCase &t : project.testCases)
            if (Status s = d->insertTestCase(t); !s)
                return s;
        for (const Environment &e : project.environments)
            if (Status s = d->insertEnvironment(e); !s)
                return s;
        for (const Comment &c : project.comments)
            if (Status s = d->insertComment(c); !s)
                return s;
        for (const Run &r : project.runs)
            if (Status s = d->insertRun(r); !s)
                return s;
        ResultWriter writer(*d);
        if (Status s = writer.prepare(); !s)
            return s;
        for (const CheckResult &r : project.results)
            if (Status s = writer.write(r, r.runId); !s)
                return s;
        return success();
    });
}

} // namespace flowbench

// Sharded runs ---------------------------------------------------------------------------

namespace flowbench {

namespace {

Status bindAndExec(const ProjectStorePrivate &d, QSqlQuery &q, const QString &sql,
    std::initializer_list<QVariant> values, const QString &what)
{
    if (Status s = d.prepare(q, sql, what); !s)
        return s;
    bindAll(q, values);
    return d.exec(q, what);
}

} // namespace

Result<ShardedRunClaim> ProjectStore::claimShardedRun(const Run &run, const QString &plan)
{
    if (!isValidId(run.id))
        return Result<ShardedRunClaim>::failure(
            d->message(QStringLiteral("run: id \"%1\" is not a UUID").arg(run.id)));
    if (run.shardCount < 1)
        return Result<ShardedRunClaim>::failure(
            d->message(QStringLiteral("run %1: not a sharded run").arg(run.id)));
    ShardedRunClaim claim;
    bool found = false;
    const Status claimed = d->edit([&]() -> Status {
        QSqlQuery q = d->query();
        // Shards starting at once all insert; the first one's row (and plan) stays.
        if (Status s = bindAndExec(*d, q,
                QStringLiteral(
                    "INSERT INTO runs (id, environment, selection, started_at, source, shard_count, "
                    "shard_plan, started_by) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING"),
                { QVariant(run.id), QVariant(run.environment), QVariant(run.selection),
                    dateToDb(run.startedAt), QVariant(run.source), QVariant(run.shardCount), QVariant(plan),
                    QVariant(run.startedBy.isEmpty() ? d->author : run.startedBy) },
                QStringLiteral("add run %1").arg(run.id));
            !s)
            return s;
        if (Status s = bindAndExec(*d, q,
                QStringLiteral("SELECT %1, shard_plan FROM runs WHERE id = ?")
                    .arg(QLatin1String(kRunColumns)),
                { QVariant(run.id) }, QStringLiteral("read run %1").arg(run.id));
            !s)
            return s;
        if (!q.next())
            return success();
        found = true;
        claim.run = runFromRow(q);
        claim.plan = q.value(QStringLiteral("shard_plan")).toString();
        if (Status s = bindAndExec(*d, q,
                QStringLiteral("SELECT shard FROM run_shards WHERE run_id = ? ORDER BY shard"),
                { QVariant(run.id) }, QStringLiteral("read the shards of run %1").arg(run.id));
            !s)
            return s;
        while (q.next())
            claim.run.shardsIn.append(q.value(0).toInt());
        return success();
    });
    if (!claimed)
        return Result<ShardedRunClaim>::failure(claimed.error());
    if (!found)
        return Result<ShardedRunClaim>::failure(
            d->message(QStringLiteral("run %1 could not be added").arg(run.id)));
    if (claim.run.shardCount == 0)
        return Result<ShardedRunClaim>::failure(d->message(
            QStringLiteral("run %1 exists and is not a sharded run; give the shards another run id")
                .arg(run.id)));
    if (claim.run.shardCount != run.shardCount)
        return Result<ShardedRunClaim>::failure(
            d->message(QStringLiteral("run %1 is split into %2 shards, not %3")
                           .arg(run.id)
                           .arg(claim.run.shardCount)
                           .arg(run.shardCount)));
    return claim;
}

Status ProjectStore::addShardResults(const Run &shardRun, int shard, const QList<CheckResult> &results)
{
    for (int i = 0; i < results.size(); ++i)
        if (!results[i].runId.isEmpty() && results[i].runId != shardRun.id)
            return d->failure(QStringLiteral("results[%1].runId: \"%2\" is not the run being saved (%3)")
                                  .arg(i)
                                  .arg(results[i].runId, shardRun.id));
    const Id &id = shardRun.id;
    return d->edit([&]() -> Status {
        QSqlQuery q = d->query();
        // The run's row first: shards finishing at once write one after the other, and
        // the recount below (a later statement: on PostgreSQL a newer snapshot) sees the
        // results of every shard committed before.
        if (Status s = bindAndExec(*d, q,
                QStringLiteral("UPDATE runs SET revision = revision + 1 WHERE id = ? AND shard_count > 0"),
                { QVariant(id) }, QStringLiteral("lock run %1").arg(id));
            !s)
            return s;
        if (q.numRowsAffected() < 1)
            return d->failure(
                QStringLiteral("there is no sharded run %1 to add shard %2 to").arg(id).arg(shard));
        if (Status s = bindAndExec(*d, q,
                QStringLiteral(
                    "SELECT shard_count, (SELECT COUNT(*) FROM run_shards WHERE run_id = ? AND shard = ?) "
                    "FROM runs WHERE id = ?"),
                { QVariant(id), QVariant(shard), QVariant(id) }, QStringLiteral("read run %1").arg(id));
            !s)
            return s;
        if (!q.next())
            return d->failure(QStringLiteral("there is no sharded run %1").arg(id));
        const int count = q.value(0).toInt();
        if (shard < 1 || shard > count)
            return d->failure(
                QStringLiteral("run %1 has shards 1 to %2, not %3").arg(id).arg(count).arg(shard));
        if (q.value(1).toInt() > 0)
            return d->failure(
                QStringLiteral("shard %1/%2 of run %3 is in already; run the shards again under a new run id")
                    .arg(shard)
                    .arg(count)
                    .arg(id));
        if (Status s = bindAndExec(*d, q,
                QStringLiteral("INSERT INTO run_shards (run_id, shard, finished_at) VALUES (?,?,?)"),
                { QVariant(id), QVariant(shard), dateToDb(shardRun.finishedAt) },
                QStringLiteral("mark shard %1 of run %2 in").arg(shard).arg(id));
            !s)
            return s;
        ResultWriter writer(*d);
        if (Status s = writer.prepare(); !s)
            return s;
        for (const CheckResult &r : results)
            if (Status s = writer.write(r, id); !s)
                return s;
        // Counted as the runner counts: the steps by status; a cleanup step only when it
        // errored (it left something behind).
        const QString count1 = QStringLiteral(
            "(SELECT COUNT(*) FROM results WHERE run_id = ? AND cleanup = 0 AND status = ?)");
        const QVariant finished = dateToDb(shardRun.finishedAt);
        return bindAndExec(*d, q,
            QStringLiteral(
                "UPDATE runs SET passed = %1, failed = %1, skipped = %1, "
                "errors = (SELECT COUNT(*) FROM results WHERE run_id = ? AND status = ?), "
                "cancelled = CASE WHEN ? = 1 THEN 1 ELSE cancelled END, "
                "finished_at = CASE WHEN finished_at IS NULL OR finished_at < ? THEN ? ELSE finished_at END "
                "WHERE id = ?")
                .arg(count1),
            { QVariant(id), toString(ResultStatus::Pass), QVariant(id), toString(ResultStatus::Fail),
                QVariant(id), toString(ResultStatus::Skipped), QVariant(id), toString(ResultStatus::Error),
                QVariant(shardRun.cancelled ? 1 : 0), finished, finished, QVariant(id) },
            QStringLiteral("count the results of run %1").arg(id));
    });
}

Result<QHash<Id, qint64>> ProjectStore::testCaseDurations(const Id &excludeRunId) const
{
    QSqlQuery q = d->query();
    q.setForwardOnly(true);
    // Oldest run first: a newer run's duration replaces an older one's.
    const Status read = bindAndExec(*d, q,
        QStringLiteral(
            "SELECT r.test_case_id, SUM(r.duration_ms) FROM results r JOIN runs ON runs.id = r.run_id "
            "WHERE r.run_id <> ? AND r.test_case_id <> '' "
            "GROUP BY r.test_case_id, r.run_id, runs.started_at, runs.rowid "
            "ORDER BY runs.started_at, runs.rowid"),
        { QVariant(excludeRunId) }, QStringLiteral("read the durations of test cases"));
    if (!read)
        return Result<QHash<Id, qint64>>::failure(read.error());
    QHash<Id, qint64> durations;
    while (q.next())
        durations.insert(q.value(0).toString(), q.value(1).toLongLong());
    return durations;
}

} // namespace flowbench
