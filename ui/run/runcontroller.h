#pragma once

#include "analysis/nodeoutcomes.h"
#include "model/project.h"
#include "result.h"
#include "run/runselection.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace flowbench {

class ProjectDocument;
class RunSession;

// The GUI's side of running: starts a RunSession (which snapshots, selects, runs without
// blocking the UI thread and stores the run through the document) and keeps what the
// views show: the run history (from the document, plus this session's runs of a
// read-only project), the latest result per check, the node outcomes on the map and
// which nodes are still running.
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(ProjectDocument *document, QObject *parent = nullptr);
    ~RunController() override;

    // Starts a run of `selection` in `environment`. A protected environment needs
    // `confirmedProtected` (the run bar asked). An empty selection runs everything.
    Status start(const RunSelection &selection, const QString &environment, bool confirmedProtected);
    void cancel();
    bool isRunning() const;

    // Re-reads run history and latest results from the document (after opening a project).
    void reload();
    QList<Run> runs() const { return m_runs; }
    QList<CheckResult> resultsOf(const Id &runId) const;
    QList<CheckResult> allResults() const;
    QList<CheckResult> latestResults() const { return m_latest.values(); }
    QHash<Id, NodeOutcome> outcomes() const;
    NodeOutcome outcomeOf(const Id &nodeId) const;
    // The run in progress (or the last finished one) and its results so far.
    Run currentRun() const { return m_current; }
    QList<CheckResult> currentResults() const { return m_currentResults; }
    // The project as the runner sees it: the document plus environments and history.
    Project project() const;

signals:
    void started(const flowbench::Run &run, int totalChecks, const QSet<flowbench::Id> &nodes);
    void checkFinished(const flowbench::CheckResult &result);
    void progress(int done, int total, int failed);
    void nodeOutcomeChanged(const flowbench::Id &nodeId, const flowbench::NodeOutcome &outcome);
    void nodeFinished(const flowbench::Id &nodeId); // every check of the node reported
    // Nodes and edges under a fault now (RunSession::faultsActive); empty when none.
    void faultsActive(const QStringList &targets);
    // The run ended; storeError is empty when it reached the project file, otherwise it
    // says why not (RunSession::storeNote: read-only, or the store's error).
    void finished(const flowbench::Run &run, const QString &storeError);

private:
    void onCheckFinished(const CheckResult &result);
    void onFinished(const Run &run);
    void addToHistory(const Run &run, const QList<CheckResult> &results);

    ProjectDocument *m_document;
    QPointer<RunSession> m_session;
    QList<Run> m_runs;
    QHash<Id, QList<CheckResult>> m_resultsByRun;
    QHash<Id, CheckResult> m_latest; // by check id
    Run m_current;
    QList<CheckResult> m_currentResults;
    QHash<Id, int> m_pendingPerNode;
    int m_failed = 0;
};

} // namespace flowbench
