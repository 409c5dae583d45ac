#pragma once

#include "paymentclient.h"
#include "shopdatabase.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>

namespace flowbench::demo {

// The asynchronous part the example tests poll for: every 200 ms it confirms the orders
// whose outbox row is older than a random per-row delay, and logs each confirmation.
class OutboxWorker : public QObject
{
    Q_OBJECT
public:
    OutboxWorker(ShopDatabase &database, QFile &log, int minDelayMs, int maxDelayMs,
                 QObject *parent = nullptr);
    void start();
    // Called for each order about to be confirmed; a non-empty answer (why the event could
    // not be published) leaves the outbox row pending, to be tried again.
    void setPublisher(std::function<QString(qint64 orderId)> publish) { m_publish = std::move(publish); }
    // With a gateway, a pending order is charged before it is confirmed ("paid" first);
    // an order whose charge failed or went unanswered is charged again after retryAfterMs.
    void setPayments(PaymentClient *payments, int retryAfterMs)
    {
        m_payments = payments;
        m_paymentRetryAfterMs = retryAfterMs;
    }

private:
    void tick();
    // True when the order may go on to be confirmed; else a charge is under way or due later.
    bool paid(const ShopDatabase::PendingOutbox &row);
    void charged(qint64 orderId, const PaymentClient::Answer &answer);
    void writeLog(const QString &line);

    ShopDatabase &m_database;
    QFile &m_log;
    int m_minDelayMs;
    int m_maxDelayMs;
    QHash<qint64, int> m_delays; // outbox id -> delay chosen when first seen
    QTimer m_timer;
    std::function<QString(qint64)> m_publish;
    PaymentClient *m_payments = nullptr;
    int m_paymentRetryAfterMs = 2000;
    QHash<qint64, QDateTime> m_chargeAgainAt; // order id -> not before
    QHash<qint64, int> m_failedRounds; // order id -> rounds that ended failed or unknown
};

} // namespace flowbench::demo
