#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace flowbench::testing {

// Milliseconds of the steady clock, comparable between threads of the test.
qint64 steadyMs();

// A blocking TCP client on a plain socket, for what a QTcpSocket hides: the exact errno
// of a refused connect or a reset (ECONNREFUSED, ECONNRESET) and when the peer closed.
// Every call that waits takes a bound. Only for 127.0.0.1.
class RawClient
{
public:
    RawClient() = default;
    ~RawClient();
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    // 0 when connected to 127.0.0.1:port, else the errno (ECONNREFUSED when nothing listens).
    int connectTo(quint16 port);
    // Writes all of `data` (waiting at most timeoutMs); false on an error (see firstError()).
    bool send(const QByteArray &data, int timeoutMs = 5000);

    struct Read
    {
        QByteArray data;
        bool closed = false; // the peer closed (a FIN, or after a reset)
        int error = 0; // errno of a failed recv (ECONNRESET...)
        bool timedOut = false;
    };
    // Reads until `want` bytes arrived, the peer closed, an error, or timeoutMs passed.
    Read read(qint64 want, int timeoutMs);
    // Reads until the peer closes (or an error, or timeoutMs).
    Read readUntilClosed(int timeoutMs) { return read(-1, timeoutMs); }
    void close();
    // The first errno any call saw (a reset may show on send as well as on recv).
    int firstError() const { return m_firstError; }

private:
    void note(int error);

    int m_fd = -1;
    int m_firstError = 0;
};

// A request written over a RawClient and the answer read back (head + Content-Length body).
struct RawHttpAnswer
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool closed = false;
};
RawHttpAnswer rawHttpExchange(RawClient &client, const QByteArray &request, int timeoutMs = 5000);

} // namespace flowbench::testing
