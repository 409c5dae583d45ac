#include "testcases/checkforms/checkform.h"
#include "checks/checkregistry.h"
#include "testcases/checkforms/assertiontable.h"
#include "testcases/checkforms/capturetable.h"
#include "testcases/checkforms/connectioncombo.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flowbench {

namespace {
const int kDefaultTimeoutMs = 5000;
const int kDefaultIntervalMs = 500;

const CheckVocabulary &vocabularyOf(const QString &type)
{
    static const CheckVocabulary none;
    const CheckType *checkType = CheckRegistry::instance().type(type);
    Q_ASSERT_X(checkType, "CheckForm", "a form for a check type that is not registered");
    return checkType ? checkType->vocabulary() : none;
}
} // namespace

CheckForm::CheckForm(const QString &type, QWidget *parent)
    : QWidget(parent)
    , m_type(type)
    , m_vocabulary(&vocabularyOf(type))
    , m_form(new QFormLayout)
    , m_name(new QLineEdit(this))
    , m_assertions(new AssertionTable(this))
    , m_captures(new CaptureTable(this))
    , m_eventually(new QGroupBox(tr("Eventually: re-run until the assertions hold"), this))
    , m_timeout(new QSpinBox(this))
    , m_interval(new QSpinBox(this))
    , m_eventuallyError(new QLabel(this))
{
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_name->setObjectName(QStringLiteral("checkName"));
    m_name->setPlaceholderText(tr("What this step verifies"));
    addRow(tr("&Name:"), m_name);

    m_assertions->setKinds(m_vocabulary->assertions);
    m_captures->setSources(m_vocabulary->captures);
    auto *assertionsBox = new QGroupBox(tr("Assertions"), this);
    (new QVBoxLayout(assertionsBox))->addWidget(m_assertions);
    m_capturesBox = new QGroupBox(tr("Captures"), this);
    (new QVBoxLayout(m_capturesBox))->addWidget(m_captures);
    // A type that yields nothing to capture (tcp) offers no captures.
    m_capturesBox->setVisible(!m_vocabulary->captures.isEmpty());

    m_eventually->setObjectName(QStringLiteral("eventually"));
    m_eventually->setCheckable(true);
    m_eventually->setChecked(false);
    m_timeout->setObjectName(QStringLiteral("eventuallyTimeout"));
    m_timeout->setRange(100, 3600000);
    m_timeout->setSingleStep(500);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(kDefaultTimeoutMs);
    m_interval->setObjectName(QStringLiteral("eventuallyInterval"));
    m_interval->setRange(50, 600000);
    m_interval->setSingleStep(100);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setValue(kDefaultIntervalMs);
    m_eventuallyError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_eventuallyError->hide();
    auto *eventuallyForm = new QFormLayout(m_eventually);
    eventuallyForm->addRow(tr("Give up after:"), m_timeout);
    eventuallyForm->addRow(tr("Try every:"), m_interval);
    eventuallyForm->addRow(m_eventuallyError);
    m_errorLabels.append(m_eventuallyError);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(assertionsBox);
    layout->addWidget(m_capturesBox);
    layout->addWidget(m_eventually);
    layout->addStretch();

    connect(m_name, &QLineEdit::editingFinished, this, &CheckForm::commit);
    connect(m_assertions, &AssertionTable::rowsEdited, this, &CheckForm::commit);
    connect(m_captures, &CaptureTable::rowsEdited, this, &CheckForm::commit);
    connect(m_eventually, &QGroupBox::toggled, this, &CheckForm::commit);
    connect(m_timeout, &QSpinBox::editingFinished, this, &CheckForm::commit);
    connect(m_interval, &QSpinBox::editingFinished, this, &CheckForm::commit);
}

// Closing the window moves focus, and a focused field then reports editingFinished:
// that must not reach this half-destroyed object.
CheckForm::~CheckForm()
{
    const QList<QObject *> children = findChildren<QObject *>();
    for (QObject *child : children)
        child->disconnect(this);
}

const SpecField &CheckForm::field(const QString &name) const
{
    static const SpecField none;
    const SpecField *f = m_vocabulary->field(name);
    Q_ASSERT_X(f, "CheckForm::field", "a spec field the check type does not declare");
    return f ? *f : none;
}

int CheckForm::defaultInt(const QString &name, int fallback) const
{
    return field(name).defaultValue.toInt(fallback);
}

QLabel *CheckForm::addField(const QString &label, QWidget *field)
{
    auto *container = new QWidget(this);
    auto *box = new QVBoxLayout(container);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(2);
    box->addWidget(field);
    auto *error = new QLabel(container);
    error->setStyleSheet(QStringLiteral("color: #c62828;"));
    error->setWordWrap(true);
    error->hide();
    box->addWidget(error);
    m_form->addRow(label, container);
    if (auto *buddy = qobject_cast<QLabel *>(m_form->labelForField(container)))
        buddy->setBuddy(field);
    m_errorLabels.append(error);
    return error;
}

void CheckForm::setConnections(const QList<Connection> &connections)
{
    for (ConnectionCombo *combo : findChildren<ConnectionCombo *>())
        combo->setConnections(connections);
}

void CheckForm::addRow(const QString &label, QWidget *field)
{
    m_form->addRow(label, field);
}

void CheckForm::showError(QLabel *label, const QString &error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

void CheckForm::setCheck(const Check &check)
{
    m_loading = true;
    if (check.id != m_check.id)
        m_assertions->clearLastEvidence(); // another check's response says nothing about this one
    m_check = check;
    m_name->setText(check.name);
    loadSpec(check.spec);
    m_assertions->setAssertions(check.assertions);
    m_captures->setCaptures(check.captures);
    m_capturesBox->setVisible(!m_vocabulary->captures.isEmpty() || !check.captures.isEmpty());
    m_eventually->setChecked(check.eventually.enabled());
    m_timeout->setValue(check.eventually.enabled() ? check.eventually.timeoutMs : kDefaultTimeoutMs);
    m_interval->setValue(check.eventually.enabled() && check.eventually.intervalMs > 0
            ? check.eventually.intervalMs
            : kDefaultIntervalMs);
    m_loading = false;
    validateAll();
}

Check CheckForm::check() const
{
    Check c = m_check;
    c.type = m_type;
    c.name = m_name->text().trimmed();
    c.spec = writeSpec(m_check.spec);
    c.assertions = m_assertions->assertions();
    c.captures = m_captures->captures();
    c.eventually
        = m_eventually->isChecked() ? Eventually { m_timeout->value(), m_interval->value() } : Eventually {};
    return c;
}

void CheckForm::setLastEvidence(const QByteArray &body)
{
    m_assertions->setLastEvidence(body);
}

void CheckForm::commit()
{
    if (m_loading)
        return;
    validateAll();
    emit checkEdited();
}

void CheckForm::validateAll()
{
    validateSpec();
    const bool badInterval = m_eventually->isChecked() && m_interval->value() >= m_timeout->value();
    showError(
        m_eventuallyError, badInterval ? tr("The interval must be shorter than the timeout.") : QString());
}

QStringList CheckForm::errors() const
{
    QStringList result;
    for (const QLabel *label : m_errorLabels)
        if (!label->text().isEmpty() && !label->isHidden())
            result.append(label->text());
    return result + m_assertions->errors() + m_captures->errors();
}

} // namespace flowbench
