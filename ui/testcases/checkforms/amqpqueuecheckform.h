#pragma once

#include "testcases/checkforms/checkform.h"

class QLineEdit;

namespace flowbench {

class TimeoutBox;

class ConnectionCombo;

// The amqp_queue check's spec (AmqpQueueCheck::vocabulary()): connection, queue, timeout_ms.
class AmqpQueueCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit AmqpQueueCheckForm(QWidget *parent = nullptr);

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    ConnectionCombo *m_connection;
    QLabel *m_connectionError;
    QLineEdit *m_queue;
    QLabel *m_queueError;
    TimeoutBox *m_timeout;
};

} // namespace flowbench
