#include "testcases/checkforms/amqpqueuecheckform.h"

#include "testcases/checkforms/connectioncombo.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace flowbench {

AmqpQueueCheckForm::AmqpQueueCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("amqp_queue"), parent)
    , m_connection(new ConnectionCombo(field(QStringLiteral("connection")).choiceValues(), this))
    , m_queue(new QLineEdit(this))
    , m_timeout(new QSpinBox(this))
{
    m_connection->setObjectName(QStringLiteral("connection"));
    m_queue->setObjectName(QStringLiteral("queue"));
    m_queue->setPlaceholderText(tr("orders.dead-letter"));
    m_queue->setToolTip(field(QStringLiteral("queue")).description);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(100, 600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setToolTip(field(QStringLiteral("timeout_ms")).description);

    m_connectionError = addField(tr("&Connection:"), m_connection);
    m_queueError = addField(tr("&Queue:"), m_queue);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_connection, &ConnectionCombo::committed, this, &AmqpQueueCheckForm::commit);
    connect(m_queue, &QLineEdit::editingFinished, this, &AmqpQueueCheckForm::commit);
    connect(m_queue, &QLineEdit::textEdited, this, &AmqpQueueCheckForm::validateSpec);
    connect(m_timeout, &QSpinBox::editingFinished, this, &AmqpQueueCheckForm::commit);
}

void AmqpQueueCheckForm::setConnections(const QList<Connection> &connections)
{
    m_connection->setConnections(connections);
}

void AmqpQueueCheckForm::loadSpec(const QJsonObject &spec)
{
    m_connection->setConnectionName(spec.value(QStringLiteral("connection")).toString());
    m_queue->setText(spec.value(QStringLiteral("queue")).toString());
    m_timeout->setValue(
        spec.value(QStringLiteral("timeout_ms")).toInt(defaultInt(QStringLiteral("timeout_ms"))));
}

QJsonObject AmqpQueueCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("connection"), m_connection->connectionName());
    spec.insert(QStringLiteral("queue"), m_queue->text().trimmed());
    spec.insert(QStringLiteral("timeout_ms"), m_timeout->value());
    return spec;
}

void AmqpQueueCheckForm::validateSpec()
{
    showError(m_connectionError,
        m_connection->connectionName().isEmpty() ? tr("Choose the broker connection.") : QString());
    showError(m_queueError, m_queue->text().trimmed().isEmpty() ? tr("Name the queue.") : QString());
}

} // namespace flowbench
