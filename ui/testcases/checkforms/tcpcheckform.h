#pragma once

#include "testcases/checkforms/checkform.h"

class QLineEdit;
class QSpinBox;

namespace flowbench {

class TimeoutBox;

// The tcp check's spec (TcpCheck::vocabulary()): host, port, timeout_ms.
class TcpCheckForm : public CheckForm
{
    Q_OBJECT
public:
    explicit TcpCheckForm(QWidget *parent = nullptr);

    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portBox() const { return m_port; }

protected:
    void loadSpec(const QJsonObject &spec) override;
    QJsonObject writeSpec(QJsonObject spec) const override;
    void validateSpec() override;

private:
    QLineEdit *m_host;
    QLabel *m_hostError;
    QSpinBox *m_port;
    QLabel *m_portError;
    TimeoutBox *m_timeout;
};

} // namespace flowbench
