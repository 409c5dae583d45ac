// DOT import (importDot through Graphviz's agmemread, then labels, clusters, positions):
// any bytes give nodes and edges or an error naming the file, never a crash. What it
// accepts is a valid project's map, and that map exported as DOT imports again with
// the same names, kinds, groups and edges.
#include "fuzzsupport.h"

#include "io/dotexport.h"
#include "io/dotimport.h"
#include "model/project.h"

#include <cmath>

using namespace flowbench;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<DotImport> imported = importDot(bytes, QStringLiteral("fuzz.dot"));
    if (!imported) {
        if (!imported.error().startsWith(QLatin1String("fuzz.dot")))
            fuzz::broken("an import error that does not name the file", imported.error());
        return 0;
    }
    Project project;
    project.name = QStringLiteral("fuzz");
    project.nodes = imported->nodes;
    project.edges = imported->edges;
    if (const QStringList problems = validateProject(project); !problems.isEmpty())
        fuzz::broken("importDot gave an invalid map", problems.join(QLatin1Char('\n')));
    for (const Node &n : project.nodes)
        if (!std::isfinite(n.x) || !std::isfinite(n.y))
            fuzz::broken("a position that is not a number", n.name);

    const QByteArray exported = exportDot(project);
    const Result<DotImport> again = importDot(exported, QStringLiteral("exported.dot"));
    if (!again)
        fuzz::broken("an exported map does not import",
            again.error() + QLatin1Char('\n') + QString::fromUtf8(exported));
    if (again->nodes.size() != project.nodes.size() || again->edges.size() != project.edges.size())
        fuzz::broken("export -> import changed the number of nodes or edges", QString::fromUtf8(exported));
    for (qsizetype i = 0; i < project.nodes.size(); ++i) {
        const Node &a = project.nodes[i];
        const Node &b = again->nodes[i];
        if (a.id != b.id || a.name != b.name || a.kind != b.kind || a.group != b.group || a.risk != b.risk
            || a.owner != b.owner || a.description != b.description)
            fuzz::broken("export -> import changed a node",
                QStringLiteral("%1 / %2\n%3").arg(a.name, b.name, QString::fromUtf8(exported)));
    }
    for (qsizetype i = 0; i < project.edges.size(); ++i)
        if (!(project.edges[i] == again->edges[i]))
            fuzz::broken("export -> import changed an edge", QString::fromUtf8(exported));
    return 0;
}
