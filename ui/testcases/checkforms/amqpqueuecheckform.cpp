#include "testcases/checkforms/amqpqueuecheckform.h"
#include "testcases/checkforms/timeoutbox.h"

#include "testcases/checkforms/connectioncombo.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace flowbench {

AmqpQueueCheckForm::AmqpQueueCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("amqp_queue"), parent)
    , m_connection(new ConnectionCombo(field(QStringLiteral("connection")).choiceValues(), this))
    , m_queue(new QLineEdit(this))
    , m_timeout(new TimeoutBox(field(QStringLiteral("timeout_ms")), 1000, this))
{
    m_queue->setObjectName(QStringLiteral("queue"));
    m_queue->setPlaceholderText(tr("orders.dead-letter"));
    m_queue->setToolTip(field(QStringLiteral("queue")).description);

    m_connectionError = addField(tr("&Connection:"), m_connection);
    m_queueError = addField(tr("&Queue:"), m_queue);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_connection, &ConnectionCombo::committed, this, &AmqpQueueCheckForm::commit);
    connect(m_queue, &QLineEdit::editingFinished, this, &AmqpQueueCheckForm::commit);
    connect(m_queue, &QLineEdit::textEdited, this, &AmqpQueueCheckForm::validateSpec);
    connect(m_timeout, &QSpinBox::editingFinished, this, &AmqpQueueCheckForm::commit);
}

void AmqpQueueCheckForm::loadSpec(const QJsonObject &spec)
{
    m_connection->setConnectionName(spec.value(QStringLiteral("connection")).toString());
    m_queue->setText(spec.value(QStringLiteral("queue")).toString());
    m_timeout->load(spec);
}

QJsonObject AmqpQueueCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("connection"), m_connection->connectionName());
    spec.insert(QStringLiteral("queue"), m_queue->text().trimmed());
    m_timeout->write(spec);
    return spec;
}

void AmqpQueueCheckForm::validateSpec()
{
    showError(m_connectionError,
        m_connection->connectionName().isEmpty() ? tr("Choose the broker connection.") : QString());
    showError(m_queueError, m_queue->text().trimmed().isEmpty() ? tr("Name the queue.") : QString());
}

} // namespace flowbench
