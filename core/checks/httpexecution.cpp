#include "checks/httpexecution.h"

#include "checks/assertionevaluator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>
#include <QUrlQuery>

namespace flowbench {

namespace {

constexpr qint64 kReadChunk = 64 * 1024;

QString megabytes(qint64 bytes)
{
    if (bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 bytes").arg(bytes);
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
    : m_check(check),
      m_variables(context.variables),
      m_network(context.network),
      m_maxEvidenceBytes(context.maxEvidenceBytes),
      m_maxResponseBytes(context.maxResponseBytes)
{
    const QJsonValue timeout = check.spec.value(QLatin1String("timeout_ms"));
    if (timeout.isDouble() && timeout.toDouble() > 0)
        m_timeoutMs = int(timeout.toDouble());
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer); // "waited 300 ms" must be true
    connect(&m_timer, &QTimer::timeout, this, &HttpExecution::onTimeout);
    // Known before start(), so the runner can bound concurrency per host.
    const auto url = m_variables.interpolate(check.spec.value(QLatin1String("url")).toString());
    if (url)
        m_url = QUrl(*url);
}

HttpExecution::~HttpExecution()
{
    dropReply();
}

QString HttpExecution::target() const
{
    if (!m_url.isValid() || m_url.host().isEmpty())
        return QString();
    return hostPort();
}

QString HttpExecution::hostPort() const
{
    const int port = m_url.port(m_url.scheme() == QLatin1String("https") ? 443 : 80);
    return QStringLiteral("%1:%2").arg(m_url.host()).arg(port);
}

Result<QByteArray> HttpExecution::buildBody(QByteArray *contentType) const
{
    const QJsonObject body = m_check.spec.value(QLatin1String("body")).toObject();
    const QString mode = body.value(QLatin1String("mode")).toString();
    if (mode == QLatin1String("raw")) {
        auto raw = m_variables.interpolate(body.value(QLatin1String("raw")).toString(), QStringLiteral("spec.body.raw"));
        if (!raw)
            return Result<QByteArray>::failure(raw.error());
        return raw->toUtf8();
    }
    if (mode == QLatin1String("json")) {
        auto json = m_variables.interpolateJson(body.value(QLatin1String("json")), QStringLiteral("spec.body.json"));
        if (!json)
            return Result<QByteArray>::failure(json.error());
        *contentType = "application/json";
        // Wrapped in an array and unwrapped so that scalars serialise too.
        QByteArray text = QJsonDocument(QJsonArray{*json}).toJson(QJsonDocument::Compact);
        return text.mid(1, text.size() - 2);
    }
    if (mode == QLatin1String("form")) {
        QUrlQuery query;
        const QJsonObject form = body.value(QLatin1String("form")).toObject();
        for (auto it = form.begin(); it != form.end(); ++it) {
            auto value = m_variables.interpolate(AssertionEvaluator::asText(it.value()),
                                                 QStringLiteral("spec.body.form.%1").arg(it.key()));
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

void HttpExecution::start()
{
    startClock();
    const QJsonObject &spec = m_check.spec;
    auto url = m_variables.interpolate(spec.value(QLatin1String("url")).toString(), QStringLiteral("spec.url"));
    if (!url)
        return finishLater(error(url.error()));
    m_url = QUrl(*url, QUrl::StrictMode);
    if (!m_url.isValid() || (m_url.scheme() != QLatin1String("http") && m_url.scheme() != QLatin1String("https"))
        || m_url.host().isEmpty())
        return finishLater(error(QStringLiteral("spec.url: \"%1\" is not an http or https URL").arg(*url)));
    if (!m_network)
        return finishLater(error(QStringLiteral("http check has no network access (the runner gave no QNetworkAccessManager)")));

    QNetworkRequest request(m_url);
    // A check sees what the endpoint answers, redirects included.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QByteArray contentType;
    auto body = buildBody(&contentType);
    if (!body)
        return finishLater(error(body.error()));
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    const QJsonObject headers = spec.value(QLatin1String("headers")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        auto value = m_variables.interpolate(it.value().toString(), QStringLiteral("spec.headers.%1").arg(it.key()));
        if (!value)
            return finishLater(error(value.error()));
        request.setRawHeader(it.key().toUtf8(), value->toUtf8());
    }
    const QByteArray method = spec.value(QLatin1String("method")).toString(QStringLiteral("GET")).toUpper().toLatin1();

    m_reply = m_network->sendCustomRequest(request, method, *body);
    // Bounded read-ahead: the body is pulled as it arrives and never held past the cap.
    m_reply->setReadBufferSize(kReadChunk * 4);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpExecution::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpExecution::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExecution::onFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            m_tlsErrors.append(e.errorString());
    });
    connect(m_reply, &QNetworkReply::encrypted, this, [this] { m_encrypted = true; });
    m_timer.start(m_timeoutMs);
}

void HttpExecution::cancel()
{
    if (isFinished())
        return;
    dropReply();
    m_timer.stop();
    finishLater(cancelled());
}

void HttpExecution::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void HttpExecution::fail(const QString &message)
{
    m_timer.stop();
    dropReply();
    m_body.clear();
    finish(error(message));
}

void HttpExecution::onMetaData()
{
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_maxResponseBytes)
        fail(QStringLiteral("response from %1 exceeded %2 (Content-Length %3)")
                 .arg(hostPort(), megabytes(m_maxResponseBytes))
                 .arg(length.toLongLong()));
}

void HttpExecution::onReadyRead()
{
    while (m_reply && m_reply->bytesAvailable() > 0) {
        m_body += m_reply->read(kReadChunk);
        if (m_body.size() > m_maxResponseBytes) {
            fail(QStringLiteral("response from %1 exceeded %2").arg(hostPort(), megabytes(m_maxResponseBytes)));
            return;
        }
    }
}

void HttpExecution::onTimeout()
{
    fail(QStringLiteral("no complete response from %1 within %2 ms (timeout_ms)").arg(hostPort()).arg(m_timeoutMs));
}

void HttpExecution::onFinished()
{
    if (!m_reply || isFinished())
        return;
    m_timer.stop();
    onReadyRead();
    if (!m_reply)
        return; // the last bytes passed the cap
    QNetworkReply *reply = m_reply;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QNetworkReply::NetworkError code = reply->error();
    if (!status.isValid() || code == QNetworkReply::RemoteHostClosedError
        || (code != QNetworkReply::NoError && code < QNetworkReply::ContentAccessDenied)) {
        QString cause;
        const bool handshake = m_url.scheme() == QLatin1String("https") && !m_encrypted;
        if (handshake && (code == QNetworkReply::SslHandshakeFailedError || code == QNetworkReply::RemoteHostClosedError
                          || !m_tlsErrors.isEmpty())) {
            const QString why = !m_tlsErrors.isEmpty() ? m_tlsErrors.join(QStringLiteral("; "))
                : code == QNetworkReply::RemoteHostClosedError
                ? QStringLiteral("the server closed the connection (does it speak TLS on this port?)")
                : reply->errorString();
            return fail(QStringLiteral("TLS handshake with %1 failed: %2").arg(hostPort(), why));
        }
        switch (code) {
        case QNetworkReply::ConnectionRefusedError:
            cause = QStringLiteral("connection refused by %1 (is the service running?)").arg(hostPort());
            break;
        case QNetworkReply::HostNotFoundError:
            cause = QStringLiteral("host %1 not found (DNS lookup failed) for %2").arg(m_url.host(), hostPort());
            break;
        case QNetworkReply::TimeoutError:
            cause = QStringLiteral("connection to %1 timed out").arg(hostPort());
            break;
        case QNetworkReply::RemoteHostClosedError:
            cause = QStringLiteral("%1 closed the connection before answering").arg(hostPort());
            break;
        default:
            cause = QStringLiteral("request to %1 failed: %2").arg(hostPort(), reply->errorString());
        }
        return fail(cause);
    }

    Observation o;
    o.status = status.toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        o.headers.append(pair);
    o.body = m_body;
    o.latencyMs = elapsedMs();
    parseJson(o);
    const QString evidenceText = evidence();
    dropReply();
    CheckOutcome outcome = AssertionEvaluator::judge(m_check, o, m_variables);
    outcome.evidence = evidenceText;
    outcome.durationMs = o.latencyMs;
    if (outcome.status == ResultStatus::Pass)
        outcome.message = QStringLiteral("%1 %2: %3").arg(m_check.spec.value(QLatin1String("method")).toString(QStringLiteral("GET")).toUpper(),
                                                          hostPort(), outcome.message);
    finish(outcome);
}

QString HttpExecution::evidence() const
{
    QByteArray text = "HTTP " + m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toByteArray() + ' '
        + m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray() + '\n';
    for (const auto &pair : m_reply->rawHeaderPairs())
        text += pair.first + ": " + pair.second + '\n';
    text += '\n';
    const qint64 total = text.size() + m_body.size();
    text += m_body.left(qMax(0, m_maxEvidenceBytes));
    return truncateEvidence(text, m_maxEvidenceBytes, total);
}

} // namespace flowbench
