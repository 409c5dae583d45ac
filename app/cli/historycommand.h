#pragma once

#include "command.h"

namespace flowbench::cli {

// history PROJECT (--node ID | --test-case ID) [--json]: who changed what, when (the
// edit log), newest first; a node's includes its edges, test cases and comments.
class HistoryCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("history"); }
    QString summary() const override
    {
        return QStringLiteral("Show who changed a node or test case, what and when.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
