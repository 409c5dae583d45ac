#include "io/dotexport.h"
#include "model/project.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace flowbench {

namespace {

const char *shapeFor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Screen:
        return "note";
    case NodeKind::Api:
        return "component";
    case NodeKind::Service:
        return "box";
    case NodeKind::Table:
        return "cylinder";
    case NodeKind::Queue:
        return "cds";
    case NodeKind::Cache:
        return "box3d";
    case NodeKind::Job:
        return "hexagon";
    case NodeKind::External:
        return "doubleoctagon";
    }
    return "box";
}

QByteArray attribute(const char *name, const QString &value)
{
    return QByteArray(name) + '=' + dotQuoted(value);
}

} // namespace

QByteArray dotQuoted(const QString &text)
{
    // Graphviz's own escapes, which importDot undoes: \\ for a backslash, \n for a line
    // break, \" for a quote (the only one the DOT lexer itself knows). Anything else,
    // a carriage return too, is written as it is: Graphviz keeps it, so nothing is lost.
    QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char c : utf8) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    out += '"';
    return out;
}

QByteArray exportDot(const Project &project)
{
    // DOT ids are names; a name used twice falls back to the UUID (label keeps the name).
    // Ids are compared as written, so two names can never become one node, and a name
    // that happens to be another node's UUID does not take that node's id either. Graphviz
    // reads an id starting with '%' as one of its anonymous nodes and renames it, so such
    // a name goes in the label too.
    QHash<QByteArray, int> nameCount;
    for (const Node &n : project.nodes)
        ++nameCount[dotQuoted(n.name)];
    QHash<Id, QByteArray> dotId;
    QSet<QByteArray> taken;
    for (const Node &n : project.nodes) {
        const QByteArray byName = dotQuoted(n.name);
        if (!n.name.isEmpty() && !n.name.startsWith(QLatin1Char('%')) && nameCount.value(byName) == 1) {
            dotId.insert(n.id, byName);
            taken.insert(byName);
        }
    }
    for (const Node &n : project.nodes) {
        if (dotId.contains(n.id))
            continue;
        QByteArray id = dotQuoted(n.id);
        for (int i = 2; taken.contains(id); ++i)
            id = dotQuoted(QStringLiteral("%1-%2").arg(n.id).arg(i));
        dotId.insert(n.id, id);
        taken.insert(id);
    }

    auto nodeLine = [&](const Node &n, const QByteArray &indent) {
        QList<QByteArray> attrs { attribute("id", n.id), attribute("kind", toString(n.kind)),
            attribute("shape", QString::fromLatin1(shapeFor(n.kind))),
            attribute("risk", QStringLiteral("%1/%2").arg(n.risk.likelihood).arg(n.risk.impact)) };
        if (dotId.value(n.id) != dotQuoted(n.name))
            attrs.prepend(attribute("label", n.name));
        if (!n.owner.isEmpty())
            attrs.append(attribute("owner", n.owner));
        if (!n.description.isEmpty())
            attrs.append(attribute("description", n.description));
        QByteArray line = indent + dotId.value(n.id) + " [";
        for (int i = 0; i < attrs.size(); ++i)
            line += (i ? ", " : "") + attrs[i];
        return line + "];\n";
    };

    QByteArray out = "digraph " + dotQuoted(project.name) + " {\n    rankdir=LR;\n";
    QStringList groups;
    for (const Node &n : project.nodes)
        if (!n.group.isEmpty() && !groups.contains(n.group))
            groups.append(n.group);
    // Nodes are declared in project order (an import gives them back in that order); the
    // clusters then list their members.
    for (const Node &n : project.nodes)
        out += nodeLine(n, "    ");
    for (int g = 0; g < groups.size(); ++g) {
        out += "    subgraph \"cluster_" + QByteArray::number(g) + "\" {\n";
        out += "        " + attribute("label", groups[g]) + ";\n";
        for (const Node &n : project.nodes)
            if (n.group == groups[g])
                out += "        " + dotId.value(n.id) + ";\n";
        out += "    }\n";
    }
    for (const Edge &e : project.edges) {
        // An edge to a missing node still names it, so nothing is dropped silently.
        out += "    " + dotId.value(e.from, dotQuoted(e.from)) + " -> " + dotId.value(e.to, dotQuoted(e.to))
            + " [" + attribute("id", e.id) + ", " + attribute("kind", toString(e.kind));
        if (!e.label.isEmpty())
            out += ", " + attribute("label", e.label);
        out += "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace flowbench
