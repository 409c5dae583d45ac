#include "run/runhistorypanel.h"
#include "run/resultspanel.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace flowbench {

namespace {

enum RunColumn {
    StartedColumn,
    EnvironmentColumn,
    SelectionColumn,
    PassedColumn,
    FailedColumn,
    ErrorsColumn,
    SkippedColumn,
    DurationColumn,
    RunColumnCount
};
const int kIdRole = Qt::UserRole;
const int kNodeRole = Qt::UserRole + 1;

QString durationText(const Run &run)
{
    if (!run.startedAt.isValid() || !run.finishedAt.isValid())
        return QCoreApplication::translate("RunHistoryPanel", "running");
    const double seconds = run.startedAt.msecsTo(run.finishedAt) / 1000.0;
    return QCoreApplication::translate("RunHistoryPanel", "%1 s").arg(seconds, 0, 'f', 1);
}

} // namespace

RunHistoryPanel::RunHistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_runs(new QTreeWidget(this))
    , m_hint(new QLabel(tr("Select two runs (Ctrl+click) and Compare to see what changed."), this))
    , m_compare(new QPushButton(tr("&Compare"), this))
    , m_comparisonTitle(new QLabel(this))
    , m_comparison(new QTreeWidget(this))
{
    m_runs->setObjectName(QStringLiteral("runs"));
    m_runs->setRootIsDecorated(false);
    m_runs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runs->setAlternatingRowColors(true);
    m_runs->setHeaderLabels({ tr("Started"), tr("Environment"), tr("Selection"), tr("Passed"), tr("Failed"),
        tr("Errors"), tr("Skipped"), tr("Duration") });
    m_runs->header()->setStretchLastSection(false);
    m_runs->header()->setSectionResizeMode(SelectionColumn, QHeaderView::Stretch);
    m_runs->setColumnWidth(StartedColumn, 150);
    m_runs->setColumnWidth(EnvironmentColumn, 100);
    for (int c = PassedColumn; c <= DurationColumn; ++c)
        m_runs->setColumnWidth(c, 62);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_hint->setWordWrap(true);
    m_comparison->setObjectName(QStringLiteral("comparison"));
    m_comparison->setHeaderLabels({ tr("Check"), tr("Node"), tr("Before → after") });
    m_comparison->setColumnWidth(0, 280);
    m_comparison->setColumnWidth(1, 140);
    m_comparisonTitle->setWordWrap(true);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_runs, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(m_compare);
    topLayout->addLayout(buttons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_comparisonTitle);
    bottomLayout->addWidget(m_comparison, 1);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_splitter);
    bottom->hide(); // shown by the first comparison
    m_comparisonBox = bottom;

    connect(m_compare, &QPushButton::clicked, this, &RunHistoryPanel::compareSelected);
    connect(m_runs, &QTreeWidget::itemSelectionChanged, this, &RunHistoryPanel::updateButtons);
    auto openRun = [this](QTreeWidgetItem *item) {
        const Id run = item ? item->data(StartedColumn, kIdRole).toString() : Id();
        if (!run.isEmpty())
            emit runSelected(run);
    };
    auto openNode = [this](QTreeWidgetItem *item) {
        const Id node = item ? item->data(0, kNodeRole).toString() : Id();
        if (!node.isEmpty())
            emit nodeActivated(node);
    };
    // Double-click or Enter; not itemActivated, whose trigger depends on the style.
    connect(m_runs, &QTreeWidget::itemDoubleClicked, this, openRun);
    connect(m_comparison, &QTreeWidget::itemDoubleClicked, this, openNode);
    auto *enterRun = new QShortcut(QKeySequence(Qt::Key_Return), m_runs);
    enterRun->setContext(Qt::WidgetShortcut);
    connect(enterRun, &QShortcut::activated, this, [this, openRun] { openRun(m_runs->currentItem()); });
    auto *enterNode = new QShortcut(QKeySequence(Qt::Key_Return), m_comparison);
    enterNode->setContext(Qt::WidgetShortcut);
    connect(
        enterNode, &QShortcut::activated, this, [this, openNode] { openNode(m_comparison->currentItem()); });
    updateButtons();
}

void RunHistoryPanel::setRuns(
    const QList<Run> &runs, const QList<CheckResult> &results, const Project &project)
{
    QStringList selected;
    for (QTreeWidgetItem *item : m_runs->selectedItems())
        selected.append(item->data(StartedColumn, kIdRole).toString());
    m_runList = runs;
    std::stable_sort(m_runList.begin(), m_runList.end(),
        [](const Run &a, const Run &b) { return a.startedAt > b.startedAt; });
    m_results = results;
    m_project = project;

    m_runs->clear();
    const QLocale locale;
    for (const Run &run : std::as_const(m_runList)) {
        auto *item = new QTreeWidgetItem(m_runs);
        item->setData(StartedColumn, kIdRole, run.id);
        item->setText(StartedColumn, locale.toString(run.startedAt.toLocalTime(), QLocale::ShortFormat));
        item->setText(EnvironmentColumn, run.environment);
        const QString selection = selectionForPeople(run.selection, project);
        QString shown = run.cancelled ? tr("%1 (cancelled)").arg(selection) : selection;
        // A sharded run whose shards are not all in yet: its counts are of a part.
        if (run.isPartial()) {
            shown = tr("%1 (%2)").arg(shown, run.partialNote());
            item->setToolTip(SelectionColumn,
                tr("Only some shards of this run are in; its counts grow as the others finish."));
            item->setForeground(SelectionColumn, ResultsModel::statusColor(ResultStatus::Skipped));
        } else if (run.shardCount > 0) {
            shown = tr("%1 (%2 shards)").arg(shown).arg(run.shardCount);
        }
        item->setText(SelectionColumn, shown);
        item->setText(PassedColumn, QString::number(run.passed));
        item->setText(FailedColumn, QString::number(run.failed));
        item->setText(ErrorsColumn, QString::number(run.errors));
        item->setText(SkippedColumn, QString::number(run.skipped));
        item->setText(DurationColumn, durationText(run));
        for (int c = PassedColumn; c <= DurationColumn; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (run.failed > 0)
            item->setForeground(FailedColumn, ResultsModel::statusColor(ResultStatus::Fail));
        if (run.errors > 0)
            item->setForeground(ErrorsColumn, ResultsModel::statusColor(ResultStatus::Error));
        if (selected.contains(run.id))
            item->setSelected(true);
    }
    if (m_runList.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_runs, { tr("No runs yet.") });
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
    }
    updateButtons();
}

void RunHistoryPanel::updateButtons()
{
    const int count = m_runs->selectedItems().size();
    m_compare->setEnabled(count == 2);
}

void RunHistoryPanel::compareSelected()
{
    const QList<QTreeWidgetItem *> items = m_runs->selectedItems();
    if (items.size() == 2)
        compare(items.at(0)->data(StartedColumn, kIdRole).toString(),
            items.at(1)->data(StartedColumn, kIdRole).toString());
}

QString RunHistoryPanel::checkLabel(const Id &checkId) const
{
    for (const TestCase &t : m_project.testCases) {
        for (const Check &c : t.checks)
            if (c.id == checkId)
                return tr("%1 — %2").arg(t.title, c.name.isEmpty() ? c.type : c.name);
        for (const Check &c : t.cleanup)
            if (c.id == checkId)
                return tr("%1 — Cleanup: %2").arg(t.title, c.name.isEmpty() ? c.type : c.name);
    }
    return tr("(deleted check)");
}

bool RunHistoryPanel::compare(const Id &first, const Id &second)
{
    const Run *a = nullptr;
    const Run *b = nullptr;
    for (const Run &run : std::as_const(m_runList)) {
        if (run.id == first)
            a = &run;
        if (run.id == second)
            b = &run;
    }
    if (!a || !b || a == b)
        return false;
    if (a->startedAt > b->startedAt)
        std::swap(a, b);
    QList<CheckResult> before, after;
    for (const CheckResult &r : std::as_const(m_results)) {
        if (r.runId == a->id)
            before.append(r);
        else if (r.runId == b->id)
            after.append(r);
    }
    m_lastComparison = RunDiff::compare(before, after);
    m_lastComparison.before = *a;
    m_lastComparison.after = *b;

    const QLocale locale;
    m_comparisonTitle->setText(tr("<b>%1</b> (%2) → <b>%3</b> (%4)")
                                   .arg(locale.toString(a->startedAt.toLocalTime(), QLocale::ShortFormat),
                                       a->environment.toHtmlEscaped(),
                                       locale.toString(b->startedAt.toLocalTime(), QLocale::ShortFormat),
                                       b->environment.toHtmlEscaped()));
    m_comparison->clear();
    auto group = [&](const QString &title, const QList<RunDiff::Entry> &entries, ResultStatus colour) {
        auto *top = new QTreeWidgetItem(m_comparison, { title.arg(entries.size()) });
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        top->setForeground(0, ResultsModel::statusColor(colour));
        top->setFirstColumnSpanned(true);
        for (const RunDiff::Entry &e : entries) {
            const Id nodeId = e.after->nodeId;
            const Node *node = m_project.node(nodeId);
            const QString was = e.before ? ResultsModel::statusText(e.before->status) : tr("not run");
            auto *item = new QTreeWidgetItem(top,
                { checkLabel(e.checkId), node ? node->name : QString(),
                    tr("%1 → %2").arg(was, ResultsModel::statusText(e.after->status)) });
            item->setData(0, kIdRole, e.checkId);
            item->setData(0, kNodeRole, nodeId);
            item->setIcon(0, ResultsModel::statusIcon(e.after->status));
        }
        top->setExpanded(true);
    };
    group(tr("Newly failing (%1)"), m_lastComparison.newFailures, ResultStatus::Fail);
    group(tr("Recovered (%1)"), m_lastComparison.fixed, ResultStatus::Pass);
    group(tr("Still failing (%1)"), m_lastComparison.stillFailing, ResultStatus::Error);
    if (m_comparisonBox->isHidden()) {
        m_comparisonBox->show();
        const int height = m_splitter->height();
        m_splitter->setSizes({ height * 2 / 5, height - height * 2 / 5 });
    }
    return true;
}

} // namespace flowbench
