#include "commandtable.h"

#include "auditcommand.h"
#include "coveragecommand.h"
#include "diffcommand.h"
#include "exportcommand.h"
#include "historycommand.h"
#include "impactcommand.h"
#include "importcommand.h"
#include "newcommand.h"
#include "proxycommand.h"
#include "reportcommand.h"
#include "runcommand.h"
#include "statscommand.h"
#include "transfercommands.h"
#include "validatecommand.h"

namespace flowbench::cli {

std::vector<std::unique_ptr<Command>> createCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<NewCommand>());
    commands.push_back(std::make_unique<ValidateCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<ImportCommand>());
    commands.push_back(std::make_unique<RunCommand>());
    commands.push_back(std::make_unique<StatsCommand>());
    commands.push_back(std::make_unique<AuditCommand>());
    commands.push_back(std::make_unique<HistoryCommand>());
    commands.push_back(std::make_unique<CoverageCommand>());
    commands.push_back(std::make_unique<ImpactCommand>());
    commands.push_back(std::make_unique<ProxyCommand>());
    commands.push_back(std::make_unique<ReportCommand>());
    commands.push_back(std::make_unique<DiffCommand>());
    commands.push_back(std::make_unique<PushCommand>());
    commands.push_back(std::make_unique<PullCommand>());
    return commands;
}

} // namespace flowbench::cli
