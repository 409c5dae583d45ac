#include "layout/layeredlayout.h"
#include "layout/layoutgeometry.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace flowbench {

namespace {

constexpr double kClusterMargin = 12;
constexpr double kClusterLabelHeight = 20;
constexpr int kOrderingSweeps = 8;
constexpr int kPlacementRounds = 4;

// One graph edge as the layered drawing sees it: between local vertices, pointing from a
// lower to a higher layer (reversed if it closed a cycle), with its dummy vertices.
struct LocalEdge
{
    int request = -1; // index into LayoutRequest::edges
    int tail = 0;
    int head = 0;
    bool reversed = false;
    std::vector<int> dummies;
};

// The layered drawing of one group, in coordinates local to its block.
struct Block
{
    QString group;
    std::vector<int> nodes; // request indexes
    std::vector<QPointF> topLeft;
    std::vector<LocalEdge> edges;
    std::vector<QPointF> vertexCentre; // real vertices first, then dummies
    QSizeF size;
};

// Isotonic regression with gaps: positions as near `desired` as possible (least squares)
// while keeping order and minimum centre distances `gaps` (gaps[i] between i and i+1).
std::vector<double> placeInOrder(const std::vector<double> &desired, const std::vector<double> &gaps)
{
    const size_t n = desired.size();
    std::vector<double> offset(n, 0.0);
    for (size_t i = 1; i < n; ++i)
        offset[i] = offset[i - 1] + gaps[i - 1];
    struct Pool { double sum; int count; };
    std::vector<Pool> pools;
    pools.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        pools.push_back({desired[i] - offset[i], 1});
        while (pools.size() > 1) {
            Pool &last = pools[pools.size() - 1];
            Pool &prev = pools[pools.size() - 2];
            if (prev.sum / prev.count <= last.sum / last.count)
                break;
            prev.sum += last.sum;
            prev.count += last.count;
            pools.pop_back();
        }
    }
    std::vector<double> out(n);
    size_t i = 0;
    for (const Pool &pool : pools)
        for (int k = 0; k < pool.count; ++k, ++i)
            out[i] = pool.sum / pool.count + offset[i];
    return out;
}

// Cycle breaking and layering over the whole map, so a table called from another domain
// still lands in its domain's last column. An iterative DFS reverses edges that point
// back into the stack; each node then gets the layer "as late as possible" (its longest
// path to a sink counted from the right), which lines up tables and queues at the right
// like dot does. Nodes without any edge stand in the first column.
struct GlobalLayers
{
    std::vector<int> layer;     // per node
    std::vector<char> reversed; // per request edge
};

GlobalLayers layerWholeMap(int nodeCount, const std::vector<int> &endpoints)
{
    const int edgeCount = int(endpoints.size() / 2);
    GlobalLayers result;
    result.reversed.assign(edgeCount, 0);
    std::vector<std::vector<int>> out(nodeCount);
    for (int e = 0; e < edgeCount; ++e)
        if (endpoints[e * 2] != endpoints[e * 2 + 1])
            out[endpoints[e * 2]].push_back(e);
    std::vector<char> state(nodeCount, 0); // 0 new, 1 on stack, 2 done
    std::vector<int> finishOrder;
    finishOrder.reserve(nodeCount);
    for (int root = 0; root < nodeCount; ++root) {
        if (state[root])
            continue;
        std::vector<std::pair<int, size_t>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto &[v, next] = stack.back();
            if (next < out[v].size()) {
                const int e = out[v][next++];
                const int head = endpoints[e * 2 + 1];
                if (state[head] == 1) {
                    result.reversed[e] = 1;
                } else if (state[head] == 0) {
                    state[head] = 1;
                    stack.push_back({head, 0});
                }
            } else {
                state[v] = 2;
                finishOrder.push_back(v);
                stack.pop_back();
            }
        }
    }
    // DFS finish order of the acyclic graph lists every node after all its successors.
    std::vector<std::vector<int>> succ(nodeCount);
    std::vector<char> hasEdge(nodeCount, 0);
    for (int e = 0; e < edgeCount; ++e) {
        int t = endpoints[e * 2], h = endpoints[e * 2 + 1];
        if (t == h)
            continue;
        if (result.reversed[e])
            std::swap(t, h);
        succ[t].push_back(h);
        hasEdge[t] = hasEdge[h] = 1;
    }
    // Reversed edges are not DFS tree edges, so recompute an order on the final DAG.
    std::vector<int> indegree(nodeCount, 0), topo;
    topo.reserve(nodeCount);
    for (int v = 0; v < nodeCount; ++v)
        for (int w : succ[v])
            ++indegree[w];
    for (int v = 0; v < nodeCount; ++v)
        if (indegree[v] == 0)
            topo.push_back(v);
    for (size_t i = 0; i < topo.size(); ++i)
        for (int w : succ[topo[i]])
            if (--indegree[w] == 0)
                topo.push_back(w);
    std::vector<int> height(nodeCount, 0);
    for (auto it = topo.rbegin(); it != topo.rend(); ++it)
        for (int w : succ[*it])
            height[*it] = std::max(height[*it], height[w] + 1);
    const int top = nodeCount ? *std::max_element(height.begin(), height.end()) : 0;
    result.layer.resize(nodeCount);
    for (int v = 0; v < nodeCount; ++v)
        result.layer[v] = hasEdge[v] ? top - height[v] : 0;
    return result;
}

Block layoutGroup(const LayoutRequest &request, const QString &group, const std::vector<int> &members,
                  const std::vector<int> &localIndex, const std::vector<std::vector<int>> &edgesOfNode,
                  const GlobalLayers &global)
{
    Block block;
    block.group = group;
    block.nodes = members;
    const int n = int(members.size());

    // Edges with both ends in this group, self-loops aside (they are drawn as loops),
    // pointing the way the global layering sees them.
    for (int local = 0; local < n; ++local) {
        for (int e : edgesOfNode[members[local]]) {
            const int t = localIndex[e * 2];
            const int h = localIndex[e * 2 + 1];
            if (t != local || h < 0 || t == h)
                continue;
            const bool reversed = global.reversed[e];
            block.edges.push_back({e, reversed ? h : t, reversed ? t : h, reversed, {}});
        }
    }

    // The group's columns are the global layers its members use, without gaps.
    std::vector<int> used;
    used.reserve(n);
    for (int v = 0; v < n; ++v)
        used.push_back(global.layer[members[v]]);
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    std::vector<int> layer(n);
    for (int v = 0; v < n; ++v)
        layer[v] = int(std::lower_bound(used.begin(), used.end(), global.layer[members[v]]) - used.begin());

    // Dummy vertices split edges that span several layers.
    std::vector<int> vertexLayer(layer.begin(), layer.end());
    std::vector<std::vector<int>> up(n), down(n);
    for (LocalEdge &edge : block.edges) {
        int previous = edge.tail;
        for (int l = layer[edge.tail] + 1; l < layer[edge.head]; ++l) {
            const int dummy = int(vertexLayer.size());
            vertexLayer.push_back(l);
            up.emplace_back();
            down.emplace_back();
            edge.dummies.push_back(dummy);
            down[previous].push_back(dummy);
            up[dummy].push_back(previous);
            previous = dummy;
        }
        down[previous].push_back(edge.head);
        up[edge.head].push_back(previous);
    }
    const int vertexCount = int(vertexLayer.size());
    const int layerCount = vertexCount ? *std::max_element(vertexLayer.begin(), vertexLayer.end()) + 1 : 0;

    // Initial order: DFS order from the sources, so connected vertices start close.
    std::vector<std::vector<int>> layers(layerCount);
    std::vector<char> seen(vertexCount, 0);
    for (int root = 0; root < vertexCount; ++root) {
        if (seen[root] || !up[root].empty())
            continue;
        std::vector<int> stack{root};
        seen[root] = 1;
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            layers[vertexLayer[v]].push_back(v);
            for (auto it = down[v].rbegin(); it != down[v].rend(); ++it)
                if (!seen[*it]) {
                    seen[*it] = 1;
                    stack.push_back(*it);
                }
        }
    }
    for (int v = 0; v < vertexCount; ++v)
        if (!seen[v])
            layers[vertexLayer[v]].push_back(v);

    // Barycentric ordering, alternating downward and upward sweeps.
    std::vector<double> position(vertexCount, 0);
    auto number = [&](int l) {
        for (size_t i = 0; i < layers[l].size(); ++i)
            position[layers[l][i]] = double(i);
    };
    for (int l = 0; l < layerCount; ++l)
        number(l);
    std::vector<double> key(vertexCount, 0);
    auto sortLayer = [&](int l, const std::vector<std::vector<int>> &neighbours) {
        for (int v : layers[l]) {
            const auto &ns = neighbours[v];
            if (ns.empty()) {
                key[v] = position[v];
                continue;
            }
            double sum = 0;
            for (int w : ns)
                sum += position[w];
            key[v] = sum / double(ns.size());
        }
        std::stable_sort(layers[l].begin(), layers[l].end(), [&](int a, int b) { return key[a] < key[b]; });
        number(l);
    };
    for (int sweep = 0; sweep < kOrderingSweeps; ++sweep) {
        if (sweep % 2 == 0)
            for (int l = 1; l < layerCount; ++l)
                sortLayer(l, up);
        else
            for (int l = layerCount - 2; l >= 0; --l)
                sortLayer(l, down);
    }

    // Vertex sizes: real nodes have their own; dummies are thin.
    auto heightOf = [&](int v) { return v < n ? request.nodes[members[v]].height : 2.0; };
    auto widthOf = [&](int v) { return v < n ? request.nodes[members[v]].width : 0.0; };

    // Columns left to right.
    std::vector<double> columnX(layerCount, 0), columnWidth(layerCount, 0);
    for (int v = 0; v < vertexCount; ++v)
        columnWidth[vertexLayer[v]] = std::max(columnWidth[vertexLayer[v]], widthOf(v));
    for (int l = 1; l < layerCount; ++l)
        columnX[l] = columnX[l - 1] + columnWidth[l - 1] + request.rankSeparation;

    // Vertical placement: start packed, then pull each vertex toward its neighbours'
    // average while keeping order and spacing.
    std::vector<double> centreY(vertexCount, 0);
    auto gapsOf = [&](int l) {
        std::vector<double> gaps;
        const auto &vs = layers[l];
        for (size_t i = 1; i < vs.size(); ++i) {
            const bool bothReal = vs[i - 1] < n && vs[i] < n;
            const double sep = bothReal ? request.nodeSeparation : request.nodeSeparation / 3;
            gaps.push_back(heightOf(vs[i - 1]) / 2 + sep + heightOf(vs[i]) / 2);
        }
        return gaps;
    };
    for (int l = 0; l < layerCount; ++l) {
        const auto gaps = gapsOf(l);
        const auto packed = placeInOrder(std::vector<double>(layers[l].size(), 0.0), gaps);
        // placeInOrder centres a packed layer on 0, which lines layers up on one axis.
        for (size_t i = 0; i < layers[l].size(); ++i)
            centreY[layers[l][i]] = packed[i];
    }
    auto placeLayer = [&](int l, bool useUp, bool useDown) {
        const auto &vs = layers[l];
        std::vector<double> desired(vs.size());
        for (size_t i = 0; i < vs.size(); ++i) {
            double sum = 0;
            int count = 0;
            if (useUp)
                for (int w : up[vs[i]]) { sum += centreY[w]; ++count; }
            if (useDown)
                for (int w : down[vs[i]]) { sum += centreY[w]; ++count; }
            desired[i] = count ? sum / count : centreY[vs[i]];
        }
        const auto placed = placeInOrder(desired, gapsOf(l));
        for (size_t i = 0; i < vs.size(); ++i)
            centreY[vs[i]] = placed[i];
    };
    for (int round = 0; round < kPlacementRounds; ++round) {
        for (int l = 1; l < layerCount; ++l)
            placeLayer(l, true, round > 0);
        for (int l = layerCount - 2; l >= 0; --l)
            placeLayer(l, round > 0, true);
    }

    double top = 0, bottom = 0;
    if (vertexCount) {
        top = centreY[0] - heightOf(0) / 2;
        bottom = centreY[0] + heightOf(0) / 2;
        for (int v = 1; v < vertexCount; ++v) {
            top = std::min(top, centreY[v] - heightOf(v) / 2);
            bottom = std::max(bottom, centreY[v] + heightOf(v) / 2);
        }
    }
    block.vertexCentre.resize(vertexCount);
    for (int v = 0; v < vertexCount; ++v) {
        const int l = vertexLayer[v];
        block.vertexCentre[v] = QPointF(columnX[l] + columnWidth[l] / 2, centreY[v] - top);
    }
    block.topLeft.resize(n);
    for (int v = 0; v < n; ++v)
        block.topLeft[v] = block.vertexCentre[v] - QPointF(widthOf(v) / 2, heightOf(v) / 2);
    const double width = layerCount ? columnX[layerCount - 1] + columnWidth[layerCount - 1] : 0;
    block.size = QSizeF(width, bottom - top);
    return block;
}

// Orders groups so that groups others call come after their callers (DFS finish order on
// the group graph), ties by first appearance.
std::vector<int> groupOrder(int groupCount, const std::vector<std::vector<int>> &groupSucc)
{
    std::vector<int> order;
    std::vector<char> state(groupCount, 0);
    for (int root = 0; root < groupCount; ++root) {
        if (state[root])
            continue;
        std::vector<std::pair<int, size_t>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.empty()) {
            auto &[g, next] = stack.back();
            if (next < groupSucc[g].size()) {
                const int h = groupSucc[g][next++];
                if (!state[h]) {
                    state[h] = 1;
                    stack.push_back({h, 0});
                }
            } else {
                order.push_back(g);
                stack.pop_back();
            }
        }
    }
    std::reverse(order.begin(), order.end());
    return order;
}

} // namespace

Result<LayoutResult> layoutLayered(const LayoutRequest &request, const LayoutControl &control)
{
    const QString invalid = validateLayoutRequest(request);
    if (!invalid.isEmpty())
        return Result<LayoutResult>::failure(invalid);
    LayoutResult result;
    result.engine = QStringLiteral("layered");
    const int nodeCount = int(request.nodes.size());
    const int edgeCount = int(request.edges.size());

    QHash<Id, int> indexOf;
    indexOf.reserve(nodeCount);
    for (int i = 0; i < nodeCount; ++i)
        indexOf.insert(request.nodes[i].id, i);

    // Groups in order of first appearance; ungrouped nodes form one block without a box.
    QHash<QString, int> groupIndex;
    std::vector<QString> groupNames;
    std::vector<std::vector<int>> members;
    std::vector<int> groupOfNode(nodeCount), localOfNode(nodeCount);
    for (int i = 0; i < nodeCount; ++i) {
        const QString &group = request.nodes[i].group;
        auto it = groupIndex.find(group);
        if (it == groupIndex.end()) {
            it = groupIndex.insert(group, int(groupNames.size()));
            groupNames.push_back(group);
            members.emplace_back();
        }
        groupOfNode[i] = *it;
        localOfNode[i] = int(members[*it].size());
        members[*it].push_back(i);
    }
    const int groupCount = int(groupNames.size());

    // Per edge: its ends' local indexes when both lie in one group, else -1.
    std::vector<int> endpoints(size_t(edgeCount) * 2), localIndex(size_t(edgeCount) * 2, -1);
    std::vector<std::vector<int>> edgesOfNode(nodeCount);
    std::vector<std::vector<int>> groupSucc(groupCount);
    for (int e = 0; e < edgeCount; ++e) {
        const int from = indexOf.value(request.edges[e].from);
        const int to = indexOf.value(request.edges[e].to);
        endpoints[e * 2] = from;
        endpoints[e * 2 + 1] = to;
        edgesOfNode[from].push_back(e);
        if (groupOfNode[from] == groupOfNode[to]) {
            localIndex[e * 2] = localOfNode[from];
            localIndex[e * 2 + 1] = localOfNode[to];
        } else {
            groupSucc[groupOfNode[from]].push_back(groupOfNode[to]);
        }
    }

    const GlobalLayers global = layerWholeMap(nodeCount, endpoints);
    std::vector<Block> blocks;
    blocks.reserve(groupCount);
    const std::vector<int> order = groupOrder(groupCount, groupSucc);
    for (int k = 0; k < groupCount; ++k) {
        if (control.isCancelled && control.isCancelled())
            return Result<LayoutResult>::failure(QStringLiteral("cancelled"));
        const int g = order[k];
        blocks.push_back(layoutGroup(request, groupNames[g], members[g], localIndex, edgesOfNode, global));
        if (control.progress)
            control.progress(k + 1, groupCount);
    }

    // Pack the blocks in rows about as wide as the whole map is tall.
    double area = 0, widest = 0;
    auto outer = [](const Block &b) {
        const double labelSpace = b.group.isEmpty() ? 0 : kClusterLabelHeight;
        return QSizeF(b.size.width() + 2 * kClusterMargin, b.size.height() + 2 * kClusterMargin + labelSpace);
    };
    for (const Block &b : blocks) {
        const QSizeF s = outer(b);
        area += (s.width() + request.rankSeparation) * (s.height() + request.rankSeparation);
        widest = std::max(widest, s.width());
    }
    const double rowWidth = std::max(widest, std::sqrt(area) * 1.3);
    std::vector<QPointF> origin(blocks.size());
    double x = 0, y = 0, rowHeight = 0;
    for (size_t b = 0; b < blocks.size(); ++b) {
        const QSizeF s = outer(blocks[b]);
        if (x > 0 && x + s.width() > rowWidth) {
            x = 0;
            y += rowHeight + request.rankSeparation;
            rowHeight = 0;
        }
        origin[b] = QPointF(x, y);
        x += s.width() + request.rankSeparation;
        rowHeight = std::max(rowHeight, s.height());
    }

    result.nodes.resize(nodeCount);
    result.edges.resize(edgeCount);
    for (size_t b = 0; b < blocks.size(); ++b) {
        const Block &block = blocks[b];
        const double labelSpace = block.group.isEmpty() ? 0 : kClusterLabelHeight;
        const QPointF inner = origin[b] + QPointF(kClusterMargin, kClusterMargin + labelSpace);
        for (size_t v = 0; v < block.nodes.size(); ++v) {
            const LayoutNodeSpec &spec = request.nodes[block.nodes[v]];
            result.nodes[block.nodes[v]] = {spec.id, block.topLeft[v] + inner, QSizeF(spec.width, spec.height)};
        }
        for (const LocalEdge &edge : block.edges) {
            const QRectF tail = result.nodes[block.nodes[edge.tail]].rect();
            const QRectF head = result.nodes[block.nodes[edge.head]].rect();
            QList<QPointF> through{QPointF(tail.right(), tail.center().y())};
            for (int d : edge.dummies)
                through.append(block.vertexCentre[d] + inner);
            through.append(QPointF(head.left(), head.center().y()));
            QList<QPointF> points = horizontalCurveThrough(through);
            if (edge.reversed)
                std::reverse(points.begin(), points.end());
            result.edges[edge.request].points = points;
        }
        if (!block.group.isEmpty()) {
            const QSizeF s = outer(block);
            result.clusters.append({block.group, QRectF(origin[b], s),
                                    origin[b] + QPointF(kClusterMargin, kClusterMargin / 2)});
        }
    }
    for (int e = 0; e < edgeCount; ++e) {
        EdgeRoute &route = result.edges[e];
        route.id = request.edges[e].id;
        if (!route.points.isEmpty())
            continue;
        const QRectF from = result.nodes[endpoints[e * 2]].rect();
        const QRectF to = result.nodes[endpoints[e * 2 + 1]].rect();
        route.points = endpoints[e * 2] == endpoints[e * 2 + 1] ? selfLoopRoute(from) : straightRoute(from, to);
    }
    result.boundingBox = layoutBounds(result);
    return result;
}

} // namespace flowbench
