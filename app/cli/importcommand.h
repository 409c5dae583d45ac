#pragma once

#include "command.h"

namespace flowbench::cli {

// import --format FORMAT IN OUT.flowbench [--force]: all or nothing, any registered
// importer (core/io/formatregistry.h).
class ImportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("import"); }
    QString summary() const override
    {
        return QStringLiteral("Create a project file from canonical JSON or another format.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
