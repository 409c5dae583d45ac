#pragma once

#include "command.h"

namespace flowbench::cli {

// coverage FILE [--json] [--flow NAME] [--min-risk N]: nodes by risk with the weakest
// coverage first, then coverage per flow and per group, and totals.
class CoverageCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("coverage"); }
    QString summary() const override
    {
        return QStringLiteral("List nodes by risk and test coverage, untested high-risk first.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
