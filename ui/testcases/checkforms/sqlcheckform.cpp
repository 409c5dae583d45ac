#include "testcases/checkforms/sqlcheckform.h"
#include "checks/sqlcheck.h"
#include "testcases/checkforms/committingtextedit.h"
#include "testcases/checkforms/connectioncombo.h"
#include "testcases/checkforms/keyvaluetable.h"
#include "testcases/checkforms/timeoutbox.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QLabel>
#include <QRegularExpression>
#include <QSet>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flowbench {

SqlCheckForm::SqlCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("sql"), parent)
    , m_connection(new ConnectionCombo(field(QStringLiteral("connection")).choiceValues(), this))
    , m_query(new CommittingTextEdit(this))
    , m_params(new KeyValueTable(tr("Parameter"), tr("Value"), this))
    , m_allowWrites(new QCheckBox(tr("Allow writes"), this))
    , m_writeWarning(new QLabel(tr("Writes are refused on protected environments."), this))
    , m_timeout(new TimeoutBox(field(QStringLiteral("timeout_ms")), 1000, this))
{
    m_query->setObjectName(QStringLiteral("query"));
    m_query->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_query->setPlaceholderText(tr("SELECT status FROM orders WHERE id = :order_id"));
    m_query->setToolTip(field(QStringLiteral("query")).description);
    m_query->setMinimumHeight(90);
    m_query->setMaximumHeight(200);
    m_params->setToolTip(field(QStringLiteral("params")).description);
    m_allowWrites->setObjectName(QStringLiteral("allowWrites"));
    m_writeWarning->setObjectName(QStringLiteral("writeWarning"));
    m_writeWarning->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_writeWarning->setVisible(false);

    auto *writes = new QWidget(this);
    auto *writesLayout = new QVBoxLayout(writes);
    writesLayout->setContentsMargins(0, 0, 0, 0);
    writesLayout->addWidget(m_allowWrites);
    writesLayout->addWidget(m_writeWarning);

    m_connectionError = addField(tr("&Connection:"), m_connection);
    m_queryError = addField(tr("&Query:"), m_query);
    addRow(tr("&Parameters:"), m_params);
    addRow(QString(), writes);
    addRow(tr("&Timeout:"), m_timeout);

    connect(m_connection, &ConnectionCombo::committed, this, &SqlCheckForm::commit);
    connect(m_query, &CommittingTextEdit::editingFinished, this, &SqlCheckForm::commit);
    connect(m_params, &KeyValueTable::edited, this, &SqlCheckForm::commit);
    connect(m_allowWrites, &QCheckBox::toggled, this, [this](bool on) {
        m_writeWarning->setVisible(on);
        commit();
    });
    connect(m_timeout, &QSpinBox::editingFinished, this, &SqlCheckForm::commit);
}

void SqlCheckForm::loadSpec(const QJsonObject &spec)
{
    m_connection->setConnectionName(spec.value(QStringLiteral("connection")).toString());
    m_query->setTextQuietly(spec.value(QStringLiteral("query")).toString());
    KeyValueTable::Pairs params;
    const QJsonObject object = spec.value(QStringLiteral("params")).toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        params.append({ it.key(), it.value().toVariant().toString() });
    m_params->setPairs(params);
    const bool writes = spec.value(QStringLiteral("allow_writes")).toBool();
    m_allowWrites->setChecked(writes);
    m_writeWarning->setVisible(writes);
    m_timeout->load(spec);
}

QJsonObject SqlCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("connection"), m_connection->connectionName());
    spec.insert(QStringLiteral("query"), m_query->toPlainText().trimmed());
    QJsonObject params;
    for (const auto &p : m_params->pairs())
        params.insert(p.first, p.second);
    if (params.isEmpty())
        spec.remove(QStringLiteral("params"));
    else
        spec.insert(QStringLiteral("params"), params);
    spec.insert(QStringLiteral("allow_writes"), m_allowWrites->isChecked());
    m_timeout->write(spec);
    return spec;
}

void SqlCheckForm::validateSpec()
{
    showError(m_connectionError,
        m_connection->connectionName().isEmpty() ? tr("Choose the connection to query.") : QString());
    const QString query = m_query->toPlainText();
    QString queryError;
    if (query.trimmed().isEmpty()) {
        queryError = tr("The query is empty.");
    } else {
        // ":name" placeholders need a value, found as validate() finds them (not "::" casts,
        // not inside quotes or comments).
        QSet<QString> given;
        for (const auto &p : m_params->pairs())
            given.insert(p.first);
        QStringList missing;
        for (const QString &name : SqlCheck::placeholders(query))
            if (!given.contains(name) && !missing.contains(name))
                missing.append(name);
        if (!missing.isEmpty())
            queryError = tr("No value for :%1 — add it under Parameters.").arg(missing.join(tr(", :")));
    }
    showError(m_queryError, queryError);
}

} // namespace flowbench
