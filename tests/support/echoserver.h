#pragma once

#include <QObject>
#include <QTcpServer>
#include <atomic>

namespace flowbench::testing {

// A TCP echo server on 127.0.0.1 and a free port, for the fault proxy's tests. It echoes
// what it reads; a read that contains "BYE" is echoed and then the connection closed.
// Counters may be read from another thread (the server usually runs on an EventThread).
class EchoServer : public QObject
{
public:
    bool start();
    quint16 port() const { return m_server.serverPort(); }

    std::atomic<int> connections { 0 };
    std::atomic<qint64> received { 0 };
    std::atomic<qint64> endedAt { 0 }; // steadyMs() when a peer's connection last ended

private:
    QTcpServer m_server;
};

} // namespace flowbench::testing
