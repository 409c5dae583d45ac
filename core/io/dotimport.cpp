#include "io/dotimport.h"
#include "layout/graphvizsession.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

#include <graphviz/cgraph.h>

extern "C" void aglexbad(void);

namespace flowbench {

namespace {

char *cstr(const char *text)
{
    return const_cast<char *>(text);
}

// The value of a declared attribute, empty when undeclared or unset.
QString attributeOf(void *object, const char *name)
{
    const char *value = agget(object, cstr(name));
    return value ? QString::fromUtf8(value) : QString();
}

// Text as Graphviz would show it: \\ is a backslash, \n \l \r break lines, \N is the node's
// name. Other escapes stay as written. (exportDot writes exactly these.)
QString displayText(const QString &raw, const QString &nodeName = QString())
{
    if (!raw.contains(QLatin1Char('\\')))
        return raw;
    QString out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QChar c = raw[i];
        if (c != QLatin1Char('\\') || i + 1 == raw.size()) {
            out += c;
            continue;
        }
        const QChar next = raw[++i];
        if (next == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        else if (next == QLatin1Char('n') || next == QLatin1Char('l') || next == QLatin1Char('r'))
            out += QLatin1Char('\n');
        else if (next == QLatin1Char('N'))
            out += nodeName;
        else
            out += c, out += next;
    }
    return out;
}

std::optional<NodeKind> kindFromShape(const QString &shape)
{
    static const QHash<QString, NodeKind> shapes {
        { QStringLiteral("note"), NodeKind::Screen },
        { QStringLiteral("tab"), NodeKind::Screen },
        { QStringLiteral("component"), NodeKind::Api },
        { QStringLiteral("cylinder"), NodeKind::Table },
        { QStringLiteral("cds"), NodeKind::Queue },
        { QStringLiteral("box3d"), NodeKind::Cache },
        { QStringLiteral("hexagon"), NodeKind::Job },
        { QStringLiteral("doubleoctagon"), NodeKind::External },
    };
    auto it = shapes.find(shape.toLower());
    if (it == shapes.end())
        return std::nullopt;
    return *it;
}

// Group of every node: the innermost cluster around it. Parents are visited before their
// subgraphs, so a nested cluster overrides the one around it.
void collectGroups(Agraph_t *graph, const QString &rootLabel, QHash<Agnode_t *, QString> &groupOf)
{
    for (Agraph_t *sub = agfstsubg(graph); sub; sub = agnxtsubg(sub)) {
        const QString name = QString::fromUtf8(agnameof(sub));
        if (name.startsWith(QLatin1String("cluster"))) {
            QString label = displayText(attributeOf(sub, "label"));
            // Cluster labels inherit the root graph's label when they have none.
            if (label.isEmpty() || label == rootLabel) {
                label = name.mid(7);
                if (label.startsWith(QLatin1Char('_')))
                    label = label.mid(1);
            }
            for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n))
                groupOf.insert(agsubnode(agroot(sub), n, 0), label);
        }
        collectGroups(sub, rootLabel, groupOf);
    }
}

class IdPool
{
public:
    Id take(const QString &wanted)
    {
        const Id id = isValidId(wanted) && !m_used.contains(wanted.toLower()) ? wanted.toLower() : newId();
        m_used.insert(id);
        return id;
    }

private:
    QSet<Id> m_used;
};

Result<Risk> parseRisk(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    Risk risk;
    bool ok1 = false, ok2 = false;
    if (parts.size() == 2) {
        risk.likelihood = parts[0].trimmed().toInt(&ok1);
        risk.impact = parts[1].trimmed().toInt(&ok2);
    }
    if (!ok1 || !ok2 || !risk.isValid())
        return Result<Risk>::failure(
            QStringLiteral("risk \"%1\" is not likelihood/impact, each 1..5 (e.g. \"3/4\")").arg(text));
    return risk;
}

// "Error: syntax error in line 3 near ';'" -> "line 3: syntax error near ';'".
QString describeGraphvizError(QString message)
{
    message.remove(QRegularExpression(QStringLiteral("^(Error|Warning): ")));
    static const QRegularExpression inLine(
        QStringLiteral("^(.*) in line (\\d+)(.*)$"), QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = inLine.match(message);
    if (m.hasMatch())
        return QStringLiteral("line %1: %2%3").arg(m.captured(2), m.captured(1), m.captured(3));
    return message;
}

// Declared attributes of one kind of object that Flowbench does not read, with the number
// of objects that set a value (a default of "" sets none).
template <typename Object>
void collectIgnored(Agraph_t *g, int kind, const char *what, const QSet<QString> &known,
    const std::vector<Object *> &objects, QList<DotIgnoredAttribute> &out)
{
    for (Agsym_t *sym = agnxtattr(g, kind, nullptr); sym; sym = agnxtattr(g, kind, sym)) {
        const QString name = QString::fromUtf8(sym->name);
        if (known.contains(name))
            continue;
        int count = 0;
        for (Object *o : objects) {
            const char *value = agxget(o, sym);
            count += value && *value;
        }
        if (count > 0)
            out.append({ QString::fromLatin1(what), name, count });
    }
}

} // namespace

Result<DotImport> importDot(const QByteArray &text, const QString &sourceName)
{
    auto fail = [&](const QString &message) {
        return Result<DotImport>::failure(QStringLiteral("%1: %2").arg(sourceName, message));
    };
    GraphvizSession session;
    // cgraph's lexer keeps what it read ahead of the previous graph (its trailing line
    // break) and scans it first: without a flush, a second import in one process names
    // the wrong line. aglexbad() is cgraph's own flush (YY_FLUSH_BUFFER), exported but
    // declared only in its private header.
    aglexbad();
    agreadline(1);
    GraphPtr graph(agmemread(text.constData()));
    if (session.hadError() || !graph) {
        const QString messages = session.messages();
        return fail(
            messages.isEmpty() ? QStringLiteral("no DOT graph found") : describeGraphvizError(messages));
    }
    Agraph_t *g = graph.get();
    DotImport import;
    IdPool ids;
    const QString rootLabel = attributeOf(g, "label");
    QHash<Agnode_t *, QString> groupOf;
    collectGroups(g, rootLabel, groupOf);
    import.hasClusters = !groupOf.isEmpty();

    QHash<Agnode_t *, Id> idOf;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const QString rawName = QString::fromUtf8(agnameof(n));
        const QString dotName = displayText(rawName);
        Node node;
        node.id = ids.take(attributeOf(n, "id"));
        const QString label = attributeOf(n, "label");
        node.name = label.isEmpty() ? dotName : displayText(label, dotName);
        const QString where = QStringLiteral("node \"%1\"").arg(dotName);
        DotNodeFields given;
        const QString kind = attributeOf(n, "kind");
        if (!kind.isEmpty()) {
            const auto parsed = nodeKindFromString(kind.trimmed().toLower());
            if (!parsed)
                return fail(QStringLiteral("%1: unknown kind \"%2\" (expected one of screen, api, service, "
                                           "table, queue, cache, job, external)")
                                .arg(where, kind));
            node.kind = *parsed;
            given.kind = true;
        } else if (const auto fromShape = kindFromShape(attributeOf(n, "shape"))) {
            node.kind = *fromShape;
            given.kind = true;
        }
        const QString risk = attributeOf(n, "risk");
        if (!risk.isEmpty()) {
            const Result<Risk> parsed = parseRisk(risk);
            if (!parsed)
                return fail(QStringLiteral("%1: %2").arg(where, parsed.error()));
            node.risk = *parsed;
            given.risk = true;
        }
        node.owner = displayText(attributeOf(n, "owner"));
        node.description = displayText(attributeOf(n, "description"));
        given.owner = !node.owner.isEmpty();
        given.description = !node.description.isEmpty();
        node.group = groupOf.value(n);
        idOf.insert(n, node.id);
        import.nodes.append(node);
        import.given.append(given);
    }

    // Out-edges are grouped per node; their sequence numbers restore file order.
    std::vector<Agedge_t *> edges;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            edges.push_back(e);
    std::sort(edges.begin(), edges.end(), [](Agedge_t *a, Agedge_t *b) { return AGSEQ(a) < AGSEQ(b); });
    for (Agedge_t *e : edges) {
        Edge edge;
        edge.id = ids.take(attributeOf(e, "id"));
        edge.from = idOf.value(agtail(e));
        edge.to = idOf.value(aghead(e));
        const QString kind = attributeOf(e, "kind");
        if (!kind.isEmpty()) {
            const auto parsed = edgeKindFromString(kind.trimmed().toLower());
            if (!parsed)
                return fail(
                    QStringLiteral("edge \"%1\" -> \"%2\": unknown kind \"%3\" (expected one of calls, "
                                   "reads, writes, publishes, consumes, triggers, schedules)")
                        .arg(QString::fromUtf8(agnameof(agtail(e))), QString::fromUtf8(agnameof(aghead(e))),
                            kind));
            edge.kind = *parsed;
        }
        edge.label = displayText(attributeOf(e, "label"));
        import.edges.append(edge);
    }

    std::vector<Agnode_t *> nodes;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        nodes.push_back(n);
    static const QSet<QString> knownNode { QStringLiteral("id"), QStringLiteral("label"),
        QStringLiteral("kind"), QStringLiteral("shape"), QStringLiteral("risk"), QStringLiteral("owner"),
        QStringLiteral("description") };
    static const QSet<QString> knownEdge { QStringLiteral("id"), QStringLiteral("kind"),
        QStringLiteral("label") };
    collectIgnored(g, AGNODE, "node", knownNode, nodes, import.ignored);
    collectIgnored(g, AGEDGE, "edge", knownEdge, edges, import.ignored);
    return import;
}

} // namespace flowbench
