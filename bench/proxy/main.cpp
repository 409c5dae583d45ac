// bench_proxy [--mib N] [--requests N] [--rounds N]: what core/faults' FaultProxy costs with no fault,
// beside a direct connection to the same server on 127.0.0.1:
//   (1) added latency per request: a 64-byte request and its 64-byte answer, one at a
//       time on one kept connection (median, p99, mean);
//   (2) added latency per new connection: connect, one request, close;
//   (3) throughput: N MiB client -> server (upstream) and server -> client (downstream).
// The server and the client are plain blocking sockets on their own threads; the proxy
// runs on its own Qt thread, as a test case's proxy would beside the runner.
#include "faults/faultproxy.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

using namespace flowbench;

namespace {

using Clock = std::chrono::steady_clock;

double microseconds(Clock::duration d)
{
    return std::chrono::duration<double, std::micro>(d).count();
}

bool sendAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

bool recvAll(int fd, char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::recv(fd, data, size, 0);
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

void noDelay(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a {};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    noDelay(fd);
    return fd;
}

// The server: per connection, a command byte. 'E': echo 64-byte requests until the
// peer closes. 'S': read an 8-byte length, swallow that many bytes, answer 'k'.
// 'D': read an 8-byte length, send that many bytes.
class BenchServer
{
public:
    bool start()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_fd, 128) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
            return false;
        m_port = ntohs(a.sin_port);
        m_accept = std::thread([this] { acceptLoop(); });
        return true;
    }
    ~BenchServer()
    {
        m_stop = true;
        ::shutdown(m_fd, SHUT_RDWR);
        ::close(m_fd);
        if (m_accept.joinable())
            m_accept.join();
        for (std::thread &t : m_workers)
            t.join();
    }
    quint16 port() const { return m_port; }

private:
    void acceptLoop()
    {
        while (!m_stop) {
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            noDelay(c);
            m_workers.emplace_back([c] { serve(c); });
        }
    }
    static void serve(int fd)
    {
        char command = 0;
        if (recvAll(fd, &command, 1)) {
            if (command == 'E') {
                char request[64];
                while (recvAll(fd, request, sizeof request) && sendAll(fd, request, sizeof request)) { }
            } else {
                std::vector<char> buffer(1 << 20);
                quint64 total = 0;
                recvAll(fd, reinterpret_cast<char *>(&total), sizeof total);
                for (quint64 done = 0; done < total;) {
                    const size_t n = size_t(std::min<quint64>(buffer.size(), total - done));
                    const ssize_t got = command == 'S' ? ::recv(fd, buffer.data(), n, 0)
                                                       : ::send(fd, buffer.data(), n, MSG_NOSIGNAL);
                    if (got <= 0)
                        break;
                    done += quint64(got);
                }
                if (command == 'S')
                    sendAll(fd, "k", 1);
            }
        }
        ::close(fd);
    }

    int m_fd = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop { false };
    std::thread m_accept;
    std::vector<std::thread> m_workers; // one per connection; joined at the end
};

struct Latency
{
    double median = 0, p99 = 0, mean = 0;
};

using Samples = std::vector<double>;

Latency summarize(Samples samples)
{
    std::sort(samples.begin(), samples.end());
    Latency l;
    l.median = samples[samples.size() / 2];
    l.p99 = samples[std::min(samples.size() - 1, samples.size() * 99 / 100)];
    for (double s : samples)
        l.mean += s;
    l.mean /= double(samples.size());
    return l;
}

// Round trips of 64 bytes on one connection, in µs each (after `warmup` unmeasured ones).
Samples requestLatency(quint16 port, int requests, int warmup = 1000)
{
    const int fd = connectTo(port);
    sendAll(fd, "E", 1);
    char request[64] = {};
    std::vector<double> samples;
    samples.reserve(size_t(requests));
    for (int i = 0; i < warmup + requests; ++i) {
        const auto start = Clock::now();
        if (!sendAll(fd, request, sizeof request) || !recvAll(fd, request, sizeof request)) {
            std::fprintf(stderr, "a request failed\n");
            break;
        }
        if (i >= warmup)
            samples.push_back(microseconds(Clock::now() - start));
    }
    ::close(fd);
    return samples;
}

// connect + one 64-byte round trip + close, in µs each.
Samples connectionLatency(quint16 port, int connections)
{
    std::vector<double> samples;
    char request[65] = "E";
    for (int i = 0; i < connections; ++i) {
        const auto start = Clock::now();
        const int fd = connectTo(port);
        if (fd < 0 || !sendAll(fd, request, sizeof request) || !recvAll(fd, request + 1, 64)) {
            std::fprintf(stderr, "a connection failed\n");
            if (fd >= 0)
                ::close(fd);
            break;
        }
        ::close(fd);
        samples.push_back(microseconds(Clock::now() - start));
    }
    return samples;
}

// MB/s (10^6 bytes) of `bytes` in one direction.
double throughput(quint16 port, char command, quint64 bytes)
{
    const int fd = connectTo(port);
    sendAll(fd, &command, 1);
    sendAll(fd, reinterpret_cast<const char *>(&bytes), sizeof bytes);
    std::vector<char> buffer(1 << 20);
    const auto start = Clock::now();
    for (quint64 done = 0; done < bytes;) {
        const size_t n = size_t(std::min<quint64>(buffer.size(), bytes - done));
        const ssize_t got
            = command == 'S' ? ::send(fd, buffer.data(), n, MSG_NOSIGNAL) : ::recv(fd, buffer.data(), n, 0);
        if (got <= 0) {
            std::fprintf(
                stderr, "the transfer broke after %llu bytes\n", static_cast<unsigned long long>(done));
            ::close(fd);
            return 0;
        }
        done += quint64(got);
    }
    if (command == 'S') {
        char ok = 0;
        recvAll(fd, &ok, 1);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    ::close(fd);
    return double(bytes) / seconds / 1e6;
}

double threadCpuSeconds()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

void printLatency(const char *what, const Latency &direct, const Latency &proxied)
{
    std::printf("%-28s %10.1f %10.1f %10.1f   %10.1f %10.1f %10.1f   %+9.1f %+9.1f\n", what, direct.median,
        direct.p99, direct.mean, proxied.median, proxied.p99, proxied.mean, proxied.median - direct.median,
        proxied.mean - direct.mean);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    quint64 mib = 1024;
    int requests = 30000;
    int rounds = 3;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--mib"))
            mib = args[i + 1].toULongLong();
        else if (args[i] == QLatin1String("--requests"))
            requests = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--rounds"))
            rounds = std::max(1, args[i + 1].toInt());
    }
    BenchServer server;
    if (!server.start()) {
        std::fprintf(stderr, "the bench server could not listen on 127.0.0.1\n");
        return 2;
    }

    QThread proxyThread;
    proxyThread.start();
    auto *proxy = new FaultProxy;
    proxy->moveToThread(&proxyThread);
    Status listening;
    QMetaObject::invokeMethod(
        proxy, [&] { listening = proxy->listen(QStringLiteral("127.0.0.1"), server.port()); },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        std::fprintf(stderr, "%s\n", qPrintable(listening.error()));
        return 2;
    }
    const quint16 direct = server.port();
    const quint16 proxied = proxy->port();

    // The proxy's own CPU time gives what it costs whatever else the machine is doing
    // (wall-clock figures depend on the load; the direct and proxied runs alternate, in
    // `rounds` rounds, so that both see the same load).
    const auto proxyCpu = [&] {
        double cpu = 0;
        QMetaObject::invokeMethod(
            proxy, [&] { cpu = threadCpuSeconds(); }, Qt::BlockingQueuedConnection);
        return cpu;
    };
    std::printf("fault proxy, no fault, 127.0.0.1; %d requests, %llu MiB per direction, %d rounds\n\n",
        requests, static_cast<unsigned long long>(mib), rounds);

    Samples directRequests, proxiedRequests, directConnections, proxiedConnections;
    double requestCpu = 0, connectionCpu = 0;
    const int connections = std::max(1, requests / 10);
    for (int round = 0; round < rounds; ++round) {
        const Samples d = requestLatency(direct, requests / rounds);
        directRequests.insert(directRequests.end(), d.begin(), d.end());
        double before = proxyCpu();
        const Samples p = requestLatency(proxied, requests / rounds);
        requestCpu += proxyCpu() - before;
        proxiedRequests.insert(proxiedRequests.end(), p.begin(), p.end());
        const Samples dc = connectionLatency(direct, connections / rounds);
        directConnections.insert(directConnections.end(), dc.begin(), dc.end());
        before = proxyCpu();
        const Samples pc = connectionLatency(proxied, connections / rounds);
        connectionCpu += proxyCpu() - before;
        proxiedConnections.insert(proxiedConnections.end(), pc.begin(), pc.end());
    }
    std::printf("%-28s %32s   %32s   %19s\n", "latency (µs)", "direct: median p99 mean",
        "proxy: median p99 mean", "added: median mean");
    printLatency("64 B request, kept conn.", summarize(directRequests), summarize(proxiedRequests));
    printLatency("new connection + request", summarize(directConnections), summarize(proxiedConnections));
    // Warm-up requests ran on the proxy too: count them in the CPU per request.
    std::printf("proxy CPU per request: %.1f µs (kept connection), %.1f µs (new connection)\n",
        requestCpu * 1e6 / double(requests + rounds * 1000), connectionCpu * 1e6 / double(connections));

    const quint64 bytes = mib * 1024 * 1024;
    std::printf("\n%-28s %18s %18s %24s\n", "throughput (MB/s)", "direct: best median", "proxy: best median",
        "proxy CPU-bound limit");
    for (const char command : { 'S', 'D' }) {
        Samples directRates, proxiedRates, limits;
        for (int round = 0; round < rounds; ++round) {
            directRates.push_back(throughput(direct, command, bytes));
            const double cpuBefore = proxyCpu();
            proxiedRates.push_back(throughput(proxied, command, bytes));
            limits.push_back(double(bytes) / (proxyCpu() - cpuBefore) / 1e6);
        }
        const auto best = [](Samples v) { return *std::max_element(v.begin(), v.end()); };
        const auto median = [](Samples v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::printf("%-28s %9.0f %8.0f %9.0f %8.0f %24.0f\n",
            command == 'S' ? "upstream (client->server)" : "downstream (server->client)", best(directRates),
            median(directRates), best(proxiedRates), median(proxiedRates), median(limits));
    }

    QMetaObject::invokeMethod(
        proxy,
        [&] {
            const ProxyStats s = proxy->stats();
            std::printf("\nproxy counted %lld connections, %lld bytes upstream, %lld downstream\n",
                s.connectionsAccepted, s.bytesUpstream, s.bytesDownstream);
            delete proxy;
        },
        Qt::BlockingQueuedConnection);
    proxyThread.quit();
    proxyThread.wait();
    return 0;
}
