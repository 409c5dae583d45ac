#pragma once

#include "checks/checktype.h"
#include "model/project.h"
#include "result.h"
#include "run/evidence.h"
#include "run/hostlimiter.h"
#include "run/networkthread.h"
#include "run/runproxies.h"
#include "run/runselection.h"
#include "run/shardplan.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace flowbench {

struct RunOptions
{
    RunSelection selection;
    // Empty: the project's only environment, or none when it has none.
    QString environment;
    int concurrency = 8;   // checks in flight at once (one per test case at most)
    int perHostLimit = 6;  // checks in flight against one host
    // A protected environment runs only when the caller confirmed it (--yes-protected).
    bool confirmProtected = false;
    QString projectDir;    // relative SQLite paths and log globs resolve against it
    int maxEvidenceBytes = 4096;
    int cancelGraceMs = 3000; // executions that ignore cancel() are abandoned after this
    // http checks run on this many threads, each with its own QNetworkAccessManager (test
    // cases are spread over them); 0: on the runner's thread with the runner's manager.
    // Everything else (scheduling, limits, signals, other check types) stays on the
    // runner's thread.
    int networkThreads = 2;
    // Faults on a protected environment act on what others use too: like writes, they are
    // refused unless the caller allows them (--yes-faults); a faulted case errors otherwise.
    bool confirmFaults = false;
    // The run's id; empty: a new one. Shards of one run share it (RunSession).
    Id runId;
    // Set for one shard of a run: of the selection, only the test cases with these ids
    // run (RunSession fills it from the run's shard plan).
    ShardSpec shard;
    QList<Id> shardTestCaseIds;
};

// Runs a selection of a project's test cases in one environment. Test cases run
// concurrently (bounded overall and per host), the steps of one test case in order;
// captures flow into later steps; `eventually` re-runs a step until it passes or its
// bound passes (a try still running then is stopped: the loop never overruns the bound);
// a step that fails or errors skips the rest of its test case. Then its cleanup steps run
// (TestCase::cleanup), whatever the steps did, with the captures made so far.
// Everything happens on the runner's thread through the event loop; nothing blocks.
// The caller stores run() and results() with ProjectStore::addRun.
class Runner : public QObject
{
    Q_OBJECT
public:
    // The network access manager serves every http check of a run with networkThreads 0.
    explicit Runner(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~Runner() override;

    // Checks the input (environment, selection, protection, secrets), prepares every
    // check (jq programs compile here, before any request) and schedules the run on the
    // event loop. Bad input is an error and nothing runs.
    Status start(const Project &project, const RunOptions &options);
    // Stops scheduling, cancels running checks, marks the rest skipped and finishes
    // with cancelled = true; the cleanup steps of test cases that began still run. A
    // second call cuts those short too (each says what it left behind). Safe to call at
    // any time, more than once.
    void cancel();

    bool isRunning() const { return m_running; }
    const Run &run() const { return m_run; }
    // One result per check of the selected test cases, in selection and step order, each
    // test case's cleanup steps after its steps (CheckResult::cleanup).
    QList<CheckResult> results() const;
    const QList<TestCase> &testCases() const { return m_testCases; }
    // What the run's checks said about the run itself (CheckOutcome::warnings), each text
    // once, in the order first seen.
    const QStringList &warnings() const { return m_warnings; }

signals:
    void started(int totalChecks);
    void checkFinished(const flowbench::CheckResult &result);
    void progress(int done, int total);
    void warningRaised(const QString &text); // once per text per run
    void finished(const flowbench::Run &run);
    // The nodes and edges under a fault now (a faulted case began), empty when it ended.
    void faultsActive(const QStringList &targets);

private:
    struct CaseState;

    void begin();
    void schedule();
    void scheduleOnce();
    bool watchesReady(CaseState &state);
    void endCase(CaseState &state);
    bool createExecution(CaseState &state);
    void launch(CaseState &state);
    void onOutcome(CaseState &state, quint64 generation, const CheckOutcome &outcome);
    void retry(CaseState &state);
    void stopAtBound(CaseState &state);
    void dropExecution(CaseState &state);
    void abandonRunning();
    // Explained::Yes: the message already says what a cleanup step left behind.
    enum class Explained { No, Yes };
    void completeStep(CaseState &state, ResultStatus status, QString message, QString evidence,
        qint64 durationMs, Explained explained = Explained::No);
    bool mayProceed(const CaseState &state) const;
    void skipSteps(CaseState &state, const QString &message);
    void beginCleanup(CaseState &state);
    void skipCleanup(CaseState &state);
    void skipUnbegun(CaseState &state);
    QString cutShortMessage(const CaseState &state, const Check &check) const;
    void cancelExecution(CaseState &state);
    void cutCleanup();
    void record(CaseState &state, int step, CheckResult result);
    void finishIfDone();
    void finishNow();
    void noteWarnings(const QStringList &warnings);
    // Faults (run/runproxies.h): a faulted case begins alone and holds the run to itself.
    bool mayBegin(CaseState &state, bool &barrier);
    bool beginFaults(CaseState &state);

    QNetworkAccessManager *m_network;
    // Declared before m_cases: executions on these threads are deleted (deleteLater)
    // before the threads stop.
    std::vector<std::unique_ptr<NetworkThread>> m_threads;
    Project m_project;
    RunOptions m_options;
    Environment m_environment; // as stored; the variable scope holds resolved secrets
    SecretMask m_secrets; // applied to every message, evidence and warning a result carries
    QList<TestCase> m_testCases;
    std::vector<std::unique_ptr<CaseState>> m_cases;
    std::deque<CaseState *> m_ready;   // cases whose next try may start now
    HostLimiter m_hosts;
    int m_inFlight = 0;
    int m_total = 0;
    int m_done = 0;
    bool m_running = false;
    bool m_cancelling = false;
    bool m_cleanupCut = false; // a second cancel: cleanup steps stop too
    bool m_finishQueued = false;
    bool m_scheduling = false;
    bool m_rescheduled = false;
    Run m_run;
    QStringList m_warnings;
    QTimer m_cancelGrace;
    // Declared last: the proxies close before anything they might still serve goes.
    RunProxies m_proxies;
    CaseState *m_exclusive = nullptr; // the faulted case running now, alone
};

} // namespace flowbench
