#include "shopdatabase.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>
#include <cmath>

namespace flowbench::demo {

namespace {

QJsonObject error(const QString &message) { return QJsonObject{{QStringLiteral("error"), message}}; }

double money(double value) { return std::round(value * 100.0) / 100.0; }

} // namespace

QString nowIso() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

ShopDatabase::~ShopDatabase()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

QString ShopDatabase::open(const QString &path)
{
    m_connection = QStringLiteral("shop-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    if (!db.open())
        return QStringLiteral("cannot open database %1: %2").arg(path, db.lastError().text());
    QSqlQuery q(db);
    // WAL lets the checks under test read while the backend writes.
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
    const char *schema[] = {
        "CREATE TABLE IF NOT EXISTS products(sku TEXT PRIMARY KEY, name TEXT, price REAL)",
        "CREATE TABLE IF NOT EXISTS users(id INTEGER PRIMARY KEY, email TEXT UNIQUE, created_at TEXT)",
        "CREATE TABLE IF NOT EXISTS orders(id INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT, subtotal REAL,"
        " discount REAL, total REAL, status TEXT, created_at TEXT)",
        "CREATE TABLE IF NOT EXISTS order_items(order_id INTEGER, sku TEXT, qty INTEGER, price REAL)",
        "CREATE TABLE IF NOT EXISTS outbox(id INTEGER PRIMARY KEY, order_id INTEGER, kind TEXT,"
        " created_at TEXT, processed_at TEXT NULL)",
        "CREATE TABLE IF NOT EXISTS refunds(id INTEGER PRIMARY KEY, order_id INTEGER, amount REAL,"
        " created_at TEXT)",
        // With --payment-url: what the backend knows of each order's charge at the gateway.
        "CREATE TABLE IF NOT EXISTS payments(order_id INTEGER PRIMARY KEY, status TEXT, attempts INTEGER,"
        " charge_id TEXT NULL, last_error TEXT NULL, updated_at TEXT)",
        "INSERT OR IGNORE INTO products(sku, name, price) VALUES ('P-100', 'Coffee mug', 12.50),"
        " ('P-200', 'Tea pot', 30.00), ('P-300', 'Espresso cup', 8.00)",
    };
    for (const char *sql : schema) {
        if (!q.exec(QString::fromUtf8(sql)))
            return QStringLiteral("cannot create the schema in %1: %2").arg(path, q.lastError().text());
    }
    return QString();
}

QJsonArray ShopDatabase::products() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT sku, name, price FROM products ORDER BY sku"));
    QJsonArray items;
    while (q.next())
        items.append(QJsonObject{{QStringLiteral("sku"), q.value(0).toString()},
                                 {QStringLiteral("name"), q.value(1).toString()},
                                 {QStringLiteral("price"), q.value(2).toDouble()}});
    return items;
}

ShopDatabase::Reply ShopDatabase::addUser(const QJsonObject &request)
{
    const QString email = request.value(QStringLiteral("email")).toString();
    const QString password = request.value(QStringLiteral("password")).toString();
    if (email.isEmpty() || password.isEmpty())
        return {400, error(QStringLiteral("email and password are required"))};
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO users(email, created_at) VALUES (:email, :at)"));
    q.bindValue(QStringLiteral(":email"), email);
    q.bindValue(QStringLiteral(":at"), nowIso());
    if (!q.exec())
        return {409, error(QStringLiteral("a user with email %1 exists").arg(email))};
    return {201, QJsonObject{{QStringLiteral("id"), q.lastInsertId().toLongLong()},
                             {QStringLiteral("email"), email}}};
}

ShopDatabase::Reply ShopDatabase::addOrder(const QJsonObject &request)
{
    const QString customer = request.value(QStringLiteral("customer")).toString();
    const QJsonArray items = request.value(QStringLiteral("items")).toArray();
    const QString coupon = request.value(QStringLiteral("coupon")).toString();
    if (customer.isEmpty())
        return {400, error(QStringLiteral("customer is required"))};
    if (items.isEmpty())
        return {400, error(QStringLiteral("items must not be empty"))};

    QSqlDatabase db = QSqlDatabase::database(m_connection);
    struct Line { QString sku; int qty; double price; };
    QList<Line> lines;
    double subtotal = 0;
    QSqlQuery price(db);
    price.prepare(QStringLiteral("SELECT price FROM products WHERE sku = :sku"));
    for (const QJsonValue &item : items) {
        const QString sku = item.toObject().value(QStringLiteral("sku")).toString();
        const int qty = item.toObject().value(QStringLiteral("qty")).toInt(1);
        price.bindValue(QStringLiteral(":sku"), sku);
        if (!price.exec() || !price.next())
            return {400, error(QStringLiteral("unknown sku %1").arg(sku))};
        if (qty < 1)
            return {400, error(QStringLiteral("qty of %1 must be at least 1").arg(sku))};
        lines.append({sku, qty, price.value(0).toDouble()});
        subtotal += qty * price.value(0).toDouble();
    }
    price.finish();
    subtotal = money(subtotal);
    const double discount = coupon == QLatin1String("SAVE10") ? money(subtotal * 0.10) : 0.0;
    const double total = money(subtotal - discount);
    const QString now = nowIso();

    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO orders(customer, subtotal, discount, total, status, created_at)"
                             " VALUES (:c, :s, :d, :t, 'pending', :at)"));
    q.bindValue(QStringLiteral(":c"), customer);
    q.bindValue(QStringLiteral(":s"), subtotal);
    q.bindValue(QStringLiteral(":d"), discount);
    q.bindValue(QStringLiteral(":t"), total);
    q.bindValue(QStringLiteral(":at"), now);
    bool ok = q.exec();
    const qint64 id = q.lastInsertId().toLongLong();
    QSqlQuery itemInsert(db);
    itemInsert.prepare(QStringLiteral("INSERT INTO order_items(order_id, sku, qty, price) VALUES (:o, :s, :q, :p)"));
    for (const Line &line : lines) {
        if (!ok)
            break;
        itemInsert.bindValue(QStringLiteral(":o"), id);
        itemInsert.bindValue(QStringLiteral(":s"), line.sku);
        itemInsert.bindValue(QStringLiteral(":q"), line.qty);
        itemInsert.bindValue(QStringLiteral(":p"), line.price);
        ok = itemInsert.exec();
    }
    QSqlQuery outbox(db);
    outbox.prepare(QStringLiteral("INSERT INTO outbox(order_id, kind, created_at) VALUES (:o, 'order_created', :at)"));
    outbox.bindValue(QStringLiteral(":o"), id);
    outbox.bindValue(QStringLiteral(":at"), now);
    ok = ok && outbox.exec();
    if (!ok || !db.commit()) {
        db.rollback();
        return {500, error(QStringLiteral("could not store the order: %1").arg(db.lastError().text()))};
    }
    return {201, QJsonObject{{QStringLiteral("id"), id},
                             {QStringLiteral("status"), QStringLiteral("pending")},
                             {QStringLiteral("subtotal"), subtotal},
                             {QStringLiteral("discount"), discount},
                             {QStringLiteral("total"), total}}};
}

ShopDatabase::Reply ShopDatabase::order(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, customer, status, subtotal, discount, total FROM orders WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next())
        return {404, error(QStringLiteral("no order %1").arg(id))};
    return {200, QJsonObject{{QStringLiteral("id"), q.value(0).toLongLong()},
                             {QStringLiteral("customer"), q.value(1).toString()},
                             {QStringLiteral("status"), q.value(2).toString()},
                             {QStringLiteral("subtotal"), q.value(3).toDouble()},
                             {QStringLiteral("discount"), q.value(4).toDouble()},
                             {QStringLiteral("total"), q.value(5).toDouble()}}};
}

ShopDatabase::Reply ShopDatabase::refund(qint64 orderId)
{
    const Reply existing = order(orderId);
    if (existing.status != 200)
        return existing;
    const double subtotal = existing.body.value(QStringLiteral("subtotal")).toDouble();
    const double total = existing.body.value(QStringLiteral("total")).toDouble();
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO refunds(order_id, amount, created_at) VALUES (:o, :a, :at)"));
    q.bindValue(QStringLiteral(":o"), orderId);
    // DELIBERATE DEFECT (the example's red check): the stored amount is the subtotal,
    // before the discount, while the response below states the total actually paid.
    q.bindValue(QStringLiteral(":a"), subtotal);
    q.bindValue(QStringLiteral(":at"), nowIso());
    if (!q.exec())
        return {500, error(QStringLiteral("could not store the refund: %1").arg(q.lastError().text()))};
    return {201, QJsonObject{{QStringLiteral("refund_id"), q.lastInsertId().toLongLong()},
                             {QStringLiteral("order_id"), orderId},
                             {QStringLiteral("amount"), total}}};
}

bool ShopDatabase::recordPayment(const PaymentRecord &record)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO payments(order_id, status, attempts, charge_id, last_error, updated_at)"
                       " VALUES (:o, :s, :a, :c, :e, :at) ON CONFLICT(order_id) DO UPDATE SET"
                       " status = excluded.status, attempts = payments.attempts + excluded.attempts,"
                       " charge_id = COALESCE(excluded.charge_id, payments.charge_id),"
                       " last_error = excluded.last_error, updated_at = excluded.updated_at"));
    q.bindValue(QStringLiteral(":o"), record.orderId);
    q.bindValue(QStringLiteral(":s"), record.paymentStatus);
    q.bindValue(QStringLiteral(":a"), record.attempts);
    q.bindValue(QStringLiteral(":c"), record.chargeId.isEmpty() ? QVariant() : QVariant(record.chargeId));
    q.bindValue(QStringLiteral(":e"), record.error.isEmpty() ? QVariant() : QVariant(record.error));
    q.bindValue(QStringLiteral(":at"), nowIso());
    bool ok = q.exec();
    if (ok && !record.orderStatus.isEmpty()) {
        QSqlQuery order(db);
        order.prepare(QStringLiteral("UPDATE orders SET status = :s WHERE id = :id"));
        order.bindValue(QStringLiteral(":s"), record.orderStatus);
        order.bindValue(QStringLiteral(":id"), record.orderId);
        ok = order.exec();
    }
    if (!ok || !db.commit()) {
        db.rollback();
        return false;
    }
    return true;
}

ShopDatabase::Reply ShopDatabase::removeOrder(qint64 id)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    db.transaction();
    QSqlQuery q(db);
    int removed = 0;
    for (const char *sql :
        { "DELETE FROM order_items WHERE order_id = :id", "DELETE FROM outbox WHERE order_id = :id",
            "DELETE FROM refunds WHERE order_id = :id", "DELETE FROM payments WHERE order_id = :id",
            "DELETE FROM orders WHERE id = :id" }) {
        q.prepare(QString::fromLatin1(sql));
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec()) {
            db.rollback();
            return { 500,
                error(QStringLiteral("could not delete order %1: %2").arg(id).arg(q.lastError().text())) };
        }
        removed = q.numRowsAffected();
    }
    db.commit();
    if (removed == 0)
        return { 404, error(QStringLiteral("no order %1").arg(id)) };
    return { 200,
        QJsonObject {
            { QStringLiteral("deleted"), QStringLiteral("order") }, { QStringLiteral("id"), id } } };
}

ShopDatabase::Reply ShopDatabase::removeUser(qint64 id)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM users WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return { 500,
            error(QStringLiteral("could not delete user %1: %2").arg(id).arg(q.lastError().text())) };
    if (q.numRowsAffected() == 0)
        return { 404, error(QStringLiteral("no user %1").arg(id)) };
    return { 200,
        QJsonObject { { QStringLiteral("deleted"), QStringLiteral("user") }, { QStringLiteral("id"), id } } };
}

QList<ShopDatabase::PendingOutbox> ShopDatabase::pendingOutbox() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT id, order_id, created_at FROM outbox WHERE processed_at IS NULL ORDER BY id"));
    QList<PendingOutbox> rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString()});
    return rows;
}

bool ShopDatabase::processOutbox(const PendingOutbox &row)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    db.transaction();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE orders SET status = 'confirmed' WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), row.orderId);
    bool ok = q.exec();
    QSqlQuery done(db);
    done.prepare(QStringLiteral("UPDATE outbox SET processed_at = :at WHERE id = :id"));
    done.bindValue(QStringLiteral(":at"), nowIso());
    done.bindValue(QStringLiteral(":id"), row.id);
    ok = ok && done.exec();
    if (!ok || !db.commit()) {
        db.rollback();
        return false;
    }
    return true;
}

} // namespace flowbench::demo
