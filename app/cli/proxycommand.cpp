#include "proxycommand.h"

#include "faults/faultcontrolserver.h"
#include "faults/faultproxy.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QTimer>
#include <atomic>
#include <csignal>

namespace flowbench::cli {

namespace {

std::atomic<bool> g_stop { false };
extern "C" void onStopSignal(int)
{
    g_stop = true;
}

struct Endpoint
{
    QString host;
    quint16 port = 0;
};

// "HOST:PORT" or "[v6]:PORT"; `allowZero` for a listen port the system picks.
Result<Endpoint> parseEndpoint(const QString &text, const QString &option, bool allowZero)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    QString host = colon < 0 ? QString() : text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = colon < 0 ? 0 : text.mid(colon + 1).toUInt(&ok);
    if (host.isEmpty() || !ok || port > 65535 || (port == 0 && !allowZero))
        return Result<Endpoint>::failure(
            QStringLiteral("--%1 must be HOST:PORT with a port 1-65535 (got \"%2\")").arg(option, text));
    return Endpoint { host, quint16(port) };
}

// The proxy and its control API are for the tester's own machine: loopback only.
Result<QHostAddress> loopbackAddress(const QString &host, const QString &option)
{
    const QHostAddress address
        = host == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (address.isNull() || !address.isLoopback())
        return Result<QHostAddress>::failure(
            QStringLiteral("--%1 must be a loopback address such as 127.0.0.1 or [::1] (got \"%2\"): "
                           "the proxy is for this machine only")
                .arg(option, host));
    return address;
}

QString statsLine(const ProxyStats &s)
{
    return QStringLiteral("%1 connections, %2 bytes upstream, %3 bytes downstream, %4 closed by a fault, "
                          "%5 HTTP requests answered by a fault")
        .arg(s.connectionsAccepted)
        .arg(s.bytesUpstream)
        .arg(s.bytesDownstream)
        .arg(s.connectionsClosedByFault)
        .arg(s.httpRequestsAnswered);
}

} // namespace

void ProxyCommand::declare(QCommandLineParser &parser) const
{
    parser.addOption({ QStringLiteral("listen"),
        QStringLiteral("Where the proxy listens (loopback; port 0 picks one). Default 127.0.0.1:0."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:0") });
    parser.addOption({ QStringLiteral("upstream"), QStringLiteral("The dependency the proxy forwards to."),
        QStringLiteral("HOST:PORT") });
    parser.addOption({ QStringLiteral("fault"),
        QStringLiteral("A fault in force from the start, e.g. latency=3000,jitter=200, down, "
                       "reset_peer=100, timeout=0, bandwidth=64, slow_close=500, limit_data=1024, "
                       "http_status=503,count=3, http_empty; add stream=upstream for the "
                       "client-to-server direction. Repeatable. See docs/faults.md."),
        QStringLiteral("SPEC") });
    parser.addOption({ QStringLiteral("control"),
        QStringLiteral("Serve the control API (GET/POST /faults, DELETE /faults/NAME, GET /stats) "
                       "on 127.0.0.1:PORT (0 picks one)."),
        QStringLiteral("PORT") });
}

int ProxyCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, name(), QStringLiteral("takes no arguments, only options"));
    if (!parser.isSet(QStringLiteral("upstream")))
        return usageError(err, name(), QStringLiteral("--upstream HOST:PORT is required"));
    const Result<Endpoint> listen
        = parseEndpoint(parser.value(QStringLiteral("listen")), QStringLiteral("listen"), true);
    if (!listen)
        return usageError(err, name(), listen.error());
    const Result<QHostAddress> listenAddress = loopbackAddress(listen->host, QStringLiteral("listen"));
    if (!listenAddress)
        return usageError(err, name(), listenAddress.error());
    const Result<Endpoint> upstream
        = parseEndpoint(parser.value(QStringLiteral("upstream")), QStringLiteral("upstream"), false);
    if (!upstream)
        return usageError(err, name(), upstream.error());
    QList<Fault> faults;
    for (const QString &spec : parser.values(QStringLiteral("fault"))) {
        const Result<Fault> fault = parseFault(spec);
        if (!fault)
            return usageError(err, name(), fault.error());
        faults.append(fault.value());
    }
    int controlPort = -1;
    if (parser.isSet(QStringLiteral("control"))) {
        bool ok = false;
        controlPort = parser.value(QStringLiteral("control")).toInt(&ok);
        if (!ok || controlPort < 0 || controlPort > 65535)
            return usageError(err, name(),
                QStringLiteral("--control must be a port 0-65535 (got \"%1\")")
                    .arg(parser.value(QStringLiteral("control"))));
    }

    FaultProxy proxy;
    if (const Status set = proxy.setFaults(faults); !set) {
        err << "flowbench-cli proxy: " << set.error() << '\n';
        return ExitBadInput;
    }
    if (const Status listening
        = proxy.listen(upstream->host, upstream->port, listen->port, listenAddress.value());
        !listening) {
        err << "flowbench-cli proxy: " << listening.error() << '\n';
        return ExitBadInput;
    }
    FaultControlServer control(&proxy);
    if (controlPort >= 0) {
        if (const Status listening = control.listen(quint16(controlPort)); !listening) {
            err << "flowbench-cli proxy: " << listening.error() << '\n';
            return ExitBadInput;
        }
    }

    const QString listenText = listenAddress->protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]:%2").arg(listenAddress->toString()).arg(proxy.port())
        : QStringLiteral("%1:%2").arg(listenAddress->toString()).arg(proxy.port());
    out << "proxy listening on " << listenText << ", forwarding to " << upstream->host << ':'
        << upstream->port << '\n';
    for (const Fault &f : faults)
        out << "fault: " << faultToText(f) << '\n';
    if (controlPort >= 0)
        out << "control API on http://127.0.0.1:" << control.port()
            << " (GET/POST /faults, DELETE /faults/NAME, GET /stats)\n";
    out << "Ctrl+C stops it.\n";
    out.flush();

    bool troubled = false;
    QObject::connect(&proxy, &FaultProxy::problem, &proxy, [&](const QString &message) {
        err << "flowbench-cli proxy: " << message << '\n';
        err.flush();
        troubled = true;
    });
    QObject::connect(&proxy, &FaultProxy::faultsChanged, &proxy, [&] {
        QStringList texts;
        for (const Fault &f : proxy.faults())
            texts << faultToText(f);
        out << "faults now: " << (texts.isEmpty() ? QStringLiteral("none") : texts.join(QStringLiteral("; ")))
            << '\n';
        out.flush();
    });

    // Ctrl+C and SIGTERM stop it cleanly: connections closed, ports freed, exit 0.
    g_stop = false;
    auto previousInt = std::signal(SIGINT, onStopSignal);
    auto previousTerm = std::signal(SIGTERM, onStopSignal);
    QEventLoop loop;
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &loop, [&loop] {
        if (g_stop.exchange(false))
            loop.quit();
    });
    stopPoll.start(100);
    loop.exec();
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);

    const ProxyStats stats = proxy.stats();
    proxy.close();
    out << "stopped: " << statsLine(stats) << '\n';
    return troubled ? ExitCheckFailed : ExitOk;
}

} // namespace flowbench::cli
