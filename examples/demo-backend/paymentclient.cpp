#include "paymentclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

namespace flowbench::demo {

struct PaymentClient::Charge
{
    qint64 orderId = 0;
    double amount = 0;
    QString idempotencyKey;
    int attempts = 0;
    bool answerUnknown = false; // some attempt may have reached the gateway unanswered
    QString detail;
    std::function<void(const Answer &)> done;
};

PaymentClient::PaymentClient(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    // The gateway is on loopback: never through a proxy from the environment.
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void PaymentClient::charge(qint64 orderId, double amount, std::function<void(const Answer &)> done)
{
    auto charge = std::make_shared<Charge>();
    charge->orderId = orderId;
    charge->amount = amount;
    // One key per order, so however often the order is charged, the gateway charges once.
    charge->idempotencyKey = QStringLiteral("order-%1").arg(orderId);
    charge->done = std::move(done);
    m_charging.insert(orderId, charge);
    attempt(charge);
}

void PaymentClient::attempt(const std::shared_ptr<Charge> &charge)
{
    ++charge->attempts;
    QUrl url = m_options.url;
    QString path = url.path();
    if (!path.endsWith(QLatin1Char('/')))
        path += QLatin1Char('/');
    url.setPath(path + QStringLiteral("charges"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject body { { QStringLiteral("order_id"), charge->orderId },
        { QStringLiteral("amount"), charge->amount },
        { QStringLiteral("idempotency_key"), charge->idempotencyKey } };
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    auto timedOut = std::make_shared<bool>(false);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(m_options.timeoutMs);

    connect(reply, &QNetworkReply::finished, this, [this, reply, charge, timedOut] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        bool retry = true;
        if (*timedOut) {
            charge->answerUnknown = true;
            charge->detail = QStringLiteral("no answer from %1 within %2 ms")
                                 .arg(m_options.url.authority())
                                 .arg(m_options.timeoutMs);
            // DELIBERATE DEFECT (found only with a slow gateway): the retry after a timeout
            // is sent under a new idempotency key, so the gateway cannot tell it from a new
            // charge and the order is charged once per attempt. The key must stay the same.
            charge->idempotencyKey
                = QStringLiteral("order-%1-retry-%2").arg(charge->orderId).arg(charge->attempts);
        } else if (status >= 200 && status < 300) {
            finish(charge, Outcome::Charged, answer.value(QStringLiteral("id")).toString());
            return;
        } else if (status >= 400) {
            charge->detail = QStringLiteral("%1 answered %2: %3")
                                 .arg(m_options.url.authority())
                                 .arg(status)
                                 .arg(answer.value(QStringLiteral("error")).toString());
            retry = status >= 500; // a 4xx is the gateway's decision: asking again changes nothing
        } else {
            const QNetworkReply::NetworkError error = reply->error();
            // Refused or not found: the request never left, so nothing was charged.
            if (error != QNetworkReply::ConnectionRefusedError && error != QNetworkReply::HostNotFoundError)
                charge->answerUnknown = true;
            charge->detail = QStringLiteral("%1: %2").arg(m_options.url.authority(), reply->errorString());
        }
        if (retry && charge->attempts <= m_options.retries) {
            QTimer::singleShot(100, this, [this, charge] { attempt(charge); });
            return;
        }
        finish(charge, charge->answerUnknown ? Outcome::Unknown : Outcome::NotCharged);
    });
}

void PaymentClient::finish(const std::shared_ptr<Charge> &charge, Outcome outcome, const QString &chargeId)
{
    m_charging.remove(charge->orderId);
    Answer answer;
    answer.outcome = outcome;
    answer.chargeId = chargeId;
    answer.attempts = charge->attempts;
    answer.detail = charge->detail;
    charge->done(answer);
}

} // namespace flowbench::demo
