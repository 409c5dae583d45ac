#include "testcases/checkforms/amqpcheckform.h"
#include "testcases/checkforms/timeoutbox.h"

#include "testcases/checkforms/connectioncombo.h"
#include "testcases/checkforms/keyvaluetable.h"

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace flowbench {

AmqpCheckForm::AmqpCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("amqp"), parent)
    , m_connection(new ConnectionCombo(field(QStringLiteral("connection")).choiceValues(), this))
    , m_exchange(new QLineEdit(this))
    , m_routingKey(new QLineEdit(this))
    , m_match(new KeyValueTable(tr("JSON path"), tr("Value"), this))
    , m_timeout(new TimeoutBox(field(QStringLiteral("timeout_ms")), 1000, this))
{
    m_exchange->setObjectName(QStringLiteral("exchange"));
    m_exchange->setPlaceholderText(tr("shop.events"));
    m_exchange->setToolTip(field(QStringLiteral("exchange")).description);
    m_routingKey->setObjectName(QStringLiteral("routing_key"));
    m_routingKey->setPlaceholderText(tr("# (everything), order.* or order.confirmed"));
    m_routingKey->setToolTip(field(QStringLiteral("routing_key")).description);
    m_match->setObjectName(QStringLiteral("match"));
    m_match->setToolTip(field(QStringLiteral("match")).description);
    m_match->setMaximumHeight(120);

    m_connectionError = addField(tr("&Connection:"), m_connection);
    m_exchangeError = addField(tr("&Exchange:"), m_exchange);
    addRow(tr("&Routing key:"), m_routingKey);
    addRow(tr("&Match:"), m_match);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_connection, &ConnectionCombo::committed, this, &AmqpCheckForm::commit);
    connect(m_exchange, &QLineEdit::editingFinished, this, &AmqpCheckForm::commit);
    connect(m_exchange, &QLineEdit::textEdited, this, &AmqpCheckForm::validateSpec);
    connect(m_routingKey, &QLineEdit::editingFinished, this, &AmqpCheckForm::commit);
    connect(m_match, &KeyValueTable::edited, this, &AmqpCheckForm::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &AmqpCheckForm::commit);
}

void AmqpCheckForm::loadSpec(const QJsonObject &spec)
{
    m_connection->setConnectionName(spec.value(QStringLiteral("connection")).toString());
    m_exchange->setText(spec.value(QStringLiteral("exchange")).toString());
    m_routingKey->setText(spec.value(QStringLiteral("routing_key")).toString(QStringLiteral("#")));
    KeyValueTable::Pairs pairs;
    const QJsonObject match = spec.value(QStringLiteral("match")).toObject();
    for (auto it = match.begin(); it != match.end(); ++it)
        pairs.append({ it.key(), it.value().toVariant().toString() });
    m_match->setPairs(pairs);
    m_timeout->load(spec);
}

QJsonObject AmqpCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("connection"), m_connection->connectionName());
    spec.insert(QStringLiteral("exchange"), m_exchange->text().trimmed());
    const QString key = m_routingKey->text().trimmed();
    spec.insert(QStringLiteral("routing_key"), key.isEmpty() ? QStringLiteral("#") : key);
    QJsonObject match;
    for (const auto &pair : m_match->pairs())
        match.insert(pair.first.trimmed(), pair.second);
    if (match.isEmpty())
        spec.remove(QStringLiteral("match"));
    else
        spec.insert(QStringLiteral("match"), match);
    m_timeout->write(spec);
    return spec;
}

void AmqpCheckForm::validateSpec()
{
    showError(m_connectionError,
        m_connection->connectionName().isEmpty() ? tr("Choose the broker connection.") : QString());
    showError(m_exchangeError,
        m_exchange->text().trimmed().isEmpty() ? tr("Name the exchange to observe.") : QString());
}

} // namespace flowbench
