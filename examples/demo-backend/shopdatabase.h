#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace flowbench::demo {

// The shop's SQLite database: schema, seed and the few operations the API needs.
// Every write is one transaction.
class ShopDatabase
{
public:
    ShopDatabase() = default;
    ~ShopDatabase();
    ShopDatabase(const ShopDatabase &) = delete;
    ShopDatabase &operator=(const ShopDatabase &) = delete;

    // Creates the tables and the seed products if missing. Returns an error message or "".
    QString open(const QString &path);

    // What the API answers: HTTP status + JSON body.
    struct Reply
    {
        int status = 200;
        QJsonObject body;
    };

    QJsonArray products() const;
    Reply addUser(const QJsonObject &request);
    Reply addOrder(const QJsonObject &request);
    Reply order(qint64 id) const;
    Reply refund(qint64 orderId);
    // Test data removal (a test case's cleanup): the order with its items, outbox rows
    // and refunds, or the user; 200 {"deleted", "id"}, or 404 when there is none.
    Reply removeOrder(qint64 id);
    Reply removeUser(qint64 id);

    struct PendingOutbox
    {
        qint64 id = 0;
        qint64 orderId = 0;
        QString createdAt;
    };
    QList<PendingOutbox> pendingOutbox() const;
    // Confirms the order and marks the outbox row processed, in one transaction.
    bool processOutbox(const PendingOutbox &row);

    // The end of one round of charging an order: its payments row (attempts add up) and,
    // when orderStatus is not empty, the order's new status, in one transaction.
    struct PaymentRecord
    {
        qint64 orderId = 0;
        QString orderStatus; // "paid", "payment_failed"; empty: unchanged
        QString paymentStatus; // "paid", "failed", "unknown"
        int attempts = 0;
        QString chargeId;
        QString error;
    };
    bool recordPayment(const PaymentRecord &record);

private:
    QString m_connection;
};

QString nowIso();

} // namespace flowbench::demo
