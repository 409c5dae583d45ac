#include "shell/importexportactions.h"

#include "dialogs/reimportpreviewdialog.h"
#include "document/importchangescommand.h"
#include "document/projectdocument.h"
#include "files/outputfile.h"
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "store/databasefile.h"
#include "store/projectstore.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QWidget>

namespace flowbench {

ImportExportActions::ImportExportActions(QWidget *window, DocumentGetter document, ProjectOpener openProject)
    : QObject(window)
    , m_window(window)
    , m_document(std::move(document))
    , m_openProject(std::move(openProject))
{
    m_import = new QAction(tr("&Import…"), this);
    m_import->setObjectName(QStringLiteral("actionImport"));
    m_import->setStatusTip(tr("Read a file (%1) into the open project or a new one")
                               .arg(FormatRegistry::instance().importerIds().join(QStringLiteral(", "))));
    connect(m_import, &QAction::triggered, this, &ImportExportActions::importDialog);
    m_export = new QAction(tr("Other &Formats…"), this); // in File ▸ Export
    m_export->setObjectName(QStringLiteral("actionExport"));
    m_export->setStatusTip(tr("Write the project (%1)")
                               .arg(FormatRegistry::instance().exporterIds().join(QStringLiteral(", "))));
    connect(m_export, &QAction::triggered, this, &ImportExportActions::exportDialog);
    m_importResults = new QAction(tr("Import &Results…"), this);
    m_importResults->setObjectName(QStringLiteral("actionImportResults"));
    m_importResults->setStatusTip(
        tr("Add another tool's test results (JUnit XML) to the open project as a run"));
    connect(m_importResults, &QAction::triggered, this, &ImportExportActions::importResultsDialog);
}

QString ImportExportActions::importFilters()
{
    QStringList patterns;
    QStringList filters;
    for (const Importer *format : FormatRegistry::instance().importers()) {
        patterns << format->filePatterns();
        filters << format->dialogFilter();
    }
    filters.prepend(tr("All supported files (%1)").arg(patterns.join(QLatin1Char(' '))));
    return filters.join(QStringLiteral(";;"));
}

QString ImportExportActions::exportFilters()
{
    QStringList filters;
    for (const Exporter *format : FormatRegistry::instance().exporters())
        filters << format->dialogFilter();
    return filters.join(QStringLiteral(";;"));
}

Result<ImportReport> ImportExportActions::importFile(const QString &path, const Importer &format,
    Target target, const QString &newProjectPath, const QStringList &companionFiles)
{
    if (format.addsRunToProject())
        return importResultsFile(path, format);
    if (target == Target::OpenProject) {
        const Result<PlannedImport> planned = planImport(path, format, companionFiles);
        if (!planned)
            return Result<ImportReport>::failure(planned.error());
        return applyImport(*planned, ReimportPlan::Removed::KeepForReview);
    }
    Result<Import> import = readImportFile(format, path, Project(), companionFiles);
    if (!import)
        return Result<ImportReport>::failure(import.error());
    // Refuses what `flowbench-cli validate` refuses, with the same messages.
    const QStringList problems = importProblems(Project(), import->changes);
    if (!problems.isEmpty())
        return Result<ImportReport>::failure(
            tr("%1: %n problem(s); nothing was imported:\n%2", nullptr, int(problems.size()))
                .arg(path, problems.join(QLatin1Char('\n'))));
    const ProjectDocument *open = m_document();
    if (open
        && QFileInfo(newProjectPath).absoluteFilePath() == QFileInfo(open->filePath()).absoluteFilePath())
        return Result<ImportReport>::failure(
            tr("%1: is the open project; choose another file for the new project").arg(newProjectPath));
    Project project = appliedTo(Project(), import->changes);
    if (project.name.isEmpty())
        project.name = QFileInfo(newProjectPath).completeBaseName();
    if (Status s = writeProjectFile(project, QFileInfo(newProjectPath).absoluteFilePath()); !s)
        return Result<ImportReport>::failure(s.error());
    if (Status s = m_openProject(newProjectPath); !s)
        return Result<ImportReport>::failure(s.error());
    return import->report;
}

Result<ImportExportActions::PlannedImport> ImportExportActions::planImport(
    const QString &path, const Importer &format, const QStringList &companionFiles)
{
    using R = Result<PlannedImport>;
    ProjectDocument *document = m_document();
    if (!document)
        return R::failure(tr("No project is open to import into"));
    Project into = document->snapshot();
    into.environments = document->environments();
    Result<Import> import = readImportFile(format, path, into, companionFiles);
    if (!import)
        return R::failure(import.error());
    leaveOutRunHistory(import.value());
    return PlannedImport { path, ReimportPlan::between(into, *import), import->report };
}

Result<ImportReport> ImportExportActions::applyImport(
    const PlannedImport &planned, ReimportPlan::Removed removed)
{
    ProjectDocument *document = m_document();
    if (!document)
        return Result<ImportReport>::failure(tr("No project is open to import into"));
    Project into = document->snapshot();
    into.environments = document->environments();
    const ProjectChangeSet changes = planned.plan.changes(removed);
    // Refuses what `flowbench-cli validate` refuses, with the same messages.
    const QStringList problems = importProblems(into, changes);
    if (!problems.isEmpty())
        return Result<ImportReport>::failure(
            tr("%1: %n problem(s); nothing was imported:\n%2", nullptr, int(problems.size()))
                .arg(planned.path, problems.join(QLatin1Char('\n'))));
    const QString text = tr("Import %1").arg(QFileInfo(planned.path).fileName());
    if (Status s = ImportChangesCommand::apply(*document, changes, text); !s)
        return Result<ImportReport>::failure(s.error());
    return planned.report;
}

Result<std::optional<ImportReport>> ImportExportActions::importWithPreview(
    const QString &path, const Importer &format, const QStringList &companionFiles)
{
    using R = Result<std::optional<ImportReport>>;
    const Result<PlannedImport> planned = planImport(path, format, companionFiles);
    if (!planned)
        return R::failure(planned.error());
    ReimportPreviewDialog preview(planned->plan, QFileInfo(path).fileName(), m_window);
    if (preview.exec() != QDialog::Accepted)
        return std::optional<ImportReport>();
    const Result<ImportReport> applied = applyImport(*planned, preview.removed());
    if (!applied)
        return R::failure(applied.error());
    return std::optional<ImportReport>(*applied);
}

Result<ImportReport> ImportExportActions::importResultsFile(const QString &path, const Importer &format)
{
    ProjectDocument *document = m_document();
    if (!document)
        return Result<ImportReport>::failure(tr("No project is open to add results to"));
    const Result<Import> import = readImportFile(format, path, document->snapshot());
    if (!import)
        return Result<ImportReport>::failure(import.error());
    for (const Run &run : import->changes.added.runs) {
        QList<CheckResult> results;
        for (const CheckResult &r : import->changes.added.results)
            if (r.runId == run.id)
                results.append(r);
        if (Status s = document->addRun(run, results); !s)
            return Result<ImportReport>::failure(s.error());
    }
    return import->report;
}

void ImportExportActions::importResultsDialog()
{
    ProjectDocument *document = m_document();
    if (!document)
        return;
    QStringList filters;
    QList<const Importer *> formats;
    for (const Importer *f : FormatRegistry::instance().importers())
        if (f->addsRunToProject()) {
            filters << f->dialogFilter();
            formats << f;
        }
    if (formats.isEmpty())
        return;
    QString filter = filters.first();
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import Results"),
        QFileInfo(document->filePath()).absolutePath(), filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    const Importer *format = formats.first();
    for (const Importer *f : formats)
        if (f->dialogFilter() == filter)
            format = f;
    const Result<ImportReport> report = importResultsFile(path, *format);
    if (!report) {
        QMessageBox::warning(m_window, tr("Cannot import results"), report.error());
        return;
    }
    QMessageBox done(QMessageBox::Information, tr("Import Results"),
        tr("Added the results of %1 as a run.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, m_window);
    done.setInformativeText(report->toText());
    done.exec();
}

Status ImportExportActions::exportFile(const QString &path, const Exporter &format)
{
    ProjectDocument *document = m_document();
    if (!document)
        return Status::failure(tr("No project is open to export"));
    if (QFileInfo(path).canonicalFilePath() == QFileInfo(document->filePath()).canonicalFilePath())
        return Status::failure(tr("%1: is the open project; choose another file").arg(path));
    Project project;
    if (format.needsResults()) {
        // The run history lives in the store only: read it through a store of its own (the
        // location, not the path shown: a shared project's carries its password reference).
        auto store = ProjectStore::open(document->location());
        if (!store)
            return Status::failure(store.error());
        Result<Project> loaded = store.value()->load();
        if (!loaded)
            return Status::failure(loaded.error());
        project = std::move(loaded).value();
    } else {
        project = document->snapshot();
        project.environments = document->environments();
    }
    const Result<QByteArray> bytes = format.write(project, ExportOptions {});
    if (!bytes)
        return Status::failure(QStringLiteral("%1: %2").arg(document->filePath(), bytes.error()));
    return writeOutput(path, bytes.value());
}

void ImportExportActions::importDialog()
{
    ProjectDocument *document = m_document();
    const QString start = document ? QFileInfo(document->filePath()).absolutePath()
                                   : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString filter;
    const QString path
        = QFileDialog::getOpenFileName(m_window, tr("Import"), start, importFilters(), &filter);
    if (path.isEmpty())
        return;
    const Importer *format = nullptr;
    for (const Importer *f : FormatRegistry::instance().importers())
        if (f->dialogFilter() == filter)
            format = f;
    if (!format)
        format = FormatRegistry::instance().importerForFile(path);
    if (!format) {
        QMessageBox::warning(m_window, tr("Cannot import"),
            tr("%1: not a format Flowbench reads (%2); choose one in the file dialog's filter")
                .arg(QDir::toNativeSeparators(path),
                    FormatRegistry::instance().importerIds().join(QStringLiteral(", "))));
        return;
    }
    QStringList companions;
    if (!format->companionFilesPrompt().isEmpty())
        companions = QFileDialog::getOpenFileNames(m_window, format->companionFilesPrompt(),
            QFileInfo(path).absolutePath(), tr("JSON files (*.json);;All files (*)"));

    Target target = Target::NewProject;
    if (document) {
        QMessageBox ask(QMessageBox::Question, tr("Import"),
            tr("Import %1 into a new project or into the open project \"%2\"?")
                .arg(QFileInfo(path).fileName(), document->projectName()),
            QMessageBox::Cancel, m_window);
        QPushButton *into = ask.addButton(tr("Into the &Open Project"), QMessageBox::AcceptRole);
        QPushButton *fresh = ask.addButton(tr("Into a &New Project…"), QMessageBox::AcceptRole);
        into->setEnabled(!document->isReadOnly());
        ask.setDefaultButton(document->isReadOnly() ? fresh : into);
        ask.exec();
        if (ask.clickedButton() == into)
            target = Target::OpenProject;
        else if (ask.clickedButton() != fresh)
            return;
    }
    QString newProject;
    if (target == Target::NewProject) {
        const QFileInfo in(path);
        newProject = QFileDialog::getSaveFileName(m_window, tr("New Project from %1").arg(in.fileName()),
            in.absolutePath() + QLatin1Char('/') + in.completeBaseName() + QStringLiteral(".flowbench"),
            tr("Flowbench projects (*.flowbench)"));
        if (newProject.isEmpty())
            return;
        if (!newProject.endsWith(QLatin1String(".flowbench")))
            newProject += QStringLiteral(".flowbench");
    }

    Result<ImportReport> report = ImportReport();
    if (target == Target::OpenProject && !format->addsRunToProject()) {
        const Result<std::optional<ImportReport>> previewed = importWithPreview(path, *format, companions);
        if (!previewed) {
            QMessageBox::warning(m_window, tr("Cannot import"), previewed.error());
            return;
        }
        if (!previewed->has_value())
            return; // cancelled in the preview: nothing changed
        report = previewed->value();
    } else {
        report = importFile(path, *format, target, newProject, companions);
    }
    if (!report) {
        QMessageBox::warning(m_window, tr("Cannot import"), report.error());
        return;
    }
    QMessageBox done(QMessageBox::Information, tr("Import"),
        report->notTaken.isEmpty()
            ? tr("Imported %1.").arg(QFileInfo(path).fileName())
            : tr("Imported %1; %n thing(s) were not taken.", nullptr, int(report->notTaken.size()))
                  .arg(QFileInfo(path).fileName()),
        QMessageBox::Ok, m_window);
    done.setInformativeText(report->toText());
    done.exec();
}

void ImportExportActions::exportDialog()
{
    ProjectDocument *document = m_document();
    if (!document)
        return;
    const QFileInfo project(document->filePath());
    QString filter = FormatRegistry::instance().exporters().first()->dialogFilter();
    QString path = QFileDialog::getSaveFileName(m_window, tr("Export"),
        project.absolutePath() + QLatin1Char('/') + project.completeBaseName(), exportFilters(), &filter);
    if (path.isEmpty())
        return;
    const Exporter *format = nullptr;
    for (const Exporter *f : FormatRegistry::instance().exporters())
        if (f->dialogFilter() == filter)
            format = f;
    if (!format)
        return;
    if (QFileInfo(path).suffix().isEmpty() && !format->defaultSuffix().isEmpty())
        path += QLatin1Char('.') + format->defaultSuffix();
    if (Status s = exportFile(path, *format); !s)
        QMessageBox::warning(m_window, tr("Cannot export"), s.error());
}

} // namespace flowbench
