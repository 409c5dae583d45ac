#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace flowbench::testing {

// A real RabbitMQ broker for one test: its own epmd and Erlang node on loopback ports,
// Mnesia, logs, cookie and config in a temporary directory, no plugins; user guest/guest.
// Both processes run in their own process group and are stopped by pid (SIGKILL) in
// stop() or the destructor. Starting takes seconds (the Erlang VM): start once per test
// class.
class RabbitMqServer
{
public:
    RabbitMqServer();
    ~RabbitMqServer();
    static QString program(); // the rabbitmq-server script, or empty
    bool start(); // false with errorString() set
    void stop();
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    // The queues the broker holds now (rabbitmqctl list_queues), sorted; empty on failure.
    QStringList queueNames() const;

private:
    bool startEpmd();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_epmd;
    std::unique_ptr<QProcess> m_broker;
    quint16 m_port = 0;
    quint16 m_epmdPort = 0;
    QProcessEnvironment m_environment; // what rabbitmqctl needs to reach this node
    QString m_error;
};

} // namespace flowbench::testing
