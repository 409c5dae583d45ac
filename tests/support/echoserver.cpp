#include "support/echoserver.h"

#include "support/rawclient.h"

#include <QTcpSocket>

namespace flowbench::testing {

bool EchoServer::start()
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            ++connections;
            connect(s, &QTcpSocket::readyRead, s, [this, s] {
                const QByteArray data = s->readAll();
                received += data.size();
                s->write(data);
                if (data.contains("BYE"))
                    s->disconnectFromHost();
            });
            connect(s, &QTcpSocket::disconnected, s, [this, s] {
                endedAt = steadyMs();
                s->deleteLater();
            });
        }
    });
    return m_server.listen(QHostAddress::LocalHost, 0);
}

} // namespace flowbench::testing
