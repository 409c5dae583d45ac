// The demo shop's downstream: the payment gateway (examples/payment-gateway) on its own,
// and the demo backend charging through it (--payment-url) with a real FaultProxy in
// between, slowed, down or answering 503: what the order, the outbox and the gateway's
// charges show afterwards — including the planted defect only a slow gateway uncovers.
#include "faults/faultproxy.h"
#include "support/demobackend.h"
#include "support/demogateway.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

constexpr int kTimeoutMs = 300; // the backend's wait per charge attempt (--payment-timeout-ms)
constexpr int kRetries = 2;
constexpr int kSlowMs = 1500; // the gateway's answers, slowed: well past the timeout

} // namespace

class TestPaymentGateway : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void charges_data();
    void charges();
    void orderIsPaidOnceThenConfirmed();
    void slowGatewayLeavesTheOrderPending();
    void downGatewayFailsTheOrderAndKeepsTheEvent();
    void aGatewayErrorIsRetried();

private:
    struct Reply
    {
        int status = 0;
        QJsonObject body;
        QByteArray raw;
    };
    Reply send(const QByteArray &method, const QString &url, const QByteArray &body = {});
    qint64 placeOrder();
    QString orderStatus(qint64 id)
    {
        return send("GET", m_backend.baseUrl() + QStringLiteral("/orders/%1").arg(id))
            .body.value(QLatin1String("status"))
            .toString();
    }
    QJsonArray charges(qint64 orderId);
    QVariantMap row(const QString &sql, qint64 orderId); // first row, or empty
    QString log();

    QTemporaryDir m_dir;
    DemoGateway m_gateway;
    FaultProxy m_proxy;
    DemoBackend m_backend;
    QNetworkAccessManager m_network;
};

void TestPaymentGateway::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_gateway.start(), qPrintable(m_gateway.errorString()));
    const Status listening = m_proxy.listen(QStringLiteral("127.0.0.1"), m_gateway.port());
    QVERIFY2(listening.ok(), qPrintable(listening.error()));
    // The backend reaches the gateway through the proxy only, as the example's environment says.
    QVERIFY2(m_backend.start(m_dir.path(), 0, 0,
                 { QStringLiteral("--payment-url"), QStringLiteral("http://127.0.0.1:%1").arg(m_proxy.port()),
                     QStringLiteral("--payment-timeout-ms"), QString::number(kTimeoutMs),
                     QStringLiteral("--payment-retries"), QString::number(kRetries),
                     QStringLiteral("--payment-retry-after-ms"), QStringLiteral("500") }),
        qPrintable(m_backend.errorString()));
}

void TestPaymentGateway::cleanup()
{
    QVERIFY(m_proxy.setFaults({}).ok());
}

void TestPaymentGateway::cleanupTestCase()
{
    m_backend.stop();
    m_proxy.close();
    m_gateway.stop();
    QSqlDatabase::removeDatabase(QStringLiteral("payments-check"));
}

TestPaymentGateway::Reply TestPaymentGateway::send(
    const QByteArray &method, const QString &url, const QByteArray &body)
{
    QNetworkRequest request { QUrl(url) };
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(15000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    return r;
}

qint64 TestPaymentGateway::placeOrder()
{
    const Reply placed = send("POST", m_backend.baseUrl() + QStringLiteral("/orders"),
        R"({"customer":"pay","items":[{"sku":"P-100","qty":2}],"coupon":"SAVE10"})");
    if (placed.status != 201)
        qWarning("POST /orders: %d %s", placed.status, placed.raw.constData());
    return placed.body.value(QLatin1String("id")).toInteger();
}

QJsonArray TestPaymentGateway::charges(qint64 orderId)
{
    // Straight to the gateway, not through the proxy: what it has recorded.
    const Reply r = send("GET", m_gateway.baseUrl() + QStringLiteral("/charges?order_id=%1").arg(orderId));
    return r.body.value(QLatin1String("items")).toArray();
}

QVariantMap TestPaymentGateway::row(const QString &sql, qint64 orderId)
{
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("payments-check"), false);
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("payments-check"));
        db.setDatabaseName(m_backend.dbPath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    }
    if (!db.isOpen() && !db.open())
        return {};
    QSqlQuery q(db);
    q.prepare(sql);
    q.bindValue(QStringLiteral(":id"), orderId);
    QVariantMap values;
    if (q.exec() && q.next())
        for (int i = 0; i < q.record().count(); ++i)
            values.insert(q.record().fieldName(i), q.value(i));
    return values;
}

QString TestPaymentGateway::log()
{
    QFile file(m_backend.logPath());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

void TestPaymentGateway::charges_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<int>("chargesOfOrder900"); // what GET /charges?order_id=900 counts afterwards

    // Rows run in order against one gateway: the replay depends on the first charge.
    QTest::newRow("new charge") << QByteArray(R"({"order_id":900,"amount":22.5,"idempotency_key":"k-900"})")
                                << 201 << QStringLiteral(R"("id":"ch_)") << 1;
    QTest::newRow("same key: the first charge again")
        << QByteArray(R"({"order_id":900,"amount":22.5,"idempotency_key":"k-900"})") << 200
        << QStringLiteral(R"("replayed":true)") << 1;
    QTest::newRow("same key, another amount")
        << QByteArray(R"({"order_id":900,"amount":99,"idempotency_key":"k-900"})") << 409
        << QStringLiteral("idempotency_key k-900 was used") << 1;
    QTest::newRow("another key: another charge")
        << QByteArray(R"({"order_id":900,"amount":22.5,"idempotency_key":"k-900-b"})") << 201
        << QStringLiteral(R"("idempotency_key":"k-900-b")") << 2;
    QTest::newRow("no key: every request charges")
        << QByteArray(R"({"order_id":900,"amount":22.5})") << 201 << QStringLiteral(R"("amount":22.5)") << 3;
    QTest::newRow("no order") << QByteArray(R"({"amount":1})") << 400 << QStringLiteral("order_id") << 3;
    QTest::newRow("amount 0") << QByteArray(R"({"order_id":900,"amount":0})") << 400
                              << QStringLiteral("amount") << 3;
    QTest::newRow("empty key") << QByteArray(R"({"order_id":900,"amount":1,"idempotency_key":""})") << 400
                               << QStringLiteral("idempotency_key") << 3;
    QTest::newRow("not JSON") << QByteArray("order_id=900") << 400 << QStringLiteral("JSON object") << 3;
}

void TestPaymentGateway::charges()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, contains);
    QFETCH(int, chargesOfOrder900);
    const Reply reply = send("POST", m_gateway.baseUrl() + QStringLiteral("/charges"), body);
    QCOMPARE(reply.status, status);
    QVERIFY2(QString::fromUtf8(reply.raw).contains(contains), reply.raw.constData());
    QCOMPARE(charges(900).size(), chargesOfOrder900);
    QCOMPARE(send("GET", m_gateway.baseUrl() + QStringLiteral("/charges?order_id=x")).status, 400);
}

void TestPaymentGateway::orderIsPaidOnceThenConfirmed()
{
    const qint64 id = placeOrder();
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("confirmed"), 10000);
    const QJsonArray made = charges(id);
    QCOMPARE(made.size(), 1);
    QCOMPARE(made[0].toObject().value(QLatin1String("amount")).toDouble(), 22.5); // the total, after SAVE10
    QCOMPARE(made[0].toObject().value(QLatin1String("idempotency_key")).toString(),
        QStringLiteral("order-%1").arg(id));
    const QVariantMap payment
        = row(QStringLiteral("SELECT status, attempts, charge_id FROM payments WHERE order_id = :id"), id);
    QCOMPARE(payment.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(payment.value(QStringLiteral("attempts")).toInt(), 1);
    QCOMPARE(payment.value(QStringLiteral("charge_id")).toString(),
        made[0].toObject().value(QLatin1String("id")).toString());
    QVERIFY2(log().contains(QStringLiteral("INFO order %1 paid: charge ").arg(id)), qPrintable(log()));
}

void TestPaymentGateway::slowGatewayLeavesTheOrderPending()
{
    Fault slow;
    slow.name = QStringLiteral("slow");
    slow.kind = FaultKind::Latency;
    slow.direction = FaultDirection::Downstream; // the charge arrives; its answer is late
    slow.latencyMs = kSlowMs;
    QVERIFY(m_proxy.addFault(slow).ok());
    const qint64 id = placeOrder();
    QVERIFY(id > 0);
    // Every attempt of the first round timed out: the backend cannot know whether it paid.
    QTRY_COMPARE_WITH_TIMEOUT(row(QStringLiteral("SELECT status FROM payments WHERE order_id = :id"), id)
                                  .value(QStringLiteral("status"))
                                  .toString(),
        QStringLiteral("unknown"), 15000);
    QCOMPARE(orderStatus(id), QStringLiteral("pending")); // right: not failed, not confirmed
    QVERIFY(row(QStringLiteral("SELECT processed_at FROM outbox WHERE order_id = :id"), id)
                .value(QStringLiteral("processed_at"))
                .isNull());
    QVERIFY2(log().contains(
                 QStringLiteral("WARN order %1: payment unknown (%2 attempts)").arg(id).arg(kRetries + 1)),
        qPrintable(log()));

    // THE PLANTED DEFECT: each retry after a timeout carried a new idempotency key, so the
    // gateway charged the order once per attempt. Correct would be exactly one charge.
    const QJsonArray made = charges(id);
    QStringList keys;
    for (const QJsonValue &charge : made)
        keys << charge.toObject().value(QLatin1String("idempotency_key")).toString();
    QCOMPARE(keys,
        QStringList({ QStringLiteral("order-%1").arg(id), QStringLiteral("order-%1-retry-1").arg(id),
            QStringLiteral("order-%1-retry-2").arg(id) }));

    // The gateway answers in time again: the next round replays the keys, so no new charge,
    // and the order is paid and confirmed.
    QVERIFY(m_proxy.removeFault(QStringLiteral("slow")));
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("confirmed"), 15000);
    QCOMPARE(charges(id).size(), kRetries + 1);
}

void TestPaymentGateway::downGatewayFailsTheOrderAndKeepsTheEvent()
{
    Fault down;
    down.name = QStringLiteral("down");
    down.kind = FaultKind::Down;
    QVERIFY(m_proxy.addFault(down).ok());
    const qint64 id = placeOrder();
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("payment_failed"), 10000);
    const QVariantMap payment
        = row(QStringLiteral("SELECT status, attempts, last_error FROM payments WHERE order_id = :id"), id);
    QCOMPARE(payment.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(payment.value(QStringLiteral("attempts")).toInt() >= kRetries + 1);
    QVERIFY2(payment.value(QStringLiteral("last_error")).toString().contains(QLatin1String("refused")),
        qPrintable(payment.value(QStringLiteral("last_error")).toString()));
    const QVariantMap outbox
        = row(QStringLiteral("SELECT kind, processed_at FROM outbox WHERE order_id = :id"), id);
    QCOMPARE(outbox.value(QStringLiteral("kind")).toString(), QStringLiteral("order_created"));
    QVERIFY(outbox.value(QStringLiteral("processed_at")).isNull()); // the event is kept
    QCOMPARE(charges(id).size(), 0);
    QVERIFY2(log().contains(QStringLiteral("WARN order %1: payment failed, not charged").arg(id)),
        qPrintable(log()));
    QVERIFY(!log().contains(QStringLiteral("INFO order %1 confirmed").arg(id)));

    // Back up: the kept event charges the order once and it is confirmed.
    QVERIFY(m_proxy.removeFault(QStringLiteral("down")));
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("confirmed"), 10000);
    QCOMPARE(charges(id).size(), 1);
}

void TestPaymentGateway::aGatewayErrorIsRetried()
{
    Fault unavailable;
    unavailable.name = QStringLiteral("503");
    unavailable.kind = FaultKind::HttpStatus;
    unavailable.status = 503;
    unavailable.count = 1;
    QVERIFY(m_proxy.addFault(unavailable).ok());
    const qint64 id = placeOrder();
    QVERIFY(id > 0);
    QTRY_COMPARE_WITH_TIMEOUT(orderStatus(id), QStringLiteral("confirmed"), 10000);
    QCOMPARE(m_proxy.httpAnswered(QStringLiteral("503")), 1);
    QCOMPARE(row(QStringLiteral("SELECT attempts FROM payments WHERE order_id = :id"), id)
                 .value(QStringLiteral("attempts"))
                 .toInt(),
        2);
    QCOMPARE(charges(id).size(), 1);
}

QTEST_GUILESS_MAIN(TestPaymentGateway)
#include "tst_paymentgateway.moc"
