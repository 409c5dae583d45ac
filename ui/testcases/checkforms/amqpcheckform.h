#pragma once

#include "testcases/checkforms/checkform.h"

class QLineEdit;

namespace flowbench {

class TimeoutBox;

class ConnectionCombo;
class KeyValueTable;

// The amqp check's spec (AmqpCheck::vocabulary()): connection, exchange, routing key
// (the binding key), match (JSON path -> value), timeout_ms.
class AmqpCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit AmqpCheckForm(QWidget *parent = nullptr);

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    ConnectionCombo *m_connection;
    QLabel *m_connectionError;
    QLineEdit *m_exchange;
    QLabel *m_exchangeError;
    QLineEdit *m_routingKey;
    KeyValueTable *m_match;
    TimeoutBox *m_timeout;
};

} // namespace flowbench
