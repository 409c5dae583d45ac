#pragma once

#include "command.h"

namespace flowbench::cli {

// validate FILE: everything projectProblems() (core/checks/projectvalidator.h) refuses, the
// same as import refuses; exit 0 valid, 2 invalid.
class ValidateCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("validate"); }
    QString summary() const override { return QStringLiteral("Check a project (or its JSON) for problems."); }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
