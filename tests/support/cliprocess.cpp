#include "support/cliprocess.h"

#include "support/testenv.h"

#include <QProcess>

namespace flowbench::testing {

CliOutcome runCli(const QStringList &arguments, const QString &workingDir, int timeoutMs)
{
    QProcess process;
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(cliPath(), arguments);
    CliOutcome outcome;
    if (!process.waitForStarted(30000) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        outcome.err = QStringLiteral("flowbench-cli %1 did not finish within %2 s: %3")
                          .arg(arguments.value(0))
                          .arg(timeoutMs / 1000)
                          .arg(process.errorString());
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    outcome.out = QString::fromUtf8(process.readAllStandardOutput());
    outcome.err = QString::fromUtf8(process.readAllStandardError());
    return outcome;
}

} // namespace flowbench::testing
