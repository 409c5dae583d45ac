#include "dialogs/environmentauditpanel.h"

#include "model/environment.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace flowbench {

namespace {
QString localTime(const QDateTime &when)
{
    return when.isValid() ? when.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}
} // namespace

EnvironmentAuditPanel::EnvironmentAuditPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    m_summary->setObjectName(QStringLiteral("auditSummary"));
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("audit"));
    m_table->setHorizontalHeaderLabels({ tr("Started"), tr("Finished"), tr("Who"), tr("Host"), tr("Writes"),
        tr("Faults"), tr("Outcome"), tr("Test cases") });
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    const int widths[] = { 140, 140, 130, 110, 60, 60, 80 };
    for (int c = 0; c < TestCasesColumn; ++c)
        m_table->setColumnWidth(c, widths[c]);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
}

QString EnvironmentAuditPanel::summaryText() const
{
    return m_summary->text();
}

void EnvironmentAuditPanel::setAudit(const Environment &environment, const Result<QList<AuditEntry>> &entries)
{
    m_table->setRowCount(0);
    if (!entries) {
        m_summary->setText(
            tr("The audit of “%1” could not be read: %2").arg(environment.name, entries.error()));
        return;
    }
    const QList<AuditEntry> &list = entries.value();
    if (!environment.isShared && !environment.isProtected)
        m_summary->setText(
            tr("“%1” is neither shared nor protected: runs against it take no lease and are not "
               "audited (%n earlier run(s) listed).",
                nullptr, int(list.size()))
                .arg(environment.name));
    else
        m_summary->setText(
            tr("Runs against “%1”, newest first: %n run(s). A run holds the environment while it "
               "runs; another waits or is refused.",
                nullptr, int(list.size()))
                .arg(environment.name));
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        const AuditEntry &e = *it;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString who = e.who.isEmpty() ? tr("(unknown)") : e.who;
        const QStringList cells = { localTime(e.startedAt), localTime(e.finishedAt), who, e.host,
            e.writesAllowed ? tr("allowed") : tr("refused"), e.faultsAllowed ? tr("allowed") : tr("refused"),
            e.outcome.isEmpty() ? tr("unfinished") : e.outcome, e.checks };
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == TestCasesColumn)
                item->setToolTip(tr("Selection: %1\n%2").arg(e.selection, e.checks));
            m_table->setItem(row, c, item);
        }
    }
}

} // namespace flowbench
