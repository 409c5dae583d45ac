#pragma once

#include "checks/checktype.h"

#include <QElapsedTimer>
#include <QMetaObject>

namespace flowbench {

// Shared plumbing of the check executions: finished() exactly once, the duration
// measured from start(), and errors found inside start() reported asynchronously (the
// runner connects after create() and may not expect a signal from inside start()).
class BasicExecution : public CheckExecution
{
    Q_OBJECT
public:
    using CheckExecution::CheckExecution;

protected:
    void startClock() { m_clock.start(); }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }
    bool isFinished() const { return m_finished; }

    void finish(CheckOutcome outcome)
    {
        if (m_finished)
            return;
        m_finished = true;
        if (outcome.durationMs == 0)
            outcome.durationMs = elapsedMs();
        emit finished(outcome);
    }
    void finishLater(CheckOutcome outcome)
    {
        if (m_finished)
            return;
        m_finished = true;
        outcome.durationMs = elapsedMs();
        QMetaObject::invokeMethod(
            this, [this, outcome] { emit finished(outcome); }, Qt::QueuedConnection);
    }
    static CheckOutcome error(const QString &message)
    {
        CheckOutcome outcome;
        outcome.status = ResultStatus::Error;
        outcome.message = message;
        return outcome;
    }
    // Cancellation is not a verdict on the system under test.
    CheckOutcome cancelled() const
    {
        CheckOutcome outcome;
        outcome.status = ResultStatus::Skipped;
        outcome.message = QStringLiteral("cancelled after %1 ms").arg(elapsedMs());
        return outcome;
    }

private:
    QElapsedTimer m_clock;
    bool m_finished = false;
};

} // namespace flowbench
