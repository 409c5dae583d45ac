#pragma once

#include "command.h"

namespace flowbench::cli {

// import --format json IN.json OUT.flowbench [--force]: all or nothing.
class ImportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override { return QStringLiteral("Create a project file from canonical JSON."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
