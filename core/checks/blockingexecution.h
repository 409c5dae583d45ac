#pragma once

#include "checks/basicexecution.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace flowbench {

// A check execution whose work is one blocking call (a query, a Redis command, a file
// scan) run on the thread pool. `Response` carries `bool ok` and `QString error`; a
// failed response becomes an Error outcome here, a good one is judged by the subclass
// on the execution's own thread. Not a Q_OBJECT: it adds no signals or slots.
template <typename Response>
class BlockingExecution : public BasicExecution
{
public:
    using BasicExecution::BasicExecution;

    void cancel() override
    {
        // The blocking call cannot be interrupted from here; its result is dropped when it ends.
        if (m_watcher)
            m_watcher->disconnect(this);
        finishLater(cancelled());
    }

protected:
    // Starts `work(request)` on the thread pool; call once, from start().
    template <typename Request>
    void runBlocking(Response (*work)(const Request &), const Request &request)
    {
        m_watcher = new QFutureWatcher<Response>(this);
        QObject::connect(m_watcher, &QFutureWatcher<Response>::finished, this, [this] { onDone(); });
        m_watcher->setFuture(QtConcurrent::run(work, request));
    }

    // The outcome of a response that is ok; its duration is set by the caller.
    virtual CheckOutcome judge(const Response &response, qint64 durationMs) = 0;
    // The outcome of a response that is not: an error with its message.
    virtual CheckOutcome refuse(const Response &response) { return error(response.error); }

private:
    void onDone()
    {
        const Response response = m_watcher->result();
        const qint64 duration = elapsedMs();
        CheckOutcome outcome = response.ok ? judge(response, duration) : refuse(response);
        outcome.durationMs = duration;
        finish(outcome);
    }

    QFutureWatcher<Response> *m_watcher = nullptr;
};

} // namespace flowbench
