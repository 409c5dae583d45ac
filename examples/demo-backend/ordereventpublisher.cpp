#include "ordereventpublisher.h"

#include "shopdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace flowbench::demo {

QString OrderEventPublisher::checkUrl(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("amqp") || url.host().isEmpty())
        return QStringLiteral("--amqp: expected amqp://user:password@host:port/vhost, got \"%1\"")
            .arg(url.toString(QUrl::RemovePassword));
    return QString();
}

OrderEventPublisher::OrderEventPublisher(const QUrl &url)
{
    m_address.host = url.host();
    m_address.port = url.port(5672);
    if (!url.userName().isEmpty())
        m_address.user = url.userName();
    if (!url.password().isEmpty())
        m_address.password = url.password();
    const QString vhost = url.path().mid(1); // "/" -> "", "/%2F" -> "/"
    if (!vhost.isEmpty())
        m_address.virtualHost = QUrl::fromPercentEncoding(vhost.toUtf8());
}

QString OrderEventPublisher::ensureConnected()
{
    if (m_client.isConnected())
        return QString();
    if (const Status connected = m_client.connect(m_address, 3000); !connected)
        return connected.error();
    if (const Status declared = m_client.declareExchange(QLatin1String(kExchange), QStringLiteral("topic"));
        !declared) {
        m_client = AmqpClient();
        return declared.error();
    }
    return QString();
}

QString OrderEventPublisher::publishConfirmed(qint64 orderId)
{
    if (const QString problem = ensureConnected(); !problem.isEmpty())
        return problem;
    const QJsonObject body { { QStringLiteral("order_id"), orderId },
        { QStringLiteral("status"), QStringLiteral("confirmed") },
        { QStringLiteral("confirmed_at"), nowIso() } };
    const Status sent = m_client.publish(QLatin1String(kExchange), QStringLiteral("order.confirmed"),
        QJsonDocument(body).toJson(QJsonDocument::Compact),
        QJsonObject { { QStringLiteral("x-source"), QStringLiteral("shop-demo") } });
    if (!sent) {
        m_client = AmqpClient(); // reconnect next time
        return sent.error();
    }
    return QString();
}

} // namespace flowbench::demo
