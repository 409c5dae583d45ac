#pragma once

#include <QStringList>

namespace flowbench::cli {

// Parses `flowbench-cli COMMAND [options] [arguments]`, runs the command and returns the
// process exit code. Top level: --help, --version, `help COMMAND`.
int runCommandLine(const QStringList &arguments);

} // namespace flowbench::cli
