#pragma once
// The demo payment gateway (examples/payment-gateway) as a real child process for the run
// tests: a free loopback port, charges in memory.

#include "support/demoprocess.h"

namespace flowbench::testing {

class DemoGateway : public DemoProcess
{
public:
    static QString programPath()
    {
        return QStringLiteral(FLOWBENCH_BINARY_DIR "/examples/payment-gateway/flowbench-demo-gateway");
    }

    bool start()
    {
        return DemoProcess::start(programPath(), QStringLiteral("flowbench-demo-gateway"),
            { QStringLiteral("--port"), QStringLiteral("0") });
    }
};

} // namespace flowbench::testing
