#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

namespace flowbench::cli {

// Exit codes of flowbench-cli: 1 is kept for "a check failed" (the run command).
enum ExitCode { ExitOk = 0, ExitCheckFailed = 1, ExitBadInput = 2 };

// One subcommand ("validate", "export"...). A new command is one file pair implementing
// this interface plus one line in commandtable.cpp.
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0; // one line for `flowbench-cli --help`
    // Positional arguments and options, as shown by `flowbench-cli NAME --help`.
    virtual void declare(QCommandLineParser &parser) const = 0;
    // Runs after a successful parse; returns an ExitCode. Results go to `out`,
    // problems to `err`.
    virtual int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const = 0;
};

// "flowbench-cli NAME: message" plus a pointer to the command's help; returns ExitBadInput.
int usageError(QTextStream &err, const QString &command, const QString &message);

} // namespace flowbench::cli
