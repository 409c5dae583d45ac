#include "checks/httpresponseparser.h"

#include <utility>

namespace flowbench {

namespace {

constexpr qint64 kMaxChunkLine = 1024;
constexpr int kExcerptBytes = 64;
const QByteArray kHttpPrefix = QByteArrayLiteral("HTTP/");

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

// Bytes as a person can read them in a message: control bytes escaped, cut at `max`.
QString printable(const QByteArray &bytes, int max = kExcerptBytes)
{
    QString text;
    for (int i = 0; i < bytes.size() && i < max; ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if (c == '\r')
            text += QLatin1String("\\r");
        else if (c == '\n')
            text += QLatin1String("\\n");
        else if (c == '\t')
            text += QLatin1String("\\t");
        else if (c < 0x20 || c >= 0x7f)
            text += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        else
            text += QLatin1Char(char(c));
    }
    if (bytes.size() > max)
        text += QStringLiteral("…");
    return text;
}

} // namespace

HttpResponseParser::HttpResponseParser(qint64 maxBodyBytes, bool bodyless)
    : m_maxBody(maxBodyBytes)
    , m_bodyless(bodyless)
{
}

QByteArray HttpResponseParser::header(const QByteArray &name) const
{
    for (const auto &h : m_headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return QByteArray();
}

bool HttpResponseParser::keepAlive() const
{
    if (m_state != State::Done || m_version != "HTTP/1.1" || m_mode == BodyMode::UntilClose)
        return false;
    for (const auto &h : m_headers)
        if (h.first.compare("connection", Qt::CaseInsensitive) == 0 && h.second.toLower().contains("close"))
            return false;
    return true;
}

QString HttpResponseParser::excerpt() const
{
    QByteArray first = m_first;
    const int end = first.indexOf('\n');
    if (end >= 0)
        first.truncate(end > 0 && first.at(end - 1) == '\r' ? end - 1 : end);
    return printable(first);
}

void HttpResponseParser::fail(Failure failure, const QString &detail)
{
    m_state = State::Failed;
    m_failure = failure;
    m_detail = detail;
    m_body.clear();
}

// Collects bytes up to '\n' into m_line; true with the line (without CR LF) when complete.
bool HttpResponseParser::takeLine(const char *&p, const char *end, QByteArray *line)
{
    const char *newline = static_cast<const char *>(memchr(p, '\n', size_t(end - p)));
    const char *stop = newline ? newline : end;
    m_line.append(p, stop - p);
    p = newline ? newline + 1 : end;
    if (!newline)
        return false;
    if (m_line.endsWith('\r'))
        m_line.chop(1);
    *line = std::exchange(m_line, QByteArray());
    return true;
}

qint64 HttpResponseParser::feed(const char *data, qint64 size)
{
    if (size <= 0 || m_state == State::Done || m_state == State::Failed)
        return 0;
    if (m_first.size() < kExcerptBytes)
        m_first.append(data, qMin<qint64>(size, kExcerptBytes - m_first.size()));
    const char *p = data;
    const char *const end = data + size;
    QByteArray line;
    while (p < end && m_state != State::Done && m_state != State::Failed) {
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
        case State::Trailers: {
            const char *before = p;
            const bool complete = takeLine(p, end, &line);
            m_headBytes += p - before;
            if (m_headBytes > kMaxHeadBytes) {
                fail(Failure::HeadTooLarge,
                    QStringLiteral("its status line and headers passed %1 KB").arg(kMaxHeadBytes / 1024));
                break;
            }
            if (m_state == State::StatusLine && !complete) {
                // Known not to be HTTP from its first bytes: reported at the line end, at
                // the close, or once the excerpt is full, whichever comes first.
                const qsizetype n = qMin(m_line.size(), kHttpPrefix.size());
                m_notHttp = m_line.left(n) != kHttpPrefix.left(n);
                if (m_notHttp && m_first.size() >= kExcerptBytes)
                    fail(Failure::NotHttp, excerpt());
                break;
            }
            if (!complete)
                break;
            if (m_state == State::StatusLine)
                onStatusLine(line);
            else if (m_state == State::Headers)
                line.isEmpty() ? onHeadComplete() : onHeaderLine(line);
            else if (line.isEmpty())
                m_state = State::Done; // trailer fields are read and dropped
            break;
        }
        case State::Body: {
            qint64 n = end - p;
            if (m_mode == BodyMode::Length)
                n = qMin(n, m_length - qint64(m_body.size()));
            if (!appendBody(p, n))
                break;
            p += n;
            if (m_mode == BodyMode::Length && m_body.size() == m_length)
                m_state = State::Done;
            break;
        }
        case State::ChunkSize: {
            const bool complete = takeLine(p, end, &line);
            if (!complete) {
                if (m_line.size() > kMaxChunkLine)
                    fail(Failure::BadChunk,
                        QStringLiteral("a chunk size line is longer than %1 bytes").arg(kMaxChunkLine));
                break;
            }
            QByteArray size = line;
            const int extension = size.indexOf(';');
            if (extension >= 0)
                size.truncate(extension);
            size = size.trimmed();
            bool ok = !size.isEmpty() && size.size() <= 15; // < 2^60: no overflow
            for (char c : std::as_const(size))
                ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
            if (!ok) {
                fail(Failure::BadChunk,
                    QStringLiteral("chunk size \"%1\" is not a hexadecimal number").arg(printable(line)));
                break;
            }
            m_chunkLeft = m_chunkSize = size.toLongLong(nullptr, 16);
            m_state = m_chunkLeft == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 n = qMin(qint64(end - p), m_chunkLeft);
            if (!appendBody(p, n))
                break;
            p += n;
            m_chunkLeft -= n;
            if (m_chunkLeft == 0)
                m_state = State::ChunkEnd;
            break;
        }
        case State::ChunkEnd: {
            // CR LF (or a bare LF) must follow the chunk's data, nothing else.
            const char c = *p;
            if (c == '\n' || (c == '\r' && m_line.isEmpty())) {
                ++p;
                if (c == '\n') {
                    m_line.clear();
                    m_state = State::ChunkSize;
                } else {
                    m_line = "\r";
                }
                break;
            }
            fail(Failure::BadChunk,
                QStringLiteral("a chunk of %1 bytes is followed by \"%2\" instead of a line end "
                               "(the chunk is longer than its size says)")
                    .arg(m_chunkSize)
                    .arg(printable(m_line + QByteArray(1, c))));
            break;
        }
        case State::Done:
        case State::Failed:
            break;
        }
    }
    const qint64 used = p - data;
    m_received += used;
    return used;
}

bool HttpResponseParser::onStatusLine(const QByteArray &line)
{
    if (!line.startsWith(kHttpPrefix)) {
        fail(Failure::NotHttp, excerpt());
        return false;
    }
    // HTTP/1.1 200 OK  (the reason phrase may be empty or missing)
    const QList<QByteArray> parts = line.split(' ');
    const QByteArray version = parts.value(0);
    const QByteArray code = parts.value(1);
    const bool versionOk = version.size() == 8 && version.at(5) >= '0' && version.at(5) <= '9'
        && version.at(6) == '.' && version.at(7) >= '0' && version.at(7) <= '9';
    bool codeOk = code.size() == 3;
    for (char c : code)
        codeOk = codeOk && c >= '0' && c <= '9';
    if (!versionOk || !codeOk || code.at(0) == '0') {
        fail(Failure::BadHead, QStringLiteral("its status line \"%1\" is malformed").arg(printable(line)));
        return false;
    }
    m_version = version;
    m_status = code.toInt();
    const int reasonAt = version.size() + 1 + code.size() + 1;
    m_reason = line.size() > reasonAt ? line.mid(reasonAt) : QByteArray();
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::onHeaderLine(const QByteArray &line)
{
    if ((line.at(0) == ' ' || line.at(0) == '\t') && !m_headers.isEmpty()) {
        // Obsolete line folding: the line continues the previous value.
        m_headers.last().second += ' ' + line.trimmed();
        return true;
    }
    const int colon = line.indexOf(':');
    bool ok = colon > 0;
    for (int i = 0; ok && i < colon; ++i)
        ok = isTokenChar(line.at(i));
    if (!ok) {
        fail(Failure::BadHead, QStringLiteral("its header line \"%1\" is malformed").arg(printable(line)));
        return false;
    }
    m_headers.append({ line.left(colon), line.mid(colon + 1).trimmed() });
    return true;
}

bool HttpResponseParser::onHeadComplete()
{
    if (m_status >= 100 && m_status < 200 && m_status != 101) {
        // An interim response (100 Continue, 103 Early Hints): the real one follows.
        m_headers.clear();
        m_status = -1;
        m_reason.clear();
        m_state = State::StatusLine;
        return true;
    }
    if (m_bodyless || m_status < 200 || m_status == 204 || m_status == 304) {
        m_mode = BodyMode::None;
        m_state = State::Done;
        return true;
    }
    QByteArray transfer;
    QList<QByteArray> lengths;
    for (const auto &h : std::as_const(m_headers)) {
        if (h.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            transfer += (transfer.isEmpty() ? "" : ",") + h.second;
        else if (h.first.compare("content-length", Qt::CaseInsensitive) == 0)
            for (const QByteArray &value : h.second.split(','))
                lengths.append(value.trimmed());
    }
    if (!transfer.isEmpty()) {
        // The last coding decides; chunked overrides any Content-Length.
        m_mode = transfer.split(',').last().trimmed().toLower() == "chunked" ? BodyMode::Chunked
                                                                             : BodyMode::UntilClose;
        m_state = m_mode == BodyMode::Chunked ? State::ChunkSize : State::Body;
        return true;
    }
    if (!lengths.isEmpty()) {
        for (const QByteArray &value : std::as_const(lengths)) {
            bool ok = !value.isEmpty() && value.size() <= 18;
            for (char c : value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok || value != lengths.first()) {
                fail(Failure::BadHead,
                    ok ? QStringLiteral("its Content-Length values differ (%1)")
                             .arg(QString::fromLatin1(lengths.join(", ")))
                       : QStringLiteral("its Content-Length \"%1\" is not a number").arg(printable(value)));
                return false;
            }
        }
        m_length = lengths.first().toLongLong();
        m_mode = BodyMode::Length;
        if (m_length > m_maxBody) {
            fail(Failure::BodyTooLarge, QStringLiteral("Content-Length %1").arg(m_length));
            return false;
        }
        m_state = m_length == 0 ? State::Done : State::Body;
        return true;
    }
    m_mode = BodyMode::UntilClose;
    m_state = State::Body;
    return true;
}

bool HttpResponseParser::appendBody(const char *data, qint64 size)
{
    if (qint64(m_body.size()) + size > m_maxBody) {
        fail(Failure::BodyTooLarge, QString());
        return false;
    }
    m_body.append(data, size);
    return true;
}

void HttpResponseParser::closed()
{
    switch (m_state) {
    case State::Done:
    case State::Failed:
        return;
    case State::StatusLine:
        if (m_notHttp)
            fail(Failure::NotHttp, excerpt());
        else if (m_received == 0)
            fail(Failure::ClosedBeforeAnswer, QString());
        else
            fail(Failure::ClosedInHead, QStringLiteral("after \"%1\"").arg(excerpt()));
        return;
    case State::Headers:
        fail(Failure::ClosedInHead, QStringLiteral("after %1 bytes").arg(m_received));
        return;
    case State::Body:
        if (m_mode == BodyMode::UntilClose) {
            m_state = State::Done;
            return;
        }
        fail(Failure::TruncatedBody, QStringLiteral("%1 of %2 body bytes").arg(m_body.size()).arg(m_length));
        return;
    case State::Trailers:
        m_state = State::Done; // every chunk arrived; only the final line end is missing
        return;
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkEnd:
        fail(Failure::TruncatedChunked,
            QStringLiteral("after %1 body bytes, before the last chunk").arg(m_body.size()));
        return;
    }
}

} // namespace flowbench
