#pragma once

#include "result.h"

#include <QJsonValue>
#include <QStringList>
#include <memory>

struct redisContext;

namespace flowbench {

// A blocking connection to one Redis server (hiredis), owned by one thread at a time.
// Connect and command timeouts are bounded; errors name host:port and the cause.
// It sends any command: the read-only allow-list is RedisCheck's business.
class RedisClient
{
public:
    RedisClient();
    ~RedisClient();
    RedisClient(RedisClient &&) noexcept;
    RedisClient &operator=(RedisClient &&) noexcept;

    Status connect(const QString &host, int port, int timeoutMs);
    // The reply as JSON: text, integer, array, null; a string that is not UTF-8 becomes
    // {"base64": "<its bytes in base64>"}. An error reply is a failure
    // quoting Redis ("redis 127.0.0.1:6379 refused GET: WRONGTYPE ...").
    Result<QJsonValue> command(const QStringList &args);
    QString address() const; // "host:port"

private:
    struct Free
    {
        void operator()(redisContext *c) const;
    };
    std::unique_ptr<redisContext, Free> m_context;
    QString m_host;
    int m_port = 0;
    int m_timeoutMs = 0;
};

} // namespace flowbench
