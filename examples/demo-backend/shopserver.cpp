#include "shopserver.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonParseError>
#include <optional>

namespace flowbench::demo {

namespace {

using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse respond(const ShopDatabase::Reply &reply)
{
    return QHttpServerResponse(reply.body, static_cast<Status>(reply.status));
}

// The body as a JSON object; nothing when it is not one.
std::optional<QJsonObject> parseBody(const QHttpServerRequest &request)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QHttpServerResponse badJson()
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), QStringLiteral("the body must be a JSON object")}},
                               Status::BadRequest);
}

} // namespace

ShopServer::ShopServer(ShopDatabase &database) : m_database(database)
{
    using Method = QHttpServerRequest::Method;
    m_server.route(QStringLiteral("/health"), Method::Get, [] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
    });
    m_server.route(QStringLiteral("/products"), Method::Get, [this] {
        return QHttpServerResponse(QJsonObject{{QStringLiteral("items"), m_database.products()}});
    });
    m_server.route(QStringLiteral("/users"), Method::Post, [this](const QHttpServerRequest &request) {
        const std::optional<QJsonObject> body = parseBody(request);
        return body ? respond(m_database.addUser(*body)) : badJson();
    });
    m_server.route(QStringLiteral("/orders"), Method::Post, [this](const QHttpServerRequest &request) {
        const std::optional<QJsonObject> body = parseBody(request);
        return body ? respond(m_database.addOrder(*body)) : badJson();
    });
    m_server.route(QStringLiteral("/orders/<arg>"), Method::Get, [this](qint64 id) {
        return respond(m_database.order(id));
    });
    m_server.route(QStringLiteral("/orders/<arg>/refund"), Method::Post, [this](qint64 id) {
        return respond(m_database.refund(id));
    });
    // For tests' cleanup steps: what a test created goes again.
    m_server.route(QStringLiteral("/orders/<arg>"), Method::Delete,
        [this](qint64 id) { return respond(m_database.removeOrder(id)); });
    m_server.route(QStringLiteral("/users/<arg>"), Method::Delete,
        [this](qint64 id) { return respond(m_database.removeUser(id)); });
}

quint16 ShopServer::listen(quint16 port) { return m_server.listen(QHostAddress::LocalHost, port); }

} // namespace flowbench::demo
