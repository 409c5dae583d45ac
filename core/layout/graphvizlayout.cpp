#include "layout/graphvizlayout.h"
#include "layout/graphvizsession.h"
#include "layout/layoutgeometry.h"

#include <QHash>
#include <cstdio>
#include <vector>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace flowbench {

namespace {

constexpr double kPointsPerInch = 72.0;

char *cstr(const char *text) { return const_cast<char *>(text); }

struct BuiltGraph
{
    GraphPtr graph;
    std::vector<Agnode_t *> nodes;
    std::vector<Agedge_t *> edges;
    std::vector<std::pair<QString, Agraph_t *>> clusters;
};

QByteArray inches(double points) { return QByteArray::number(points / kPointsPerInch, 'f', 4); }

// Builds the cgraph graph for the request. Node and edge names are their indexes, so the
// graph never depends on what characters ids contain.
BuiltGraph buildGraph(const LayoutRequest &request)
{
    BuiltGraph built;
    built.graph.reset(agopen(cstr("flowbench"), Agdirected, nullptr));
    Agraph_t *g = built.graph.get();
    agattr(g, AGRAPH, cstr("rankdir"), cstr("LR"));
    agattr(g, AGRAPH, cstr("nodesep"), inches(request.nodeSeparation).data());
    agattr(g, AGRAPH, cstr("ranksep"), inches(request.rankSeparation).data());
    Agsym_t *clusterLabel = agattr(g, AGRAPH, cstr("label"), cstr(""));
    agattr(g, AGNODE, cstr("shape"), cstr("box"));
    agattr(g, AGNODE, cstr("fixedsize"), cstr("true"));
    agattr(g, AGNODE, cstr("label"), cstr("")); // the map draws names itself
    Agsym_t *width = agattr(g, AGNODE, cstr("width"), cstr("0.75"));
    Agsym_t *height = agattr(g, AGNODE, cstr("height"), cstr("0.5"));

    QHash<QString, Agraph_t *> clusterOf;
    QHash<Id, Agnode_t *> nodeOf;
    built.nodes.reserve(request.nodes.size());
    for (int i = 0; i < request.nodes.size(); ++i) {
        const LayoutNodeSpec &spec = request.nodes[i];
        Agnode_t *n = agnode(g, QByteArray("n" + QByteArray::number(i)).data(), 1);
        agxset(n, width, inches(spec.width).data());
        agxset(n, height, inches(spec.height).data());
        if (!spec.group.isEmpty()) {
            Agraph_t *cluster = clusterOf.value(spec.group);
            if (!cluster) {
                const QByteArray name = "cluster_" + QByteArray::number(int(built.clusters.size()));
                cluster = agsubg(g, const_cast<char *>(name.constData()), 1);
                agxset(cluster, clusterLabel, spec.group.toUtf8().data());
                clusterOf.insert(spec.group, cluster);
                built.clusters.emplace_back(spec.group, cluster);
            }
            agsubnode(cluster, n, 1);
        }
        built.nodes.push_back(n);
        nodeOf.insert(spec.id, n);
    }
    built.edges.reserve(request.edges.size());
    for (int i = 0; i < request.edges.size(); ++i) {
        const LayoutEdgeSpec &spec = request.edges[i];
        // A key per edge keeps duplicates between the same nodes apart.
        const QByteArray key = "e" + QByteArray::number(i);
        built.edges.push_back(agedge(g, nodeOf.value(spec.from), nodeOf.value(spec.to),
                                     const_cast<char *>(key.constData()), 1));
    }
    return built;
}

struct Flip
{
    double left;
    double top;
    QPointF operator()(pointf p) const { return QPointF(p.x - left, top - p.y); }
};

} // namespace

Result<LayoutResult> layoutWithGraphviz(const LayoutRequest &request)
{
    const QString invalid = validateLayoutRequest(request);
    if (!invalid.isEmpty())
        return Result<LayoutResult>::failure(invalid);
    LayoutResult result;
    result.engine = QStringLiteral("dot");
    if (request.nodes.isEmpty())
        return result;

    GraphvizSession session;
    GVC_t *gvc = session.context();
    if (!gvc)
        return Result<LayoutResult>::failure(
            QStringLiteral("Graphviz could not start: %1").arg(session.messages()));
    BuiltGraph built = buildGraph(request);
    Agraph_t *g = built.graph.get();
    const int rc = gvLayout(gvc, g, "dot");
    GraphvizLayoutGuard freeLayout(gvc, g);
    if (rc != 0 || session.hadError())
        return Result<LayoutResult>::failure(
            QStringLiteral("Graphviz dot layout failed (code %1): %2").arg(rc).arg(session.messages()));

    const boxf bb = GD_bb(g);
    const Flip flip{bb.LL.x, bb.UR.y};
    result.nodes.reserve(request.nodes.size());
    for (int i = 0; i < request.nodes.size(); ++i) {
        const LayoutNodeSpec &spec = request.nodes[i];
        const QPointF centre = flip(ND_coord(built.nodes[i]));
        const QSizeF size(spec.width, spec.height);
        result.nodes.append({spec.id, centre - QPointF(size.width() / 2, size.height() / 2), size});
    }
    result.edges.reserve(request.edges.size());
    for (int i = 0; i < request.edges.size(); ++i) {
        EdgeRoute route;
        route.id = request.edges[i].id;
        const splines *spl = ED_spl(built.edges[i]);
        for (int b = 0; spl && b < spl->size; ++b) {
            const bezier &bz = spl->list[b];
            // Later pieces (only with concentrate) continue where the previous one ended.
            for (int p = (b == 0 ? 0 : 1); p < bz.size; ++p)
                route.points.append(flip(bz.list[p]));
            if (bz.eflag)
                route.arrowTip = flip(bz.ep);
        }
        result.edges.append(route);
    }
    for (const auto &[group, cluster] : built.clusters) {
        const boxf cb = GD_bb(cluster);
        ClusterBox box;
        box.group = group;
        box.rect = QRectF(flip(pointf{cb.LL.x, cb.UR.y}), flip(pointf{cb.UR.x, cb.LL.y}));
        box.labelTopLeft = box.rect.topLeft();
        if (const textlabel_t *label = GD_label(cluster)) {
            const QPointF centre = flip(label->pos);
            box.labelTopLeft = centre - QPointF(label->dimen.x / 2, label->dimen.y / 2);
        }
        result.clusters.append(box);
    }
    // dot's bounding box keeps a margin around clusters; the map wants content at (0, 0).
    result.boundingBox = layoutBounds(result);
    translateLayout(result, -result.boundingBox.topLeft());
    return result;
}

Result<QByteArray> graphvizInputFor(const LayoutRequest &request)
{
    const QString invalid = validateLayoutRequest(request);
    if (!invalid.isEmpty())
        return Result<QByteArray>::failure(invalid);
    GraphvizSession session;
    BuiltGraph built = buildGraph(request);
    char *buffer = nullptr;
    size_t size = 0;
    FILE *stream = open_memstream(&buffer, &size);
    if (!stream)
        return Result<QByteArray>::failure(QStringLiteral("could not open a memory stream for DOT"));
    const int rc = agwrite(built.graph.get(), stream);
    std::fclose(stream);
    QByteArray text(buffer, qsizetype(size));
    std::free(buffer);
    if (rc != 0)
        return Result<QByteArray>::failure(
            QStringLiteral("Graphviz could not write DOT: %1").arg(session.messages()));
    return text;
}

} // namespace flowbench
