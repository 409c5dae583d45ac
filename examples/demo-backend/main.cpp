// flowbench-demo-backend: a small shop (HTTP API + SQLite + outbox worker + log file) for
// trying Flowbench and for its integration tests. Contract: README.md. Loopback only.
#include "ordereventpublisher.h"
#include "outboxworker.h"
#include "paymentclient.h"
#include "shopdatabase.h"
#include "shopserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <memory>

using namespace flowbench::demo;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("flowbench-demo-backend"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Demo shop backend for Flowbench (127.0.0.1 only)."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port; 0 picks a free one."),
                                  QStringLiteral("port"), QStringLiteral("8765"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("SQLite database file (created if missing)."),
                                QStringLiteral("path"), QStringLiteral("shop-demo.db"));
    const QCommandLineOption log(QStringLiteral("log"), QStringLiteral("Log file the worker appends to."),
                                 QStringLiteral("path"), QStringLiteral("shop-demo.log"));
    const QCommandLineOption minDelay(QStringLiteral("min-delay-ms"), QStringLiteral("Least outbox delay."),
                                      QStringLiteral("ms"), QStringLiteral("500"));
    const QCommandLineOption maxDelay(QStringLiteral("max-delay-ms"), QStringLiteral("Greatest outbox delay."),
                                      QStringLiteral("ms"), QStringLiteral("2000"));
    const QCommandLineOption amqp(QStringLiteral("amqp"),
                                  QStringLiteral("Publish order.confirmed to the exchange shop.events on this RabbitMQ "
                                                 "broker (amqp://user:password@host:port/vhost). Without it, no broker."),
                                  QStringLiteral("url"));
    const QCommandLineOption paymentUrl(QStringLiteral("payment-url"),
        QStringLiteral(
            "Charge each order through the payment gateway at this URL (http://127.0.0.1:8767) before "
            "it is confirmed. Without it, orders are confirmed without payment."),
        QStringLiteral("url"));
    const QCommandLineOption paymentTimeout(QStringLiteral("payment-timeout-ms"),
        QStringLiteral("How long one charge attempt waits for the gateway."), QStringLiteral("ms"),
        QStringLiteral("1000"));
    const QCommandLineOption paymentRetries(QStringLiteral("payment-retries"),
        QStringLiteral("Attempts after the first when the gateway does not answer or fails."),
        QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption paymentRetryAfter(QStringLiteral("payment-retry-after-ms"),
        QStringLiteral(
            "How long an order whose charge failed or went unanswered waits before it is charged again."),
        QStringLiteral("ms"), QStringLiteral("2000"));
    parser.addOptions({ port, db, log, minDelay, maxDelay, amqp, paymentUrl, paymentTimeout, paymentRetries,
        paymentRetryAfter });
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        err << "--port: not a port number: " << parser.value(port) << Qt::endl;
        return 2;
    }
    bool minOk = false, maxOk = false;
    const int minMs = parser.value(minDelay).toInt(&minOk);
    const int maxMs = parser.value(maxDelay).toInt(&maxOk);
    if (!minOk || !maxOk || minMs < 0 || maxMs < minMs) {
        err << "--min-delay-ms/--max-delay-ms: need 0 <= min <= max" << Qt::endl;
        return 2;
    }

    PaymentClient::Options paymentOptions;
    int retryAfterMs = 0;
    if (parser.isSet(paymentUrl)) {
        paymentOptions.url = QUrl(parser.value(paymentUrl));
        if (!paymentOptions.url.isValid() || paymentOptions.url.scheme() != QLatin1String("http")
            || paymentOptions.url.host().isEmpty()) {
            err << "--payment-url: expected http://HOST:PORT, got " << parser.value(paymentUrl) << Qt::endl;
            return 2;
        }
        bool timeoutOk = false, retriesOk = false, afterOk = false;
        paymentOptions.timeoutMs = parser.value(paymentTimeout).toInt(&timeoutOk);
        paymentOptions.retries = parser.value(paymentRetries).toInt(&retriesOk);
        retryAfterMs = parser.value(paymentRetryAfter).toInt(&afterOk);
        if (!timeoutOk || paymentOptions.timeoutMs < 1 || !retriesOk || paymentOptions.retries < 0 || !afterOk
            || retryAfterMs < 0) {
            err << "--payment-timeout-ms must be at least 1, --payment-retries and --payment-retry-after-ms "
                   "at least 0"
                << Qt::endl;
            return 2;
        }
    }

    ShopDatabase database;
    const QString dbError = database.open(parser.value(db));
    if (!dbError.isEmpty()) {
        err << dbError << Qt::endl;
        return 1;
    }
    QFile logFile(parser.value(log));
    if (!logFile.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        err << "cannot open log file " << logFile.fileName() << ": " << logFile.errorString() << Qt::endl;
        return 1;
    }
    ShopServer server(database);
    const quint16 actualPort = server.listen(static_cast<quint16>(portNumber));
    if (actualPort == 0) {
        err << "cannot listen on 127.0.0.1:" << portNumber << " (in use?)" << Qt::endl;
        return 1;
    }
    OutboxWorker worker(database, logFile, minMs, maxMs);
    std::unique_ptr<OrderEventPublisher> publisher;
    if (parser.isSet(amqp)) {
        const QUrl url(parser.value(amqp));
        if (const QString problem = OrderEventPublisher::checkUrl(url); !problem.isEmpty()) {
            err << problem << Qt::endl;
            return 2;
        }
        publisher = std::make_unique<OrderEventPublisher>(url);
        worker.setPublisher([&publisher](qint64 orderId) { return publisher->publishConfirmed(orderId); });
    }
    std::unique_ptr<PaymentClient> payments;
    if (parser.isSet(paymentUrl)) {
        payments = std::make_unique<PaymentClient>(paymentOptions);
        worker.setPayments(payments.get(), retryAfterMs);
    }
    worker.start();
    logFile.write(QStringLiteral("%1 INFO demo backend listening on 127.0.0.1:%2\n").arg(nowIso()).arg(actualPort).toUtf8());
    logFile.flush();
    QTextStream out(stdout);
    out << "listening on 127.0.0.1:" << actualPort << Qt::endl;
    return app.exec();
}
