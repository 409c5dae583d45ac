#pragma once

#include "command.h"

namespace flowbench::cli {

// report PROJECT [--run ID] -o FILE: the self-contained HTML report of a stored run (the
// newest by default), compared with the run before it.
class ReportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("report"); }
    QString summary() const override { return QStringLiteral("Write the HTML report of a stored run."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
