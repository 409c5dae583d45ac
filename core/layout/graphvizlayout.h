#pragma once

#include "layout/layoutrequest.h"
#include "layout/layoutresult.h"
#include "result.h"

#include <QByteArray>

namespace flowbench {

// Lays the request out with Graphviz `dot` in this process: rankdir=LR, groups as
// clusters, fixed node sizes, spline edges. Pinned nodes are not applied here (see
// applyPinnedNodes). Serialised by the Graphviz lock, callable from any thread.
Result<LayoutResult> layoutWithGraphviz(const LayoutRequest &request);

// The exact graph layoutWithGraphviz hands to dot, as DOT text (for `dot -Tplain`
// comparisons in bench/layout and for debugging a layout).
Result<QByteArray> graphvizInputFor(const LayoutRequest &request);

} // namespace flowbench
