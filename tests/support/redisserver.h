#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace flowbench::testing {

// A real redis-server for one test: a child process on 127.0.0.1 and a free port, no
// persistence, working folder in a temporary directory; stopped by pid in stop() or
// the destructor.
class RedisServer
{
public:
    RedisServer();
    ~RedisServer();
    static QString program(); // redis-server on PATH, or empty
    bool start(); // false with errorString() set
    void stop();
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace flowbench::testing
