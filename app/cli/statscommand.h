#pragma once

#include "command.h"

namespace flowbench::cli {

// stats FILE [--json]: counts per node kind, edges, flows, test cases and coverage.
class StatsCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("stats"); }
    QString summary() const override { return QStringLiteral("Show counts and test coverage of a project."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
