#pragma once

#include "faults/httprequestreader.h"
#include "result.h"

#include <QHostAddress>
#include <QObject>

class QTcpServer;
class QTcpSocket;

namespace flowbench {

class FaultProxy;

// A small HTTP API on a loopback port to change a running FaultProxy's faults by hand
// (`flowbench-cli proxy --control PORT`). Every answer is JSON and closes the connection.
//   GET    /faults        the faults in force (HTTP faults with "answered": requests so far)
//   POST   /faults        add a fault, or replace the one with its name; the body is a fault
//                         as JSON (Toxiproxy's toxic shape) or as text (latency=3000,jitter=200)
//   DELETE /faults/NAME   remove one fault (404 when there is none by that name)
//   DELETE /faults        remove every fault
//   GET    /stats         connections and bytes per direction, listen and upstream address
class FaultControlServer : public QObject
{
    Q_OBJECT
public:
    // `proxy` must outlive the server.
    explicit FaultControlServer(FaultProxy *proxy, QObject *parent = nullptr);
    ~FaultControlServer() override;

    Status listen(quint16 port = 0, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost));
    quint16 port() const;

private:
    struct Answer
    {
        int status = 200;
        QByteArray body; // JSON
    };
    void onNewConnection();
    Answer answer(const HttpRequest &request);

    FaultProxy *m_proxy;
    QTcpServer *m_server;
};

} // namespace flowbench
