#include "run/runsession.h"

#include "document/projectdocument.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTimer>

namespace flowbench {

namespace {

// The environment the runner picks (by name, or the only one); null when none or unknown.
const Environment *chosenEnvironment(const Project &project, const QString &name)
{
    if (!name.isEmpty())
        return project.environmentByName(name);
    return project.environments.size() == 1 ? &project.environments.first() : nullptr;
}

} // namespace

RunSession::RunSession(ProjectDocument *document, const RunOptions &options, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_options(options)
{
}

RunSession::~RunSession()
{
    if (m_runner && m_runner->isRunning()) {
        m_runner->disconnect(this);
        m_runner->cancel();
    }
}

Status RunSession::refuse(Refusal why, const QString &message)
{
    m_refusal = why;
    return Status::failure(message);
}

Status RunSession::start()
{
    if (!m_document)
        return refuse(Refusal::NoProject, tr("no project is open"));
    if (m_runner)
        return refuse(Refusal::AlreadyStarted, tr("this run was started already; start another one"));
    m_refusal = Refusal::None;
    m_project = m_document->snapshot();
    m_project.environments = m_document->environments();
    m_projectPath = m_document->filePath();
    // Relative paths in checks (log files, SQLite databases) are relative to the project
    // file; a shared project has no folder, so they are relative to where the run starts.
    m_options.projectDir
        = m_document->location().isShared() ? QDir::currentPath() : QFileInfo(m_projectPath).absolutePath();

    if (m_options.shard.isSet())
        if (const Status planned = planShard(); !planned)
            return refuse(Refusal::BadInput, planned.error());

    m_network = std::make_unique<QNetworkAccessManager>();
    auto runner = std::make_unique<Runner>(m_network.get());
    if (const Status started = runner->start(m_project, m_options); !started) {
        // The runner checks protection right after finding the environment: a protected,
        // unconfirmed one is always why it refused.
        const Environment *environment = chosenEnvironment(m_project, m_options.environment);
        const bool unconfirmed = environment && environment->isProtected && !m_options.confirmProtected;
        return refuse(unconfirmed ? Refusal::NeedsConfirmation : Refusal::BadInput, started.error());
    }
    if (runner->testCases().isEmpty() && m_shardClaimed) {
        // This shard has nothing to run, the others do: it is in with no results.
        m_run = runner->run();
        m_run.finishedAt = m_run.startedAt;
        runner->cancel();
        QTimer::singleShot(0, this, [this] {
            store(m_run);
            emit finished(m_run);
        });
        return success();
    }
    if (runner->testCases().isEmpty()) {
        runner->cancel(); // its queued finish dies with it
        return refuse(Refusal::NothingToRun,
            tr("nothing to run: no automated test case matches the selection (%1)")
                .arg(m_options.selection.describe()));
    }
    if (const Status leased = takeLease(*runner); !leased) {
        runner->cancel();
        return refuse(
            m_lease && m_lease->isHeldByOther() ? Refusal::LeaseHeld : Refusal::BadInput, leased.error());
    }
    m_runner = std::move(runner);
    m_run = m_runner->run();
    connect(
        m_runner.get(), &Runner::started, this, [this](int total) { emit started(m_runner->run(), total); });
    connect(m_runner.get(), &Runner::checkFinished, this, &RunSession::checkFinished);
    connect(m_runner.get(), &Runner::progress, this, &RunSession::progress);
    connect(m_runner.get(), &Runner::warningRaised, this, &RunSession::warningRaised);
    connect(m_runner.get(), &Runner::faultsActive, this, &RunSession::faultsActive);
    connect(m_runner.get(), &Runner::finished, this, &RunSession::onFinished);
    return success();
}

Status RunSession::planShard()
{
    const ShardSpec &shard = m_options.shard;
    if (m_options.runId.isEmpty())
        return Status::failure(
            tr("shard %1 needs the id of its run, the same for every shard").arg(shard.toString()));
    if (m_document->isReadOnly())
        return Status::failure(
            tr("%1: is read-only (%2); the shards of a run meet in the project, so it must be writable")
                .arg(m_projectPath, m_document->readOnlyReason()));
    const Result<QList<TestCase>> selected = selectTestCases(m_project, m_options.selection);
    if (!selected)
        return Status::failure(selected.error());
    QList<Id> ids;
    for (const TestCase &t : selected.value())
        ids.append(t.id);
    if (ids.isEmpty())
        return success(); // nothing to run: start() says so, and no run is claimed
    // This run's own results never weigh: a shard starting after another finished
    // computes the same plan as one starting before it (the stored plan wins anyway).
    const Result<QHash<Id, qint64>> durations = m_document->testCaseDurations(m_options.runId);
    if (!durations)
        return Status::failure(durations.error());
    const ShardPlan plan = ShardPlan::split(ids, durations.value(), shard.count);

    Run claim;
    claim.id = m_options.runId;
    const Environment *environment = chosenEnvironment(m_project, m_options.environment);
    claim.environment = environment ? environment->name : m_options.environment;
    claim.selection = m_options.selection.describe();
    claim.startedAt = QDateTime::currentDateTimeUtc();
    claim.shardCount = shard.count;
    const Result<ShardedRunClaim> claimed = m_document->claimShardedRun(claim, plan.toJson());
    if (!claimed)
        return Status::failure(claimed.error());
    const Run &stored = claimed.value().run;
    const Result<ShardPlan> storedPlan = ShardPlan::fromJson(claimed.value().plan);
    if (!storedPlan)
        return Status::failure(tr("run %1: %2").arg(stored.id, storedPlan.error()));
    if (storedPlan.value().testCaseIds() != plan.testCaseIds() || stored.environment != claim.environment)
        return Status::failure(
            tr("run %1 was started with another selection or environment (%2 in %3; this shard: %4 in %5); "
               "give every shard the same options")
                .arg(stored.id, stored.selection,
                    stored.environment.isEmpty() ? tr("(none)") : stored.environment, claim.selection,
                    claim.environment.isEmpty() ? tr("(none)") : claim.environment));
    if (stored.shardsIn.contains(shard.index))
        return Status::failure(tr("shard %1 of run %2 is in already; run the shards again under a new run id")
                                   .arg(shard.toString(), stored.id));
    m_options.shardTestCaseIds = storedPlan.value().shard(shard.index);
    m_shardClaimed = true;
    return success();
}

void RunSession::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

bool RunSession::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

QList<TestCase> RunSession::testCases() const
{
    return m_runner ? m_runner->testCases() : QList<TestCase>();
}

int RunSession::totalChecks() const
{
    int total = 0;
    for (const TestCase &t : testCases())
        total += int(t.checks.size() + t.cleanup.size());
    return total;
}

Run RunSession::run() const
{
    return m_runner && m_runner->isRunning() ? m_runner->run() : m_run;
}

QList<CheckResult> RunSession::results() const
{
    return m_runner && m_runner->isRunning() ? m_runner->results() : m_results;
}

QStringList RunSession::warnings() const
{
    return m_sessionWarnings + (m_runner ? m_runner->warnings() : QStringList());
}

void RunSession::warn(const QString &text)
{
    if (m_sessionWarnings.contains(text))
        return;
    m_sessionWarnings.append(text);
    emit warningRaised(text);
}

Status RunSession::takeLease(const Runner &runner)
{
    m_lease.reset();
    const Environment *environment = chosenEnvironment(m_project, m_options.environment);
    if (!environment || !EnvironmentLease::isNeeded(*environment))
        return success();
    if (m_document->isReadOnly()) {
        warn(tr("environment \"%1\" is %2, but this project is read-only (%3): no lease was "
                "taken for this run and it is not in the environment's audit")
                 .arg(environment->name, environment->isShared ? tr("shared") : tr("protected"),
                     m_document->readOnlyReason()));
        return success();
    }
    m_lease = std::make_unique<EnvironmentLease>(m_document->leaseStore(), m_leaseTiming);
    connect(m_lease.get(), &EnvironmentLease::warningRaised, this, &RunSession::warn);
    const bool faultsAllowed = !environment->isProtected || m_options.confirmFaults;
    return m_lease->take(*environment, runner.run(), runner.testCases(), faultsAllowed);
}

void RunSession::onFinished(const Run &run)
{
    m_run = run;
    m_storedRun = run;
    // The runner's list is complete (skipped checks included) and in selection order.
    m_results = m_runner->results();
    // Released before the run is stored: the next run may start while this one's history
    // is written. On every outcome: passed, failed, cancelled or with errors.
    if (m_lease) {
        if (const Status released = m_lease->finish(run); !released)
            warn(released.error());
        m_lease.reset();
    }
    store(run);
    emit finished(run);
}

void RunSession::store(const Run &run)
{
    if (!m_document) {
        m_storage = Storage::Failed;
        m_storeNote
            = tr("%1: the run could not be stored: the project was closed while it ran").arg(m_projectPath);
        return;
    }
    const QString &path = m_projectPath;
    if (m_document->isReadOnly()) {
        // A read-only project runs like any other; only its history does not grow.
        m_storage = Storage::ReadOnly;
        m_storeNote = tr("%1: is read-only (%2); the results of this run were not stored in it")
                          .arg(path, m_document->readOnlyReason());
        return;
    }
    const Status stored = m_shardClaimed ? m_document->addShardResults(run, m_options.shard.index, m_results)
                                         : m_document->addRun(run, m_results);
    if (!stored) {
        m_storage = Storage::Failed;
        m_storeNote = tr("%1: the run could not be stored: %2").arg(path, stored.error());
        return;
    }
    m_storage = Storage::Stored;
    m_storeNote.clear();
    if (m_shardClaimed)
        if (const Result<Run> whole = m_document->storedRun(run.id))
            m_storedRun = whole.value();
}

} // namespace flowbench
