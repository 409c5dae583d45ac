#pragma once

#include "model/project.h"
#include "result.h"

#include <QString>

namespace flowbench::cli {

// A project from a file: canonical JSON when the name ends in .json, otherwise a project
// database (*.flowbench). Errors name the file.
Result<Project> readProject(const QString &path);

// Writes `project` as a new project database at `path`, all or nothing: it is built
// under a temporary name in the same folder and renamed into place only when complete,
// so a failure leaves no file behind and never damages an existing one. An existing
// `path` is an error unless `replace`.
Status writeNewProject(const Project &project, const QString &path, bool replace);

} // namespace flowbench::cli
