#include "io/dotimport.h"
#include "io/dotlabel.h"
#include "layout/graphvizsession.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

#include <graphviz/cgraph.h>

// cgraph's lexer keeps whatever follows the first graph of a text (a second graph, stray
// characters) and hands it to the next agmemread of the process, which then fails with a
// syntax error or reads the wrong graph (found by fuzz_dotimport). cgraph flushes it only
// after a syntax error; aglexbad() is that flush, exported by libcgraph but declared only
// in its private header.
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

// A label as plain text: HTML-like labels by their text, others with Graphviz's escapes read.
QString labelOf(void *object, const QString &nodeName = QString())
{
    char *value = agget(object, cstr("label"));
    if (!value || !*value)
        return QString();
    const QString text = QString::fromUtf8(value);
    return aghtmlstr(value) ? htmlLabelText(text) : dotEscapedText(text, nodeName);
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
// subgraphs, so a nested cluster overrides the one around it. A subgraph's label reads as
// its parent's when it has none of its own (cgraph hands graph attributes down), so a
// label equal to the parent's counts as none: the cluster is named after its subgraph.
void collectGroups(Agraph_t *graph, QHash<Agnode_t *, QString> &groupOf)
{
    for (Agraph_t *sub = agfstsubg(graph); sub; sub = agnxtsubg(sub)) {
        const QString name = QString::fromUtf8(agnameof(sub));
        if (name.startsWith(QLatin1String("cluster"))) {
            const char *own = agget(sub, cstr("label"));
            const char *inherited = agget(graph, cstr("label"));
            QString label = own && (!inherited || qstrcmp(own, inherited) != 0) ? labelOf(sub) : QString();
            if (label.trimmed().isEmpty()) {
                label = name.mid(7);
                if (label.startsWith(QLatin1Char('_')))
                    label = label.mid(1);
                if (label.trimmed().isEmpty()) // "cluster_" says nothing more than its name
                    label = name;
            }
            for (Agnode_t *n = agfstnode(sub); n; n = agnxtnode(sub, n))
                groupOf.insert(agsubnode(agroot(sub), n, 0), label);
        }
        collectGroups(sub, groupOf);
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

// Graphviz's `pos` of a node: "x,y" in points, y up; "x,y!" (pinned for neato) and
// "x,y,z" (3D) too. nullopt when it is not that. Coordinates beyond ±1e7 points (a map
// kilometres wide) are refused too: they are no layout a person made.
std::optional<QPointF> parsePos(QString text)
{
    text = text.trimmed();
    if (text.endsWith(QLatin1Char('!')))
        text.chop(1);
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != 2 && parts.size() != 3)
        return std::nullopt;
    double xy[2];
    for (int i = 0; i < 2; ++i) {
        bool ok = false;
        xy[i] = parts[i].trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(xy[i]) || std::fabs(xy[i]) > 1e7)
            return std::nullopt;
    }
    return QPointF(xy[0], xy[1]);
}

// Positions of a laid-out file as the map keeps them (as core/layout does with a layout):
// y flipped to Qt's y-down, card centre -> top-left, and the placed cards moved so they
// start at (0, 0). Placed nodes are pinned: a layout keeps them where the file has them.
void placeCards(QList<Node> &nodes, const QList<std::pair<int, QPointF>> &centres, QSizeF cardSize)
{
    if (centres.isEmpty())
        return;
    double left = std::numeric_limits<double>::max(), top = left;
    for (const auto &[index, centre] : centres) {
        left = std::min(left, centre.x() - cardSize.width() / 2);
        top = std::min(top, -centre.y() - cardSize.height() / 2);
    }
    for (const auto &[index, centre] : centres) {
        Node &node = nodes[index];
        node.x = centre.x() - cardSize.width() / 2 - left;
        node.y = -centre.y() - cardSize.height() / 2 - top;
        node.pinned = true;
    }
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

} // namespace

Result<DotImport> importDot(const QByteArray &text, const QString &sourceName, QSizeF cardSize)
{
    auto fail = [&](const QString &message) {
        return Result<DotImport>::failure(QStringLiteral("%1: %2").arg(sourceName, message));
    };
    GraphvizSession session;
    GraphPtr graph(agmemread(text.constData()));
    aglexbad(); // the rest of `text` is not the next import's beginning
    if (session.hadError() || !graph) {
        const QString messages = session.messages();
        return fail(
            messages.isEmpty() ? QStringLiteral("no DOT graph found") : describeGraphvizError(messages));
    }
    Agraph_t *g = graph.get();
    DotImport import;
    IdPool ids;
    QHash<Agnode_t *, QString> groupOf;
    collectGroups(g, groupOf);
    QList<std::pair<int, QPointF>> centres; // node index -> pos, y up

    QHash<Agnode_t *, Id> idOf;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const QString rawName = QString::fromUtf8(agnameof(n));
        const QString dotName = dotEscapedText(rawName);
        Node node;
        node.id = ids.take(attributeOf(n, "id"));
        const QString shape = attributeOf(n, "shape").trimmed().toLower();
        QString label;
        char *rawLabel = agget(n, cstr("label"));
        if (rawLabel && *rawLabel && !aghtmlstr(rawLabel)
            && (shape == QLatin1String("record") || shape == QLatin1String("mrecord")))
            label = recordLabelText(QString::fromUtf8(rawLabel), dotName);
        else
            label = labelOf(n, dotName);
        node.name = label.trimmed().isEmpty() ? dotName : label;
        const QString where = QStringLiteral("node \"%1\"").arg(dotName);
        // DOT allows "" (and <>) as a node id; a card needs a name (validateProject).
        if (node.name.trimmed().isEmpty())
            return fail(
                QStringLiteral("%1 (node %2 in file order) has no name: its DOT id is blank and it has no "
                               "label; give it a label")
                    .arg(where)
                    .arg(import.nodes.size() + 1));
        const QString kind = attributeOf(n, "kind");
        if (!kind.isEmpty()) {
            const auto parsed = nodeKindFromString(kind.trimmed().toLower());
            if (!parsed)
                return fail(QStringLiteral("%1: unknown kind \"%2\" (expected one of screen, api, service, "
                                           "table, queue, cache, job, external)")
                                .arg(where, kind));
            node.kind = *parsed;
        } else if (const auto fromShape = kindFromShape(shape)) {
            node.kind = *fromShape;
        }
        const QString risk = attributeOf(n, "risk");
        if (!risk.isEmpty()) {
            const Result<Risk> parsed = parseRisk(risk);
            if (!parsed)
                return fail(QStringLiteral("%1: %2").arg(where, parsed.error()));
            node.risk = *parsed;
        }
        if (const QString pos = attributeOf(n, "pos"); !pos.trimmed().isEmpty()) {
            const auto centre = parsePos(pos);
            if (!centre)
                return fail(
                    QStringLiteral("%1: pos \"%2\" is not \"x,y\" in points (e.g. \"27,18\" or \"27,18!\")")
                        .arg(where, pos));
            centres.append({ int(import.nodes.size()), *centre });
        }
        node.owner = dotEscapedText(attributeOf(n, "owner"));
        node.description = dotEscapedText(attributeOf(n, "description"));
        node.group = groupOf.value(n);
        idOf.insert(n, node.id);
        import.nodes.append(node);
    }
    placeCards(import.nodes, centres, cardSize);

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
        edge.label = labelOf(e);
        import.edges.append(edge);
    }
    return import;
}

} // namespace flowbench
