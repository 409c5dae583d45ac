#pragma once

#include "command.h"

namespace flowbench::cli {

// new FILE [--name NAME]: an empty project database.
class NewCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("new"); }
    QString summary() const override { return QStringLiteral("Create an empty project file."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
