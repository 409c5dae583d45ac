#pragma once

#include <QtGlobal>

namespace flowbench::testing {

// A loopback TCP port nobody listens on right now (bound to port 0, read, closed).
quint16 freeLoopbackPort();

} // namespace flowbench::testing
