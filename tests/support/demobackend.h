#pragma once
// The demo backend (examples/demo-backend) as a real child process for the run tests:
// a free port, its own database and log in a temporary folder.

#include "support/demoprocess.h"

#include <QDir>

namespace flowbench::testing {

class DemoBackend : public DemoProcess
{
public:
    static QString programPath()
    {
        return QStringLiteral(FLOWBENCH_BINARY_DIR "/examples/demo-backend/flowbench-demo-backend");
    }

    // `extra`: more arguments (--amqp URL, --payment-url URL).
    bool start(const QString &folder, int minDelayMs = 100, int maxDelayMs = 400, const QStringList &extra = {})
    {
        m_dbPath = QDir(folder).filePath(QStringLiteral("shop-demo.db"));
        m_logPath = QDir(folder).filePath(QStringLiteral("shop-demo.log"));
        const QStringList arguments { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
            m_dbPath, QStringLiteral("--log"), m_logPath, QStringLiteral("--min-delay-ms"),
            QString::number(minDelayMs), QStringLiteral("--max-delay-ms"), QString::number(maxDelayMs) };
        return DemoProcess::start(programPath(), QStringLiteral("flowbench-demo-backend"), arguments + extra);
    }

    QString dbPath() const { return m_dbPath; }
    QString logPath() const { return m_logPath; }

private:
    QString m_dbPath;
    QString m_logPath;
};

} // namespace flowbench::testing
