#pragma once

#include "testcases/checkforms/checkform.h"

class QComboBox;

namespace flowbench {

class TimeoutBox;

class CommittingTextEdit;
class ConnectionCombo;

// The redis check's spec (RedisCheck::vocabulary()): connection, command (offered from the
// read-only allow-list only), args, timeout_ms.
class RedisCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit RedisCheckForm(QWidget *parent = nullptr);

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    QStringList args() const;

    ConnectionCombo *m_connection;
    QLabel *m_connectionError;
    QComboBox *m_command;
    QLabel *m_commandError;
    CommittingTextEdit *m_args;
    QLabel *m_argsError;
    TimeoutBox *m_timeout;
};

} // namespace flowbench
