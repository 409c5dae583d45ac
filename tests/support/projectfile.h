#pragma once

#include "model/project.h"

#include <QString>

namespace flowbench::testing {

// The project as stored in the file at `path`, read through a fresh ProjectStore: what a
// user would see after reopening it. A file that cannot be read ends the test run.
Project reopenProject(const QString &path);

// A canonical JSON project file (golden data under tests/data/); one that cannot be read or
// parsed ends the test run, naming it.
Project readJson(const QString &path);

// A file's text; empty when it cannot be read (a golden file the test compares against).
QString readText(const QString &path);

} // namespace flowbench::testing
