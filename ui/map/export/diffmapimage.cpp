#include "map/export/diffmapimage.h"

#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"

#include <algorithm>

namespace flowbench {

namespace {
MapOverlay::DiffState diffState(ProjectDiff::Change change)
{
    switch (change) {
    case ProjectDiff::Change::Added:
        return MapOverlay::DiffState::Added;
    case ProjectDiff::Change::Removed:
        return MapOverlay::DiffState::Removed;
    case ProjectDiff::Change::Changed:
        return MapOverlay::DiffState::Changed;
    }
    return MapOverlay::DiffState::Unchanged;
}

QHash<Id, MapOverlay::DiffState> diffStates(const QHash<Id, ProjectDiff::Change> &changes)
{
    QHash<Id, MapOverlay::DiffState> states;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        states.insert(it.key(), diffState(it.value()));
    return states;
}
// A node added or removed where another card stands (a new node placed on an old one, a
// removed node where a new one went) moves down until it stands free, so both are seen.
void unstack(DiffMap &map)
{
    const QSizeF card(MapStyle::kNodeWidth + 16, MapStyle::kNodeHeight + 24); // with badge room
    auto rectOf = [&](const Node &n) { return QRectF(QPointF(n.x, n.y), card); };
    for (Node &n : map.project.nodes) {
        const ProjectDiff::Change *change = map.nodes.contains(n.id) ? &map.nodes[n.id] : nullptr;
        if (!change || *change == ProjectDiff::Change::Changed)
            continue;
        for (int tries = 0; tries < 50; ++tries) {
            const bool free = std::none_of(map.project.nodes.cbegin(), map.project.nodes.cend(),
                [&](const Node &o) { return o.id != n.id && rectOf(o).intersects(rectOf(n)); });
            if (free)
                break;
            n.y += card.height();
        }
    }
}
} // namespace

Result<std::unique_ptr<ProjectMap>> buildDiffMap(
    const Project &before, const Project &after, const ProjectDiff &diff, const MapImageOptions &options)
{
    DiffMap union_ = diffMap(before, after, diff);
    unstack(union_);
    MapImageOptions plain = options;
    plain.overlay.reset();
    plain.flow.clear();
    plain.impactNode.clear();
    Result<std::unique_ptr<ProjectMap>> map = ProjectMap::build(union_.project, plain);
    if (!map)
        return map;
    MapScene *scene = map.value()->scene();
    auto *overlay = new MapOverlay(scene); // owned by the scene
    overlay->setMode(MapOverlay::Mode::Diff);
    overlay->setDiff(diffStates(union_.nodes), diffStates(union_.edges));
    scene->setOverlay(overlay);
    return map;
}

Result<QByteArray> diffMapFile(const Project &before, const Project &after, const MapImageOptions &options)
{
    Result<std::unique_ptr<ProjectMap>> map
        = buildDiffMap(before, after, diffProjects(before, after), options);
    if (!map)
        return Result<QByteArray>::failure(map.error());
    return mapFile(map.value()->scene(), options);
}

Result<std::unique_ptr<ProjectMap>> buildRunDiffMap(
    const Project &project, const RunDiff &diff, const MapImageOptions &options)
{
    MapImageOptions plain = options;
    plain.overlay.reset();
    plain.flow.clear();
    plain.impactNode.clear();
    Result<std::unique_ptr<ProjectMap>> map = ProjectMap::build(project, plain);
    if (!map)
        return map;
    MapScene *scene = map.value()->scene();
    auto *overlay = new MapOverlay(scene); // owned by the scene
    overlay->setMode(MapOverlay::Mode::RunDiff);
    overlay->setRunDiff(diff.nodeChanges(project));
    scene->setOverlay(overlay);
    return map;
}

Result<QByteArray> runDiffMapFile(const Project &project, const RunDiff &diff, const MapImageOptions &options)
{
    Result<std::unique_ptr<ProjectMap>> map = buildRunDiffMap(project, diff, options);
    if (!map)
        return Result<QByteArray>::failure(map.error());
    return mapFile(map.value()->scene(), options);
}

} // namespace flowbench
