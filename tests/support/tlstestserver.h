#pragma once

#include <QString>
#include <QTemporaryDir>
#include <memory>

class QSslServer;

namespace flowbench::testing {

// A TLS server on 127.0.0.1 with a freshly made self-signed certificate (made with the
// openssl command), answering every request with 200 "ok". Clients that verify
// certificates, as http checks do, must refuse it.
class TlsTestServer
{
public:
    TlsTestServer();
    ~TlsTestServer();
    bool start(); // false with errorString() set (e.g. no openssl command)
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSslServer> m_server;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace flowbench::testing
