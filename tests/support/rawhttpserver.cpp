#include "support/rawhttpserver.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace flowbench::testing {

namespace {
constexpr qint64 kChunk = 64 * 1024;
// Written ahead of the client at most: the stream is paced by what the client reads.
constexpr qint64 kAhead = 1024 * 1024;
const char *const kRequestHead = "flowbench-request-head";
const char *const kLeft = "flowbench-left";
} // namespace

RawHttpServer::RawHttpServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &RawHttpServer::onConnection);
}

RawHttpServer::~RawHttpServer() = default;

bool RawHttpServer::start()
{
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("the raw HTTP server could not listen on 127.0.0.1: %1")
                      .arg(m_server->errorString());
        return false;
    }
    return true;
}

quint16 RawHttpServer::port() const
{
    return m_server->serverPort();
}

QString RawHttpServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void RawHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequestBytes(socket); });
    }
}

void RawHttpServer::onRequestBytes(QTcpSocket *socket)
{
    QByteArray head = socket->property(kRequestHead).toByteArray() + socket->readAll();
    if (socket->property(kLeft).isValid()) {
        // Answered already: a next request on a kept-open connection finds it dropped.
        if (m_mode == Mode::Bytes && m_keepOpen)
            socket->abort();
        return;
    }
    if (!head.contains("\r\n\r\n")) {
        socket->setProperty(kRequestHead, head);
        return;
    }
    if (m_mode == Mode::Bytes) {
        socket->setProperty(kLeft, 0);
        socket->write(m_bytes);
        if (!m_keepOpen)
            socket->disconnectFromHost(); // after the bytes are written
        return;
    }
    socket->setProperty(kLeft, m_streamBytes);
    socket->write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
    connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] { pump(socket); });
    pump(socket);
}

void RawHttpServer::pump(QTcpSocket *socket)
{
    qint64 left = socket->property(kLeft).toLongLong();
    static const QByteArray chunk
        = QByteArray::number(kChunk, 16) + "\r\n" + QByteArray(kChunk, 'x') + "\r\n";
    while (
        left > 0 && socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < kAhead) {
        if (left >= kChunk) {
            socket->write(chunk);
            left -= kChunk;
            m_streamed += kChunk;
        } else {
            socket->write(QByteArray::number(left, 16) + "\r\n" + QByteArray(int(left), 'x') + "\r\n");
            m_streamed += left;
            left = 0;
        }
        if (left == 0)
            socket->write("0\r\n\r\n");
    }
    socket->setProperty(kLeft, left);
}

} // namespace flowbench::testing
