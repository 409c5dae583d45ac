#include "io/canonicaljsonformat.h"

#include "io/canonicaljson.h"
#include "io/projectimport.h"

namespace flowbench {

Result<Import> CanonicalJsonImporter::read(
    const QByteArray &data, const QString &sourceName, const Project &target) const
{
    Result<Project> project = fromCanonicalJson(data, sourceName);
    if (!project)
        return Result<Import>::failure(project.error());
    Import result;
    result.changes = ProjectChangeSet::between(target, project.value());
    result.report = summarizeImport(sourceName, target, result.changes);
    return result;
}

Result<QByteArray> CanonicalJsonExporter::write(const Project &project, const ExportOptions &options) const
{
    return toCanonicalJson(project, JsonExportOptions { options.includeRunHistory });
}

} // namespace flowbench
