#pragma once

#include "testcases/checkforms/checkform.h"

class QLineEdit;
class QSpinBox;

namespace flowbench {

class ConnectionCombo;

// The amqp_queue check's spec (AmqpQueueCheck::vocabulary()): connection, queue, timeout_ms.
class AmqpQueueCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit AmqpQueueCheckForm(QWidget *parent = nullptr);
    void setConnections(const QList<Connection> &connections) override;

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    ConnectionCombo *m_connection;
    QLabel *m_connectionError;
    QLineEdit *m_queue;
    QLabel *m_queueError;
    QSpinBox *m_timeout;
};

} // namespace flowbench
