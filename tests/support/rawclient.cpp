#include "support/rawclient.h"

#include <QElapsedTimer>
#include <QList>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace flowbench::testing {

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

RawClient::~RawClient()
{
    close();
}

void RawClient::note(int error)
{
    if (m_firstError == 0)
        m_firstError = error;
}

int RawClient::connectTo(quint16 port)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return errno;
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        const int error = errno;
        close();
        return error;
    }
    return 0;
}

bool RawClient::send(const QByteArray &data, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    qint64 sent = 0;
    while (m_fd >= 0 && sent < data.size()) {
        pollfd p { m_fd, POLLOUT, 0 };
        const int remaining = int(timeoutMs - clock.elapsed());
        if (remaining <= 0 || ::poll(&p, 1, remaining) <= 0)
            return false;
        const ssize_t n = ::send(m_fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            note(errno);
            return false;
        }
        sent += n;
    }
    return m_fd >= 0;
}

RawClient::Read RawClient::read(qint64 want, int timeoutMs)
{
    Read result;
    QElapsedTimer clock;
    clock.start();
    char buffer[65536];
    while (m_fd >= 0 && (want < 0 || result.data.size() < want)) {
        const int remaining = int(timeoutMs - clock.elapsed());
        pollfd p { m_fd, POLLIN, 0 };
        if (remaining <= 0 || ::poll(&p, 1, remaining) <= 0) {
            result.timedOut = true;
            break;
        }
        const size_t room
            = want < 0 ? sizeof buffer : size_t(qMin<qint64>(sizeof buffer, want - result.data.size()));
        const ssize_t n = ::recv(m_fd, buffer, room, 0);
        if (n == 0) {
            result.closed = true;
            break;
        }
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            result.error = errno;
            result.closed = true;
            note(errno);
            break;
        }
        result.data.append(buffer, n);
    }
    return result;
}

void RawClient::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

RawHttpAnswer rawHttpExchange(RawClient &client, const QByteArray &request, int timeoutMs)
{
    RawHttpAnswer answer;
    if (!client.send(request, timeoutMs))
        return answer;
    QByteArray bytes;
    QElapsedTimer clock;
    clock.start();
    qsizetype headEnd = -1;
    while (headEnd < 0) {
        const RawClient::Read r = client.read(1, int(qMax<qint64>(1, timeoutMs - clock.elapsed())));
        bytes += r.data;
        headEnd = bytes.indexOf("\r\n\r\n");
        if (r.data.isEmpty()) {
            answer.closed = r.closed;
            return answer;
        }
    }
    answer.head = bytes.left(headEnd);
    const QList<QByteArray> lines = answer.head.split('\n');
    answer.status = lines.first().split(' ').value(1).toInt();
    qint64 length = 0;
    for (const QByteArray &line : lines)
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    answer.body = bytes.mid(headEnd + 4);
    if (answer.body.size() < length) {
        const RawClient::Read r
            = client.read(length - answer.body.size(), int(qMax<qint64>(1, timeoutMs - clock.elapsed())));
        answer.body += r.data;
        answer.closed = r.closed;
    }
    return answer;
}

} // namespace flowbench::testing
