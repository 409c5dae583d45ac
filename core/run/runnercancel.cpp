// Runner: cancel and cleanup. The first cancel skips the steps not run and lets every
// begun case's cleanup steps run; a second cancel cuts the cleanup short, each skipped
// cleanup step naming what it leaves behind.

#include "run/cleanupstep.h"
#include "run/runner.h"
#include "run/runnercase.h"

#include <deque>
#include <utility>

namespace flowbench {

// The rest of the steps are skipped; the cleanup steps come next.
void Runner::skipSteps(CaseState &state, const QString &message)
{
    state.retryTimer.stop();
    state.boundTimer.stop();
    if (!state.inFlight)
        dropExecution(state);
    for (; state.step < state.cleanupStart; ++state.step) {
        CheckResult result;
        result.status = ResultStatus::Skipped;
        result.message = message;
        record(state, state.step, std::move(result));
    }
    beginCleanup(state);
}

void Runner::beginCleanup(CaseState &state)
{
    if (state.step >= state.plan.size())
        endCase(state);
    else if (m_cleanupCut)
        skipCleanup(state);
    else
        m_ready.push_front(&state); // the caller schedules
}

QString Runner::cutShortMessage(const CaseState &state, const Check &check) const
{
    return leftBehindMessage(check, cleanupTarget(check, state.context.variables),
        QStringLiteral("not done: cleanup cut short by a second cancel"));
}

// A second cancel: the cleanup steps not run yet are skipped, each naming what stays.
void Runner::skipCleanup(CaseState &state)
{
    state.retryTimer.stop();
    state.boundTimer.stop();
    if (!state.inFlight)
        dropExecution(state);
    for (; state.step < state.plan.size(); ++state.step) {
        CheckResult result;
        result.status = ResultStatus::Skipped;
        result.message = m_secrets.apply(cutShortMessage(state, state.check(state.step)));
        record(state, state.step, std::move(result));
    }
    endCase(state);
}

// Cancelled before any step was tried: nothing to clean up, nothing runs.
void Runner::skipUnbegun(CaseState &state)
{
    dropExecution(state);
    for (; state.step < state.plan.size(); ++state.step) {
        CheckResult result;
        result.status = ResultStatus::Skipped;
        result.message = state.inCleanup()
            ? QStringLiteral("skipped: run cancelled before the test case began")
            : QStringLiteral("skipped: run cancelled");
        record(state, state.step, std::move(result));
    }
    endCase(state);
}

void Runner::cancelExecution(CaseState &state)
{
    if (!state.inFlight || !state.execution)
        return;
    CheckExecution *execution = state.execution.get();
    if (execution->thread() == thread())
        execution->cancel();
    else
        QMetaObject::invokeMethod(
            execution, [execution] { execution->cancel(); }, Qt::QueuedConnection);
}

// The first cancel stops the steps; cleanup steps still run (each within its own
// timeouts). A second cancel cuts the cleanup short.
void Runner::cancel()
{
    if (!m_running)
        return;
    if (m_cancelling) {
        cutCleanup();
        return;
    }
    m_cancelling = true;
    m_run.cancelled = true;
    std::deque<CaseState *> cleaning;
    for (CaseState *state : m_ready)
        if (state->inCleanup() && !state->done)
            cleaning.push_back(state);
    m_ready.swap(cleaning);
    QList<CaseState *> running;
    for (auto &state : m_cases) {
        if (state->done || state->inCleanup())
            continue; // a cleanup in progress runs on
        if (state->inFlight) {
            running.append(state.get());
            continue;
        }
        if (!state->begun()) {
            skipUnbegun(*state);
            continue;
        }
        const int step = state->step;
        if (state->attempts > 0) {
            // Between two `eventually` tries: the step ends here, unfinished.
            CheckResult result;
            result.status = ResultStatus::Skipped;
            result.message = QStringLiteral("skipped: run cancelled after %1 tries").arg(state->attempts);
            result.attempts = state->attempts;
            result.durationMs = state->stepClock.elapsed();
            record(*state, step, std::move(result));
            ++state->step;
            state->attempts = 0;
            state->lastTry.reset();
            state->tries.clear();
        }
        skipSteps(*state, QStringLiteral("skipped: run cancelled"));
    }
    if (!running.isEmpty()) {
        for (CaseState *state : std::as_const(running))
            cancelExecution(*state);
        m_cancelGrace.start(qMax(0, m_options.cancelGraceMs));
    }
    schedule();
    finishIfDone();
}

void Runner::cutCleanup()
{
    if (m_cleanupCut)
        return;
    m_cleanupCut = true;
    m_ready.clear();
    bool running = false;
    for (auto &state : m_cases) {
        if (state->done)
            continue;
        if (state->inFlight) {
            running = true;
            if (state->inCleanup())
                cancelExecution(*state); // the steps' executions were told at the first cancel
            continue;
        }
        if (!state->inCleanup())
            skipSteps(*state, QStringLiteral("skipped: run cancelled")); // then skips the cleanup
        else
            skipCleanup(*state);
    }
    if (running)
        m_cancelGrace.start(qMax(0, m_options.cancelGraceMs));
    finishIfDone();
}

// Executions that did not honour cancel() in time are abandoned, never waited for. A
// cleanup step is not: it is bounded by its own timeouts, until a second cancel.
void Runner::abandonRunning()
{
    for (auto &state : m_cases) {
        if (!state->inFlight || (state->inCleanup() && !m_cleanupCut))
            continue;
        state->inFlight = false;
        --m_inFlight;
        m_hosts.release(state->host);
        dropExecution(*state);
        if (state->inCleanup())
            skipCleanup(*state);
        else
            skipSteps(*state, QStringLiteral("skipped: run cancelled (the check did not stop in time)"));
    }
    schedule();
    finishIfDone();
}

} // namespace flowbench
