#pragma once
// What the example project's "local" environment talks to, as run-example.sh starts it:
// the demo payment gateway, and the demo backend charging through the fault proxy the
// environment declares for "Order service -> Payment gateway". Here on free loopback
// ports, with pointAt() rewriting the environment to match. Header-only (run and UI tests).

#include "model/project.h"
#include "support/demobackend.h"
#include "support/demogateway.h"
#include "support/freeport.h"

#include <QDir>

namespace flowbench::testing {

class ExampleServers
{
public:
    // The gateway first, then the backend pointed at the proxy's listen port (the run
    // opens that proxy; until then the backend's charges are refused). False with errorString().
    bool start(const QString &folder, int minDelayMs = 100, int maxDelayMs = 400)
    {
        if (!gateway.start()) {
            m_error = gateway.errorString();
            return false;
        }
        m_proxyPort = freeLoopbackPort();
        const QStringList payments { QStringLiteral("--payment-url"),
            QStringLiteral("http://127.0.0.1:%1").arg(m_proxyPort) };
        if (!backend.start(folder, minDelayMs, maxDelayMs, payments)) {
            m_error = backend.errorString();
            return false;
        }
        return true;
    }

    // The example's "local" environment aimed at these servers: base_url, payment_url,
    // the shop database, every proxy's listen and upstream, and the broker at `brokerPort`
    // (0: a closed port, so the optional events connection skips).
    void pointAt(Project &project, quint16 brokerPort = 0) const
    {
        for (Environment &e : project.environments) {
            if (e.name != QLatin1String("local"))
                continue;
            e.variables.insert(QStringLiteral("base_url"), backend.baseUrl());
            e.variables.insert(QStringLiteral("payment_url"), gateway.baseUrl());
            for (Connection &c : e.connections) {
                if (c.name == QLatin1String("shop"))
                    c.database = backend.dbPath();
                if (c.name == QLatin1String("events"))
                    c.port = brokerPort ? brokerPort : freeLoopbackPort();
            }
            for (ProxyRoute &route : e.proxies) { // the example has one: to the payment gateway
                route.listen = QStringLiteral("127.0.0.1:%1").arg(m_proxyPort);
                route.upstream = QStringLiteral("127.0.0.1:%1").arg(gateway.port());
            }
        }
    }

    quint16 proxyPort() const { return m_proxyPort; }
    QString errorString() const { return m_error; }

    DemoGateway gateway;
    DemoBackend backend;

private:
    quint16 m_proxyPort = 0;
    QString m_error;
};

} // namespace flowbench::testing
