#include "projectfiles.h"

#include "io/canonicaljson.h"
#include "store/databasefile.h"
#include "store/projectstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace flowbench::cli {

bool isSameFile(const QString &a, const QString &b)
{
    const QString ca = QFileInfo(a).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(b).canonicalFilePath();
}

std::unique_ptr<ProjectStore> openExistingProject(const QString &path, QTextStream &err)
{
    if (!ProjectLocation::looksLikeUrl(path) && !QFileInfo::exists(path)) {
        err << "no project file " << path << '\n';
        return nullptr;
    }
    auto store = ProjectStore::open(path);
    if (!store) {
        err << store.error() << '\n';
        return nullptr;
    }
    return std::move(store).value();
}

Result<Project> readProject(const QString &path)
{
    if (ProjectLocation::looksLikeUrl(path)) {
        auto store = ProjectStore::open(path); // a bad URL fails here, naming the part
        if (!store)
            return Result<Project>::failure(store.error());
        Result<Project> project = store.value()->load();
        if (!project)
            return project;
        return sortedCanonically(std::move(project).value());
    }
    const QFileInfo info(path);
    if (!info.exists())
        return Result<Project>::failure(QStringLiteral("%1: no such file").arg(path));
    if (info.isDir())
        return Result<Project>::failure(QStringLiteral("%1: is a folder, not a project file").arg(path));
    if (info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Result<Project>::failure(
                QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
        return fromCanonicalJson(file.readAll(), path);
    }
    auto store = ProjectStore::open(path);
    if (!store)
        return Result<Project>::failure(store.error());
    Result<Project> project = store.value()->load();
    if (!project)
        return project;
    // In export order, so that a path in a message ("testCases[3]...") points at the
    // same entity in `flowbench-cli export` output.
    return sortedCanonically(std::move(project).value());
}

bool reportProblems(QTextStream &err, const QString &path, const QStringList &problems)
{
    for (const QString &p : problems)
        err << path << ": " << p << "\n";
    if (!problems.isEmpty())
        err << path << ": " << problems.size() << (problems.size() == 1 ? " problem" : " problems") << "\n";
    return !problems.isEmpty();
}

Status writeNewProject(const Project &project, const QString &path, bool replace, const QString &source)
{
    if (ProjectLocation::looksLikeUrl(path)) {
        const auto location = ProjectLocation::parse(path);
        if (!location)
            return Status::failure(location.error());
        return ProjectStore::writeShared(location.value(), project, replace, source);
    }
    if (Status s = checkProjectFileTarget(path); !s)
        return s;
    const QFileInfo target(path);
    if (target.exists() && !replace)
        return Status::failure(QStringLiteral("%1: already exists; use --force to replace it").arg(path));
    // readProject() takes *.json for canonical JSON, so a database must not be named so.
    if (target.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return Status::failure(QStringLiteral("%1: a project file must not end in .json (that is the JSON "
                                              "format); name it *.flowbench")
                                   .arg(path));
    const QDir folder = target.absoluteDir();
    if (!folder.exists())
        return Status::failure(QStringLiteral("%1: the folder %2 does not exist").arg(path, folder.path()));

    // What the file held, for the new file's history line (its own history goes with it).
    QString replaced;
    const bool replacing = target.exists();
    if (replacing) {
        if (auto old = ProjectStore::open(path))
            replaced = old.value()->contentSummary();
        if (replaced.isEmpty())
            replaced = target.fileName();
    }
    if (Status s = writeProjectFile(project, path); !s || !replacing)
        return s;
    auto written = ProjectStore::open(path);
    if (!written)
        return Status::failure(written.error());
    return written.value()->recordReplace(replaced, project, source);
}

} // namespace flowbench::cli
