#include "testcases/checkforms/tcpcheckform.h"
#include "testcases/checkforms/timeoutbox.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace flowbench {

TcpCheckForm::TcpCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("tcp"), parent)
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_timeout(new TimeoutBox(field(QStringLiteral("timeout_ms")), 500, this))
{
    const SpecField &port = field(QStringLiteral("port"));
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("{{queue_host}} or 10.0.0.12"));
    m_host->setToolTip(field(QStringLiteral("host")).description);
    m_port->setObjectName(QStringLiteral("port"));
    // 0 stands for "no port yet" (shown empty), so that a new step is not a valid one.
    m_port->setRange(0, int(port.maximum));
    m_port->setSpecialValueText(tr("port"));
    m_port->setToolTip(port.description);

    m_hostError = addField(tr("&Host:"), m_host);
    m_portError = addField(tr("&Port:"), m_port);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_host, &QLineEdit::editingFinished, this, &TcpCheckForm::commit);
    connect(m_host, &QLineEdit::textEdited, this, &TcpCheckForm::validateSpec);
    connect(m_port, &QSpinBox::editingFinished, this, &TcpCheckForm::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &TcpCheckForm::commit);
}

void TcpCheckForm::loadSpec(const QJsonObject &spec)
{
    m_host->setText(spec.value(QStringLiteral("host")).toString());
    m_port->setValue(spec.value(QStringLiteral("port")).toInt(0));
    m_timeout->load(spec);
}

QJsonObject TcpCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("host"), m_host->text().trimmed());
    if (m_port->value() > 0)
        spec.insert(QStringLiteral("port"), m_port->value());
    else
        spec.remove(QStringLiteral("port"));
    m_timeout->write(spec);
    return spec;
}

void TcpCheckForm::validateSpec()
{
    showError(m_hostError, m_host->text().trimmed().isEmpty() ? tr("The host is empty.") : QString());
    showError(m_portError, m_port->value() < 1 ? tr("Choose the port to connect to.") : QString());
}

} // namespace flowbench
