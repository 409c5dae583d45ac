#pragma once

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

} // namespace flowbench
