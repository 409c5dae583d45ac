#pragma once

#include "model/project.h"

#include <QString>

namespace flowbench::testing {

// The project as stored in the file at `path`, read through a fresh ProjectStore: what a
// user would see after reopening it. A file that cannot be read ends the test run.
Project reopenProject(const QString &path);

} // namespace flowbench::testing
