#include "io/dotformat.h"

#include "io/dotexport.h"
#include "io/dotimport.h"
#include "io/projectimport.h"

#include <QFileInfo>
#include <QHash>
#include <QSet>

namespace flowbench {

namespace {

// Target nodes by id, and by name where the name is unique in the target.
class NodeMatcher
{
public:
    explicit NodeMatcher(const Project &target)
    {
        QHash<QString, int> names;
        for (const Node &n : target.nodes) {
            m_byId.insert(n.id, &n);
            ++names[n.name];
        }
        for (const Node &n : target.nodes)
            if (names.value(n.name) == 1)
                m_byName.insert(n.name, &n);
    }
    // The target node a read node is: the same id, else the only one of that name; each
    // target node is taken once.
    const Node *match(const Node &read)
    {
        const Node *found = m_byId.value(read.id);
        if (!found)
            found = m_byName.value(read.name);
        if (!found || m_taken.contains(found->id))
            return nullptr;
        m_taken.insert(found->id);
        return found;
    }

private:
    QHash<Id, const Node *> m_byId;
    QHash<QString, const Node *> m_byName;
    QSet<Id> m_taken;
};

QString edgeKey(const Id &from, const Id &to, EdgeKind kind)
{
    return from + QLatin1Char('>') + to + QLatin1Char(':') + toString(kind);
}

} // namespace

Result<Import> DotImporter::read(const ImportSource &source, const Project &target) const
{
    const QByteArray &data = source.data;
    const QString &sourceName = source.name;
    Result<DotImport> dot = importDot(data, sourceName);
    if (!dot)
        return Result<Import>::failure(dot.error());

    // A DOT file carries the map only: the project takes the file's name.
    Project imported;
    imported.name = QFileInfo(sourceName).completeBaseName();
    NodeMatcher matcher(target);
    QHash<Id, Id> idOf; // read id -> id in the project
    for (int i = 0; i < dot->nodes.size(); ++i) {
        const Node &read = dot->nodes[i];
        const Node *current = matcher.match(read);
        if (!current) {
            idOf.insert(read.id, read.id);
            imported.nodes.append(read);
            continue;
        }
        // What DOT does not say stays as it is: properties, position, and the fields
        // this file leaves at their defaults.
        const DotNodeFields &given = dot->given[i];
        Node merged = *current;
        merged.name = read.name;
        if (given.kind)
            merged.kind = read.kind;
        if (given.risk)
            merged.risk = read.risk;
        if (given.owner)
            merged.owner = read.owner;
        if (given.description)
            merged.description = read.description;
        if (dot->hasClusters)
            merged.group = read.group;
        idOf.insert(read.id, merged.id);
        imported.nodes.append(merged);
    }
    QHash<Id, const Edge *> edgesById;
    QHash<QString, const Edge *> edgesByEnds;
    for (const Edge &e : target.edges) {
        edgesById.insert(e.id, &e);
        edgesByEnds.insert(edgeKey(e.from, e.to, e.kind), &e);
    }
    for (const Edge &read : dot->edges) {
        const Id from = idOf.value(read.from, read.from);
        const Id to = idOf.value(read.to, read.to);
        const Edge *current = edgesById.value(read.id);
        if (!current)
            current = edgesByEnds.value(edgeKey(from, to, read.kind));
        Edge merged = current ? *current : read;
        merged.from = from;
        merged.to = to;
        merged.kind = read.kind;
        merged.label = read.label;
        imported.edges.append(merged);
    }

    Import result;
    result.changes = ProjectChangeSet::between(target, imported);
    result.report = summarizeImport(sourceName, result.changes);
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
