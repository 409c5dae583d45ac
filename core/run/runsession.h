#pragma once

#include "model/project.h"
#include "result.h"
#include "run/environmentlease.h"
#include "run/runner.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QNetworkAccessManager;

namespace flowbench {

class ProjectDocument;

// The one way to run a selection of a project, for the GUI (RunController) and for
// `flowbench-cli run` alike. Both hand it the ProjectDocument of the open project (the
// CLI opens one on the file): one source for the snapshot, the environments, the
// read-only state and the run history, so what is run and how it is stored cannot differ
// between them.
//
// start() snapshots the document (content + environments), lets the Runner check the
// input (environment, protection, secrets, selection) and prepare every check, refuses
// an empty selection ("nothing to run"), and schedules the run on the caller's event
// loop: nothing blocks. The runner's signals are forwarded. When the run ends, finished
// or cancelled, it is stored through ProjectDocument::addRun (one transaction, runAdded)
// before finished() is emitted; a read-only project runs like any other, its run is not
// stored and storeNote() says so. One session is one run.
//
// With RunOptions::shard and runId the session runs one shard of a run split over
// several processes (`flowbench-cli run --shard K/N --run-id ID`): start() claims the
// stored run (ProjectStore::claimShardedRun) and runs the test cases its plan gives shard
// K; at the end the shard's results join the stored run. A shard with no test cases
// (more shards than test cases) finishes at once with none, so the run becomes whole.
class RunSession : public QObject
{
    Q_OBJECT
public:
    // Why start() failed, for callers that answer differently (the CLI's hint, exit code).
    enum class Refusal {
        None,
        BadInput, // unknown environment, flow, node or test case; a secret that is missing...
        NeedsConfirmation, // a protected environment without RunOptions::confirmProtected
        NothingToRun, // the selection holds no automated test case with checks
        NoProject, // the document is gone
        AlreadyStarted, // a session runs once
        LeaseHeld, // another run holds the shared or protected environment (try again later)
    };
    enum class Storage {
        Pending, // not finished yet
        Stored, // in the project's run history
        ReadOnly, // shown to the caller, not stored: the project is read-only
        Failed, // the store refused it (storeNote() says why)
    };

    // RunOptions::projectDir is the document's folder whatever the caller sets.
    RunSession(ProjectDocument *document, const RunOptions &options, QObject *parent = nullptr);
    // A run still going is cancelled and abandoned: nothing half-finished is stored.
    ~RunSession() override;

    // A run against a shared or protected environment holds its lease from start() to the
    // end of the run (run/environmentlease.h) and is audited; when another run holds it,
    // start() refuses (Refusal::LeaseHeld) naming who. Nothing is leased for a read-only
    // project (it cannot write the lease): a warning says so.
    Status start();
    void setLeaseTiming(const LeaseTiming &timing) { m_leaseTiming = timing; }
    // Stops the run: running checks are cancelled, the rest skipped; the cancelled run is
    // stored like a finished one. Safe at any time, more than once.
    void cancel();

    bool isRunning() const;
    bool isFinished() const { return m_storage != Storage::Pending; }
    Refusal refusal() const { return m_refusal; }
    const RunOptions &options() const { return m_options; }
    // What the run runs on: the document's snapshot with its environments.
    const Project &project() const { return m_project; }
    // The selected test cases, in run order (after a successful start()).
    QList<TestCase> testCases() const;
    int totalChecks() const;
    Run run() const;
    // The run as stored once finished: run() unless this session ran one shard of a
    // sharded run (RunOptions::shard), then the whole stored run with the counts of every
    // shard in so far and which are missing (Run::isPartial).
    Run storedRun() const { return m_storedRun; }
    // One result per check of the selection, in selection and step order; complete once
    // finished (skipped checks included).
    QList<CheckResult> results() const;
    QStringList warnings() const; // about the run, each text once
    Storage storage() const { return m_storage; }
    // Empty when the run was stored; otherwise why not, naming the project file.
    QString storeNote() const { return m_storeNote; }

signals:
    void started(const flowbench::Run &run, int totalChecks);
    void checkFinished(const flowbench::CheckResult &result);
    void progress(int done, int total);
    void warningRaised(const QString &text); // once per text per run
    // Nodes and edges under a fault of the test case running now; empty when none.
    void faultsActive(const QStringList &targets);
    // The run ended and storage() says where it went.
    void finished(const flowbench::Run &run);

private:
    Status refuse(Refusal why, const QString &message);
    void onFinished(const Run &run);
    void store(const Run &run);
    Status takeLease(const Runner &runner);
    void warn(const QString &text);
    // A shard: plans the run or takes the plan its first shard stored, and narrows the
    // options to this shard's test cases.
    Status planShard();

    QPointer<ProjectDocument> m_document;
    RunOptions m_options;
    QString m_projectPath; // as the document names it, for the notes
    Project m_project;
    // Declared before the runner: it serves the runner's checks until the runner is gone.
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Runner> m_runner;
    Run m_run;
    Run m_storedRun;
    bool m_shardClaimed = false; // the run's row holds this shard's plan
    QList<CheckResult> m_results; // taken from the runner when it finishes
    Refusal m_refusal = Refusal::None;
    Storage m_storage = Storage::Pending;
    QString m_storeNote;
    LeaseTiming m_leaseTiming = LeaseTiming::fromEnvironment();
    std::unique_ptr<EnvironmentLease> m_lease;
    QStringList m_sessionWarnings; // the lease's; the runner's are its own
};

} // namespace flowbench
