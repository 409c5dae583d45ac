#pragma once

#include "analysis/rundiff.h"
#include "io/projectdiff.h"
#include "map/export/projectmap.h"

namespace flowbench {

// Two versions of a project drawn as one map (io/projectdiff.h DiffMap): the union of
// both, with the Changes overlay (added green, removed vermillion and faded, changed
// amber, each with + − ~). What `flowbench-cli diff A B --format svg|png|pdf` writes and
// Compare with… shows. options.overlay, flow and impactNode are not used.
Result<std::unique_ptr<ProjectMap>> buildDiffMap(
    const Project &before, const Project &after, const ProjectDiff &diff, const MapImageOptions &options);
Result<QByteArray> diffMapFile(const Project &before, const Project &after, const MapImageOptions &options);

// Two runs of one project drawn on its map (analysis/rundiff.h): each node painted by
// how its checks changed from run A to run B (new failure vermillion, fixed green, still
// failing amber, unchanged grey, each with its words on a badge), by the same painter
// and legend as the diff of two versions. What `flowbench-cli diff PROJECT --runs
// --format svg|png|pdf` writes. options.overlay, flow and impactNode are not used.
Result<std::unique_ptr<ProjectMap>> buildRunDiffMap(
    const Project &project, const RunDiff &diff, const MapImageOptions &options);
Result<QByteArray> runDiffMapFile(
    const Project &project, const RunDiff &diff, const MapImageOptions &options);

} // namespace flowbench
