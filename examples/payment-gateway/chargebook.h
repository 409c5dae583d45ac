#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace flowbench::demo {

// The gateway's record of charges, in memory. Idempotent like a real gateway: a charge
// sent again with the same idempotency key is not made twice; the first answer is given
// again (with "replayed": true). The same key with another order or amount is refused.
class ChargeBook
{
public:
    struct Reply
    {
        int status = 200;
        QJsonObject body;
    };

    // {order_id, amount, idempotency_key?} -> 201 new charge, 200 replay, 400 bad request,
    // 409 key reused for a different charge.
    Reply charge(const QJsonObject &request);
    // Every charge of one order (orderId < 0: every charge), oldest first.
    QJsonArray charges(qint64 orderId) const;

private:
    QList<QJsonObject> m_charges;
    QHash<QString, qsizetype> m_byKey; // idempotency key -> index into m_charges
};

} // namespace flowbench::demo
