#pragma once

#include "command.h"

namespace flowbench::cli {

// audit PROJECT --env NAME [--json]: every run against a shared or protected environment
// (who, when, which test cases, whether writes and faults were allowed, how it ended),
// oldest first, and who holds its lease now.
class AuditCommand : public Command
{
public:
    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override
    {
        return QStringLiteral("List the runs against a shared or protected environment.");
    }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const override;
};

} // namespace flowbench::cli
