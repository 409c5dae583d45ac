#include "io/dotformat.h"

#include "io/dotexport.h"
#include "io/dotimport.h"
#include "io/projectimport.h"

#include <QFileInfo>
#include <QHash>

namespace flowbench {

Result<Import> DotImporter::read(
    const QByteArray &data, const QString &sourceName, const Project &target) const
{
    Result<DotImport> dot = importDot(data, sourceName);
    if (!dot)
        return Result<Import>::failure(dot.error());

    // A DOT file carries the map only: the project takes the file's name.
    Project imported;
    imported.name = QFileInfo(sourceName).completeBaseName();
    QHash<Id, const Node *> nodes;
    for (const Node &n : target.nodes)
        nodes.insert(n.id, &n);
    for (const Node &read : dot->nodes) {
        const Node *current = nodes.value(read.id);
        if (!current) {
            imported.nodes.append(read);
            continue;
        }
        Node merged = *current;
        merged.name = read.name;
        merged.kind = read.kind;
        merged.group = read.group;
        merged.risk = read.risk;
        merged.owner = read.owner;
        merged.description = read.description;
        imported.nodes.append(merged);
    }
    QHash<Id, const Edge *> edges;
    for (const Edge &e : target.edges)
        edges.insert(e.id, &e);
    for (const Edge &read : dot->edges) {
        const Edge *current = edges.value(read.id);
        Edge merged = current ? *current : read;
        merged.from = read.from;
        merged.to = read.to;
        merged.kind = read.kind;
        merged.label = read.label;
        imported.edges.append(merged);
    }

    Import result;
    result.changes = ProjectChangeSet::between(target, imported);
    result.report = summarizeImport(sourceName, target, result.changes);
    for (const DotIgnoredAttribute &a : dot->ignored)
        result.report.leaveOut(0, QStringLiteral("%1 attribute \"%2\"").arg(a.object, a.name),
            QStringLiteral("ignored on %1 %2%3 (Flowbench does not read it)")
                .arg(a.count)
                .arg(a.object)
                .arg(a.count == 1 ? QString() : QStringLiteral("s")));
    return result;
}

Result<QByteArray> DotExporter::write(const Project &project, const ExportOptions &) const
{
    return exportDot(project);
}

} // namespace flowbench
