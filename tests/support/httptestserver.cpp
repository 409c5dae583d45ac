#include "support/httptestserver.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QCryptographicHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <cstring>
#include <functional>
#include <utility>

namespace flowbench::testing {

namespace {

// Generates `size` bytes of text on demand, so a 50 MB body never sits in memory.
class GeneratedBody : public QIODevice
{
public:
    GeneratedBody(qint64 size, bool sequential) : m_size(size), m_sequential(sequential) {}
    bool isSequential() const override { return m_sequential; }
    qint64 size() const override { return m_sequential ? 0 : m_size; }
    qint64 bytesAvailable() const override { return (m_size - m_produced) + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_produced >= m_size && QIODevice::bytesAvailable() == 0; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, m_size - m_produced);
        if (n <= 0)
            return m_sequential ? -1 : 0;
        std::memset(data, 'x', size_t(n));
        m_produced += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 m_size;
    qint64 m_produced = 0;
    bool m_sequential;
};

// A body that becomes readable only after a delay. The responder owns it and deletes it
// when the client goes away, so a late answer never touches a closed socket. `done` runs
// once: when the answer is ready, or when the body goes before that.
class DelayedBody : public QIODevice
{
public:
    DelayedBody(const QByteArray &data, int delayMs, std::function<void()> done)
        : m_data(data)
        , m_done(std::move(done))
    {
        QTimer::singleShot(delayMs, this, [this] {
            m_ready = true;
            finish();
            emit readyRead();
        });
    }
    ~DelayedBody() override { finish(); }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    qint64 bytesAvailable() const override { return m_ready ? m_data.size() - pos() : 0; }
    bool atEnd() const override { return pos() >= m_data.size(); } // not "nothing available yet"

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (!m_ready)
            return 0;
        const qint64 n = qMin(maxSize, m_data.size() - pos());
        std::memcpy(data, m_data.constData() + pos(), size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    void finish()
    {
        if (m_done)
            std::exchange(m_done, nullptr)();
    }

    QByteArray m_data;
    std::function<void()> m_done;
    bool m_ready = false;
};

QJsonObject sampleJson()
{
    return QJsonObject{
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("items"),
                      QJsonArray{QJsonObject{{QStringLiteral("id"), 7}, {QStringLiteral("name"), QStringLiteral("first")}},
                                 QJsonObject{{QStringLiteral("id"), 8}, {QStringLiteral("name"), QStringLiteral("second")}}}},
                     {QStringLiteral("total"), 2}}},
        {QStringLiteral("status"), QStringLiteral("ok")},
        {QStringLiteral("tags"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}};
}

QString methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put: return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head: return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

// A multipart/form-data body taken apart on its own terms (RFC 7578), independent of the
// client that built it: {"parts": [{"name", "filename"?, "content_type"?, "size", "sha1",
// "text" (for parts without a filename)}], "closed": bool} or {"error": text}.
QJsonObject parseMultipart(const QByteArray &contentType, const QByteArray &body)
{
    const int at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0)
        return QJsonObject{{QStringLiteral("error"), QStringLiteral("not multipart/form-data: ") + QString::fromUtf8(contentType)}};
    QByteArray boundary = contentType.mid(at + 9);
    if (boundary.startsWith('"'))
        boundary = boundary.mid(1, boundary.indexOf('"', 1) - 1);
    const QByteArray delimiter = "--" + boundary;
    QJsonArray parts;
    qsizetype pos = body.indexOf(delimiter);
    bool closed = false;
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--") {
            closed = true;
            break;
        }
        pos += 2; // CRLF after the delimiter
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        const qsizetype next = body.indexOf("\r\n" + delimiter, headEnd);
        if (headEnd < 0 || next < 0)
            return QJsonObject{{QStringLiteral("error"), QStringLiteral("part at %1 is not closed by a boundary").arg(pos)}};
        QJsonObject part;
        for (const QByteArray &line : body.mid(pos, headEnd - pos).split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.toLower().startsWith("content-type:"))
                part.insert(QStringLiteral("content_type"), QString::fromUtf8(l.mid(13).trimmed()));
            for (const char *key : {"name", "filename"}) {
                const QByteArray needle = QByteArray("; ") + key + "=\"";
                const qsizetype k = l.indexOf(needle);
                if (k >= 0) {
                    const qsizetype from = k + needle.size();
                    part.insert(QString::fromLatin1(key), QString::fromUtf8(l.mid(from, l.indexOf('"', from) - from)));
                }
            }
        }
        const QByteArray content = body.mid(headEnd + 4, next - headEnd - 4);
        part.insert(QStringLiteral("size"), content.size());
        part.insert(QStringLiteral("sha1"), QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex()));
        if (!part.contains(QStringLiteral("filename")))
            part.insert(QStringLiteral("text"), QString::fromUtf8(content));
        parts.append(part);
        pos = next + 2;
    }
    return QJsonObject{{QStringLiteral("parts"), parts}, {QStringLiteral("closed"), closed}};
}

} // namespace

HttpTestServer::HttpTestServer()
    : m_server(std::make_unique<QHttpServer>())
    , m_slow(std::make_shared<SlowCounts>())
{
}

int HttpTestServer::slowRequests() const
{
    return m_slow->requests;
}

int HttpTestServer::maxSlowInFlight() const
{
    return m_slow->maxInFlight;
}

HttpTestServer::~HttpTestServer() = default;

QString HttpTestServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

bool HttpTestServer::start()
{
    QHttpServer &s = *m_server;
    s.route(QStringLiteral("/json"), [](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write(QJsonDocument(sampleJson()),
                        {{"X-Request-Id", "req-123"}, {"Content-Type", "application/json"}});
    });
    s.route(QStringLiteral("/echo"), [](const QHttpServerRequest &request) {
        QJsonObject headers;
        for (const auto &h : request.headers())
            headers.insert(QString::fromUtf8(h.first.toLower()), QString::fromUtf8(h.second));
        QJsonParseError error;
        const QJsonDocument body = QJsonDocument::fromJson(request.body(), &error);
        const QJsonObject echo{
            {QStringLiteral("method"), methodName(request.method())},
            {QStringLiteral("body"), QString::fromUtf8(request.body())},
            {QStringLiteral("json"), error.error == QJsonParseError::NoError
                                         ? (body.isObject() ? QJsonValue(body.object()) : QJsonValue(body.array()))
                                         : QJsonValue()},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("query"), request.query().toString()}};
        return QHttpServerResponse(echo, request.method() == QHttpServerRequest::Method::Post
                                             ? QHttpServerResponder::StatusCode::Created
                                             : QHttpServerResponder::StatusCode::Ok);
    });
    s.route(QStringLiteral("/multipart"), [](const QHttpServerRequest &request) {
        QByteArray contentType;
        QByteArray authorization;
        for (const auto &h : request.headers()) {
            if (h.first.compare("content-type", Qt::CaseInsensitive) == 0)
                contentType = h.second;
            if (h.first.compare("authorization", Qt::CaseInsensitive) == 0)
                authorization = h.second;
        }
        QJsonObject parsed = parseMultipart(contentType, request.body());
        parsed.insert(QStringLiteral("length"), request.body().size());
        parsed.insert(QStringLiteral("authorization"), QString::fromUtf8(authorization));
        return QHttpServerResponse(parsed);
    });
    s.route(QStringLiteral("/status/<arg>"), [](int code) {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), code}},
                                   static_cast<QHttpServerResponder::StatusCode>(code));
    });
    s.route(QStringLiteral("/text"), [] {
        return QHttpServerResponse("text/plain", "hello world, order 42 confirmed");
    });
    s.route(QStringLiteral("/redirect"), [](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write({{"Location", "/json"}}, QHttpServerResponder::StatusCode::Found);
    });
    s.route(QStringLiteral("/slow/<arg>"), [counts = m_slow](int ms, const QHttpServerRequest &, QHttpServerResponder &&responder) {
        ++counts->requests;
        counts->maxInFlight = qMax(counts->maxInFlight, ++counts->inFlight);
        auto *body = new DelayedBody(QJsonDocument(QJsonObject{{QStringLiteral("slow"), ms}}).toJson(QJsonDocument::Compact), ms,
                                     [counts] { --counts->inFlight; });
        body->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        responder.write(body, "application/json");
    });
    s.route(QStringLiteral("/huge"), [](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        auto *body = new GeneratedBody(kHugeBytes, true);
        body->open(QIODevice::ReadOnly);
        responder.write(body, "application/octet-stream");
    });
    s.route(QStringLiteral("/huge-declared"), [](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        auto *body = new GeneratedBody(kHugeBytes, false);
        body->open(QIODevice::ReadOnly);
        responder.write(body, "application/octet-stream");
    });
    m_port = s.listen(QHostAddress::LocalHost, 0);
    if (m_port == 0) {
        m_error = QStringLiteral("the test HTTP server could not listen on 127.0.0.1");
        return false;
    }
    return true;
}

} // namespace flowbench::testing
