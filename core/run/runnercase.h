#pragma once

// Internal to core/run: the state of one test case while a Runner runs it, shared by
// runner.cpp (scheduling, steps) and runnercancel.cpp (cancel and cleanup).

#include "checks/checktype.h"
#include "run/runner.h"
#include "run/trylog.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

namespace flowbench {

// An execution moved to a network thread is deleted there.
inline void deleteExecution(CheckExecution *execution)
{
    if (execution->thread() == QThread::currentThread())
        delete execution;
    else
        execution->deleteLater();
}

struct ExecutionDeleter
{
    void operator()(CheckExecution *execution) const { deleteExecution(execution); }
};

struct Runner::CaseState
{
    const TestCase *testCase = nullptr;
    QList<const Check *> plan; // the steps, then the cleanup steps
    int cleanupStart = 0; // index in plan of the first cleanup step
    const Check &check(int index) const { return *plan.at(index); }
    bool inCleanup() const { return step >= cleanupStart; }
    // A step was tried: from here on the cleanup runs, also on cancel.
    bool begun() const { return step > 0 || attempts > 0 || inFlight; }
    CheckContext context;
    QStringList specErrors; // per step: found before the run, reported when reached
    int step = 0;
    bool done = false;
    bool inFlight = false;
    std::unique_ptr<CheckExecution, ExecutionDeleter> execution; // created; running when inFlight
    NetworkThread *thread = nullptr; // where this case's http checks run; null: here
    quint64 generation = 0; // tells a stale finished() from the current one
    int watchesPending = -1; // watches not ready yet; -1: not started (the case has not begun)
    QString host;
    int attempts = 0;
    QElapsedTimer stepClock; // from the step's first try
    QTimer retryTimer; // `eventually` interval
    QTimer boundTimer; // `eventually` bound: stops a try that would run past it
    std::optional<CheckOutcome> lastTry; // the last finished try of an `eventually` step
    TryLog tries; // `eventually`: the tries that did not pass, for the evidence
    qint64 tryStartedMs = 0; // when the try in flight started, on stepClock
    std::vector<std::optional<CheckResult>> results;
    QString faults; // the faults active while it runs, as its results record them
};

} // namespace flowbench
