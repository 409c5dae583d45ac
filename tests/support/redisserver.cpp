#include "support/redisserver.h"

#include "support/freeport.h"

#include <QDeadlineTimer>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>

namespace flowbench::testing {

RedisServer::RedisServer() = default;

RedisServer::~RedisServer()
{
    stop();
}

QString RedisServer::program()
{
    return QStandardPaths::findExecutable(QStringLiteral("redis-server"));
}

bool RedisServer::start()
{
    const QString exe = program();
    if (exe.isEmpty()) {
        m_error = QStringLiteral("redis-server not found on PATH (install the redis-server package)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_port = freeLoopbackPort();
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setWorkingDirectory(m_dir->path());
        m_process->start(exe, {QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                               QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                               QStringLiteral("no"), QStringLiteral("--dir"), m_dir->path(), QStringLiteral("--daemonize"),
                               QStringLiteral("no")});
        if (!m_process->waitForStarted(10000)) {
            m_error = QStringLiteral("redis-server did not start: %1").arg(m_process->errorString());
            return false;
        }
        // Ready when it accepts a connection; bounded.
        const QDeadlineTimer deadline(20000);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            QTcpSocket probe;
            probe.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (probe.waitForConnected(500))
                return true;
            QThread::msleep(50);
        }
        m_error = QStringLiteral("redis-server on port %1 did not accept connections: %2")
                      .arg(m_port)
                      .arg(QString::fromLocal8Bit(m_process->readAll().right(1000)));
        stop();
    }
    return false;
}

void RedisServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill(); // SIGKILL to our own child, by pid
        m_process->waitForFinished(10000);
    }
    m_process.reset();
}

} // namespace flowbench::testing
