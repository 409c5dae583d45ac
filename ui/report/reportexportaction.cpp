#include "report/reportexportaction.h"

#include "document/projectdocument.h"
#include "io/htmlreport.h"
#include "report/htmlreportexporter.h"
#include "store/projectstore.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace flowbench {

namespace {

constexpr char kFolderKey[] = "export/reportFolder";
enum Column {
    StartedColumn,
    EnvironmentColumn,
    PassedColumn,
    FailedColumn,
    ErrorsColumn,
    SkippedColumn,
    ByColumn
};

// Restores the cursor however the export ends.
struct BusyCursor
{
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
};

} // namespace

ReportRunDialog::ReportRunDialog(const QList<Run> &runs, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget)
{
    setObjectName(QStringLiteral("reportRunDialog"));
    setWindowTitle(tr("Export Report"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("The HTML &report of the run:"));
    label->setBuddy(m_list);
    layout->addWidget(label);
    m_list->setObjectName(QStringLiteral("reportRuns"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Started"), tr("Environment"), tr("Passed"), tr("Failed"), tr("Errors"),
        tr("Skipped"), tr("By") });
    QList<Run> newestFirst = runs;
    std::stable_sort(newestFirst.begin(), newestFirst.end(),
        [](const Run &a, const Run &b) { return a.startedAt > b.startedAt; });
    const QLocale locale;
    for (const Run &run : std::as_const(newestFirst)) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setData(StartedColumn, Qt::UserRole, run.id);
        QString started = locale.toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
        if (run.cancelled)
            started = tr("%1 (cancelled)").arg(started);
        item->setText(StartedColumn, started);
        item->setToolTip(StartedColumn, tr("Run %1").arg(run.id));
        item->setText(EnvironmentColumn, run.environment);
        const int counts[] = { run.passed, run.failed, run.errors, run.skipped };
        for (int c = PassedColumn; c <= SkippedColumn; ++c) {
            item->setText(c, QString::number(counts[c - PassedColumn]));
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
        item->setText(ByColumn, run.startedBy);
    }
    for (int c = 0; c <= ByColumn; ++c)
        m_list->resizeColumnToContents(c);
    m_list->header()->setStretchLastSection(true);
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    layout->addWidget(m_list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &QDialog::accept);
    layout->addWidget(buttons);
    resize(620, 320);
}

Id ReportRunDialog::selectedRunId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(StartedColumn, Qt::UserRole).toString() : Id();
}

ReportExportAction::ReportExportAction(QWidget *window, DocumentGetter document)
    : QObject(window)
    , m_window(window)
    , m_document(std::move(document))
    , m_action(new QAction(tr("&Report…"), this))
{
    m_action->setObjectName(QStringLiteral("actionExportReport"));
    m_action->setStatusTip(tr("Save the HTML report of a stored run: summary, changes, failures, the map"));
    connect(m_action, &QAction::triggered, this, &ReportExportAction::exportDialog);
    update();
}

void ReportExportAction::update()
{
    ProjectDocument *document = m_document();
    const Result<QList<Run>> runs = document ? document->runs() : Result<QList<Run>>(QList<Run>());
    const bool any = runs && !runs.value().isEmpty();
    m_action->setEnabled(any);
    m_action->setToolTip(any ? tr("Save the HTML report of a stored run")
            : document       ? tr("The project has no run yet: run its test cases first")
                             : tr("Open a project first"));
}

Status ReportExportAction::exportReport(const QString &path, const Id &runId)
{
    ProjectDocument *document = m_document();
    if (!document)
        return Status::failure(tr("No project is open."));
    // The run history lives in the store only: read it through a store of its own (the
    // location, not the path shown: a shared project's carries its password reference).
    auto store = ProjectStore::open(document->location());
    if (!store)
        return Status::failure(store.error());
    const Result<Project> project = store.value()->load();
    if (!project)
        return Status::failure(project.error());
    Result<HtmlReportInput> input = HtmlReportInput::fromHistory(project.value(), runId);
    if (!input)
        return Status::failure(input.error());
    completeReportInput(input.value());
    return HtmlReport::write(path, input.value());
}

void ReportExportAction::exportDialog()
{
    ProjectDocument *document = m_document();
    if (!document)
        return;
    const Result<QList<Run>> runs = document->runs();
    if (!runs || runs.value().isEmpty()) {
        update();
        return;
    }
    ReportRunDialog choose(runs.value(), m_window);
    if (choose.exec() != QDialog::Accepted || choose.selectedRunId().isEmpty())
        return;
    const Id runId = choose.selectedRunId();
    QSettings settings;
    QString folder = settings.value(QLatin1String(kFolderKey)).toString();
    const bool shared = document->location().isShared(); // its path is a URL, not a folder
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = shared ? QDir::homePath() : QFileInfo(document->filePath()).absolutePath();
    QString base = shared ? document->projectName() : QFileInfo(document->filePath()).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[^\\w.-]+")), QStringLiteral("-"));
    const QString name = QStringLiteral("%1-report-%2.html").arg(base, runId.left(8));
    QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export Report"), folder + QLatin1Char('/') + name, tr("HTML report (*.html)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty() && !QFileInfo::exists(path)) { // not a device picked
        path += QStringLiteral(".html");
        // The dialog asked about the name typed, not about the one written.
        if (QFileInfo::exists(path)
            && QMessageBox::question(m_window, tr("Export Report"),
                   tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(path)))
                != QMessageBox::Yes)
            return;
    }
    settings.setValue(QLatin1String(kFolderKey), QFileInfo(path).absolutePath());
    Status written;
    {
        BusyCursor busy; // the map of a big project takes a second or two
        written = exportReport(path, runId);
    }
    if (!written) {
        QMessageBox::warning(m_window, tr("Export Report"),
            tr("Could not write the report to %1:\n%2").arg(QDir::toNativeSeparators(path), written.error()));
        return;
    }
    emit statusMessage(tr("Saved the report to %1").arg(QDir::toNativeSeparators(path)), 6000);
}

} // namespace flowbench
