#include "support/freeport.h"

#include <QHostAddress>
#include <QTcpServer>

namespace flowbench::testing {

quint16 freeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace flowbench::testing
