#include "checks/httpexecution.h"

#include "checks/assertionevaluator.h"
#include "checks/httpconnectionpool.h"
#include "checks/secretresolver.h"
#include "model/environment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslError>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrlQuery>

namespace flowbench {

namespace {

constexpr qint64 kReadChunk = 64 * 1024;
// What Qt may hold for us unread per connection; the body itself is bounded by the cap.
constexpr qint64 kSocketBuffer = 4 * kReadChunk;

QString megabytes(qint64 bytes)
{
    if (bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 bytes").arg(bytes);
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Methods a server must treat as free of side effects: only these go on a kept-alive
// connection, since a request that meets a connection the server just dropped is sent again.
bool isSafe(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool sameName(const QByteArray &a, const char *b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Parses a body as JSON when it is JSON; scalars ("42", "\"ok\"") count too.
void parseJson(Observation &o)
{
    const QByteArray trimmed = o.body.trimmed();
    if (trimmed.isEmpty()) {
        o.jsonError = QStringLiteral("the response body is empty, not JSON");
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + trimmed + QByteArray("]"), &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1) {
        QJsonDocument::fromJson(trimmed, &error); // for the offset in the body itself
        o.jsonError = QStringLiteral("the response body is not JSON (%1 at offset %2)")
                          .arg(error.errorString())
                          .arg(error.offset);
        return;
    }
    o.json = doc.array().at(0);
}

} // namespace

HttpExecution::HttpExecution(const Check &check, const CheckContext &context)
    : m_check(check)
    , m_variables(context.variables)
    , m_network(context.network)
    , m_maxEvidenceBytes(context.maxEvidenceBytes)
    , m_maxResponseBytes(context.maxResponseBytes)
    , m_projectDir(context.projectDir)
{
    const QJsonObject &spec = check.spec;
    const QJsonValue timeout = spec.value(QLatin1String("timeout_ms"));
    if (timeout.isDouble() && timeout.toDouble() > 0)
        m_timeoutMs = int(timeout.toDouble());
    m_followRedirects = spec.value(QLatin1String("follow_redirects")).toBool(false);
    const QJsonValue maxRedirects = spec.value(QLatin1String("max_redirects"));
    if (maxRedirects.isDouble())
        m_maxRedirects = maxRedirects.toInt();
    m_timer.setParent(this); // moves with the execution to a network thread
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // "waited 300 ms" must be true
    connect(&m_timer, &QTimer::timeout, this, &HttpExecution::onTimeout);
    // Known before start(), so the runner can bound concurrency per host.
    const auto url = m_variables.interpolate(spec.value(QLatin1String("url")).toString());
    if (url) {
        m_urlText = *url;
        m_url = QUrl(m_urlText, QUrl::StrictMode);
    }
}

HttpExecution::~HttpExecution()
{
    dropSocket();
}

QString HttpExecution::target() const
{
    if (!m_url.isValid() || m_url.host().isEmpty())
        return QString();
    return hostPort();
}

QString HttpExecution::hostPort() const
{
    return hostPort(m_url);
}

QString HttpExecution::hostPort(const QUrl &url) const
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return QStringLiteral("%1:%2").arg(url.host()).arg(port);
}

QString HttpExecution::serverKey() const
{
    return m_url.scheme() + QLatin1String("://") + hostPort();
}

Result<QByteArray> HttpExecution::buildBody(QByteArray *contentType)
{
    const QJsonObject body = m_check.spec.value(QLatin1String("body")).toObject();
    const QString mode = body.value(QLatin1String("mode")).toString();
    m_multipart.reset();
    if (mode == QLatin1String("multipart")) {
        auto multipart = HttpMultipartBody::build(
            body.value(QLatin1String("multipart")).toArray(), m_variables, m_projectDir);
        if (!multipart)
            return Result<QByteArray>::failure(multipart.error());
        m_multipart = *multipart;
        *contentType = m_multipart->contentType();
        return QByteArray();
    }
    if (mode == QLatin1String("raw")) {
        auto raw = m_variables.interpolate(
            body.value(QLatin1String("raw")).toString(), QStringLiteral("spec.body.raw"));
        if (!raw)
            return Result<QByteArray>::failure(raw.error());
        return raw->toUtf8();
    }
    if (mode == QLatin1String("json")) {
        auto json = m_variables.interpolateJson(
            body.value(QLatin1String("json")), QStringLiteral("spec.body.json"));
        if (!json)
            return Result<QByteArray>::failure(json.error());
        *contentType = "application/json";
        // Wrapped in an array and unwrapped so that scalars serialise too.
        QByteArray text = QJsonDocument(QJsonArray { *json }).toJson(QJsonDocument::Compact);
        return text.mid(1, text.size() - 2);
    }
    if (mode == QLatin1String("form")) {
        QUrlQuery query;
        const QJsonObject form = body.value(QLatin1String("form")).toObject();
        for (auto it = form.begin(); it != form.end(); ++it) {
            auto value = m_variables.interpolate(
                AssertionEvaluator::asText(it.value()), QStringLiteral("spec.body.form.%1").arg(it.key()));
            if (!value)
                return Result<QByteArray>::failure(value.error());
            query.addQueryItem(QString::fromUtf8(QUrl::toPercentEncoding(it.key())),
                QString::fromUtf8(QUrl::toPercentEncoding(*value)));
        }
        *contentType = "application/x-www-form-urlencoded";
        return query.toString(QUrl::FullyEncoded).toUtf8();
    }
    return QByteArray();
}

Status HttpExecution::buildHeaders(const QByteArray &contentType)
{
    m_headers.clear();
    if (!contentType.isEmpty())
        m_headers.append({ "Content-Type", contentType });
    // Basic auth: built here, at run time, from a user and a password that the project
    // holds only as a secret reference (or a variable holding one).
    const QJsonObject auth = m_check.spec.value(QLatin1String("auth")).toObject();
    if (auth.value(QLatin1String("type")).toString() == QLatin1String("basic")) {
        auto user = m_variables.interpolate(
            auth.value(QLatin1String("user")).toString(), QStringLiteral("spec.auth.user"));
        if (!user)
            return Status::failure(user.error());
        const QString passwordText = auth.value(QLatin1String("password")).toString();
        Result<QString> password = isSecretReference(passwordText)
            ? SecretResolver::resolve(passwordText)
            : m_variables.interpolate(passwordText, QStringLiteral("spec.auth.password"));
        if (!password)
            return Status::failure(isSecretReference(passwordText)
                    ? QStringLiteral("spec.auth.password: %1").arg(password.error())
                    : password.error());
        if (user->contains(QLatin1Char(':')))
            return Status::failure(QStringLiteral("spec.auth.user: a basic-auth user cannot contain \":\""));
        m_headers.append(
            { "Authorization", "Basic " + (user->toUtf8() + ':' + password->toUtf8()).toBase64() });
    }
    const QJsonObject headers = m_check.spec.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QString field = QStringLiteral("spec.headers.%1").arg(it.key());
        auto value = m_variables.interpolate(it.value().toString(), field);
        if (!value)
            return Status::failure(value.error());
        const QByteArray name = it.key().toLatin1();
        const QByteArray bytes = value->toUtf8();
        // A line break would end the header and start another one (or the body).
        if (bytes.contains('\r') || bytes.contains('\n') || bytes.contains('\0'))
            return Status::failure(
                QStringLiteral("%1: the value contains a line break or NUL, which would split the "
                               "request (after {{variables}} were filled in)")
                    .arg(field));
        // The framing of the request is the client's: these are set from the body.
        if (sameName(name, "content-length") || sameName(name, "transfer-encoding")
            || sameName(name, "connection"))
            continue;
        m_headers.removeIf([&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
        m_headers.append({ name, bytes });
    }
    return success();
}

void HttpExecution::start()
{
    startClock();
    const QJsonObject &spec = m_check.spec;
    // Interpolated and parsed once, in the constructor; only a failure is redone for its message.
    if (m_urlText.isNull()) {
        auto url = m_variables.interpolate(
            spec.value(QLatin1String("url")).toString(), QStringLiteral("spec.url"));
        if (!url)
            return finishLater(error(url.error()));
        m_urlText = *url;
        m_url = QUrl(m_urlText, QUrl::StrictMode);
    }
    if (!m_url.isValid()
        || (m_url.scheme() != QLatin1String("http") && m_url.scheme() != QLatin1String("https"))
        || m_url.host().isEmpty())
        return finishLater(
            error(QStringLiteral("spec.url: \"%1\" is not an http or https URL").arg(m_urlText)));
    if (!m_network)
        return finishLater(error(
            QStringLiteral("http check has no network access (the runner gave no QNetworkAccessManager)")));

    QByteArray contentType;
    auto body = buildBody(&contentType);
    if (!body)
        return finishLater(error(body.error()));
    m_requestBody = *body;
    if (const Status headers = buildHeaders(contentType); !headers)
        return finishLater(error(headers.error()));
    m_method = spec.value(QLatin1String("method")).toString(QStringLiteral("GET")).toUpper().toLatin1();
    m_timer.start(m_timeoutMs);
    send(true);
}

void HttpExecution::send(bool mayReuse)
{
    m_parser = std::make_unique<HttpResponseParser>(m_maxResponseBytes, m_method == "HEAD");
    m_tlsErrors.clear();
    const bool tls = m_url.scheme() == QLatin1String("https");
    HttpConnectionPool *pool = HttpConnectionPool::of(m_network);
    QTcpSocket *socket = mayReuse && isSafe(m_method) ? pool->take(serverKey(), this) : nullptr;
    m_reused = socket != nullptr;
    m_encrypted = m_reused && tls;
    if (!socket)
        socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
    m_socket = socket;
    socket->setReadBufferSize(kSocketBuffer);
    connect(socket, &QTcpSocket::readyRead, this, &HttpExecution::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpExecution::onClosed);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpExecution::onSocketError);
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                m_tlsErrors.append(e.errorString());
        });
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            m_encrypted = true;
            writeRequest();
        });
    } else {
        connect(socket, &QTcpSocket::connected, this, &HttpExecution::writeRequest);
    }
    if (m_reused) {
        writeRequest();
        return;
    }
    m_phase = Phase::Connecting;
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        ssl->connectToHostEncrypted(m_url.host(), quint16(m_url.port(443)));
    else
        socket->connectToHost(m_url.host(), quint16(m_url.port(80)));
}

void HttpExecution::writeRequest()
{
    if (!m_socket)
        return;
    m_phase = Phase::Sent;
    QByteArray target = m_url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (!target.startsWith('/'))
        target.prepend('/');
    QByteArray head = m_method + ' ' + target + " HTTP/1.1\r\n";
    auto has = [this](const char *name) {
        return std::any_of(
            m_headers.begin(), m_headers.end(), [name](const auto &h) { return sameName(h.first, name); });
    };
    if (!has("host")) {
        QByteArray host = m_url.host(QUrl::FullyEncoded).toLatin1();
        if (host.contains(':'))
            host = '[' + host + ']';
        if (m_url.port() != -1 && m_url.port() != (m_url.scheme() == QLatin1String("https") ? 443 : 80))
            host += ':' + QByteArray::number(m_url.port());
        head += "Host: " + host + "\r\n";
    }
    if (!has("user-agent"))
        head += "User-Agent: flowbench/" FLOWBENCH_VERSION "\r\n";
    if (!has("authorization") && !m_url.userName().isEmpty())
        head += "Authorization: Basic "
            + (m_url.userName().toUtf8() + ':' + m_url.password().toUtf8()).toBase64() + "\r\n";
    for (const auto &h : std::as_const(m_headers))
        head += h.first + ": " + h.second + "\r\n";
    if (m_multipart) {
        m_multipart->rewind();
        head += "Content-Length: " + QByteArray::number(m_multipart->size()) + "\r\n\r\n";
        m_socket->write(head);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpExecution::pumpBody, Qt::UniqueConnection);
        pumpBody();
        return;
    }
    if (!m_requestBody.isEmpty() || m_method == "POST" || m_method == "PUT" || m_method == "PATCH")
        head += "Content-Length: " + QByteArray::number(m_requestBody.size()) + "\r\n";
    head += "\r\n";
    m_socket->write(head + m_requestBody);
}

void HttpExecution::pumpBody()
{
    constexpr qint64 kSendWindow = 256 * 1024; // what the socket may hold unsent
    constexpr qint64 kChunk = 64 * 1024;
    while (m_socket && m_multipart && !m_multipart->atEnd() && m_socket->bytesToWrite() < kSendWindow) {
        const Result<QByteArray> chunk = m_multipart->read(kChunk);
        if (!chunk)
            return fail(QStringLiteral("spec.body.multipart: %1").arg(chunk.error()));
        m_socket->write(*chunk);
    }
}

void HttpExecution::onReadyRead()
{
    QTcpSocket *socket = m_socket;
    while (socket && socket == m_socket && socket->bytesAvailable() > 0 && !isFinished()) {
        const QByteArray bytes = socket->read(kReadChunk);
        const qint64 used = m_parser->feed(bytes);
        if (m_parser->hasFailed())
            return fail(parseFailure());
        if (m_parser->isDone()) {
            // Bytes past the response: the connection is out of step, never reused.
            if (used < bytes.size() || socket->bytesAvailable() > 0)
                dropSocket();
            return onResponse();
        }
    }
}

void HttpExecution::onClosed()
{
    QTcpSocket *socket = m_socket;
    if (!socket || isFinished())
        return;
    onReadyRead(); // what arrived before the close
    if (socket != m_socket || isFinished())
        return;
    if (m_reused && m_parser->bytesReceived() == 0) {
        // The server dropped the kept-alive connection: the (safe) request goes again on a new one.
        dropSocket();
        return send(false);
    }
    if (m_url.scheme() == QLatin1String("https") && !m_encrypted)
        return fail(QStringLiteral("TLS handshake with %1 failed: %2")
                        .arg(hostPort(),
                            !m_tlsErrors.isEmpty() ? m_tlsErrors.join(QStringLiteral("; "))
                                                   : QStringLiteral("the server closed the connection "
                                                                    "(does it speak TLS on this port?)")));
    m_parser->closed();
    if (m_parser->hasFailed())
        return fail(parseFailure());
    dropSocket();
    onResponse();
}

void HttpExecution::onSocketError()
{
    QTcpSocket *socket = m_socket;
    if (!socket || isFinished())
        return;
    const QAbstractSocket::SocketError code = socket->error();
    if (code == QAbstractSocket::RemoteHostClosedError)
        return onClosed();
    if (m_reused && m_phase == Phase::Sent && m_parser->bytesReceived() == 0) {
        dropSocket(); // e.g. reset: the kept-alive connection was gone
        return send(false);
    }
    const bool tls = m_url.scheme() == QLatin1String("https");
    if (tls && !m_encrypted && (code == QAbstractSocket::SslHandshakeFailedError || !m_tlsErrors.isEmpty()))
        return fail(
            QStringLiteral("TLS handshake with %1 failed: %2")
                .arg(hostPort(),
                    !m_tlsErrors.isEmpty() ? m_tlsErrors.join(QStringLiteral("; ")) : socket->errorString()));
    switch (code) {
    case QAbstractSocket::ConnectionRefusedError:
        return fail(QStringLiteral("connection refused by %1 (is the service running?)").arg(hostPort()));
    case QAbstractSocket::HostNotFoundError:
        return fail(
            QStringLiteral("host %1 not found (DNS lookup failed) for %2").arg(m_url.host(), hostPort()));
    case QAbstractSocket::SocketTimeoutError:
        return fail(QStringLiteral("connection to %1 timed out").arg(hostPort()));
    default:
        return fail(QStringLiteral("request to %1 failed: %2").arg(hostPort(), socket->errorString()));
    }
}

QString HttpExecution::parseFailure() const
{
    const QString host = hostPort();
    const QString detail = m_parser->failureDetail();
    switch (m_parser->failure()) {
    case HttpResponseParser::Failure::NotHttp:
        return notHttp(detail);
    case HttpResponseParser::Failure::BadHead:
    case HttpResponseParser::Failure::HeadTooLarge:
        return QStringLiteral("%1 sent a malformed HTTP response: %2").arg(host, detail);
    case HttpResponseParser::Failure::BadChunk:
        return QStringLiteral("%1 sent an invalid chunked body (Transfer-Encoding: chunked): %2")
            .arg(host, detail);
    case HttpResponseParser::Failure::BodyTooLarge:
        return detail.isEmpty()
            ? QStringLiteral(
                "response from %1 is larger than %2 (the response size cap); stopped reading there")
                  .arg(host, megabytes(m_maxResponseBytes))
            : QStringLiteral("response from %1 is larger than %2 (the response size cap): %3")
                  .arg(host, megabytes(m_maxResponseBytes), detail);
    case HttpResponseParser::Failure::ClosedBeforeAnswer:
        return QStringLiteral("%1 closed the connection before answering").arg(host);
    case HttpResponseParser::Failure::ClosedInHead:
        return QStringLiteral("%1 closed the connection in the middle of the response headers (%2)")
            .arg(host, detail);
    case HttpResponseParser::Failure::TruncatedBody:
        return QStringLiteral("%1 closed the connection after %2 (Content-Length): the response is truncated")
            .arg(host, detail);
    case HttpResponseParser::Failure::TruncatedChunked:
        return QStringLiteral(
            "%1 closed the connection in the middle of a chunked body (%2): the response is truncated")
            .arg(host, detail);
    case HttpResponseParser::Failure::None:
        break;
    }
    return QStringLiteral("request to %1 failed").arg(host);
}

void HttpExecution::onResponse()
{
    if (m_socket) {
        // A server that answered before the whole body was sent keeps no connection.
        const bool bodySent = !m_multipart || m_multipart->atEnd();
        if (bodySent && m_parser->keepAlive() && m_socket->state() == QAbstractSocket::ConnectedState) {
            QTcpSocket *socket = m_socket;
            m_socket = nullptr;
            disconnect(socket, nullptr, this, nullptr);
            HttpConnectionPool::of(m_network)->put(serverKey(), socket);
        } else {
            dropSocket();
        }
    }
    if (followRedirect())
        return;
    m_timer.stop();
    Observation o;
    o.status = m_parser->status();
    o.headers = m_parser->headers();
    o.body = m_parser->body();
    o.latencyMs = elapsedMs();
    parseJson(o);
    const QString evidenceText = evidence();
    CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
    outcome.evidence = evidenceText;
    outcome.durationMs = o.latencyMs;
    if (outcome.status == ResultStatus::Pass) {
        const QString via = m_chain.isEmpty()
            ? QString()
            : QStringLiteral(" (after %1 redirect%2)")
                  .arg(m_chain.size())
                  .arg(m_chain.size() == 1 ? QString() : QStringLiteral("s"));
        outcome.message = QStringLiteral("%1 %2%3: %4")
                              .arg(QString::fromLatin1(m_method), hostPort(), via, outcome.message);
    }
    finish(outcome);
}

bool HttpExecution::followRedirect()
{
    const int status = m_parser->status();
    const QByteArray location = m_parser->header("location");
    if (!m_followRedirects || !isRedirect(status) || location.isEmpty())
        return false;
    const QUrl next = m_url.resolved(QUrl(QString::fromUtf8(location)));
    const QString from = m_url.toDisplayString();
    if (!next.isValid() || next.host().isEmpty()
        || (next.scheme() != QLatin1String("http") && next.scheme() != QLatin1String("https"))) {
        fail(QStringLiteral("%1 answered %2 with Location \"%3\", which is not an http or https URL")
                 .arg(from)
                 .arg(status)
                 .arg(QString::fromUtf8(location)));
        return true;
    }
    // Same scheme, or an upgrade to https; never from https down to http.
    if (next.scheme() != m_url.scheme() && next.scheme() != QLatin1String("https")) {
        fail(QStringLiteral("%1 redirected (%2) to %3: a redirect from https to http is not followed")
                 .arg(from)
                 .arg(status)
                 .arg(next.toDisplayString()));
        return true;
    }
    m_chain << QStringLiteral("%1 %2 -> %3").arg(QString::fromLatin1(m_method), from).arg(status);
    if (m_chain.size() > m_maxRedirects) {
        fail(QStringLiteral("more than %1 redirects (max_redirects): %2 -> %3")
                 .arg(m_maxRedirects)
                 .arg(m_chain.join(QStringLiteral(", ")), next.toDisplayString()));
        return true;
    }
    // As browsers do: 303 (and 301/302 after a POST) continue with a GET without a body.
    if (status == 303 || ((status == 301 || status == 302) && m_method == "POST")) {
        if (m_method != "HEAD")
            m_method = "GET";
        m_requestBody.clear();
        m_multipart.reset();
        m_headers.removeIf([](const auto &h) { return sameName(h.first, "content-type"); });
    }
    // Credentials stay with the host they were written for.
    if (next.host() != m_url.host() || next.port(-1) != m_url.port(-1))
        m_headers.removeIf([](const auto &h) {
            return sameName(h.first, "authorization") || sameName(h.first, "cookie")
                || sameName(h.first, "proxy-authorization");
        });
    m_url = next;
    send(true);
    return true;
}

QString HttpExecution::notHttp(const QString &excerpt) const
{
    return QStringLiteral("%1 did not answer in HTTP: its reply began with \"%2\" (is %1 an HTTP server?)")
        .arg(hostPort(), excerpt);
}

void HttpExecution::onTimeout()
{
    if (m_parser && m_parser->seemsNotHttp()) // a banner without a line end, and silence
        return fail(notHttp(m_parser->excerpt()));
    if (m_phase == Phase::Connecting)
        return fail(QStringLiteral("could not connect to %1 within %2 ms (timeout_ms)")
                        .arg(hostPort())
                        .arg(m_timeoutMs));
    const QString via
        = m_chain.isEmpty() ? QString() : QStringLiteral(" (after %1 redirects)").arg(m_chain.size());
    fail(QStringLiteral("no complete response from %1 within %2 ms (timeout_ms)%3")
             .arg(hostPort())
             .arg(m_timeoutMs)
             .arg(via));
}

void HttpExecution::cancel()
{
    if (isFinished())
        return;
    m_timer.stop();
    dropSocket();
    finishLater(cancelled());
}

void HttpExecution::dropSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

void HttpExecution::fail(const QString &message)
{
    m_timer.stop();
    dropSocket();
    if (m_parser)
        m_parser->takeBody();
    finish(error(message));
}

QString HttpExecution::evidence() const
{
    QByteArray text;
    for (const QString &hop : m_chain)
        text += "redirected: " + hop.toUtf8() + '\n';
    text += "HTTP " + QByteArray::number(m_parser->status()) + ' ' + m_parser->reason() + '\n';
    for (const auto &pair : m_parser->headers())
        text += pair.first + ": " + pair.second + '\n';
    text += '\n';
    const QByteArray &body = m_parser->body();
    const qint64 total = text.size() + body.size();
    text += body.left(qMax(0, m_maxEvidenceBytes));
    return truncateEvidence(text, m_maxEvidenceBytes, total);
}

} // namespace flowbench
