#pragma once

#include "command.h"

namespace flowbench::cli {

// diff A B: what changed from project A to project B (files or canonical JSON): nodes,
// edges, flows, test cases and checks added, removed or changed. Exit 0 when they are
// the same, 1 when they differ (as diff(1)), 2 when a file cannot be read.
class DiffCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("diff"); }
    QString summary() const override
    {
        return QStringLiteral("Show what changed between two versions of a project.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
