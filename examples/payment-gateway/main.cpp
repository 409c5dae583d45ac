// flowbench-demo-gateway: the demo shop's payment gateway (POST /charges, GET /charges),
// reached by the demo backend over HTTP (--payment-url). Charges are idempotent by key and
// kept in memory. Contract: README.md. Loopback only.
#include "chargebook.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QJsonDocument>
#include <QTextStream>
#include <QUrlQuery>

using namespace flowbench::demo;

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse respond(const ChargeBook::Reply &reply)
{
    return QHttpServerResponse(reply.body, static_cast<Status>(reply.status));
}

QHttpServerResponse badRequest(const QString &message)
{
    return QHttpServerResponse(QJsonObject { { QStringLiteral("error"), message } }, Status::BadRequest);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    app.setApplicationName(QStringLiteral("flowbench-demo-gateway"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Demo payment gateway for the Flowbench demo shop (127.0.0.1 only, charges in memory)."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port; 0 picks a free one."),
        QStringLiteral("port"), QStringLiteral("8766"));
    parser.addOption(port);
    parser.process(app);

    QTextStream err(stderr);
    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535) {
        err << "--port: not a port number: " << parser.value(port) << Qt::endl;
        return 2;
    }

    ChargeBook book;
    QHttpServer server;
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/health"), Method::Get, [] {
        return QHttpServerResponse(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") } });
    });
    server.route(QStringLiteral("/charges"), Method::Post, [&book](const QHttpServerRequest &request) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return badRequest(QStringLiteral("the body must be a JSON object"));
        return respond(book.charge(doc.object()));
    });
    server.route(QStringLiteral("/charges"), Method::Get, [&book](const QHttpServerRequest &request) {
        qint64 orderId = -1;
        const QUrlQuery query = request.query();
        if (query.hasQueryItem(QStringLiteral("order_id"))) {
            bool numeric = false;
            orderId = query.queryItemValue(QStringLiteral("order_id")).toLongLong(&numeric);
            if (!numeric || orderId < 1)
                return badRequest(QStringLiteral("order_id must be a positive whole number"));
        }
        const QJsonArray items = book.charges(orderId);
        return QHttpServerResponse(
            QJsonObject { { QStringLiteral("count"), items.size() }, { QStringLiteral("items"), items } });
    });

    const quint16 actualPort = server.listen(QHostAddress::LocalHost, quint16(portNumber));
    if (actualPort == 0) {
        err << "cannot listen on 127.0.0.1:" << portNumber << " (in use?)" << Qt::endl;
        return 1;
    }
    QTextStream out(stdout);
    out << "listening on 127.0.0.1:" << actualPort << Qt::endl;
    return app.exec();
}
