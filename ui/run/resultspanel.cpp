#include "run/resultspanel.h"
#include "run/responseviewer.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFont>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace flowbench {

namespace {

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return QCoreApplication::translate("ResultsPanel", "%1 ms").arg(ms);
    return QCoreApplication::translate("ResultsPanel", "%1 s").arg(ms / 1000.0, 0, 'f', 1);
}

} // namespace

QString selectionForPeople(const QString &selection, const Project &project)
{
    static const QRegularExpression ids(QStringLiteral("\\b(test case|up to step) ([0-9a-fA-F-]{8,})"));
    QString out;
    qsizetype from = 0;
    for (QRegularExpressionMatchIterator it = ids.globalMatch(selection); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += selection.mid(from, m.capturedStart() - from);
        from = m.capturedEnd();
        const QString id = m.captured(2);
        QString name;
        for (const TestCase &t : project.testCases) {
            if (m.captured(1) == QLatin1String("test case") && t.id == id)
                name = QCoreApplication::translate("ResultsPanel", "test case “%1”").arg(t.title);
            for (const Check &c : t.checks)
                if (m.captured(1) != QLatin1String("test case") && c.id == id)
                    name = QCoreApplication::translate("ResultsPanel", "up to step “%1”")
                               .arg(c.name.isEmpty() ? c.type : c.name);
        }
        out += name.isEmpty() ? m.captured() : name;
    }
    return out + selection.mid(from);
}

// ---- ResultsModel ---------------------------------------------------------------------

void ResultsModel::setProject(const Project &project)
{
    m_testCaseTitles.clear();
    m_nodeNames.clear();
    m_checks.clear();
    for (const Node &n : project.nodes)
        m_nodeNames.insert(n.id, n.name);
    for (const TestCase &t : project.testCases) {
        m_testCaseTitles.insert(t.id, t.title);
        for (const Check &c : t.checks + t.cleanup)
            m_checks.insert(c.id, { c.name, c.type });
    }
    if (!m_results.isEmpty())
        emit dataChanged(index(0, 0), index(m_results.size() - 1, ColumnCount - 1));
}

void ResultsModel::setResults(const QList<CheckResult> &results)
{
    beginResetModel();
    m_results = results;
    endResetModel();
}

void ResultsModel::removeNodes(const QList<Id> &nodeIds)
{
    for (int row = m_results.size() - 1; row >= 0; --row)
        if (nodeIds.contains(m_results.at(row).nodeId)) {
            beginRemoveRows(QModelIndex(), row, row);
            m_results.removeAt(row);
            endRemoveRows();
        }
}

void ResultsModel::append(const CheckResult &result)
{
    for (int row = 0; row < m_results.size(); ++row) {
        if (!result.id.isEmpty() && m_results.at(row).id == result.id) {
            m_results[row] = result;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    beginInsertRows(QModelIndex(), m_results.size(), m_results.size());
    m_results.append(result);
    endInsertRows();
}

int ResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_results.size();
}
int ResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QColor ResultsModel::statusColor(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Pass:
        return QColor(0x2e, 0x7d, 0x32);
    case ResultStatus::Fail:
        return QColor(0xc6, 0x28, 0x28);
    case ResultStatus::Error:
        return QColor(0xef, 0x6c, 0x00);
    case ResultStatus::Skipped:
        return QColor(0x75, 0x75, 0x75);
    }
    return QColor();
}

QString ResultsModel::statusText(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Pass:
        return tr("pass");
    case ResultStatus::Fail:
        return tr("fail");
    case ResultStatus::Error:
        return tr("error");
    case ResultStatus::Skipped:
        return tr("skipped");
    }
    return QString();
}

QIcon ResultsModel::statusIcon(ResultStatus status)
{
    static QHash<int, QIcon> icons;
    const int key = static_cast<int>(status);
    if (!icons.contains(key)) {
        QPixmap pixmap(12, 12);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(statusColor(status));
        painter.drawEllipse(QRectF(1, 1, 10, 10));
        icons.insert(key, QIcon(pixmap));
    }
    return icons.value(key);
}

QVariant ResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_results.size())
        return QVariant();
    const CheckResult &r = m_results.at(index.row());
    const CheckInfo check = m_checks.value(r.checkId);
    if (role == NodeIdRole)
        return r.nodeId;
    if (role == StatusRole)
        return static_cast<int>(r.status);
    if (role == Qt::DecorationRole && index.column() == StatusColumn)
        return statusIcon(r.status);
    if (role == Qt::ForegroundRole && index.column() == StatusColumn)
        return statusColor(r.status);
    if (role == Qt::TextAlignmentRole
        && (index.column() == DurationColumn || index.column() == AttemptsColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == SortRole) {
        if (index.column() == DurationColumn)
            return r.durationMs;
        if (index.column() == AttemptsColumn)
            return r.attempts;
        if (index.column() == StatusColumn)
            return static_cast<int>(r.status);
        return data(index, Qt::DisplayRole);
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return r.faults.isEmpty() ? r.message : tr("%1\n\n⚡ Faults active: %2").arg(r.message, r.faults);
    if (role == Qt::ToolTipRole && index.column() == TestCaseColumn && !r.faults.isEmpty())
        return tr("⚡ Faults active while it ran: %1").arg(r.faults);
    if (role == Qt::ToolTipRole && index.column() == CheckColumn && r.cleanup)
        return tr("A cleanup step: it runs after the test case's steps, whatever they did");
    if (role == Qt::FontRole && r.cleanup && index.column() == CheckColumn) {
        QFont font;
        font.setItalic(true);
        return font;
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (index.column()) {
    case StatusColumn:
        return statusText(r.status);
    case TestCaseColumn:
        // ⚡: it ran under faults (the tooltip names them), so its results read differently.
        return (r.faults.isEmpty() ? QString() : QStringLiteral("⚡ "))
            + m_testCaseTitles.value(r.testCaseId, tr("(deleted test case)"));
    case NodeColumn:
        return m_nodeNames.value(r.nodeId, tr("(deleted node)"));
    case CheckColumn: {
        const QString name
            = check.name.isEmpty() && !m_checks.contains(r.checkId) ? tr("(deleted check)") : check.name;
        // Apart from the steps: a cleanup result says so where the check is named.
        return r.cleanup ? tr("Cleanup: %1").arg(name.isEmpty() ? check.type : name) : name;
    }
    case TypeColumn:
        return check.type;
    case DurationColumn:
        return durationText(r.durationMs);
    case AttemptsColumn:
        return r.attempts;
    case MessageColumn:
        return r.message.section(QLatin1Char('\n'), 0, 0);
    }
    return QVariant();
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case TestCaseColumn:
        return tr("Test case");
    case NodeColumn:
        return tr("Node");
    case CheckColumn:
        return tr("Check");
    case TypeColumn:
        return tr("Type");
    case DurationColumn:
        return tr("Duration");
    case AttemptsColumn:
        return tr("Tries");
    case MessageColumn:
        return tr("Message");
    }
    return QVariant();
}

// ---- ResultsFilter --------------------------------------------------------------------

void ResultsFilter::setMode(Mode mode)
{
    m_mode = mode;
    invalidateFilter();
}

void ResultsFilter::setText(const QString &text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool ResultsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const auto status = static_cast<ResultStatus>(
        model->index(sourceRow, 0, sourceParent).data(ResultsModel::StatusRole).toInt());
    if (m_mode == Problems && status != ResultStatus::Fail && status != ResultStatus::Error)
        return false;
    if (m_mode == Passed && status != ResultStatus::Pass)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(sourceParent); ++column)
        if (model->index(sourceRow, column, sourceParent)
                .data()
                .toString()
                .contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

// ---- ResultsPanel ---------------------------------------------------------------------

ResultsPanel::ResultsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new ResultsModel(this))
    , m_filter(new ResultsFilter(this))
    , m_summary(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_tablePages(new QStackedWidget(this))
    , m_view(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_details(new ResponseViewer(this))
{
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(ResultsModel::SortRole);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_mode->setObjectName(QStringLiteral("filter"));
    m_mode->addItem(tr("All results"), ResultsFilter::All);
    m_mode->addItem(tr("Failed and errors"), ResultsFilter::Problems);
    m_mode->addItem(tr("Passed"), ResultsFilter::Passed);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search test case, node, check, message"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);

    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSortIndicator(
        -1, Qt::AscendingOrder); // arrival order until a header is clicked
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(ResultsModel::StatusColumn, 80);
    m_view->setColumnWidth(ResultsModel::TestCaseColumn, 200);
    m_view->setColumnWidth(ResultsModel::NodeColumn, 140);
    m_view->setColumnWidth(ResultsModel::CheckColumn, 160);
    m_view->setColumnWidth(ResultsModel::TypeColumn, 55);
    m_view->setColumnWidth(ResultsModel::DurationColumn, 75);
    m_view->setColumnWidth(ResultsModel::AttemptsColumn, 45);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid); padding: 12px;"));
    m_tablePages->addWidget(m_view);
    m_tablePages->addWidget(m_empty);

    m_details->setObjectName(QStringLiteral("responseViewer"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_mode);
    bar->addWidget(m_search);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->setObjectName(QStringLiteral("resultsSplitter"));
    splitter->addWidget(m_tablePages);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_mode, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] {
        m_filter->setMode(static_cast<ResultsFilter::Mode>(m_mode->currentData().toInt()));
        updateEmptyState();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateEmptyState();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &ResultsPanel::updateDetails);
    auto activate = [this](const QModelIndex &index) {
        const Id node = index.data(ResultsModel::NodeIdRole).toString();
        if (index.isValid() && !node.isEmpty())
            emit nodeActivated(node);
    };
    connect(m_view, &QTableView::doubleClicked, this, activate);
    auto *enter = new QShortcut(QKeySequence(Qt::Key_Return), m_view);
    enter->setContext(Qt::WidgetShortcut);
    connect(enter, &QShortcut::activated, this, [this, activate] { activate(m_view->currentIndex()); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateSummary();
        updateEmptyState();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ResultsPanel::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateSummary();
        updateEmptyState();
    });
    updateSummary();
    updateEmptyState();
}

void ResultsPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const Qt::Orientation wanted = width() > 2 * height() ? Qt::Horizontal : Qt::Vertical;
    if (m_splitter->orientation() != wanted) {
        m_splitter->setOrientation(wanted);
        const int room = wanted == Qt::Horizontal ? width() : height();
        m_splitter->setSizes({ room / 2, room - room / 2 });
    }
}

void ResultsPanel::setRun(const Run &run, const QList<CheckResult> &results, const Project &project)
{
    m_run = run;
    m_run.selection = selectionForPeople(run.selection, project);
    m_model->setProject(project);
    QList<CheckResult> own;
    for (const CheckResult &r : results)
        if (run.id.isEmpty() || r.runId.isEmpty() || r.runId == run.id)
            own.append(r);
    m_model->setResults(own);
    m_details->clear();
}

void ResultsPanel::appendResult(const CheckResult &result)
{
    if (!m_run.id.isEmpty() && !result.runId.isEmpty() && result.runId != m_run.id)
        return; // a result of another run
    m_model->append(result);
}

void ResultsPanel::clear()
{
    m_run = Run();
    m_model->setResults({});
    m_details->clear();
}

void ResultsPanel::setFilter(ResultsFilter::Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(mode));
}
void ResultsPanel::setSearchText(const QString &text)
{
    m_search->setText(text);
}
QString ResultsPanel::detailsText() const
{
    return m_details->rawText();
}
QString ResultsPanel::summaryText() const
{
    return m_summary->text();
}

void ResultsPanel::updateSummary()
{
    int counts[4] = { 0, 0, 0, 0 };
    for (const CheckResult &r : m_model->results())
        ++counts[static_cast<int>(r.status)];
    if (m_run.id.isEmpty() && m_model->results().isEmpty()) {
        m_summary->setText(tr("No run"));
        return;
    }
    const QString where = m_run.environment.isEmpty() ? QString() : tr(" in %1").arg(m_run.environment);
    const QString what = m_run.selection.isEmpty() ? tr("Run") : m_run.selection;
    m_summary->setText(tr("%1%2 — passed %3 · failed %4 · errors %5 · skipped %6%7")
                           .arg(what, where)
                           .arg(counts[static_cast<int>(ResultStatus::Pass)])
                           .arg(counts[static_cast<int>(ResultStatus::Fail)])
                           .arg(counts[static_cast<int>(ResultStatus::Error)])
                           .arg(counts[static_cast<int>(ResultStatus::Skipped)])
                           .arg(m_run.cancelled ? tr(" (cancelled)") : QString())
        + (m_run.isPartial() ? tr(" (%1)").arg(m_run.partialNote()) : QString()));
}

void ResultsPanel::updateEmptyState()
{
    const bool noResults = m_model->rowCount() == 0;
    const bool filteredOut = !noResults && m_filter->rowCount() == 0;
    m_empty->setText(noResults
            ? tr("No results yet. Run checks with the Run button; results appear here as they arrive.")
            : tr("No result matches the filter."));
    m_tablePages->setCurrentIndex(noResults || filteredOut ? 1 : 0);
}

void ResultsPanel::removeResultsOfNodes(const QList<Id> &nodeIds)
{
    m_model->removeNodes(nodeIds);
    updateEmptyState();
    updateDetails();
}

void ResultsPanel::updateDetails()
{
    const QModelIndex index = m_filter->mapToSource(m_view->currentIndex());
    if (!index.isValid()) {
        m_details->clear();
        return;
    }
    const CheckResult &r = m_model->results().at(index.row());
    auto cell = [&](int column) { return m_model->index(index.row(), column).data().toString(); };
    const QString title = tr("%1 — %2 / %3 (%4)")
                              .arg(cell(ResultsModel::NodeColumn), cell(ResultsModel::TestCaseColumn),
                                  cell(ResultsModel::CheckColumn), cell(ResultsModel::TypeColumn));
    m_details->showResult(r, cell(ResultsModel::TypeColumn), title);
}

} // namespace flowbench
