#include "faults/httprequestreader.h"

namespace flowbench {

namespace {

const QByteArray kCrLf = QByteArrayLiteral("\r\n");

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers)
        if (name == lowerName)
            return value;
    return QByteArray();
}

bool HttpRequest::keepAlive() const
{
    const QByteArray connection = header("connection").toLower();
    if (version == "HTTP/1.0")
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

bool HttpRequestReader::feed(const QByteArray &bytes)
{
    if (!m_error.isEmpty())
        return false;
    m_buffer.append(bytes);
    while (!m_buffer.isEmpty() && parseOne()) { }
    return m_error.isEmpty();
}

bool HttpRequestReader::parseOne()
{
    // Tolerate blank lines between requests (RFC 9112 2.2).
    while (m_buffer.startsWith(kCrLf))
        m_buffer.remove(0, 2);
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_buffer.size() > kMaxHeadBytes)
            m_error = QStringLiteral("HTTP request head longer than %1 bytes").arg(kMaxHeadBytes);
        return false;
    }
    HttpRequest r;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        m_error = QStringLiteral("not an HTTP/1.x request line: \"%1\"")
                      .arg(QString::fromLatin1(lines.first().trimmed().left(80)));
        return false;
    }
    r.method = requestLine[0];
    r.target = requestLine[1];
    r.version = requestLine[2];
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const int colon = line.indexOf(':');
        if (colon <= 0) {
            m_error = QStringLiteral("malformed HTTP header line: \"%1\"")
                          .arg(QString::fromLatin1(line.left(80)));
            return false;
        }
        r.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    qsizetype end = headEnd + 4;
    if (r.header("transfer-encoding").toLower().contains("chunked")) {
        qsizetype pos = end;
        for (;;) {
            const qsizetype lineEnd = m_buffer.indexOf(kCrLf, pos);
            if (lineEnd < 0)
                return false;
            QByteArray sizeText = m_buffer.mid(pos, lineEnd - pos);
            if (const int semicolon = sizeText.indexOf(';'); semicolon >= 0)
                sizeText.truncate(semicolon);
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || r.body.size() + size > kMaxBodyBytes) {
                m_error = ok ? QStringLiteral("HTTP request body larger than %1 bytes").arg(kMaxBodyBytes)
                             : QStringLiteral("malformed chunk size \"%1\"")
                                   .arg(QString::fromLatin1(sizeText.left(20)));
                return false;
            }
            pos = lineEnd + 2;
            if (size == 0) {
                if (m_buffer.mid(pos, 2) == kCrLf) {
                    end = pos + 2;
                } else {
                    const qsizetype trailerEnd = m_buffer.indexOf("\r\n\r\n", pos);
                    if (trailerEnd < 0)
                        return false;
                    end = trailerEnd + 4;
                }
                break;
            }
            if (m_buffer.size() < pos + size + 2)
                return false;
            r.body.append(m_buffer.mid(pos, size));
            pos += size + 2;
        }
    } else {
        const QByteArray lengthText = r.header("content-length");
        bool ok = true;
        const qint64 length = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
        if (!ok || length < 0 || length > kMaxBodyBytes) {
            m_error = ok
                ? QStringLiteral("HTTP request body larger than %1 bytes").arg(kMaxBodyBytes)
                : QStringLiteral("malformed Content-Length \"%1\"").arg(QString::fromLatin1(lengthText));
            return false;
        }
        if (m_buffer.size() < end + length)
            return false;
        r.body = m_buffer.mid(end, length);
        end += length;
    }
    r.raw = m_buffer.left(end);
    m_buffer.remove(0, end);
    m_ready.append(std::move(r));
    return true;
}

QByteArray httpResponse(int status, const QByteArray &contentType, const QByteArray &body,
    const QList<std::pair<QByteArray, QByteArray>> &extraHeaders, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : extraHeaders)
        out += name + ": " + value + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace flowbench
