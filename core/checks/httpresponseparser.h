#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace flowbench {

// Reads one HTTP/1.x response from the bytes a connection delivers, strictly: a reply
// that is not HTTP, a chunked body that breaks the encoding, a body shorter than its
// Content-Length and a body past the size cap are each reported as such, never turned
// into a shorter body. Fed incrementally; holds at most the headers and the body up to
// the cap. No sockets here, so it is tested (and fuzzed) on plain bytes.
class HttpResponseParser
{
public:
    enum class Failure {
        None,
        NotHttp, // the first bytes are not an HTTP status line
        BadHead, // malformed status line or header, or a bad Content-Length
        HeadTooLarge, // status line and headers past kMaxHeadBytes
        BadChunk, // invalid chunked encoding
        BodyTooLarge, // the body passed the cap
        ClosedBeforeAnswer, // closed before the first byte
        ClosedInHead, // closed inside the status line or headers
        TruncatedBody, // closed before Content-Length bytes arrived
        TruncatedChunked, // closed inside a chunked body
    };
    static constexpr qint64 kMaxHeadBytes = 64 * 1024;

    // `bodyless`: the request was HEAD, so no response carries a body.
    explicit HttpResponseParser(qint64 maxBodyBytes, bool bodyless = false);

    // Consumes bytes; returns how many were used (fewer only once done or failed).
    qint64 feed(const char *data, qint64 size);
    qint64 feed(const QByteArray &bytes) { return feed(bytes.constData(), bytes.size()); }
    // The peer closed the connection: ends a body that runs to the close, or fails.
    void closed();

    bool isDone() const { return m_state == State::Done; }
    bool hasFailed() const { return m_failure != Failure::None; }
    // The first bytes are not HTTP, though the parser still waits for the rest of the line.
    bool seemsNotHttp() const { return m_notHttp || m_failure == Failure::NotHttp; }
    Failure failure() const { return m_failure; }
    // What was wrong, for a person, without the host: "chunk size \"zz\" is not hexadecimal".
    QString failureDetail() const { return m_detail; }

    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const; // first value, case-insensitive
    const QByteArray &body() const { return m_body; }
    QByteArray takeBody() { return std::exchange(m_body, QByteArray()); }
    qint64 bytesReceived() const { return m_received; }
    // Content-Length, or -1 when the body is chunked or runs to the close.
    qint64 declaredLength() const { return m_mode == BodyMode::Length ? m_length : -1; }
    bool isChunked() const { return m_mode == BodyMode::Chunked; }
    // The connection may carry another request: complete, HTTP/1.1 and not "Connection: close".
    bool keepAlive() const;
    // The first bytes received, printable ("SSH-2.0-OpenSSH_9.2\r\n" -> SSH-2.0-OpenSSH_9.2\r\n).
    QString excerpt() const;

private:
    enum class State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done, Failed };
    enum class BodyMode { None, Length, Chunked, UntilClose };

    void fail(Failure failure, const QString &detail);
    bool takeLine(const char *&p, const char *end, QByteArray *line);
    bool onStatusLine(const QByteArray &line);
    bool onHeaderLine(const QByteArray &line);
    bool onHeadComplete();
    bool appendBody(const char *data, qint64 size);

    qint64 m_maxBody;
    bool m_bodyless;
    State m_state = State::StatusLine;
    Failure m_failure = Failure::None;
    QString m_detail;
    QByteArray m_line; // a line being assembled
    qint64 m_headBytes = 0;
    QByteArray m_first; // the first bytes received, for the excerpt
    qint64 m_received = 0;
    QByteArray m_version;
    int m_status = -1;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    BodyMode m_mode = BodyMode::None;
    qint64 m_length = 0; // Content-Length
    qint64 m_chunkSize = 0;
    qint64 m_chunkLeft = 0; // bytes left in the current chunk
    bool m_notHttp = false;
    QByteArray m_body;
};

} // namespace flowbench
