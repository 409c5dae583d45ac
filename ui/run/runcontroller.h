#pragma once

#include "analysis/nodeoutcomes.h"
#include "model/project.h"
#include "result.h"
#include "run/runselection.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace flowbench {

class ProjectDocument;
class Runner;

// Runs test cases of the open project from the GUI: snapshots the document, starts the
// Runner (asynchronous, on the UI thread's event loop, never blocking it), streams each
// result, keeps the latest result per check and the node outcomes the map shows, and
// stores the finished (or cancelled) run in the project file in one transaction.
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

    // Re-reads run history and latest results from the store (after opening a project).
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
    // The run ended; storeError is empty when it reached the project file.
    void finished(const flowbench::Run &run, const QString &storeError);

private:
    void onCheckFinished(const CheckResult &result);
    void onFinished(const Run &run);

    ProjectDocument *m_document;
    QNetworkAccessManager m_network;
    QPointer<Runner> m_runner;
    QList<Run> m_runs;
    QHash<Id, QList<CheckResult>> m_resultsByRun;
    QHash<Id, CheckResult> m_latest; // by check id
    Run m_current;
    QList<CheckResult> m_currentResults;
    QHash<Id, int> m_pendingPerNode;
    int m_failed = 0;
};

} // namespace flowbench
