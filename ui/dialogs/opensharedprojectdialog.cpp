#include "dialogs/opensharedprojectdialog.h"

#include "model/environment.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowbench {

namespace {
// The URL without password_ref (the field beside it holds that) and the reference.
ProjectLocation parsed(const QString &url, const QString &passwordRef, QString *problem)
{
    const auto l = ProjectLocation::parse(url.trimmed());
    if (!l) {
        *problem = l.error();
        return {};
    }
    ProjectLocation location = l.value();
    if (!location.isShared()) {
        *problem = QObject::tr("A shared project URL starts with postgresql://");
        return {};
    }
    const QString ref = passwordRef.trimmed();
    if (!ref.isEmpty() && !isSecretReference(ref)) {
        *problem = QObject::tr(
            "Password reference: write ${keychain:ENTRY} or ${env:NAME}, never the password itself");
        return {};
    }
    if (!ref.isEmpty())
        location.setPasswordRef(ref);
    return location;
}
} // namespace

OpenSharedProjectDialog::OpenSharedProjectDialog(const QStringList &recent, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Open Shared Project"));
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/database?project=name"));
    m_url->setMinimumWidth(460);
    m_passwordRef = new QLineEdit(this);
    m_passwordRef->setPlaceholderText(QStringLiteral("${keychain:ENTRY} or ${env:NAME}"));
    m_passwordRef->setToolTip(
        tr("Where the password is kept. Empty: PostgreSQL's own PGPASSWORD or ~/.pgpass."));
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recent = new QListWidget(this);
    for (const QString &entry : recent) {
        const auto l = ProjectLocation::parse(entry);
        if (!l || !l->isShared())
            continue;
        auto *item = new QListWidgetItem(l->displayString(), m_recent);
        item->setData(Qt::UserRole, entry);
        item->setToolTip(l->passwordRef().isEmpty() ? tr("No password reference")
                                                    : tr("Password from %1").arg(l->passwordRef()));
    }
    m_recent->setVisible(m_recent->count() > 0);

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Password reference:"), m_passwordRef);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    auto *recentLabel = new QLabel(tr("&Recent shared projects:"), this);
    recentLabel->setBuddy(m_recent);
    recentLabel->setVisible(m_recent->count() > 0);
    layout->addWidget(recentLabel);
    layout->addWidget(m_recent);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, &OpenSharedProjectDialog::check);
    connect(m_passwordRef, &QLineEdit::textChanged, this, &OpenSharedProjectDialog::check);
    connect(m_recent, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        const auto l = ProjectLocation::parse(item->data(Qt::UserRole).toString());
        if (!l)
            return;
        m_url->setText(l->displayString());
        m_passwordRef->setText(l->passwordRef());
    });
    connect(m_recent, &QListWidget::itemActivated, this, [this] {
        if (m_buttons->button(QDialogButtonBox::Open)->isEnabled())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_recent->count() > 0)
        m_recent->setCurrentRow(0);
    check();
}

void OpenSharedProjectDialog::check()
{
    QString problem;
    const bool empty = m_url->text().trimmed().isEmpty();
    if (!empty)
        parsed(m_url->text(), m_passwordRef->text(), &problem);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(!empty && problem.isEmpty());
}

ProjectLocation OpenSharedProjectDialog::location() const
{
    QString problem;
    return parsed(m_url->text(), m_passwordRef->text(), &problem);
}

} // namespace flowbench
