#pragma once

#include <QObject>
#include <QThread>
#include <utility>

namespace flowbench::testing {

// A thread with its own event loop, for servers and proxies a test talks to with
// blocking calls from its own thread. Objects made inside run() live on that thread and
// must be deleted inside run() too.
class EventThread
{
public:
    EventThread()
        : m_context(new QObject)
    {
        m_context->moveToThread(&m_thread);
        m_thread.start();
    }
    ~EventThread()
    {
        m_context->deleteLater(); // QThread deletes it as it finishes
        m_thread.quit();
        m_thread.wait();
    }
    EventThread(const EventThread &) = delete;
    EventThread &operator=(const EventThread &) = delete;

    // Runs f on the thread and waits for it.
    template <typename F> void run(F &&f)
    {
        QMetaObject::invokeMethod(m_context, std::forward<F>(f), Qt::BlockingQueuedConnection);
    }

private:
    QThread m_thread;
    QObject *m_context;
};

} // namespace flowbench::testing
