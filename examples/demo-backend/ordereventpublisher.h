#pragma once

#include "checks/amqpclient.h"

#include <QString>
#include <QUrl>

namespace flowbench::demo {

// Publishes "order.confirmed" to the topic exchange shop.events on the broker given by
// --amqp amqp://user:password@host:port/vhost. Connects on first use and again after a
// failure, so a broker that starts later or restarts is picked up; a publish that fails
// leaves the outbox row pending (the worker tries again on its next tick).
class OrderEventPublisher
{
public:
    static constexpr const char *kExchange = "shop.events";
    // The URL's problem for a person, or empty when it can be used.
    static QString checkUrl(const QUrl &url);
    explicit OrderEventPublisher(const QUrl &url);
    // Empty on success, else why it was not published.
    QString publishConfirmed(qint64 orderId);

private:
    QString ensureConnected();

    flowbench::AmqpAddress m_address;
    flowbench::AmqpClient m_client;
};

} // namespace flowbench::demo
