#pragma once

#include "command.h"

namespace flowbench::cli {

// proxy --listen HOST:PORT --upstream HOST:PORT [--fault SPEC]... [--control PORT]:
// a fault proxy in front of one dependency, by hand, until Ctrl+C or SIGTERM.
class ProxyCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("proxy"); }
    QString summary() const override
    {
        return QStringLiteral("Run a fault proxy (latency, down, reset...) in front of a dependency.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
