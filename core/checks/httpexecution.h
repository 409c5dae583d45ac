#pragma once

#include "checks/basicexecution.h"

#include <QByteArray>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

namespace flowbench {

// One try of an http check; see HttpCheck.
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
    Result<QByteArray> buildBody(QByteArray *contentType) const;
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void onTimeout();
    // Ends the try with an error, dropping the reply.
    void fail(const QString &message);
    void dropReply();
    QString hostPort() const;
    QString evidence() const;

    Check m_check;
    VariableScope m_variables;
    QNetworkAccessManager *m_network = nullptr;
    int m_maxEvidenceBytes = 4096;
    qint64 m_maxResponseBytes = 0;
    int m_timeoutMs = 10000;
    QUrl m_url; // known after interpolation
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QByteArray m_body;
    QStringList m_tlsErrors;
    bool m_encrypted = false;
};

} // namespace flowbench
