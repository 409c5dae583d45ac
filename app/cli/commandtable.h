#pragma once

#include "command.h"

#include <memory>
#include <vector>

namespace flowbench::cli {

// Every subcommand, in the order `--help` lists them.
std::vector<std::unique_ptr<Command>> createCommands();

} // namespace flowbench::cli
