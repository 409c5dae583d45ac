#pragma once

#include <QString>

namespace flowbench::testing {

// Path of a helper program built from tests/<area>/helper_<name>.cpp.
QString helperPath(const QString &name);
// Path of the flowbench-cli built alongside the tests.
QString cliPath();
// Servers are required under CI (.ci/run installs them); elsewhere a missing one skips.
bool serversRequired();

} // namespace flowbench::testing
