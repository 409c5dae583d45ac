#pragma once

#include "model/project.h"
#include "result.h"

#include <QString>

namespace flowbench::testing {

// The example project as shipped: resources/examples/shop.json, found with QFINDTESTDATA
// next to the test sources (not a path compiled into the tests), so a test reads the very
// file users get rather than a copy that could drift from it.
QString exampleJsonPath(); // empty (and a warning) when it cannot be found
Result<Project> exampleProject();
// The example written into a new project file at `path` (as the build's example_project
// target does with flowbench-cli import).
Status writeExampleProjectFile(const QString &path);

} // namespace flowbench::testing
