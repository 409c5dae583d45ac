#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace flowbench {

// One HTTP/1.x request as it arrived: the parsed head, the decoded body and every byte
// it took on the wire (to forward it unchanged).
struct HttpRequest
{
    QByteArray method;
    QByteArray target;
    QByteArray version; // "HTTP/1.1"
    QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;
    QByteArray raw;

    QByteArray header(const QByteArray &lowerName) const;
    // Whether the client expects the connection to stay open after the answer.
    bool keepAlive() const;
};

// Splits a byte stream from an HTTP client into requests (Content-Length and chunked
// bodies). Used where a request must be answered or forwarded whole: the HTTP faults and
// the fault proxy's control API.
class HttpRequestReader
{
public:
    static constexpr int kMaxHeadBytes = 64 * 1024;
    static constexpr qint64 kMaxBodyBytes = 64LL * 1024 * 1024;

    // Appends bytes and parses what is complete; false (with errorString()) when the
    // stream is not HTTP or breaks a limit. After an error the reader takes nothing more.
    bool feed(const QByteArray &bytes);
    bool hasRequest() const { return !m_ready.isEmpty(); }
    HttpRequest take() { return m_ready.takeFirst(); }
    // No partial request is buffered: the next byte starts a request.
    bool idle() const { return m_buffer.isEmpty(); }
    QString errorString() const { return m_error; }
    // The bytes not yet part of a complete request (to pass them on unparsed).
    QByteArray takeBuffered() { return std::exchange(m_buffer, QByteArray()); }

private:
    bool parseOne(); // true when a request was completed and more may follow

    QByteArray m_buffer;
    QList<HttpRequest> m_ready;
    QString m_error;
};

// "HTTP/1.1 503 Service Unavailable\r\n...": a whole answer with Content-Length.
QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &body,
    const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {}, bool close = false);

} // namespace flowbench
