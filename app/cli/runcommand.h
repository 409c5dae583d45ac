#pragma once

#include "command.h"

namespace flowbench::cli {

// run PROJECT [--env NAME] [--flow NAME] [--node NAME] [--tag T] [--test-case ID]
//     [--concurrency N] [--per-host N] [--junit FILE] [--json FILE] [--yes-protected]
// Runs the selection, stores the run in the project, prints a summary table.
// Exit: 0 all passed, 1 a check failed, 2 a check errored, bad input, a cancelled run
// or a run that could not be stored.
class RunCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override { return QStringLiteral("Run a project's automated test cases and store the run."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
