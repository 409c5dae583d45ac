#pragma once

#include "command.h"

namespace flowbench::cli {

// impact FILE (--node NAME | --node-id ID) [--direction up|down|both] [--json]: what a
// change to or failure of the node reaches: nodes up- and downstream by distance, the
// flows through it and touched, and the test cases to run.
class ImpactCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("impact"); }
    QString summary() const override { return QStringLiteral("Show what a node reaches: nodes, flows and test cases to run."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
