#include "support/rabbitmqserver.h"

#include "checks/amqpclient.h"
#include "support/freeport.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>
#include <csignal>
#include <unistd.h>

namespace flowbench::testing {

namespace {

// Own process group, so stop() reaches every process the scripts exec or spawn.
void startInOwnGroup(QProcess &process)
{
    process.setChildProcessModifier([] { ::setsid(); });
}

void killGroup(std::unique_ptr<QProcess> &process)
{
    if (!process)
        return;
    if (process->state() != QProcess::NotRunning) {
        const qint64 pid = process->processId();
        if (pid > 0)
            ::kill(-pid_t(pid), SIGKILL);
        process->kill();
        process->waitForFinished(10000);
    }
    process.reset();
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

} // namespace

RabbitMqServer::RabbitMqServer() = default;

RabbitMqServer::~RabbitMqServer()
{
    stop();
}

QString RabbitMqServer::program()
{
    // Debian's /usr/sbin/rabbitmq-server re-runs itself as the rabbitmq user; the script
    // it wraps runs the broker as whoever calls it, with our private folders.
    const QString direct = QStringLiteral("/usr/lib/rabbitmq/bin/rabbitmq-server");
    if (QFileInfo(direct).isExecutable())
        return direct;
    return QStandardPaths::findExecutable(QStringLiteral("rabbitmq-server"));
}

bool RabbitMqServer::startEpmd()
{
    const QString epmd = QStandardPaths::findExecutable(QStringLiteral("epmd"));
    if (epmd.isEmpty()) {
        m_error = QStringLiteral("epmd not found on PATH (install the rabbitmq-server package)");
        return false;
    }
    m_epmdPort = freeLoopbackPort();
    m_epmd = std::make_unique<QProcess>();
    m_epmd->setProcessChannelMode(QProcess::MergedChannels);
    startInOwnGroup(*m_epmd);
    m_epmd->start(epmd,
        { QStringLiteral("-address"), QStringLiteral("127.0.0.1"), QStringLiteral("-port"),
            QString::number(m_epmdPort) });
    if (!m_epmd->waitForStarted(10000)) {
        m_error = QStringLiteral("epmd did not start: %1").arg(m_epmd->errorString());
        return false;
    }
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && m_epmd->state() == QProcess::Running) {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), m_epmdPort);
        if (probe.waitForConnected(500))
            return true;
        QThread::msleep(50);
    }
    m_error = QStringLiteral("epmd on port %1 did not accept connections: %2")
                  .arg(m_epmdPort)
                  .arg(QString::fromLocal8Bit(m_epmd->readAll().right(1000)));
    return false;
}

bool RabbitMqServer::start()
{
    const QString exe = program();
    if (exe.isEmpty()) {
        m_error = QStringLiteral("rabbitmq-server not found (install the rabbitmq-server package)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid() || !startEpmd())
        return false;
    const QString d = m_dir->path();
    m_port = freeLoopbackPort();
    const quint16 distPort = freeLoopbackPort();
    QDir(d).mkpath(QStringLiteral("home"));
    QDir(d).mkpath(QStringLiteral("mnesia"));
    QDir(d).mkpath(QStringLiteral("log"));
    // Loopback only: AMQP and Erlang distribution both bind 127.0.0.1.
    const QByteArray config = QStringLiteral("listeners.tcp.default = 127.0.0.1:%1\n"
                                             "distribution.listener.interface = 127.0.0.1\n"
                                             "distribution.listener.port_range.min = %2\n"
                                             "distribution.listener.port_range.max = %2\n")
                                  .arg(m_port)
                                  .arg(distPort)
                                  .toUtf8();
    if (!writeFile(d + QStringLiteral("/rabbitmq.conf"), config)
        || !writeFile(d + QStringLiteral("/enabled_plugins"), "[].\n")) {
        m_error = QStringLiteral("cannot write the broker's config in %1").arg(d);
        return false;
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto set = [&](const char *name, const QString &value) { env.insert(QLatin1String(name), value); };
    set("HOME", d + QStringLiteral("/home")); // the Erlang cookie lands here
    set("ERL_EPMD_ADDRESS", QStringLiteral("127.0.0.1"));
    set("ERL_EPMD_PORT", QString::number(m_epmdPort));
    set("RABBITMQ_NODENAME", QStringLiteral("flowbench%1@localhost").arg(m_port));
    set("RABBITMQ_NODE_IP_ADDRESS", QStringLiteral("127.0.0.1"));
    set("RABBITMQ_NODE_PORT", QString::number(m_port));
    set("RABBITMQ_DIST_PORT", QString::number(distPort));
    set("RABBITMQ_MNESIA_BASE", d + QStringLiteral("/mnesia"));
    set("RABBITMQ_LOG_BASE", d + QStringLiteral("/log"));
    set("RABBITMQ_ENABLED_PLUGINS_FILE", d + QStringLiteral("/enabled_plugins"));
    set("RABBITMQ_CONFIG_FILE", d + QStringLiteral("/rabbitmq"));
    set("RABBITMQ_CONF_ENV_FILE", d + QStringLiteral("/rabbitmq-env.conf"));
    set("RABBITMQ_ADVANCED_CONFIG_FILE", d + QStringLiteral("/advanced.config"));
    set("RABBITMQ_PID_FILE", d + QStringLiteral("/broker.pid"));
    m_environment = env;
    m_broker = std::make_unique<QProcess>();
    m_broker->setProcessChannelMode(QProcess::MergedChannels);
    m_broker->setProcessEnvironment(env);
    m_broker->setWorkingDirectory(d);
    startInOwnGroup(*m_broker);
    m_broker->start(exe, {});
    if (!m_broker->waitForStarted(10000)) {
        m_error = QStringLiteral("rabbitmq-server did not start: %1").arg(m_broker->errorString());
        return false;
    }
    // Ready when guest can log in; the Erlang VM takes seconds on a busy machine. Bounded.
    const QDeadlineTimer deadline(120000);
    QString last;
    while (!deadline.hasExpired() && m_broker->state() == QProcess::Running) {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (probe.waitForConnected(500)) {
            probe.abort();
            AmqpClient client;
            AmqpAddress address;
            address.port = m_port;
            const Status connected = client.connect(address, 5000);
            if (connected)
                return true;
            last = connected.error();
        }
        QThread::msleep(200);
    }
    m_error = QStringLiteral("rabbitmq-server on port %1 was not ready within 120 s (%2): %3")
                  .arg(m_port)
                  .arg(last)
                  .arg(QString::fromLocal8Bit(m_broker->readAll().right(2000)));
    stop();
    return false;
}

void RabbitMqServer::stop()
{
    killGroup(m_broker);
    killGroup(m_epmd);
}

} // namespace flowbench::testing

namespace flowbench::testing {

QStringList RabbitMqServer::queueNames() const
{
    const QString ctl = QFileInfo(program()).dir().filePath(QStringLiteral("rabbitmqctl"));
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(ctl,
        { QStringLiteral("-n"), m_environment.value(QStringLiteral("RABBITMQ_NODENAME")),
            QStringLiteral("list_queues"), QStringLiteral("name"), QStringLiteral("--quiet"),
            QStringLiteral("--no-table-headers") });
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("rabbitmqctl list_queues failed: %s", process.readAllStandardError().constData());
        process.kill();
        return {};
    }
    QStringList names
        = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString &name : names)
        name = name.trimmed();
    names.removeAll(QString());
    names.sort();
    return names;
}

} // namespace flowbench::testing
