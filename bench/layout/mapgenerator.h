#pragma once

#include "model/project.h"

namespace flowbench::bench {

// A layered map as QA engineers draw them: per domain (group), screens form user flows
// and call apis, apis call services, services write tables and publish to queues; one
// call in ten goes to another domain. Deterministic for a given seed.
Project generateLayeredMap(int nodeCount, int domainCount, quint32 seed = 42);

} // namespace flowbench::bench
