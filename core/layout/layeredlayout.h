#pragma once

#include "layout/layoutrequest.h"
#include "layout/layoutresult.h"
#include "result.h"

#include <functional>

namespace flowbench {

// Lets a caller follow and stop a layout that runs in steps.
struct LayoutControl
{
    std::function<bool()> isCancelled;           // checked between steps
    std::function<void(int done, int total)> progress;
};

// The native layered layout for maps too large for dot. Cycles are broken (DFS) and layers
// assigned (longest path, as late as possible, so tables and queues line up at the right)
// over the whole map; then each group is laid out on its own (barycentric ordering sweeps,
// least-squares placement within each layer) and the groups are packed as blocks in rows,
// upstream groups first. Edges inside a group run through their layers as smooth curves;
// edges between groups are straight. Near-linear in nodes + edges. Pinned nodes are not
// applied here (see applyPinnedNodes). Fails with "cancelled" when cancelled between groups.
Result<LayoutResult> layoutLayered(const LayoutRequest &request, const LayoutControl &control = {});

} // namespace flowbench
