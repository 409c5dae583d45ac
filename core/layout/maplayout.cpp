#include "layout/maplayout.h"
#include "layout/graphvizlayout.h"
#include "layout/layoutgeometry.h"
#include "model/project.h"

namespace flowbench {

const NodePlacement *LayoutResult::node(const Id &id) const
{
    for (const NodePlacement &n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

LayoutRequest LayoutRequest::fromProject(const Project &project, double nodeWidth, double nodeHeight)
{
    LayoutRequest request;
    request.nodes.reserve(project.nodes.size());
    for (const Node &n : project.nodes)
        request.nodes.append({n.id, nodeWidth, nodeHeight, n.group, n.pinned, n.x, n.y});
    request.edges.reserve(project.edges.size());
    for (const Edge &e : project.edges)
        request.edges.append({e.id, e.from, e.to});
    return request;
}

Result<LayoutResult> layoutMap(const LayoutRequest &request, const LayoutControl &control)
{
    bool layered = false;
    switch (request.strategy) {
    case LayoutStrategy::Automatic: layered = request.nodes.size() > request.largeGraphThreshold; break;
    case LayoutStrategy::Graphviz: layered = false; break;
    case LayoutStrategy::Layered: layered = true; break;
    }
    Result<LayoutResult> result = [&] {
        if (layered)
            return layoutLayered(request, control);
        if (control.isCancelled && control.isCancelled())
            return Result<LayoutResult>::failure(QStringLiteral("cancelled"));
        auto r = layoutWithGraphviz(request);
        if (control.progress)
            control.progress(1, 1);
        return r;
    }();
    if (result.ok())
        applyPinnedNodes(request, result.value());
    return result;
}

} // namespace flowbench
