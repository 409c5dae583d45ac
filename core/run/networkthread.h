#pragma once

#include <QThread>

class QNetworkAccessManager;

namespace flowbench {

// A thread with its own QNetworkAccessManager, created on that thread. The runner moves
// http check executions here so that two cores share the per-request work of Qt Network
// (request setup, reply signals, parsing) instead of one event loop doing all of it.
class NetworkThread
{
public:
    NetworkThread();
    ~NetworkThread(); // deletes the manager on its thread, then stops and joins the thread
    NetworkThread(const NetworkThread &) = delete;
    NetworkThread &operator=(const NetworkThread &) = delete;

    QNetworkAccessManager *network() const { return m_network; }
    QThread *thread() { return &m_thread; }

private:
    QThread m_thread;
    QObject *m_anchor = nullptr; // lives on m_thread; parent of the manager
    QNetworkAccessManager *m_network = nullptr;
};

} // namespace flowbench
