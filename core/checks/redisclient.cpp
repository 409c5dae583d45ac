#include "checks/redisclient.h"

#include "checks/bytesjson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>
#include <hiredis/hiredis.h>
#include <vector>

namespace flowbench {

namespace {

struct ReplyFree
{
    void operator()(redisReply *r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

timeval toTimeval(int ms)
{
    timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

QJsonValue bytesToJson(const char *data, size_t length)
{
    return textOrBase64(QByteArrayView(data, qsizetype(length)));
}

QJsonValue toJson(const redisReply *r)
{
    switch (r->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
        return bytesToJson(r->str, r->len);
    case REDIS_REPLY_INTEGER:
        return double(r->integer);
    case REDIS_REPLY_ARRAY: {
        QJsonArray array;
        for (size_t i = 0; i < r->elements; ++i)
            array.append(toJson(r->element[i]));
        return array;
    }
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

} // namespace

void RedisClient::Free::operator()(redisContext *c) const
{
    redisFree(c);
}

RedisClient::RedisClient() = default;
RedisClient::~RedisClient() = default;
RedisClient::RedisClient(RedisClient &&) noexcept = default;
RedisClient &RedisClient::operator=(RedisClient &&) noexcept = default;

QString RedisClient::address() const
{
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

Status RedisClient::connect(const QString &host, int port, int timeoutMs)
{
    m_host = host;
    m_port = port;
    m_timeoutMs = timeoutMs;
    const QByteArray h = host.toUtf8();
    m_context.reset(redisConnectWithTimeout(h.constData(), port, toTimeval(timeoutMs)));
    if (!m_context)
        return Status::failure(QStringLiteral("could not connect to redis %1: out of memory").arg(address()));
    if (m_context->err) {
        QString cause = QString::fromLocal8Bit(m_context->errstr);
        if (cause.contains(QLatin1String("timed out"), Qt::CaseInsensitive))
            cause = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        m_context.reset();
        return Status::failure(QStringLiteral("could not connect to redis %1: %2").arg(address(), cause));
    }
    redisSetTimeout(m_context.get(), toTimeval(timeoutMs));
    return success();
}

Result<QJsonValue> RedisClient::command(const QStringList &args)
{
    using R = Result<QJsonValue>;
    if (!m_context)
        return R::failure(QStringLiteral("redis %1: not connected").arg(address()));
    std::vector<QByteArray> bytes;
    bytes.reserve(size_t(args.size()));
    for (const QString &a : args)
        bytes.push_back(a.toUtf8());
    std::vector<const char *> argv;
    std::vector<size_t> argvlen;
    for (const QByteArray &b : bytes) {
        argv.push_back(b.constData());
        argvlen.push_back(size_t(b.size()));
    }
    const QString name = args.value(0).toUpper();
    ReplyPtr reply(static_cast<redisReply *>(
        redisCommandArgv(m_context.get(), int(argv.size()), argv.data(), argvlen.data())));
    if (!reply) {
        QString cause = QString::fromLocal8Bit(m_context->errstr);
        if (m_context->err == REDIS_ERR_IO && cause.contains(QLatin1String("temporarily unavailable")))
            cause = QStringLiteral("no answer within %1 ms").arg(m_timeoutMs);
        else if (m_context->err == REDIS_ERR_EOF)
            cause = QStringLiteral("the server closed the connection");
        m_context.reset(); // a broken context cannot be reused
        return R::failure(QStringLiteral("redis %1, %2: %3").arg(address(), name, cause));
    }
    if (reply->type == REDIS_REPLY_ERROR)
        return R::failure(QStringLiteral("redis %1 refused %2: %3")
                              .arg(address(), name, QString::fromUtf8(reply->str, qsizetype(reply->len))));
    return toJson(reply.get());
}

} // namespace flowbench
