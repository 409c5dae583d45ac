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

} // namespace flowbench::demo
