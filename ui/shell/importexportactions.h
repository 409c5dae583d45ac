#pragma once

#include "io/importreport.h"
#include "io/reimportplan.h"
#include "result.h"

#include <QObject>
#include <functional>
#include <optional>

class QAction;
class QWidget;

namespace flowbench {

class Exporter;
class Importer;
class ProjectDocument;

// File ▸ Import… and File ▸ Export ▸ Other Formats…: every format in the format registry
// (core/io/formatregistry.h), so that a new importer or exporter appears here without a
// change. The dialogs ask; importFile/exportFile do the work and are what tests call.
class ImportExportActions : public QObject
{
    Q_OBJECT
public:
    using DocumentGetter = std::function<ProjectDocument *()>;
    using ProjectOpener = std::function<Status(const QString &path)>;

    // `document` gives the open project (or null); `openProject` opens a project file
    // in the window (a new project made by an import).
    ImportExportActions(QWidget *window, DocumentGetter document, ProjectOpener openProject);

    QAction *importAction() const { return m_import; }
    QAction *exportAction() const { return m_export; } // needs an open project
    // File ▸ Import Results…: another tool's results (JUnit XML) as a run of the open project.
    QAction *importResultsAction() const { return m_importResults; } // needs an open project

    enum class Target { OpenProject, NewProject };
    // Reads `path` with `format`; into the open project as one undo step, or into a new
    // project file `newProjectPath` that is then opened. All or nothing: an unreadable
    // file, a syntax error (naming file and line) or what `validate` would refuse
    // changes nothing. The report says what was taken and what was not.
    // `companionFiles` come with it (Postman environments and globals).
    Result<ImportReport> importFile(const QString &path, const Importer &format, Target target,
        const QString &newProjectPath = QString(), const QStringList &companionFiles = {});
    // An import into the open project read and planned, not yet applied: what the
    // preview dialog shows (added, changed with fields, removed, untouched).
    struct PlannedImport
    {
        QString path;
        ReimportPlan plan;
        ImportReport report;
    };
    Result<PlannedImport> planImport(
        const QString &path, const Importer &format, const QStringList &companionFiles = {});
    // Applies `planned` to the open project as one undo step (one transaction), with
    // what the file no longer has kept for review or deleted. What `validate` would
    // refuse changes nothing.
    Result<ImportReport> applyImport(const PlannedImport &planned, ReimportPlan::Removed removed);
    // File ▸ Import… into the open project: plans, shows the plan in a
    // ReimportPreviewDialog and applies it on Apply. No value: the user cancelled and
    // nothing changed.
    Result<std::optional<ImportReport>> importWithPreview(
        const QString &path, const Importer &format, const QStringList &companionFiles = {});
    // Reads results (a format with addsRunToProject) against the open project and adds
    // them as one run, which the map paints. Not an undo step: runs are history.
    Result<ImportReport> importResultsFile(const QString &path, const Importer &format);
    // Writes the open project (with its run history when the format needs results) to
    // `path` whole, through a temporary file.
    Status exportFile(const QString &path, const Exporter &format);

    // "All supported files (…);;Flowbench JSON (*.json);;…", from the registry.
    static QString importFilters();
    static QString exportFilters();

private:
    void importDialog();
    void exportDialog();
    void importResultsDialog();

    QWidget *m_window;
    DocumentGetter m_document;
    ProjectOpener m_openProject;
    QAction *m_import;
    QAction *m_export;
    QAction *m_importResults;
};

} // namespace flowbench
