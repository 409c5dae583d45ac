#include "testcases/checkforms/redischeckform.h"
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/connectioncombo.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QLabel>
#include <QSpinBox>

namespace flowbench {

namespace {

const int kDefaultTimeoutMs = 5000;

struct CommandShape
{
    const char *name;
    int minArgs;
    int maxArgs; // -1: any number
    const char *usage;
};

// The read-only allow-list of CHECK_SPECS.md with each command's argument count.
const CommandShape kCommands[] = {
    { "GET", 1, 1, "key" },
    { "MGET", 1, -1, "key [key ...]" },
    { "EXISTS", 1, -1, "key [key ...]" },
    { "TTL", 1, 1, "key" },
    { "PTTL", 1, 1, "key" },
    { "TYPE", 1, 1, "key" },
    { "STRLEN", 1, 1, "key" },
    { "LLEN", 1, 1, "key" },
    { "LRANGE", 3, 3, "key start stop" },
    { "LINDEX", 2, 2, "key index" },
    { "HGET", 2, 2, "key field" },
    { "HGETALL", 1, 1, "key" },
    { "HLEN", 1, 1, "key" },
    { "HEXISTS", 2, 2, "key field" },
    { "SCARD", 1, 1, "key" },
    { "SISMEMBER", 2, 2, "key member" },
    { "SMEMBERS", 1, 1, "key" },
    { "ZCARD", 1, 1, "key" },
    { "ZSCORE", 2, 2, "key member" },
    { "ZRANGE", 3, -1, "key start stop [options]" },
    { "XLEN", 1, 1, "key" },
    { "XRANGE", 3, 5, "key start end [COUNT n]" },
};

const CommandShape *shapeOf(const QString &command)
{
    for (const CommandShape &c : kCommands)
        if (command == QLatin1String(c.name))
            return &c;
    return nullptr;
}

} // namespace

RedisCheckForm::RedisCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("redis"), { QStringLiteral("json_path"), QStringLiteral("jq") },
        { QStringLiteral("path"), QStringLiteral("jq") }, parent)
    , m_connection(new ConnectionCombo({ QStringLiteral("redis") }, this))
    , m_command(new QComboBox(this))
    , m_args(new CommittingTextEdit(this))
    , m_timeout(new QSpinBox(this))
{
    m_connection->setObjectName(QStringLiteral("connection"));
    m_command->setObjectName(QStringLiteral("command"));
    m_command->addItems(allowedCommands());
    m_command->setToolTip(tr("Only read-only commands are offered"));
    m_args->setObjectName(QStringLiteral("args"));
    m_args->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_args->setPlaceholderText(tr("One argument per line, e.g.\nsession:{{user_id}}"));
    m_args->setMaximumHeight(90);
    m_timeout->setRange(100, 600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));

    m_connectionError = addField(tr("&Connection:"), m_connection);
    m_commandError = addField(tr("Co&mmand:"), m_command);
    m_argsError = addField(tr("&Arguments:"), m_args);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_connection, &ConnectionCombo::committed, this, &RedisCheckForm::commit);
    connect(m_command, QOverload<int>::of(&QComboBox::activated), this, &RedisCheckForm::commit);
    connect(m_args, &CommittingTextEdit::editingFinished, this, &RedisCheckForm::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &RedisCheckForm::commit);
}

QStringList RedisCheckForm::allowedCommands()
{
    QStringList names;
    for (const CommandShape &c : kCommands)
        names.append(QLatin1String(c.name));
    return names;
}

QJsonObject RedisCheckForm::defaultSpec()
{
    return { { QStringLiteral("connection"), QString() },
        { QStringLiteral("command"), QStringLiteral("GET") }, { QStringLiteral("args"), QJsonArray() },
        { QStringLiteral("timeout_ms"), kDefaultTimeoutMs } };
}

void RedisCheckForm::setConnections(const QList<Connection> &connections)
{
    m_connection->setConnections(connections);
}

void RedisCheckForm::loadSpec(const QJsonObject &spec)
{
    m_connection->setConnectionName(spec.value(QStringLiteral("connection")).toString());
    const QString command = spec.value(QStringLiteral("command")).toString(QStringLiteral("GET")).toUpper();
    if (m_command->findText(command) < 0)
        m_command->addItem(command); // shown so the user sees it, and flagged below
    m_command->setCurrentText(command);
    QStringList args;
    for (const QJsonValue &v : spec.value(QStringLiteral("args")).toArray())
        args.append(v.toVariant().toString());
    m_args->setTextQuietly(args.join(QLatin1Char('\n')));
    m_timeout->setValue(spec.value(QStringLiteral("timeout_ms")).toInt(kDefaultTimeoutMs));
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
    spec.insert(QStringLiteral("timeout_ms"), m_timeout->value());
    return spec;
}

void RedisCheckForm::validateSpec()
{
    showError(m_connectionError,
        m_connection->connectionName().isEmpty() ? tr("Choose the Redis connection.") : QString());
    const QString command = m_command->currentText();
    const CommandShape *shape = shapeOf(command);
    showError(m_commandError,
        shape ? QString() : tr("%1 is not on the read-only allow-list; it would be refused.").arg(command));
    QString argsError;
    const int count = args().size();
    if (shape && (count < shape->minArgs || (shape->maxArgs >= 0 && count > shape->maxArgs)))
        argsError = tr("%1 takes: %2 (one per line); %n given.", nullptr, count)
                        .arg(command, QLatin1String(shape->usage));
    showError(m_argsError, argsError);
}

} // namespace flowbench
