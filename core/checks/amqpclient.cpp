#include "checks/amqpclient.h"

#include "checks/bytesjson.h"

#include <QJsonArray>
#include <QJsonValue>
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <vector>

namespace flowbench {

namespace {

constexpr amqp_channel_t kChannel = 1;

amqp_bytes_t bytesOf(const QByteArray &data)
{
    amqp_bytes_t b;
    b.len = size_t(data.size());
    b.bytes = const_cast<char *>(data.constData());
    return b;
}

QByteArray toByteArray(amqp_bytes_t b)
{
    return QByteArray(static_cast<const char *>(b.bytes), qsizetype(b.len));
}

QString toText(amqp_bytes_t b)
{
    return QString::fromUtf8(toByteArray(b));
}

timeval timeoutOf(int ms)
{
    timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

QJsonValue fieldValue(const amqp_field_value_t &v);

QJsonObject tableOf(const amqp_table_t &table)
{
    QJsonObject object;
    for (int i = 0; i < table.num_entries; ++i)
        object.insert(toText(table.entries[i].key), fieldValue(table.entries[i].value));
    return object;
}

// AMQP field values as JSON; byte strings that are not UTF-8 become {"base64": …} like
// Redis replies, so an assertion can still name them.
QJsonValue fieldValue(const amqp_field_value_t &v)
{
    switch (v.kind) {
    case AMQP_FIELD_KIND_BOOLEAN:
        return bool(v.value.boolean);
    case AMQP_FIELD_KIND_I8:
        return v.value.i8;
    case AMQP_FIELD_KIND_U8:
        return v.value.u8;
    case AMQP_FIELD_KIND_I16:
        return v.value.i16;
    case AMQP_FIELD_KIND_U16:
        return v.value.u16;
    case AMQP_FIELD_KIND_I32:
        return v.value.i32;
    case AMQP_FIELD_KIND_U32:
        return qint64(v.value.u32);
    case AMQP_FIELD_KIND_I64:
        return qint64(v.value.i64);
    case AMQP_FIELD_KIND_U64:
    case AMQP_FIELD_KIND_TIMESTAMP:
        return double(v.value.u64);
    case AMQP_FIELD_KIND_F32:
        return double(v.value.f32);
    case AMQP_FIELD_KIND_F64:
        return v.value.f64;
    case AMQP_FIELD_KIND_DECIMAL: {
        double value = double(v.value.decimal.value);
        for (int i = 0; i < v.value.decimal.decimals; ++i)
            value /= 10;
        return value;
    }
    case AMQP_FIELD_KIND_UTF8:
    case AMQP_FIELD_KIND_BYTES: {
        return textOrBase64(toByteArray(v.value.bytes));
    }
    case AMQP_FIELD_KIND_ARRAY: {
        QJsonArray array;
        for (int i = 0; i < v.value.array.num_entries; ++i)
            array.append(fieldValue(v.value.array.entries[i]));
        return array;
    }
    case AMQP_FIELD_KIND_TABLE:
        return tableOf(v.value.table);
    default:
        return QJsonValue(QJsonValue::Null);
    }
}

QJsonObject propertiesOf(const amqp_basic_properties_t &p)
{
    QJsonObject o;
    const auto text = [&](amqp_flags_t flag, const char *name, amqp_bytes_t value) {
        if (p._flags & flag)
            o.insert(QLatin1String(name), toText(value));
    };
    text(AMQP_BASIC_CONTENT_TYPE_FLAG, "content_type", p.content_type);
    text(AMQP_BASIC_CONTENT_ENCODING_FLAG, "content_encoding", p.content_encoding);
    text(AMQP_BASIC_CORRELATION_ID_FLAG, "correlation_id", p.correlation_id);
    text(AMQP_BASIC_REPLY_TO_FLAG, "reply_to", p.reply_to);
    text(AMQP_BASIC_EXPIRATION_FLAG, "expiration", p.expiration);
    text(AMQP_BASIC_MESSAGE_ID_FLAG, "message_id", p.message_id);
    text(AMQP_BASIC_TYPE_FLAG, "type", p.type);
    text(AMQP_BASIC_USER_ID_FLAG, "user_id", p.user_id);
    text(AMQP_BASIC_APP_ID_FLAG, "app_id", p.app_id);
    if (p._flags & AMQP_BASIC_DELIVERY_MODE_FLAG)
        o.insert(QStringLiteral("delivery_mode"), int(p.delivery_mode));
    if (p._flags & AMQP_BASIC_PRIORITY_FLAG)
        o.insert(QStringLiteral("priority"), int(p.priority));
    if (p._flags & AMQP_BASIC_TIMESTAMP_FLAG)
        o.insert(QStringLiteral("timestamp"), double(p.timestamp));
    return o;
}

// Storage for a field table built from JSON: the entries point into `texts`.
struct TableBuilder
{
    std::vector<QByteArray> texts;
    std::vector<amqp_table_entry_t> entries;

    amqp_table_t build(const QJsonObject &object)
    {
        texts.reserve(size_t(object.size()) * 2);
        for (auto it = object.begin(); it != object.end(); ++it) {
            amqp_table_entry_t entry {};
            texts.push_back(it.key().toUtf8());
            entry.key = bytesOf(texts.back());
            const QJsonValue value = it.value();
            if (value.isBool()) {
                entry.value.kind = AMQP_FIELD_KIND_BOOLEAN;
                entry.value.value.boolean = value.toBool();
            } else if (value.isDouble() && value.toDouble() == double(qint64(value.toDouble()))) {
                entry.value.kind = AMQP_FIELD_KIND_I64;
                entry.value.value.i64 = qint64(value.toDouble());
            } else if (value.isDouble()) {
                entry.value.kind = AMQP_FIELD_KIND_F64;
                entry.value.value.f64 = value.toDouble();
            } else {
                entry.value.kind = AMQP_FIELD_KIND_UTF8;
                texts.push_back(value.toString().toUtf8());
                entry.value.value.bytes = bytesOf(texts.back());
            }
            entries.push_back(entry);
        }
        amqp_table_t table;
        table.num_entries = int(entries.size());
        table.entries = entries.empty() ? nullptr : entries.data();
        return table;
    }
};

} // namespace

void AmqpClient::Free::operator()(amqp_connection_state_t_ *state) const
{
    // A polite close, bounded by the rpc timeout; the broker drops the private queue either way.
    amqp_connection_close(state, AMQP_REPLY_SUCCESS);
    amqp_destroy_connection(state);
}

AmqpClient::AmqpClient() = default;
AmqpClient::~AmqpClient() = default;
AmqpClient::AmqpClient(AmqpClient &&) noexcept = default;
AmqpClient &AmqpClient::operator=(AmqpClient &&) noexcept = default;

QString AmqpClient::address() const
{
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

Status AmqpClient::connect(const AmqpAddress &address, int timeoutMs)
{
    m_state.reset();
    m_channelOpen = false;
    m_reached = false;
    m_host = address.host.isEmpty() ? QStringLiteral("127.0.0.1") : address.host;
    m_port = address.port > 0 ? address.port : 5672;
    m_timeoutMs = timeoutMs;
    amqp_connection_state_t state = amqp_new_connection();
    if (!state)
        return Status::failure(QStringLiteral("amqp %1: out of memory").arg(this->address()));
    amqp_socket_t *socket = amqp_tcp_socket_new(state);
    if (!socket) {
        amqp_destroy_connection(state);
        return Status::failure(QStringLiteral("amqp %1: could not create a socket").arg(this->address()));
    }
    timeval tv = timeoutOf(timeoutMs);
    const QByteArray host = m_host.toUtf8();
    const int opened = amqp_socket_open_noblock(socket, host.constData(), m_port, &tv);
    if (opened != AMQP_STATUS_OK) {
        amqp_destroy_connection(state);
        return Status::failure(QStringLiteral("amqp %1: cannot connect: %2")
                                   .arg(this->address(), QString::fromUtf8(amqp_error_string2(opened))));
    }
    m_reached = true;
    amqp_set_handshake_timeout(state, &tv);
    amqp_set_rpc_timeout(state, &tv);
    const QByteArray vhost
        = (address.virtualHost.isEmpty() ? QStringLiteral("/") : address.virtualHost).toUtf8();
    const QByteArray user = address.user.toUtf8();
    const QByteArray password = address.password.toUtf8();
    const amqp_rpc_reply_t login = amqp_login(state, vhost.constData(), 0, 131072, 0, AMQP_SASL_METHOD_PLAIN,
        user.constData(), password.constData());
    m_state.reset(state);
    if (login.reply_type != AMQP_RESPONSE_NORMAL) {
        const Status why = lastReply(
            QStringLiteral("login as %1 to virtual host %2").arg(address.user, QString::fromUtf8(vhost)));
        // The connection is unusable; destroying it must not wait for a close handshake.
        amqp_destroy_connection(m_state.release());
        return why;
    }
    return reopenChannel();
}

Status AmqpClient::reopenChannel()
{
    m_channelOpen = false;
    amqp_channel_open(m_state.get(), kChannel);
    if (const Status opened = lastReply(QStringLiteral("open a channel")); !opened)
        return opened;
    m_channelOpen = true;
    return success();
}

Status AmqpClient::lastReply(const QString &operation)
{
    const amqp_rpc_reply_t reply = amqp_get_rpc_reply(m_state.get());
    switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
        return success();
    case AMQP_RESPONSE_NONE:
        return Status::failure(
            QStringLiteral("amqp %1: %2: no reply from the broker").arg(address(), operation));
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
        return Status::failure(
            QStringLiteral("amqp %1: %2: %3")
                .arg(address(), operation, QString::fromUtf8(amqp_error_string2(reply.library_error))));
    case AMQP_RESPONSE_SERVER_EXCEPTION:
        break;
    }
    if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
        const auto *close = static_cast<amqp_channel_close_t *>(reply.reply.decoded);
        // The channel is gone; acknowledge so the connection stays usable.
        amqp_channel_close_ok_t ok {};
        amqp_send_method(m_state.get(), kChannel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok);
        m_channelOpen = false;
        return Status::failure(QStringLiteral("amqp %1: %2: the broker answered %3 %4")
                                   .arg(address(), operation)
                                   .arg(close->reply_code)
                                   .arg(toText(close->reply_text)));
    }
    if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        const auto *close = static_cast<amqp_connection_close_t *>(reply.reply.decoded);
        return Status::failure(QStringLiteral("amqp %1: %2: the broker closed the connection: %3 %4")
                                   .arg(address(), operation)
                                   .arg(close->reply_code)
                                   .arg(toText(close->reply_text)));
    }
    return Status::failure(QStringLiteral("amqp %1: %2: unexpected broker reply (method %3)")
                               .arg(address(), operation)
                               .arg(reply.reply.id, 0, 16));
}

Result<QString> AmqpClient::bindPrivateQueue(const QString &exchange, const QString &bindingKey)
{
    using R = Result<QString>;
    if (!m_state || (!m_channelOpen && !reopenChannel()))
        return R::failure(QStringLiteral("amqp %1: not connected").arg(address()));
    const amqp_queue_declare_ok_t *declared
        = amqp_queue_declare(m_state.get(), kChannel, amqp_empty_bytes, 0, 0, 1, 1, amqp_empty_table);
    if (const Status ok = lastReply(QStringLiteral("declare a private queue")); !ok || !declared)
        return R::failure(
            ok ? QStringLiteral("amqp %1: declare a private queue: no answer").arg(address()) : ok.error());
    const QByteArray queue = toByteArray(declared->queue);
    const QByteArray exchangeName = exchange.toUtf8();
    const QByteArray key = bindingKey.toUtf8();
    amqp_queue_bind(
        m_state.get(), kChannel, bytesOf(queue), bytesOf(exchangeName), bytesOf(key), amqp_empty_table);
    if (const Status bound
        = lastReply(QStringLiteral("bind to exchange \"%1\" with key \"%2\"").arg(exchange, bindingKey));
        !bound)
        return R::failure(bound.error());
    return QString::fromUtf8(queue);
}

Result<std::optional<AmqpMessage>> AmqpClient::get(const QString &queue)
{
    using R = Result<std::optional<AmqpMessage>>;
    if (!m_state || !m_channelOpen)
        return R::failure(QStringLiteral("amqp %1: not connected").arg(address()));
    const QByteArray name = queue.toUtf8();
    const amqp_rpc_reply_t reply = amqp_basic_get(m_state.get(), kChannel, bytesOf(name), 1);
    if (reply.reply_type != AMQP_RESPONSE_NORMAL)
        return R::failure(lastReply(QStringLiteral("get from queue %1").arg(queue)).error());
    if (reply.reply.id == AMQP_BASIC_GET_EMPTY_METHOD)
        return std::optional<AmqpMessage>();
    const auto *ok = static_cast<amqp_basic_get_ok_t *>(reply.reply.decoded);
    AmqpMessage message;
    message.exchange = toText(ok->exchange);
    message.routingKey = toText(ok->routing_key);
    amqp_message_t raw;
    const amqp_rpc_reply_t read = amqp_read_message(m_state.get(), kChannel, &raw, 0);
    if (read.reply_type != AMQP_RESPONSE_NORMAL)
        return R::failure(lastReply(QStringLiteral("read a message from queue %1").arg(queue)).error());
    message.properties = propertiesOf(raw.properties);
    if (raw.properties._flags & AMQP_BASIC_HEADERS_FLAG)
        message.headers = tableOf(raw.properties.headers);
    message.body = toByteArray(raw.body);
    amqp_destroy_message(&raw);
    amqp_maybe_release_buffers(m_state.get());
    return std::optional<AmqpMessage>(message);
}

Result<AmqpQueueDepth> AmqpClient::depth(const QString &queue)
{
    using R = Result<AmqpQueueDepth>;
    if (!m_state || (!m_channelOpen && !reopenChannel()))
        return R::failure(QStringLiteral("amqp %1: not connected").arg(address()));
    const QByteArray name = queue.toUtf8();
    const amqp_queue_declare_ok_t *declared
        = amqp_queue_declare(m_state.get(), kChannel, bytesOf(name), 1, 0, 0, 0, amqp_empty_table);
    if (const Status ok = lastReply(QStringLiteral("look at queue \"%1\"").arg(queue)); !ok || !declared)
        return R::failure(
            ok ? QStringLiteral("amqp %1: queue %2: no answer").arg(address(), queue) : ok.error());
    AmqpQueueDepth depth;
    depth.messages = declared->message_count;
    depth.consumers = declared->consumer_count;
    return depth;
}

Status AmqpClient::declareExchange(const QString &exchange, const QString &type)
{
    if (!m_state || (!m_channelOpen && !reopenChannel()))
        return Status::failure(QStringLiteral("amqp %1: not connected").arg(address()));
    const QByteArray name = exchange.toUtf8();
    const QByteArray kind = type.toUtf8();
    amqp_exchange_declare(
        m_state.get(), kChannel, bytesOf(name), bytesOf(kind), 0, 1, 0, 0, amqp_empty_table);
    return lastReply(QStringLiteral("declare exchange \"%1\"").arg(exchange));
}

Status AmqpClient::declareQueue(const QString &queue, const QString &exchange, const QString &bindingKey)
{
    if (!m_state || (!m_channelOpen && !reopenChannel()))
        return Status::failure(QStringLiteral("amqp %1: not connected").arg(address()));
    const QByteArray name = queue.toUtf8();
    amqp_queue_declare(m_state.get(), kChannel, bytesOf(name), 0, 1, 0, 0, amqp_empty_table);
    if (const Status declared = lastReply(QStringLiteral("declare queue \"%1\"").arg(queue)); !declared)
        return declared;
    const QByteArray exchangeName = exchange.toUtf8();
    const QByteArray key = bindingKey.toUtf8();
    amqp_queue_bind(
        m_state.get(), kChannel, bytesOf(name), bytesOf(exchangeName), bytesOf(key), amqp_empty_table);
    return lastReply(QStringLiteral("bind queue \"%1\" to exchange \"%2\"").arg(queue, exchange));
}

Status AmqpClient::publish(const QString &exchange, const QString &routingKey, const QByteArray &body,
    const QJsonObject &headers, const QString &contentType)
{
    if (!m_state || (!m_channelOpen && !reopenChannel()))
        return Status::failure(QStringLiteral("amqp %1: not connected").arg(address()));
    TableBuilder table;
    const QByteArray type = contentType.toUtf8();
    amqp_basic_properties_t props {};
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG;
    props.delivery_mode = AMQP_DELIVERY_PERSISTENT;
    if (!type.isEmpty()) {
        props._flags |= AMQP_BASIC_CONTENT_TYPE_FLAG;
        props.content_type = bytesOf(type);
    }
    if (!headers.isEmpty()) {
        props._flags |= AMQP_BASIC_HEADERS_FLAG;
        props.headers = table.build(headers);
    }
    const QByteArray exchangeName = exchange.toUtf8();
    const QByteArray key = routingKey.toUtf8();
    const int sent = amqp_basic_publish(
        m_state.get(), kChannel, bytesOf(exchangeName), bytesOf(key), 0, 0, &props, bytesOf(body));
    if (sent != AMQP_STATUS_OK)
        return Status::failure(QStringLiteral("amqp %1: publish to exchange \"%2\": %3")
                                   .arg(address(), exchange, QString::fromUtf8(amqp_error_string2(sent))));
    return success();
}

} // namespace flowbench
