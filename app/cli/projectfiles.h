#pragma once

#include "model/project.h"
#include "result.h"

#include <QString>
#include <QStringList>
#include <QTextStream>
#include <memory>

namespace flowbench {
class ProjectStore;
}

namespace flowbench::cli {

// A project from a file: canonical JSON when the name ends in .json (lists in file
// order), otherwise a project database (*.flowbench; lists in export order). Errors name
// the file. A postgresql:// URL reads the shared project it names (lists in export order).
Result<Project> readProject(const QString &path);

// The store of an existing project file or a shared project's URL (never creates one);
// null after printing why to `err`.
std::unique_ptr<ProjectStore> openExistingProject(const QString &path, QTextStream &err);

// True when both paths name the same existing file (also through links or "./").
bool isSameFile(const QString &a, const QString &b);

// Prints each problem as "<path>: <problem>" and then "<path>: N problem(s)" (validate and
// import print the same); returns whether there were any.
bool reportProblems(QTextStream &err, const QString &path, const QStringList &problems);

// Writes `project` as a new project database at `path`, all or nothing: it is built
// under a temporary name in the same folder and renamed into place only when complete,
// so a failure leaves no file behind and never damages an existing one. An existing
// `path` is an error unless `replace`. A postgresql:// URL writes a shared project the
// same way, in one transaction (ProjectStore::writeShared). A project replaced so loses
// its history; the new one's begins with one line saying what was replaced and by what
// (`source`, where `project` was read from, when given).
Status writeNewProject(
    const Project &project, const QString &path, bool replace, const QString &source = QString());

} // namespace flowbench::cli
