#pragma once

#include <QString>

namespace flowbench::testing {

// Path of a helper program built from tests/<area>/helper_<name>.cpp.
QString helperPath(const QString &name);
// Path of the flowbench-cli built alongside the tests.
QString cliPath();
// Servers are required under CI (.ci/run installs them); elsewhere a missing one skips.
bool serversRequired();
// Test-mode standard paths and empty settings under `applicationName`, so that a test
// never reads or writes the user's own (recent files, window state, run environment).
void isolateSettings(const QString &applicationName);

} // namespace flowbench::testing
