#pragma once

#include "shopdatabase.h"

#include <QHttpServer>

namespace flowbench::demo {

// The shop's HTTP API (routes in DEMO_API.md) on a QHttpServer.
class ShopServer
{
public:
    explicit ShopServer(ShopDatabase &database);
    // Listens on 127.0.0.1 only; port 0 picks a free one. Returns the port, 0 on failure.
    quint16 listen(quint16 port);

private:
    ShopDatabase &m_database;
    QHttpServer m_server;
};

} // namespace flowbench::demo
