#include "chargebook.h"

#include <QDateTime>
#include <cmath>

namespace flowbench::demo {

namespace {

QJsonObject error(const QString &message)
{
    return QJsonObject { { QStringLiteral("error"), message } };
}

} // namespace

ChargeBook::Reply ChargeBook::charge(const QJsonObject &request)
{
    const QJsonValue orderValue = request.value(QStringLiteral("order_id"));
    const QJsonValue amountValue = request.value(QStringLiteral("amount"));
    const QJsonValue keyValue = request.value(QStringLiteral("idempotency_key"));
    const double orderNumber = orderValue.toDouble(-1);
    if (!orderValue.isDouble() || orderNumber < 1 || std::floor(orderNumber) != orderNumber)
        return { 400, error(QStringLiteral("order_id must be a positive whole number")) };
    if (!amountValue.isDouble() || amountValue.toDouble() <= 0)
        return { 400, error(QStringLiteral("amount must be a number above 0")) };
    if (!keyValue.isUndefined() && !keyValue.isNull()
        && (!keyValue.isString() || keyValue.toString().isEmpty()))
        return { 400, error(QStringLiteral("idempotency_key must be a non-empty string when given")) };
    const qint64 orderId = qint64(orderNumber);
    const double amount = std::round(amountValue.toDouble() * 100.0) / 100.0;
    const QString key = keyValue.toString();

    if (!key.isEmpty()) {
        const auto known = m_byKey.constFind(key);
        if (known != m_byKey.constEnd()) {
            QJsonObject first = m_charges.at(*known);
            if (first.value(QStringLiteral("order_id")).toInteger() != orderId
                || first.value(QStringLiteral("amount")).toDouble() != amount)
                return { 409,
                    error(
                        QStringLiteral("idempotency_key %1 was used for charge %2 of another order or amount")
                            .arg(key, first.value(QStringLiteral("id")).toString())) };
            first.insert(QStringLiteral("replayed"), true);
            return { 200, first };
        }
    }
    QJsonObject charge { { QStringLiteral("id"), QStringLiteral("ch_%1").arg(m_charges.size() + 1) },
        { QStringLiteral("order_id"), orderId }, { QStringLiteral("amount"), amount },
        { QStringLiteral("status"), QStringLiteral("succeeded") },
        { QStringLiteral("created_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) } };
    if (!key.isEmpty()) {
        charge.insert(QStringLiteral("idempotency_key"), key);
        m_byKey.insert(key, m_charges.size());
    }
    m_charges.append(charge);
    return { 201, charge };
}

QJsonArray ChargeBook::charges(qint64 orderId) const
{
    QJsonArray items;
    for (const QJsonObject &charge : m_charges)
        if (orderId < 0 || charge.value(QStringLiteral("order_id")).toInteger() == orderId)
            items.append(charge);
    return items;
}

} // namespace flowbench::demo
