#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <memory>
#include <optional>

struct amqp_connection_state_t_;

namespace flowbench {

// Where a broker is and who logs in; the password is already resolved.
struct AmqpAddress
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 5672;
    QString virtualHost = QStringLiteral("/");
    QString user = QStringLiteral("guest");
    QString password = QStringLiteral("guest");
};

// One message as a check sees it: where it was published, its properties and headers
// (AMQP field tables as JSON) and its body.
struct AmqpMessage
{
    QString exchange;
    QString routingKey;
    QJsonObject properties; // content_type, message_id, correlation_id, … when set
    QJsonObject headers;
    QByteArray body;
};

struct AmqpQueueDepth
{
    qint64 messages = 0;
    qint64 consumers = 0;
};

// A blocking AMQP 0-9-1 connection with one channel (librabbitmq), owned by one thread
// at a time. Connect, login and every round trip are bounded; errors name host:port,
// the operation and what the broker said. It does only what checks and the tests need:
// observing through a private queue, reading a queue's depth, publishing.
class AmqpClient
{
public:
    AmqpClient();
    ~AmqpClient();
    AmqpClient(AmqpClient &&) noexcept;
    AmqpClient &operator=(AmqpClient &&) noexcept;

    Status connect(const AmqpAddress &address, int timeoutMs);
    bool isConnected() const { return bool(m_state); }
    // Whether the last connect() reached a listening broker (false: refused, unresolved, timed out).
    bool reachedBroker() const { return m_reached; }
    QString address() const; // "host:port"

    // A server-named queue that only this connection can use and the broker deletes when
    // the connection closes, bound to `exchange` with `bindingKey`: it sees what is
    // published from now on and takes nothing from anybody else's queue.
    Result<QString> bindPrivateQueue(const QString &exchange, const QString &bindingKey);
    // The next message of a queue (acknowledged on delivery), or nullopt when it is empty.
    Result<std::optional<AmqpMessage>> get(const QString &queue);
    // A passive declare: the queue's depth without touching it; a queue that does not
    // exist is an error naming it.
    Result<AmqpQueueDepth> depth(const QString &queue);
    Status publish(const QString &exchange, const QString &routingKey, const QByteArray &body,
        const QJsonObject &headers = {}, const QString &contentType = QStringLiteral("application/json"));
    // Setting up a broker (the demo backend, tests): a durable exchange, a durable queue bound to one.
    Status declareExchange(const QString &exchange, const QString &type);
    Status declareQueue(const QString &queue, const QString &exchange, const QString &bindingKey);

private:
    struct Free
    {
        void operator()(amqp_connection_state_t_ *state) const;
    };
    // Opens the channel again after the broker closed it on an error (404 on a passive declare).
    Status reopenChannel();
    // The broker's answer to the last synchronous call, as an error naming `operation`.
    Status lastReply(const QString &operation);

    std::unique_ptr<amqp_connection_state_t_, Free> m_state;
    QString m_host;
    int m_port = 0;
    int m_timeoutMs = 0;
    bool m_channelOpen = false;
    bool m_reached = false;
};

} // namespace flowbench
