#include "run/runbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>

namespace flowbench {

RunBar::RunBar(QWidget *parent)
    : QWidget(parent)
    , m_confirm(&RunBar::confirmProtectedRun)
    , m_environment(new QComboBox(this))
    , m_badge(new QLabel(tr("PROTECTED"), this))
    , m_run(new QToolButton(this))
    , m_menu(new QMenu(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    qRegisterMetaType<RunScope>();
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->setToolTip(tr("Environment the checks run against"));
    m_environment->setMinimumContentsLength(12);
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_badge->setObjectName(QStringLiteral("protectedBadge"));
    m_badge->setStyleSheet(QStringLiteral("QLabel { background: #c62828; color: white; font-weight: bold;"
                                          " border-radius: 3px; padding: 1px 6px; }"));
    m_badge->setToolTip(tr("Protected environment: writes are refused and every run is confirmed"));
    m_badge->hide();
    m_run->setObjectName(QStringLiteral("run"));
    m_run->setText(tr("▶ Run"));
    m_run->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_run->setPopupMode(QToolButton::MenuButtonPopup);
    m_run->setMenu(m_menu);
    m_run->setToolTip(tr("Run the selected node's checks (or everything when nothing is selected); "
                         "the arrow offers other scopes"));
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setTextVisible(true);
    m_progress->setMinimumWidth(180);
    m_progress->hide();
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *label = new QLabel(tr("&Environment:"), this);
    label->setBuddy(m_environment);
    layout->addWidget(label);
    layout->addWidget(m_environment);
    layout->addWidget(m_badge);
    layout->addSpacing(8);
    layout->addWidget(m_run);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);

    connect(m_environment, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
        updateBadge();
        emit environmentChanged(currentEnvironment());
    });
    connect(m_run, &QToolButton::clicked, this, [this] {
        requestRun(RunScope { m_hasNode ? RunScope::SelectedNode : RunScope::Everything, Id() });
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false); // one request; the runner finishes what is in flight
        m_cancel->setText(tr("Cancelling…"));
        emit cancelRequested();
    });
    rebuildMenu();
    updateBadge();
}

void RunBar::setEnvironments(const QList<Environment> &environments)
{
    const QString current = currentEnvironment();
    m_environments = environments;
    {
        const QSignalBlocker block(m_environment);
        m_environment->clear();
        for (const Environment &e : environments)
            m_environment->addItem(e.name);
        const int index = m_environment->findText(current);
        m_environment->setCurrentIndex(index >= 0 ? index : (environments.isEmpty() ? -1 : 0));
    }
    m_environment->setEnabled(!environments.isEmpty());
    if (environments.isEmpty()) {
        m_environment->setPlaceholderText(tr("No environment"));
    }
    updateBadge();
    if (currentEnvironment() != current)
        emit environmentChanged(currentEnvironment());
}

void RunBar::setCurrentEnvironment(const QString &name)
{
    const int index = m_environment->findText(name);
    if (index >= 0)
        m_environment->setCurrentIndex(index);
}

QString RunBar::currentEnvironment() const
{
    return m_environment->currentText();
}

bool RunBar::isCurrentProtected() const
{
    for (const Environment &e : m_environments)
        if (e.name == currentEnvironment())
            return e.isProtected;
    return false;
}

void RunBar::updateBadge()
{
    m_badge->setVisible(isCurrentProtected());
}

void RunBar::setFlows(const QList<Flow> &flows)
{
    m_flows = flows;
    rebuildMenu();
}

void RunBar::setSelection(bool hasNode, bool hasTestCase)
{
    m_hasNode = hasNode;
    m_hasTestCase = hasTestCase;
    rebuildMenu();
}

void RunBar::setConfirmation(std::function<bool(QWidget *, const QString &)> confirm)
{
    m_confirm = std::move(confirm);
}

void RunBar::rebuildMenu()
{
    m_menu->clear();
    auto add = [this](const QString &text, RunScope scope, bool enabled) {
        QAction *action = m_menu->addAction(text, this, [this, scope] { requestRun(scope); });
        action->setEnabled(enabled);
        return action;
    };
    add(tr("Selected &node"), { RunScope::SelectedNode, Id() }, m_hasNode);
    add(tr("Selected &test case"), { RunScope::SelectedTestCase, Id() }, m_hasTestCase);
    QMenu *flows = m_menu->addMenu(tr("&Flow"));
    flows->setEnabled(!m_flows.isEmpty());
    for (const Flow &f : std::as_const(m_flows))
        flows->addAction(f.name, this, [this, id = f.id] { requestRun({ RunScope::Flow, id }); });
    add(tr("&Impact set of the selection"), { RunScope::ImpactSet, Id() }, m_hasNode);
    m_menu->addSeparator();
    add(tr("&Everything"), { RunScope::Everything, Id() }, true);
}

bool RunBar::confirmProtectedRun(QWidget *parent, const QString &environmentName)
{
    QMessageBox box(QMessageBox::Warning, tr("Run on a protected environment?"),
        tr("\"%1\" is a protected environment. Checks will read from it; writes stay refused.\n\n"
           "Run the checks on %1?")
            .arg(environmentName),
        QMessageBox::NoButton, parent);
    QPushButton *run = box.addButton(tr("Run on %1").arg(environmentName), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel); // Enter does not run on production by accident
    box.exec();
    return box.clickedButton() == run;
}

void RunBar::requestRun(const RunScope &scope)
{
    if (m_running || m_environment->currentIndex() < 0)
        return;
    if (isCurrentProtected() && !m_confirm(window(), currentEnvironment()))
        return;
    emit runRequested(scope);
}

void RunBar::runStarted(int total)
{
    m_running = true;
    m_run->setEnabled(false);
    m_environment->setEnabled(false);
    m_cancel->setEnabled(true);
    m_cancel->setText(tr("Cancel"));
    m_progress->show();
    m_cancel->show();
    setProgress(0, total, 0);
}

void RunBar::setProgress(int done, int total, int failed)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(std::min(done, std::max(total, 1)));
    const QString text = failed > 0 ? tr("%1 / %2 — %3 failed").arg(done).arg(total).arg(failed)
                                    : tr("%1 / %2").arg(done).arg(total);
    m_progress->setFormat(text);
    m_progress->setToolTip(text);
    m_progress->setStyleSheet(
        failed > 0 ? QStringLiteral("QProgressBar::chunk { background: #e57373; }") : QString());
}

void RunBar::runFinished()
{
    m_running = false;
    m_run->setEnabled(true);
    m_environment->setEnabled(!m_environments.isEmpty());
    m_progress->hide();
    m_cancel->hide();
}

QString RunBar::progressText() const
{
    return !m_progress->isHidden() ? m_progress->format() : QString();
}

} // namespace flowbench
