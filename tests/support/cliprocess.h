#pragma once

#include <QString>
#include <QStringList>

namespace flowbench::testing {

// What a run of flowbench-cli left: exit code (-1 when it did not finish in time, -2 when
// it crashed), standard output and standard error.
struct CliOutcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the real flowbench-cli (cliPath()) with `arguments`; a hung process is killed
// after `timeoutMs` and the outcome says so in `err`, so a test fails instead of hanging.
CliOutcome runCli(const QStringList &arguments, const QString &workingDir = QString(), int timeoutMs = 60000);

} // namespace flowbench::testing
