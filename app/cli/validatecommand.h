#pragma once

#include "command.h"
#include "model/project.h"

namespace flowbench::cli {

// validate FILE: model invariants plus check sanity; exit 0 valid, 2 invalid.
class ValidateCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("validate"); }
    QString summary() const override { return QStringLiteral("Check a project (or its JSON) for problems."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;

    // Problems of the checks beyond the model's invariants, one per line with its path.
    static QStringList checkProblems(const Project &project);
};

} // namespace flowbench::cli
