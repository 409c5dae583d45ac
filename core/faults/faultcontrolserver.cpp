#include "faults/faultcontrolserver.h"

#include "faults/faultproxy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <memory>

namespace flowbench {

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
QByteArray json(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}
QByteArray errorJson(const QString &message)
{
    return json(QJsonObject { { QStringLiteral("error"), message } });
}

} // namespace

FaultControlServer::FaultControlServer(FaultProxy *proxy, QObject *parent)
    : QObject(parent)
    , m_proxy(proxy)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FaultControlServer::onNewConnection);
}

FaultControlServer::~FaultControlServer()
{
    m_server->close();
}

Status FaultControlServer::listen(quint16 port, const QHostAddress &address)
{
    if (!m_server->listen(address, port))
        return Status::failure(QStringLiteral("fault proxy control API: cannot listen on %1:%2: %3")
                                   .arg(address.toString())
                                   .arg(port)
                                   .arg(m_server->errorString()));
    return success();
}

quint16 FaultControlServer::port() const
{
    return m_server->serverPort();
}

void FaultControlServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        auto reader = std::make_shared<HttpRequestReader>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, reader] {
            if (socket->state() != QAbstractSocket::ConnectedState)
                return;
            Answer a;
            if (!reader->feed(socket->readAll())) {
                a = { 400, errorJson(reader->errorString()) };
            } else if (reader->hasRequest()) {
                a = answer(reader->take());
            } else {
                return; // the rest of the request is still on its way
            }
            socket->write(
                httpResponse(a.status, a.body.isEmpty() ? QByteArray() : "application/json", a.body, {},
                    /*close=*/true));
            socket->disconnectFromHost();
        });
    }
}

FaultControlServer::Answer FaultControlServer::answer(const HttpRequest &request)
{
    const QString path = QUrl(QString::fromUtf8(request.target)).path(QUrl::FullyDecoded);
    const QString faultsPrefix = QStringLiteral("/faults/");
    if (path == QLatin1String("/faults") && request.method == "GET") {
        QJsonArray faults;
        for (const Fault &f : m_proxy->faults()) {
            QJsonObject o = faultToJson(f);
            if (f.isHttp())
                o.insert(QStringLiteral("answered"), m_proxy->httpAnswered(f.name));
            faults.append(o);
        }
        return { 200, json(faults) };
    }
    if (path == QLatin1String("/faults") && request.method == "POST") {
        const QByteArray body = request.body.trimmed();
        Result<Fault> fault
            = Result<Fault>::failure(QStringLiteral("empty body: send a fault as JSON or text"));
        if (body.startsWith('{')) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
            if (!doc.isObject())
                return { 400,
                    errorJson(QStringLiteral("the body is not a JSON object: %1").arg(error.errorString())) };
            fault = faultFromJson(doc.object());
        } else if (!body.isEmpty()) {
            fault = parseFault(QString::fromUtf8(body));
        }
        if (!fault)
            return { 400, errorJson(fault.error()) };
        if (const Status added = m_proxy->addFault(fault.value()); !added)
            return { 500, errorJson(added.error()) };
        return { 201, json(faultToJson(fault.value())) };
    }
    if (path == QLatin1String("/faults") && request.method == "DELETE") {
        if (const Status cleared = m_proxy->setFaults({}); !cleared)
            return { 500, errorJson(cleared.error()) };
        return { 204, {} };
    }
    if (path.startsWith(faultsPrefix) && request.method == "DELETE") {
        const QString name = path.mid(faultsPrefix.size());
        if (!m_proxy->removeFault(name))
            return { 404, errorJson(QStringLiteral("no fault is named \"%1\"").arg(name)) };
        return { 204, {} };
    }
    if (path == QLatin1String("/stats") && request.method == "GET") {
        QJsonObject stats = m_proxy->stats().toJson();
        stats.insert(QStringLiteral("listen"),
            QStringLiteral("%1:%2").arg(m_proxy->address().toString()).arg(m_proxy->port()));
        stats.insert(QStringLiteral("upstream"),
            QStringLiteral("%1:%2").arg(m_proxy->upstreamHost()).arg(m_proxy->upstreamPort()));
        stats.insert(QStringLiteral("listening"), m_proxy->isListening());
        stats.insert(QStringLiteral("faults"), int(m_proxy->faults().size()));
        return { 200, json(stats) };
    }
    if (path == QLatin1String("/faults") || path.startsWith(faultsPrefix) || path == QLatin1String("/stats"))
        return { 405,
            errorJson(
                QStringLiteral("%1 is not allowed on %2").arg(QString::fromUtf8(request.method), path)) };
    return { 404,
        errorJson(QStringLiteral("no such resource %1: try GET /faults, POST /faults, "
                                 "DELETE /faults/NAME, GET /stats")
                      .arg(path)) };
}

} // namespace flowbench
