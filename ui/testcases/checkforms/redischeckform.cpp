#include "testcases/checkforms/redischeckform.h"
#include "checks/redischeck.h"
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/connectioncombo.h"
#include "testcases/checkforms/timeoutbox.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QLabel>
#include <QSpinBox>

namespace flowbench {

RedisCheckForm::RedisCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("redis"), parent)
    , m_connection(new ConnectionCombo(field(QStringLiteral("connection")).choiceValues(), this))
    , m_command(new QComboBox(this))
    , m_args(new CommittingTextEdit(this))
    , m_timeout(new TimeoutBox(field(QStringLiteral("timeout_ms")), 1000, this))
{
    m_command->setObjectName(QStringLiteral("command"));
    // The read-only allow-list, with each command's arguments as a tooltip.
    for (const SpecChoice &command : field(QStringLiteral("command")).choices) {
        m_command->addItem(command.value);
        m_command->setItemData(m_command->count() - 1, command.note, Qt::ToolTipRole);
    }
    m_command->setToolTip(tr("Only read-only commands are offered"));
    m_args->setObjectName(QStringLiteral("args"));
    m_args->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_args->setPlaceholderText(tr("One argument per line, e.g.\nsession:{{user_id}}"));
    m_args->setMaximumHeight(90);

    m_connectionError = addField(tr("&Connection:"), m_connection);
    m_commandError = addField(tr("Co&mmand:"), m_command);
    m_argsError = addField(tr("&Arguments:"), m_args);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_connection, &ConnectionCombo::committed, this, &RedisCheckForm::commit);
    connect(m_command, QOverload<int>::of(&QComboBox::activated), this, &RedisCheckForm::commit);
    connect(m_args, &CommittingTextEdit::editingFinished, this, &RedisCheckForm::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &RedisCheckForm::commit);
}

void RedisCheckForm::loadSpec(const QJsonObject &spec)
{
    m_connection->setConnectionName(spec.value(QStringLiteral("connection")).toString());
    const QString command = spec.value(QStringLiteral("command"))
                                .toString(field(QStringLiteral("command")).choices.value(0).value)
                                .toUpper();
    if (m_command->findText(command) < 0)
        m_command->addItem(command); // shown so the user sees it, and flagged below
    m_command->setCurrentText(command);
    QStringList args;
    for (const QJsonValue &v : spec.value(QStringLiteral("args")).toArray())
        args.append(v.toVariant().toString());
    m_args->setTextQuietly(args.join(QLatin1Char('\n')));
    m_timeout->load(spec);
}

QStringList RedisCheckForm::args() const
{
    QStringList args = m_args->toPlainText().split(QLatin1Char('\n'));
    while (!args.isEmpty() && args.last().trimmed().isEmpty())
        args.removeLast();
    return args;
}

QJsonObject RedisCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("connection"), m_connection->connectionName());
    spec.insert(QStringLiteral("command"), m_command->currentText());
    spec.insert(QStringLiteral("args"), QJsonArray::fromStringList(args()));
    m_timeout->write(spec);
    return spec;
}

void RedisCheckForm::validateSpec()
{
    showError(m_connectionError,
        m_connection->connectionName().isEmpty() ? tr("Choose the Redis connection.") : QString());
    // The allow-list and argument counts validate() applies (RedisCheck), in the form's words.
    const QString command = m_command->currentText();
    const Result<QString> allowed = RedisCheck::allowedCommand(command);
    showError(m_commandError,
        allowed ? QString() : tr("%1 is not on the read-only allow-list; it would be refused.").arg(command));
    const QString problem = allowed ? RedisCheck::argumentsProblem(*allowed, int(args().size())) : QString();
    showError(m_argsError, problem.isEmpty() ? QString() : tr("%1 (one argument per line).").arg(problem));
}

} // namespace flowbench
