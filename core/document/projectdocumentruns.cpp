// ProjectDocument: run history. The store behind the document is its own; callers get
// these operations, never the store.

#include "document/projectdocument.h"

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
    if (Status s = m_store->addRun(run, stored); !s)
        return s;
    emit runAdded(run, stored);
    return success();
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
