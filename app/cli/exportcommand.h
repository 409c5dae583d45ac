#pragma once

#include "command.h"

namespace flowbench::cli {

// export FILE --format FORMAT [-o OUT] [--with-runs]: any registered exporter
// (core/io/formatregistry.h) to a file or stdout.
class ExportCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override
    {
        return QStringLiteral("Write a project as canonical JSON or another format.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
