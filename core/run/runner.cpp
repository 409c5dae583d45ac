#include "run/runner.h"

#include "checks/checkregistry.h"
#include "checks/logbaseline.h"
#include "checks/pgroleverdict.h"
#include "checks/secretresolver.h"
#include "run/cleanupstep.h"
#include "run/evidence.h"
#include "run/runnercase.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <optional>

namespace flowbench {

namespace {
// Executions created ahead of a free host slot; bounds the work done for blocked cases.
constexpr int kMaxParked = 64;

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1);
}

// The host a step talks to when its execution cannot tell before start() (a URL built
// from variables): "host:port" of the interpolated spec.url; empty if none.
QString hostFromSpec(const Check &check, const VariableScope &variables)
{
    const QString url = check.spec.value(QLatin1String("url")).toString();
    if (url.isEmpty())
        return QString();
    const Result<QString> resolved = variables.interpolate(url);
    if (!resolved)
        return QString();
    const QUrl parsed(resolved.value());
    if (!parsed.isValid() || parsed.host().isEmpty())
        return QString();
    const int port = parsed.port(parsed.scheme() == QLatin1String("https") ? 443 : 80);
    return QStringLiteral("%1:%2").arg(parsed.host()).arg(port);
}
} // namespace

Runner::Runner(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    qRegisterMetaType<CheckOutcome>();
    qRegisterMetaType<CheckResult>();
    qRegisterMetaType<Run>();
    m_cancelGrace.setSingleShot(true);
    connect(&m_cancelGrace, &QTimer::timeout, this, &Runner::abandonRunning);
}

Runner::~Runner() = default;

Status Runner::start(const Project &project, const RunOptions &options)
{
    if (m_running)
        return Status::failure(QStringLiteral("a run is already in progress"));
    m_project = project;
    m_options = options;
    m_options.concurrency = qMax(1, options.concurrency);

    // The environment: by name, or the only one.
    const Environment *environment = nullptr;
    QStringList names;
    for (const Environment &e : m_project.environments)
        names << e.name;
    names.sort();
    if (!options.environment.isEmpty()) {
        environment = m_project.environmentByName(options.environment);
        if (!environment)
            return Status::failure(
                QStringLiteral("no environment named \"%1\"; environments: %2")
                    .arg(options.environment,
                        names.isEmpty() ? QStringLiteral("(none)") : names.join(QStringLiteral(", "))));
    } else if (m_project.environments.size() == 1) {
        environment = &m_project.environments.first();
    } else if (m_project.environments.size() > 1) {
        return Status::failure(QStringLiteral("the project has several environments; choose one of: %1")
                                   .arg(names.join(QStringLiteral(", "))));
    }
    m_environment = environment ? *environment : Environment();
    if (m_environment.isProtected && !options.confirmProtected)
        return Status::failure(QStringLiteral(
            "environment \"%1\" is protected: running against it needs an explicit confirmation")
                                   .arg(m_environment.name));
    VariableScope base;
    const Status variables = SecretResolver::addVariables(m_environment, base);
    if (!variables)
        return variables;
    m_secrets = SecretMask::forEnvironment(m_environment, base.values());

    Result<QList<TestCase>> selected = selectTestCases(m_project, options.selection);
    if (!selected)
        return Status::failure(selected.error());
    m_testCases = std::move(selected).value();
    if (options.shard.isSet()) {
        const QSet<Id> ofShard(options.shardTestCaseIds.cbegin(), options.shardTestCaseIds.cend());
        m_testCases.removeIf([&](const TestCase &t) { return !ofShard.contains(t.id); });
    }
    // Basic-auth credentials of the selected checks are masked like environment secrets,
    // with the header forms they take on the wire (a server echoing headers shows them).
    for (const TestCase &t : std::as_const(m_testCases))
        for (const QList<Check> *checks : { &t.checks, &t.cleanup })
            for (const Check &c : *checks)
                m_secrets.addBasicAuth(c.spec.value(QLatin1String("auth")).toObject(), base);

    m_run = Run();
    m_run.id = options.runId.isEmpty() ? newId() : options.runId;
    m_run.environment = m_environment.name;
    m_run.selection = options.selection.describe();
    m_run.startedAt = QDateTime::currentDateTimeUtc();

    base.setRunId(m_run.id);

    // Validate and prepare every check before the first request (jq compiles here).
    const CheckRegistry &registry = CheckRegistry::instance();
    m_cases.clear();
    m_ready.clear();
    m_hosts = HostLimiter(options.perHostLimit);
    m_inFlight = m_total = m_done = 0;
    // Log checks count only lines written from here on: file sizes before the first step.
    QList<Check> allChecks;
    for (const TestCase &testCase : m_testCases)
        allChecks += testCase.checks + testCase.cleanup;
    const auto logBaseline
        = std::make_shared<const LogBaseline>(LogBaseline::take(allChecks, options.projectDir, base));
    // sql checks ask each PostgreSQL connection's role once per run what it may do.
    const auto roleVerdicts = std::make_shared<PgRoleVerdicts>();
    m_warnings.clear();
    const int threadCount = qMin(qMax(0, options.networkThreads), int(m_testCases.size()));
    while (int(m_threads.size()) < threadCount)
        m_threads.push_back(std::make_unique<NetworkThread>());
    int caseIndex = 0;
    for (const TestCase &testCase : m_testCases) {
        auto state = std::make_unique<CaseState>();
        state->context.logBaseline = logBaseline;
        state->context.pgRoleVerdicts = roleVerdicts;
        state->testCase = &testCase;
        state->context.environment = &m_environment;
        state->context.projectDir = options.projectDir;
        state->context.variables = base;
        state->context.runStartedAt = m_run.startedAt;
        state->thread = threadCount > 0 ? m_threads[size_t(caseIndex++ % threadCount)].get() : nullptr;
        state->context.network = state->thread ? state->thread->network() : m_network;
        state->context.maxEvidenceBytes = options.maxEvidenceBytes;
        for (const Check &check : testCase.checks)
            state->plan.append(&check);
        state->cleanupStart = int(state->plan.size());
        for (const Check &check : testCase.cleanup)
            state->plan.append(&check);
        state->results.resize(state->plan.size());
        for (const Check *step : std::as_const(state->plan)) {
            const Check &check = *step;
            const Status valid = registry.validate(check);
            if (valid) {
                registry.type(check.type)->prepare(check);
                state->specErrors << QString();
            } else {
                state->specErrors << valid.error();
            }
        }
        state->retryTimer.setSingleShot(true);
        state->boundTimer.setSingleShot(true);
        state->boundTimer.setTimerType(Qt::PreciseTimer);
        CaseState *raw = state.get();
        connect(&state->retryTimer, &QTimer::timeout, this, [this, raw] { retry(*raw); });
        connect(&state->boundTimer, &QTimer::timeout, this, [this, raw] { stopAtBound(*raw); });
        state->done = state->plan.isEmpty();
        m_total += int(state->plan.size());
        m_cases.push_back(std::move(state));
    }

    m_running = true;
    m_cancelling = false;
    m_cleanupCut = false;
    m_finishQueued = false;
    QTimer::singleShot(0, this, &Runner::begin);
    return success();
}

void Runner::begin()
{
    if (!m_running)
        return;
    emit started(m_total);
    emit progress(0, m_total);
    // Pass-through from before the first case to after the last: the system under test
    // reaches its dependencies through them.
    m_exclusive = nullptr;
    m_proxies.start(m_project, m_environment);
    // Test cases without faults still run (through whatever holds the port): say so once.
    noteWarnings(m_proxies.problems());
    if (!m_cancelling) {
        for (auto &state : m_cases)
            if (!state->done)
                m_ready.push_back(state.get());
        schedule();
    }
    finishIfDone();
}

// Re-entrant calls (a check that finishes synchronously) only ask for another pass.
void Runner::schedule()
{
    if (m_scheduling) {
        m_rescheduled = true;
        return;
    }
    m_scheduling = true;
    do {
        m_rescheduled = false;
        scheduleOnce();
    } while (m_rescheduled);
    m_scheduling = false;
}

void Runner::scheduleOnce()
{
    if (m_cleanupCut)
        return;
    std::deque<CaseState *> candidates;
    candidates.swap(m_ready);
    std::deque<CaseState *> kept;
    int parked = 0;
    bool barrier = false; // a faulted case waits for the running ones: nothing new begins
    for (CaseState *state : candidates) {
        if (state->done || state->inFlight || !mayProceed(*state))
            continue;
        if (!mayBegin(*state, barrier)) {
            kept.push_back(state);
            continue;
        }
        if (m_inFlight >= m_options.concurrency) {
            kept.push_back(state);
            continue;
        }
        if (!watchesReady(*state))
            continue; // back in the queue when its watches are ready
        if (!state->execution) {
            if (parked >= kMaxParked) {
                kept.push_back(state);
                continue;
            }
            if (!createExecution(*state))
                continue; // the step was recorded as an error
        }
        if (!m_hosts.tryAcquire(state->host)) {
            ++parked;
            kept.push_back(state);
            continue;
        }
        launch(*state);
    }
    // Cases that became ready during this pass go first: finish what was started.
    for (CaseState *state : kept)
        m_ready.push_back(state);
}

// A case that has not begun may begin unless a faulted case runs; a faulted case begins
// only when no other case is running, and then alone: a fault on a shared dependency
// would change the other cases' results. Cases behind a waiting faulted case wait too,
// so it is not overtaken for ever.
bool Runner::mayBegin(CaseState &state, bool &barrier)
{
    if (state.watchesPending >= 0 || m_exclusive == &state)
        return true; // begun already (a faulted case may still wait for a free slot)
    if (m_exclusive || barrier)
        return false;
    if (state.testCase->faults.isEmpty())
        return true;
    for (const auto &other : m_cases)
        if (other.get() != &state && other->watchesPending >= 0 && !other->done) {
            barrier = true;
            return false;
        }
    return beginFaults(state);
}

// Applies the case's faults before its first step (and before its watches start). A
// fault that cannot hold is the first step's error; the rest are skipped.
bool Runner::beginFaults(CaseState &state)
{
    m_exclusive = &state;
    const QList<CaseFault> &faults = state.testCase->faults;
    const QString text = activeFaultsText(m_project, faults);
    Status applied;
    if (m_environment.isProtected && !m_options.confirmFaults)
        applied
            = Status::failure(QStringLiteral("%1: environment \"%2\" is protected; faults are refused there "
                                             "like writes unless the run allows them (--yes-faults)")
                                  .arg(text, m_environment.name));
    else
        applied = m_proxies.apply(faults);
    if (!applied) {
        state.watchesPending = 0; // it has begun, with nothing to wait for
        completeStep(state, ResultStatus::Error, applied.error(), QString(), 0);
        return false;
    }
    state.faults = text;
    QStringList targets;
    for (const CaseFault &f : faults)
        targets << f.target;
    targets.removeDuplicates();
    emit faultsActive(targets);
    return true;
}

// A case begins by starting what its checks hold for its whole duration (an AMQP queue
// bound before the step that publishes); its first step waits until they are ready.
bool Runner::watchesReady(CaseState &state)
{
    if (state.watchesPending >= 0)
        return state.watchesPending == 0;
    state.watchesPending = 0;
    const CheckRegistry &registry = CheckRegistry::instance();
    QList<std::shared_ptr<CaseWatch>> started;
    for (qsizetype i = 0; i < state.plan.size(); ++i) {
        if (!state.specErrors.at(i).isEmpty())
            continue;
        const Check &check = state.check(int(i));
        std::shared_ptr<CaseWatch> watch = registry.type(check.type)->watch(check, state.context);
        if (!watch)
            continue;
        state.context.watches.insert(check.id, watch);
        ++state.watchesPending;
        // Queued, and checked against the run: the case may have ended (cancel) meanwhile.
        connect(
            watch.get(), &CaseWatch::ready, this,
            [this, raw = &state, runId = m_run.id] {
                if (!m_running || m_run.id != runId || raw->done || raw->watchesPending <= 0)
                    return;
                if (--raw->watchesPending == 0) {
                    m_ready.push_front(raw);
                    schedule();
                }
            },
            Qt::QueuedConnection);
        started.append(watch);
    }
    for (const auto &watch : started)
        watch->start();
    return state.watchesPending == 0;
}

// The case is over: what its checks held (queues, connections) goes now, not at run end.
void Runner::endCase(CaseState &state)
{
    state.done = true;
    state.context.watches.clear();
    if (m_exclusive == &state) {
        m_proxies.clear(); // pass-through again before any other case begins
        m_exclusive = nullptr;
        if (!state.faults.isEmpty())
            emit faultsActive({});
    }
}

bool Runner::createExecution(CaseState &state)
{
    const Check &check = state.check(state.step);
    const QString &specError = state.specErrors.at(state.step);
    if (!specError.isEmpty()) {
        completeStep(state, ResultStatus::Error, specError, QString(), 0);
        return false;
    }
    if (state.inCleanup()) {
        // Said before anything is sent: which capture is missing, so what stays behind.
        const QStringList missing = missingVariables(check, state.context.variables);
        if (!missing.isEmpty()) {
            completeStep(state, ResultStatus::Error, missingCaptureMessage(*state.testCase, check, missing),
                QString(), 0, Explained::Yes);
            return false;
        }
    }
    const CheckType *type = CheckRegistry::instance().type(check.type);
    state.execution.reset(type->create(check, state.context).release());
    if (!state.execution) {
        completeStep(state, ResultStatus::Error,
            QStringLiteral("the %1 check could not be started").arg(check.type), QString(), 0);
        return false;
    }
    state.host = state.execution->target();
    if (state.host.isEmpty())
        state.host = hostFromSpec(check, state.context.variables);
    const quint64 generation = ++state.generation;
    // Queued: an execution may finish inside start(); handle it after the scheduler pass.
    connect(
        state.execution.get(), &CheckExecution::finished, this,
        [this, raw = &state, generation](
            const CheckOutcome &outcome) { onOutcome(*raw, generation, outcome); },
        Qt::QueuedConnection);
    // Only socket executions move: the other types use thread-bound resources (SQL connections).
    if (state.thread && type->runsOnNetworkThread())
        state.execution->moveToThread(state.thread->thread());
    return true;
}

void Runner::launch(CaseState &state)
{
    state.inFlight = true;
    ++m_inFlight;
    if (state.attempts == 0)
        state.stepClock.start();
    ++state.attempts;
    state.tryStartedMs = state.stepClock.elapsed();
    // A try gets only what is left of `eventually`'s bound.
    const Eventually &eventually = state.check(state.step).eventually;
    if (eventually.enabled())
        state.boundTimer.start(int(qMax<qint64>(0, eventually.timeoutMs - state.stepClock.elapsed())));
    CheckExecution *execution = state.execution.get();
    if (execution->thread() == thread())
        execution->start();
    else
        QMetaObject::invokeMethod(
            execution, [execution] { execution->start(); }, Qt::QueuedConnection);
}

void Runner::onOutcome(CaseState &state, quint64 generation, const CheckOutcome &outcome)
{
    if (state.generation != generation || !state.inFlight)
        return; // a stale or duplicate signal
    state.inFlight = false;
    --m_inFlight;
    state.boundTimer.stop();
    m_hosts.release(state.host);
    dropExecution(state);
    noteWarnings(outcome.warnings);

    const Check &check = state.check(state.step);
    if (state.inCleanup() && m_cleanupCut) {
        if (outcome.status == ResultStatus::Pass)
            completeStep(state, outcome.status, outcome.message, outcome.evidence, state.stepClock.elapsed());
        else
            completeStep(state, ResultStatus::Skipped, cutShortMessage(state, check), QString(),
                state.stepClock.elapsed(), Explained::Yes);
        return;
    }
    if (m_cancelling && !state.inCleanup()) {
        if (outcome.status == ResultStatus::Error)
            completeStep(state, ResultStatus::Skipped, QStringLiteral("skipped: run cancelled"), QString(),
                state.stepClock.elapsed());
        else if (outcome.status != ResultStatus::Pass && check.eventually.enabled())
            // A try that ended just before the cancel reached its thread: the poll is unfinished.
            completeStep(state, ResultStatus::Skipped,
                QStringLiteral("skipped: run cancelled after %1 tries").arg(state.attempts), QString(),
                state.stepClock.elapsed());
        else
            completeStep(state, outcome.status, outcome.message, outcome.evidence, state.stepClock.elapsed());
        return;
    }
    const qint64 elapsed = state.stepClock.elapsed();
    if (outcome.status != ResultStatus::Pass && check.eventually.enabled()
        && elapsed + check.eventually.intervalMs < check.eventually.timeoutMs) {
        state.lastTry = outcome;
        state.tries.note(state.attempts, state.tryStartedMs, outcome.status, outcome.message);
        state.retryTimer.start(qMax(0, check.eventually.intervalMs));
        schedule(); // the freed slot goes to another case meanwhile
        return;
    }
    if (outcome.status == ResultStatus::Pass) {
        for (auto it = outcome.captures.cbegin(); it != outcome.captures.cend(); ++it)
            state.context.variables.set(it.key(), it.value());
    }
    QString message = outcome.message;
    if (check.eventually.enabled() && state.attempts > 1) {
        message
            = QStringLiteral("after %1 tries in %2 s: %3").arg(state.attempts).arg(seconds(elapsed), message);
        if (outcome.status != ResultStatus::Pass) // completeStep lists the tries
            state.tries.note(state.attempts, state.tryStartedMs, outcome.status, outcome.message);
    }
    const qint64 duration
        = check.eventually.enabled() || outcome.durationMs <= 0 ? elapsed : outcome.durationMs;
    completeStep(state, outcome.status, message, outcome.evidence, duration);
}

// The try in flight would end past `eventually`'s bound: it ends now, and the step with
// the verdict of the try before it (or an error when no try finished).
void Runner::stopAtBound(CaseState &state)
{
    if (!state.inFlight || !mayProceed(state) || state.done)
        return;
    state.inFlight = false;
    --m_inFlight;
    m_hosts.release(state.host);
    dropExecution(state);
    const qint64 boundMs = state.check(state.step).eventually.timeoutMs;
    const qint64 elapsed = state.stepClock.elapsed();
    const QString stopped
        = QStringLiteral("try %1 was stopped when the %2 ms bound passed").arg(state.attempts).arg(boundMs);
    if (!state.lastTry) {
        completeStep(state, ResultStatus::Error,
            QStringLiteral("no try finished within eventually's bound: %1 (timeout_ms)").arg(stopped),
            QString(), elapsed);
        return;
    }
    const CheckOutcome last = *state.lastTry;
    state.tries.noteStopped(state.attempts, state.tryStartedMs);
    completeStep(state, last.status,
        QStringLiteral("after %1 tries in %2 s: %3; %4")
            .arg(state.attempts)
            .arg(seconds(elapsed), last.message, stopped),
        last.evidence, elapsed);
}

void Runner::noteWarnings(const QStringList &warnings)
{
    for (const QString &text : m_secrets.apply(warnings)) {
        if (m_warnings.contains(text))
            continue;
        m_warnings.append(text);
        emit warningRaised(text);
    }
}

void Runner::retry(CaseState &state)
{
    if (!m_running || !mayProceed(state) || state.done)
        return;
    m_ready.push_front(&state);
    schedule();
}

void Runner::dropExecution(CaseState &state)
{
    if (!state.execution)
        return;
    CheckExecution *execution = state.execution.release();
    disconnect(execution, nullptr, this, nullptr);
    execution->deleteLater(); // may be inside its own signal emission, or on a network thread
    state.host.clear();
}

void Runner::completeStep(CaseState &state, ResultStatus status, QString message, QString evidence,
    qint64 durationMs, Explained explained)
{
    const int step = state.step;
    const bool cleanup = state.inCleanup();
    if (cleanup && explained == Explained::No
        && (status == ResultStatus::Fail || status == ResultStatus::Error)) {
        // A cleanup that did not pass is the test case's error, not a fail of its steps.
        const Check &check = state.check(step);
        message = leftBehindMessage(check, cleanupTarget(check, state.context.variables), message);
        status = ResultStatus::Error;
    }
    CheckResult result;
    result.status = status;
    // The one place a result's text is made: resolved secrets never leave it.
    result.message = m_secrets.apply(std::move(message));
    // Executions already cut their evidence; only a long one needs the UTF-8 measure.
    result.evidence = m_secrets.apply(qint64(evidence.size()) * 3 <= m_options.maxEvidenceBytes
            ? std::move(evidence)
            : truncateEvidence(evidence, m_options.maxEvidenceBytes));
    // The tries of an `eventually` step that did not pass go above the last try's evidence,
    // outside its byte bound (at most 10 short lines), so they never push it out.
    if (status != ResultStatus::Pass && !state.tries.isEmpty())
        result.evidence = m_secrets.apply(state.tries.above(result.evidence));
    result.durationMs = durationMs;
    result.attempts = state.attempts;
    record(state, step, std::move(result));
    state.attempts = 0;
    state.lastTry.reset();
    state.tries.clear();
    ++state.step;
    if (!cleanup) {
        if (status == ResultStatus::Fail || status == ResultStatus::Error)
            skipSteps(state,
                QStringLiteral("skipped: step %1 %2")
                    .arg(step + 1)
                    .arg(
                        status == ResultStatus::Fail ? QStringLiteral("failed") : QStringLiteral("errored")));
        else if (m_cancelling)
            skipSteps(state, QStringLiteral("skipped: run cancelled"));
        else if (state.inCleanup())
            beginCleanup(state);
        else
            m_ready.push_front(&state);
    } else if (m_cleanupCut) {
        skipCleanup(state);
    } else if (state.step >= state.plan.size()) {
        endCase(state);
    } else {
        m_ready.push_front(&state); // every cleanup step runs, whatever the one before it did
    }
    schedule(); // the slot this step held goes to the next ready case
    finishIfDone();
}

bool Runner::mayProceed(const CaseState &state) const
{
    return !m_cancelling || (state.inCleanup() && !m_cleanupCut);
}

void Runner::record(CaseState &state, int step, CheckResult result)
{
    const Check &check = state.check(step);
    result.id = newId();
    result.runId = m_run.id;
    result.testCaseId = state.testCase->id;
    result.checkId = check.id;
    result.nodeId = state.testCase->nodeId;
    result.finishedAt = QDateTime::currentDateTimeUtc();
    result.faults = state.faults;
    result.cleanup = step >= state.cleanupStart;
    state.results[step] = result;
    ++m_done;
    emit checkFinished(result);
    emit progress(m_done, m_total);
}

void Runner::finishIfDone()
{
    if (!m_running || m_finishQueued || m_inFlight > 0)
        return;
    for (const auto &state : m_cases)
        if (!state->done)
            return;
    m_finishQueued = true;
    QTimer::singleShot(0, this, &Runner::finishNow);
}

void Runner::finishNow()
{
    m_cancelGrace.stop();
    m_running = false;
    m_proxies.stop();
    m_exclusive = nullptr;
    // The baseline holds the run's log files open (rotated ones too): let them go.
    for (auto &state : m_cases)
        state->context.logBaseline.reset();
    m_run.finishedAt = QDateTime::currentDateTimeUtc();
    m_run.passed = m_run.failed = m_run.errors = m_run.skipped = 0;
    for (const CheckResult &result : results()) {
        // Counts are of the steps; a cleanup step counts only when it left something
        // behind, as an error of the run (exit code 2).
        if (result.cleanup) {
            m_run.errors += result.status == ResultStatus::Error ? 1 : 0;
            continue;
        }
        switch (result.status) {
        case ResultStatus::Pass:
            ++m_run.passed;
            break;
        case ResultStatus::Fail:
            ++m_run.failed;
            break;
        case ResultStatus::Error:
            ++m_run.errors;
            break;
        case ResultStatus::Skipped:
            ++m_run.skipped;
            break;
        }
    }
    emit finished(m_run);
}

QList<CheckResult> Runner::results() const
{
    QList<CheckResult> all;
    all.reserve(m_total);
    for (const auto &state : m_cases)
        for (const auto &result : state->results)
            if (result)
                all.append(*result);
    return all;
}

} // namespace flowbench
