#pragma once

#include "layout/layeredlayout.h"
#include "layout/layoutrequest.h"
#include "layout/layoutresult.h"
#include "result.h"

namespace flowbench {

// The one entry point: picks the engine (LayoutRequest::strategy), lays out, then puts
// pinned nodes back where they were. A pure function of the request, safe on any thread.
Result<LayoutResult> layoutMap(const LayoutRequest &request, const LayoutControl &control = {});

} // namespace flowbench
