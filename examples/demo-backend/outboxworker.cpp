#include "outboxworker.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace flowbench::demo {

OutboxWorker::OutboxWorker(ShopDatabase &database, QFile &log, int minDelayMs, int maxDelayMs,
                           QObject *parent)
    : QObject(parent), m_database(database), m_log(log), m_minDelayMs(minDelayMs),
      m_maxDelayMs(qMax(minDelayMs, maxDelayMs))
{
    m_timer.setInterval(200);
    connect(&m_timer, &QTimer::timeout, this, &OutboxWorker::tick);
}

void OutboxWorker::start() { m_timer.start(); }

void OutboxWorker::tick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const ShopDatabase::PendingOutbox &row : m_database.pendingOutbox()) {
        auto delay = m_delays.find(row.id);
        if (delay == m_delays.end())
            delay = m_delays.insert(row.id, m_minDelayMs == m_maxDelayMs
                                                ? m_minDelayMs
                                                : QRandomGenerator::global()->bounded(m_minDelayMs, m_maxDelayMs + 1));
        const QDateTime created = QDateTime::fromString(row.createdAt, Qt::ISODateWithMs);
        if (created.isValid() && created.msecsTo(now) < *delay)
            continue;
        if (m_payments && !paid(row))
            continue;
        if (m_publish) {
            if (const QString problem = m_publish(row.orderId); !problem.isEmpty()) {
                m_log.write(QStringLiteral("%1 WARN order %2: event not published, kept in the outbox: %3\n")
                                .arg(nowIso())
                                .arg(row.orderId)
                                .arg(problem)
                                .toUtf8());
                m_log.flush();
                continue; // at-least-once: published again on the next tick
            }
        }
        if (!m_database.processOutbox(row))
            continue; // retried on the next tick
        m_delays.remove(row.id);
        m_log.write(QStringLiteral("%1 INFO order %2 confirmed\n").arg(nowIso()).arg(row.orderId).toUtf8());
        m_log.flush();
    }
}

bool OutboxWorker::paid(const ShopDatabase::PendingOutbox &row)
{
    const ShopDatabase::Reply order = m_database.order(row.orderId);
    const QString status = order.body.value(QStringLiteral("status")).toString();
    if (order.status != 200
        || (status != QLatin1String("pending") && status != QLatin1String("payment_failed")))
        return true; // paid already (or gone): confirm as before
    if (m_payments->isCharging(row.orderId))
        return false;
    const auto notBefore = m_chargeAgainAt.constFind(row.orderId);
    if (notBefore != m_chargeAgainAt.constEnd() && QDateTime::currentDateTimeUtc() < *notBefore)
        return false;
    const double total = order.body.value(QStringLiteral("total")).toDouble();
    m_payments->charge(row.orderId, total,
        [this, orderId = row.orderId](const PaymentClient::Answer &answer) { charged(orderId, answer); });
    return false;
}

void OutboxWorker::charged(qint64 orderId, const PaymentClient::Answer &answer)
{
    ShopDatabase::PaymentRecord record;
    record.orderId = orderId;
    record.attempts = answer.attempts;
    record.chargeId = answer.chargeId;
    record.error = answer.detail;
    const QString attempts = answer.attempts == 1 ? QStringLiteral("1 attempt")
                                                  : QStringLiteral("%1 attempts").arg(answer.attempts);
    switch (answer.outcome) {
    case PaymentClient::Outcome::Charged:
        record.orderStatus = QStringLiteral("paid");
        record.paymentStatus = QStringLiteral("paid");
        record.error.clear();
        m_chargeAgainAt.remove(orderId);
        m_failedRounds.remove(orderId);
        if (m_database.recordPayment(record))
            writeLog(QStringLiteral("INFO order %1 paid: charge %2 (%3)")
                         .arg(orderId)
                         .arg(answer.chargeId, attempts));
        return; // confirmed on the next tick, with its event
    case PaymentClient::Outcome::NotCharged:
        // Nothing was charged: the order fails cleanly and its outbox row stays, so the
        // event is not lost and the charge is tried again later.
        record.orderStatus = QStringLiteral("payment_failed");
        record.paymentStatus = QStringLiteral("failed");
        writeLog(
            QStringLiteral("WARN order %1: payment failed, not charged (%2): %3; the outbox keeps the event")
                .arg(orderId)
                .arg(attempts, answer.detail));
        break;
    case PaymentClient::Outcome::Unknown:
        // The gateway may have charged it: the order stays pending until a later charge
        // with the same idempotency key says what happened.
        record.paymentStatus = QStringLiteral("unknown");
        writeLog(QStringLiteral("WARN order %1: payment unknown (%2): %3; the order stays pending")
                     .arg(orderId)
                     .arg(attempts, answer.detail));
        break;
    }
    m_database.recordPayment(record);
    // Twice as long after each failed round, at most a minute: a gateway that stays away
    // (no run holds the example's proxy open) is not asked every two seconds.
    const int round = ++m_failedRounds[orderId];
    const qint64 wait = qMin<qint64>(qint64(m_paymentRetryAfterMs) << qMin(round - 1, 16), 60000);
    m_chargeAgainAt.insert(orderId, QDateTime::currentDateTimeUtc().addMSecs(wait));
}

void OutboxWorker::writeLog(const QString &line)
{
    m_log.write(QStringLiteral("%1 %2\n").arg(nowIso(), line).toUtf8());
    m_log.flush();
}

} // namespace flowbench::demo
