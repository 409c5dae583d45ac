#pragma once
// One of the demo servers (examples/) as a real child process for the run tests: started
// on port 0, ready once it prints "listening on 127.0.0.1:PORT", stopped by terminate then
// kill. Header-only: demobackend.h and demogateway.h build on it.

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace flowbench::testing {

class DemoProcess
{
public:
    ~DemoProcess() { stop(); }

    // Starts `program` (its build target named `target`) and waits, bounded, until it is
    // ready. False with errorString().
    bool start(const QString &program, const QString &target, const QStringList &arguments)
    {
        if (!QFileInfo::exists(program)) {
            m_error = QStringLiteral("%1 is missing: build the target %2").arg(program, target);
            return false;
        }
        m_process.setProgram(program);
        m_process.setArguments(arguments);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
            return false;
        }
        static const QRegularExpression ready(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QByteArray output;
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            if (!m_process.canReadLine()
                && !m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
                break;
            output += m_process.readAllStandardOutput();
            const QRegularExpressionMatch match = ready.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                m_port = quint16(match.captured(1).toUInt());
                return true;
            }
        }
        m_error = QStringLiteral("%1 did not report ready within 15 s; stdout: %2 stderr: %3")
                      .arg(target, QString::fromUtf8(output),
                          QString::fromUtf8(m_process.readAllStandardError()));
        stop();
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    quint16 port() const { return m_port; }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString errorString() const { return m_error; }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace flowbench::testing
