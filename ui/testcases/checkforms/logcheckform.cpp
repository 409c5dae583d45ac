#include "testcases/checkforms/logcheckform.h"

#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

namespace flowbench {

LogCheckForm::LogCheckForm(QWidget *parent)
    : CheckForm(QStringLiteral("log"), parent)
    , m_file(new QLineEdit(this))
    , m_regex(new QLineEdit(this))
{
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setPlaceholderText(tr("logs/shop-*.log"));
    m_file->setToolTip(field(QStringLiteral("file")).description);
    m_regex->setObjectName(QStringLiteral("regex"));
    m_regex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_regex->setPlaceholderText(tr("order {{order_id}} confirmed"));
    m_regex->setToolTip(field(QStringLiteral("regex")).description);
    m_fileError = addField(tr("&File or glob:"), m_file);
    m_regexError = addField(tr("&Regex:"), m_regex);

    connect(m_file, &QLineEdit::editingFinished, this, &LogCheckForm::commit);
    connect(m_regex, &QLineEdit::editingFinished, this, &LogCheckForm::commit);
    connect(m_regex, &QLineEdit::textEdited, this, &LogCheckForm::validateSpec);
}

void LogCheckForm::loadSpec(const QJsonObject &spec)
{
    m_file->setText(spec.value(QStringLiteral("file")).toString());
    m_regex->setText(spec.value(QStringLiteral("regex")).toString());
}

QJsonObject LogCheckForm::writeSpec(QJsonObject spec) const
{
    spec.insert(QStringLiteral("file"), m_file->text().trimmed());
    spec.insert(QStringLiteral("regex"), m_regex->text());
    return spec;
}

void LogCheckForm::validateSpec()
{
    showError(m_fileError, m_file->text().trimmed().isEmpty() ? tr("The log file is empty.") : QString());
    const QRegularExpression re(m_regex->text());
    QString regexError;
    if (m_regex->text().isEmpty())
        regexError = tr("The regex is empty.");
    else if (!m_regex->text().contains(QLatin1String("{{")) && !re.isValid()) // as validate(): variables decide at run time
        regexError
            = tr("Invalid regex: %1 (at offset %2).").arg(re.errorString()).arg(re.patternErrorOffset());
    showError(m_regexError, regexError);
}

} // namespace flowbench
