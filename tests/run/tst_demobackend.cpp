// The demo backend keeps the contract the example project and the run tests rely on
// (DEMO_API.md): routes, status codes, the outbox worker, the log line, the refund defect.
#include "support/demobackend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QTcpSocket>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench::testing;

class DemoBackendTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void routes_data();
    void routes();
    void orderIsConfirmedAndLogged();
    void refundStoresTheSubtotal();
    void listensOnLoopbackOnly();

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    Reply send(const QByteArray &method, const QString &path, const QByteArray &body = {});
    QJsonObject json(const Reply &reply) { return QJsonDocument::fromJson(reply.body).object(); }

    QTemporaryDir m_dir;
    DemoBackend m_backend;
    QNetworkAccessManager m_network;
};

void DemoBackendTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path(), 100, 200), qPrintable(m_backend.errorString()));
}

void DemoBackendTest::cleanupTestCase() { m_backend.stop(); }

DemoBackendTest::Reply DemoBackendTest::send(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(m_backend.baseUrl() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(15000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

void DemoBackendTest::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contains");

    QTest::newRow("health") << QByteArray("GET") << QStringLiteral("/health") << QByteArray() << 200 << QByteArray(R"("status":"ok")");
    QTest::newRow("products") << QByteArray("GET") << QStringLiteral("/products") << QByteArray() << 200
                              << QByteArray(R"("name":"Tea pot","price":30,"sku":"P-200")");
    QTest::newRow("user created") << QByteArray("POST") << QStringLiteral("/users")
                                  << QByteArray(R"({"email":"ann@example.com","password":"pw"})") << 201
                                  << QByteArray(R"("email":"ann@example.com")");
    QTest::newRow("duplicate user") << QByteArray("POST") << QStringLiteral("/users")
                                    << QByteArray(R"({"email":"ann@example.com","password":"pw"})") << 409 << QByteArray("exists");
    QTest::newRow("user without password") << QByteArray("POST") << QStringLiteral("/users")
                                           << QByteArray(R"({"email":"bob@example.com"})") << 400 << QByteArray("required");
    QTest::newRow("order with coupon") << QByteArray("POST") << QStringLiteral("/orders")
                                       << QByteArray(R"({"customer":"ann","items":[{"sku":"P-100","qty":2}],"coupon":"SAVE10"})")
                                       << 201 << QByteArray(R"("discount":2.5,)");
    QTest::newRow("unknown sku") << QByteArray("POST") << QStringLiteral("/orders")
                                 << QByteArray(R"({"customer":"ann","items":[{"sku":"P-999","qty":1}]})") << 400
                                 << QByteArray("unknown sku P-999");
    QTest::newRow("no items") << QByteArray("POST") << QStringLiteral("/orders") << QByteArray(R"({"customer":"ann","items":[]})")
                              << 400 << QByteArray("items");
    QTest::newRow("not json") << QByteArray("POST") << QStringLiteral("/orders") << QByteArray("customer=ann") << 400
                              << QByteArray("JSON");
    QTest::newRow("no such order") << QByteArray("GET") << QStringLiteral("/orders/999999") << QByteArray() << 404
                                   << QByteArray("no order 999999");
}

void DemoBackendTest::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, contains);
    const Reply reply = send(method, path, body);
    QCOMPARE(reply.status, status);
    QVERIFY2(reply.body.contains(contains), reply.body.constData());
}

void DemoBackendTest::orderIsConfirmedAndLogged()
{
    const Reply placed = send("POST", QStringLiteral("/orders"),
                              R"({"customer":"cy","items":[{"sku":"P-300","qty":3}]})");
    QCOMPARE(placed.status, 201);
    const int id = json(placed).value(QLatin1String("id")).toInt();
    QCOMPARE(json(placed).value(QLatin1String("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(json(placed).value(QLatin1String("total")).toDouble(), 24.0);
    // The worker confirms after 100..200 ms (ticks every 200 ms).
    QTRY_COMPARE_WITH_TIMEOUT(json(send("GET", QStringLiteral("/orders/%1").arg(id))).value(QLatin1String("status")).toString(),
                              QStringLiteral("confirmed"), 10000);
    QFile log(m_backend.logPath());
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(log.readAll());
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\S+ INFO order %1 confirmed$").arg(id),
                                              QRegularExpression::MultilineOption)),
             qPrintable(text));
}

void DemoBackendTest::refundStoresTheSubtotal()
{
    const Reply placed = send("POST", QStringLiteral("/orders"),
                              R"({"customer":"dee","items":[{"sku":"P-200","qty":2}],"coupon":"SAVE10"})");
    const int id = json(placed).value(QLatin1String("id")).toInt();
    const Reply refund = send("POST", QStringLiteral("/orders/%1/refund").arg(id));
    QCOMPARE(refund.status, 201);
    QCOMPARE(json(refund).value(QLatin1String("amount")).toDouble(), 54.0); // what was paid
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo-check"));
        db.setDatabaseName(m_backend.dbPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT amount FROM refunds WHERE order_id = %1").arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toDouble(), 60.0); // the deliberate defect: the subtotal
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE order_id = %1 AND kind = 'order_created'").arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("demo-check"));
}

void DemoBackendTest::listensOnLoopbackOnly()
{
    // Bound to 127.0.0.1: another address of this machine must not answer on the port.
    QList<QHostAddress> others;
    for (const QHostAddress &address : QNetworkInterface::allAddresses())
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol)
            others << address;
    if (others.isEmpty())
        QSKIP("this machine has no address besides loopback");
    for (const QHostAddress &address : others) {
        QTcpSocket socket;
        socket.connectToHost(address, m_backend.port());
        QVERIFY2(!socket.waitForConnected(3000), qPrintable(address.toString()));
    }
    QCOMPARE(send("GET", QStringLiteral("/health")).status, 200);
}

QTEST_GUILESS_MAIN(DemoBackendTest)
#include "tst_demobackend.moc"
