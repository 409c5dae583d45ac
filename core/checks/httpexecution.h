#pragma once

#include "checks/basicexecution.h"
#include "checks/httpmultipart.h"
#include "checks/httpresponseparser.h"

#include <QByteArray>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <memory>

class QTcpSocket;

namespace flowbench {

// One try of an http check; see HttpCheck. HTTP/1.1 over a QTcpSocket or QSslSocket
// (certificates verified), on the thread of CheckContext::network, with keep-alive
// connections from that thread's HttpConnectionPool. The response is read by
// HttpResponseParser as it arrives, so a broken reply is named and the body never grows
// past the cap. The timeout covers connecting, sending and the whole response (and every
// redirect followed); nothing waits in a queue first.
class HttpExecution : public BasicExecution
{
    Q_OBJECT
public:
    HttpExecution(const Check &check, const CheckContext &context);
    ~HttpExecution() override;
    void start() override;
    void cancel() override;
    QString target() const override;

private:
    enum class Phase { Idle, Connecting, Sent };

    Result<QByteArray> buildBody(QByteArray *contentType);
    Status buildHeaders(const QByteArray &contentType);
    // Sends the current request to m_url, on a pooled connection when one is open.
    void send(bool mayReuse);
    void writeRequest();
    // Writes the next chunks of a multipart body while the socket's buffer is short.
    void pumpBody();
    void onReadyRead();
    void onClosed();
    void onSocketError();
    void onResponse();
    bool followRedirect();
    void onTimeout();
    QString parseFailure() const;
    QString notHttp(const QString &excerpt) const;
    // Ends the try with an error, closing the connection.
    void fail(const QString &message);
    void dropSocket();
    QString hostPort() const;
    QString hostPort(const QUrl &url) const;
    QString serverKey() const;
    QString evidence() const;

    Check m_check;
    VariableScope m_variables;
    QObject *m_network = nullptr; // the thread's QNetworkAccessManager: anchors the pool
    int m_maxEvidenceBytes = 4096;
    qint64 m_maxResponseBytes = 0;
    int m_timeoutMs = 10000;
    bool m_followRedirects = false;
    int m_maxRedirects = 10;
    QString m_urlText; // spec.url interpolated; null when interpolation failed
    QUrl m_url; // where the current request goes (changes with redirects)
    QByteArray m_method;
    QByteArray m_requestBody;
    std::shared_ptr<HttpMultipartBody> m_multipart; // instead of m_requestBody: streamed
    QString m_projectDir; // relative multipart files resolve against it
    QList<QPair<QByteArray, QByteArray>> m_headers; // as the check sets them, Host excluded
    QStringList m_chain; // redirects followed: "302 GET http://…"
    QPointer<QTcpSocket> m_socket;
    bool m_reused = false;
    Phase m_phase = Phase::Idle;
    std::unique_ptr<HttpResponseParser> m_parser;
    QTimer m_timer;
    QStringList m_tlsErrors;
    bool m_encrypted = false;
};

} // namespace flowbench
