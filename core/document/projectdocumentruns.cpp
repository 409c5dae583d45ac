// ProjectDocument: run history. The store behind the document is its own; callers get
// these operations, never the store.

#include "document/projectdocument.h"

#include "document/storeconnection.h"
#include "store/databasefile.h"

namespace flowbench {

Status ProjectDocument::addRun(const Run &run, const QList<CheckResult> &results)
{
    // What the store writes: every result with an id and the run's id.
    QList<CheckResult> stored = results;
    for (CheckResult &r : stored) {
        if (r.id.isEmpty())
            r.id = newId();
        if (r.runId.isEmpty())
            r.runId = run.id;
    }
    if (Status s = m_store->addRun(run, stored); !s) {
        if (m_connection && m_store->isConnectionLost())
            m_connection->check();
        return s;
    }
    emit runAdded(run, stored);
    return success();
}

Result<ShardedRunClaim> ProjectDocument::claimShardedRun(const Run &run, const QString &plan)
{
    return m_store->claimShardedRun(run, plan);
}

Status ProjectDocument::addShardResults(const Run &shardRun, int shard, const QList<CheckResult> &results)
{
    QList<CheckResult> stored = results;
    for (CheckResult &r : stored) {
        if (r.id.isEmpty())
            r.id = newId();
        if (r.runId.isEmpty())
            r.runId = shardRun.id;
    }
    if (Status s = m_store->addShardResults(shardRun, shard, stored); !s)
        return s;
    const Result<Run> whole = storedRun(shardRun.id);
    emit runAdded(whole ? whole.value() : shardRun, stored);
    return success();
}

Result<QHash<Id, qint64>> ProjectDocument::testCaseDurations(const Id &excludeRunId) const
{
    return m_store->testCaseDurations(excludeRunId);
}

Result<Run> ProjectDocument::storedRun(const Id &id) const
{
    const Result<QList<Run>> all = m_store->runs();
    if (!all)
        return Result<Run>::failure(all.error());
    for (const Run &r : all.value())
        if (r.id == id)
            return r;
    return Result<Run>::failure(QStringLiteral("%1: no run %2").arg(m_store->path(), id));
}

Result<QList<Run>> ProjectDocument::runs() const
{
    return m_store->runs();
}

Result<QList<CheckResult>> ProjectDocument::results(const Id &runId) const
{
    return m_store->results(runId);
}

Result<QList<CheckResult>> ProjectDocument::latestResults() const
{
    return m_store->latestResults();
}

Status ProjectDocument::saveCopy(const QString &path) const
{
    // Edits are saved already: the copy is the whole stored project in a new file.
    const Result<Project> project = m_store->load();
    if (!project)
        return Status::failure(project.error());
    return writeProjectFile(project.value(), path);
}

} // namespace flowbench
