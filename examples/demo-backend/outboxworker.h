#pragma once

#include "shopdatabase.h"

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

private:
    void tick();

    ShopDatabase &m_database;
    QFile &m_log;
    int m_minDelayMs;
    int m_maxDelayMs;
    QHash<qint64, int> m_delays; // outbox id -> delay chosen when first seen
    QTimer m_timer;
    std::function<QString(qint64)> m_publish;
};

} // namespace flowbench::demo
