#pragma once

#include "command.h"

namespace flowbench::cli {

// diff A B: what changed from project A to project B (files or canonical JSON): nodes,
// edges, flows, test cases and checks added, removed or changed. Exit 0 when they are
// the same, 1 when they differ (as diff(1)), 2 when a file cannot be read.
// diff PROJECT --runs [RUN_A [RUN_B]]: what changed between two stored runs of it (new
// failures, fixed, still failing, new and gone checks). Exit 0 when nothing newly fails,
// 1 when something does, 2 on an unknown run, fewer than two runs or a bad file.
class DiffCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("diff"); }
    QString summary() const override
    {
        return QStringLiteral("Show what changed between two versions of a project, or two of its runs.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
