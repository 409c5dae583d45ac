#pragma once

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>

namespace flowbench::demo {

// Charges orders through the payment gateway given by --payment-url: POST <url>/charges
// with {order_id, amount, idempotency_key}. Each attempt is bounded by a timeout; an
// attempt that fails is retried a few times. The outcome says what is known afterwards.
class PaymentClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url; // the gateway's base URL (http://127.0.0.1:8767)
        int timeoutMs = 1000; // per attempt
        int retries = 2; // attempts after the first
    };
    enum class Outcome {
        Charged, // the gateway answered 2xx: the order is paid
        NotCharged, // every attempt was refused or answered with an error: no money moved
        Unknown, // an attempt may have reached the gateway but no answer came back in time
    };
    struct Answer
    {
        Outcome outcome = Outcome::Unknown;
        QString chargeId; // Charged
        int attempts = 0;
        QString detail; // for the log: what the last attempt met
    };

    explicit PaymentClient(const Options &options, QObject *parent = nullptr);
    // Starts charging; `done` is called once, on this object's thread.
    void charge(qint64 orderId, double amount, std::function<void(const Answer &)> done);
    bool isCharging(qint64 orderId) const { return m_charging.contains(orderId); }
    const Options &options() const { return m_options; }

private:
    struct Charge;
    void attempt(const std::shared_ptr<Charge> &charge);
    void finish(const std::shared_ptr<Charge> &charge, Outcome outcome, const QString &chargeId = {});

    Options m_options;
    QNetworkAccessManager m_network;
    QHash<qint64, std::shared_ptr<Charge>> m_charging;
};

} // namespace flowbench::demo
