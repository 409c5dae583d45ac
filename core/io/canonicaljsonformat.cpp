#include "io/canonicaljsonformat.h"

#include "io/canonicaljson.h"
#include "io/projectimport.h"

namespace flowbench {

Result<Import> CanonicalJsonImporter::read(const ImportSource &source, const Project &target) const
{
    const QByteArray &data = source.data;
    const QString &sourceName = source.name;
    Result<Project> project = fromCanonicalJson(data, sourceName);
    if (!project)
        return Result<Import>::failure(project.error());
    Import result;
    result.changes = ProjectChangeSet::between(target, project.value());
    result.report = summarizeImport(sourceName, result.changes);
    if (!target.name.isEmpty() && project->name != target.name)
        result.report.leaveOut(0, QStringLiteral("name"),
            QStringLiteral("\"%1\" not taken: the open project keeps its name \"%2\"")
                .arg(project->name, target.name));
    return result;
}

Result<QByteArray> CanonicalJsonExporter::write(const Project &project, const ExportOptions &options) const
{
    return toCanonicalJson(project, JsonExportOptions { options.includeRunHistory });
}

} // namespace flowbench
