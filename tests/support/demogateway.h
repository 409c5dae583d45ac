#pragma once
// The demo payment gateway (examples/payment-gateway) as a real child process for the run
// tests: a free loopback port, charges in memory. Header-only, like demobackend.h.

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

namespace flowbench::testing {

class DemoGateway
{
public:
    ~DemoGateway() { stop(); }

    static QString programPath()
    {
        return QStringLiteral(FLOWBENCH_BINARY_DIR "/examples/payment-gateway/flowbench-demo-gateway");
    }

    // Starts and waits (bounded) for "listening on 127.0.0.1:PORT". False with errorString().
    bool start()
    {
        if (!QFileInfo::exists(programPath())) {
            m_error
                = QStringLiteral("%1 is missing: build the target flowbench-demo-gateway").arg(programPath());
            return false;
        }
        m_process.setProgram(programPath());
        m_process.setArguments({ QStringLiteral("--port"), QStringLiteral("0") });
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(programPath(), m_process.errorString());
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
        m_error = QStringLiteral("the demo gateway did not report ready within 15 s; stdout: %1 stderr: %2")
                      .arg(QString::fromUtf8(output), QString::fromUtf8(m_process.readAllStandardError()));
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
