#include "shell/documentcontroller.h"

#include "document/projectdocument.h"
#include "document/storewatcher.h"
#include "model/projectchangeset.h"
#include "store/databasefile.h"

#include "dialogs/editconflictdialog.h"
#include "dialogs/opensharedprojectdialog.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>
#include <utility>

namespace flowbench {

namespace {
constexpr int kMaxRecent = 8;
const char *const kRecentKey = "recentFiles";
const char *const kRecentSharedKey = "recentSharedProjects";

QString withSuffix(QString path)
{
    if (!path.endsWith(QStringLiteral(".flowbench")))
        path += QStringLiteral(".flowbench");
    return path;
}
} // namespace

DocumentController::DocumentController(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

// The document goes last, after everything that reads it has let go (see documentChanged).
DocumentController::~DocumentController() = default;

void DocumentController::setDocument(std::unique_ptr<ProjectDocument> document)
{
    std::unique_ptr<ProjectDocument> old = std::move(m_document);
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->deleteLater(); // this may run inside its own signal
    }
    m_watcher = nullptr;
    m_document = std::move(document);
    if (m_document) {
        connect(m_document.get(), &ProjectDocument::errorOccurred, this,
            [this](const QString &message) { showError(tr("The change was not saved"), message); });
        // Queued: the conflict is found inside an undo stack step, which must end before
        // the person's choice pushes a new one.
        QPointer<ProjectDocument> document = m_document.get();
        connect(
            m_document.get(), &ProjectDocument::conflictOccurred, this,
            [this, document](const EditConflict &conflict) {
                if (document && document == m_document.get())
                    resolveConflict(conflict);
            },
            Qt::QueuedConnection);
    }
    // A file is watched; a shared project hears of others' commits by LISTEN/NOTIFY
    // (ProjectDocument::othersCommitted), which the same watcher turns into a sync.
    if (m_document) {
        m_watcher = new StoreWatcher(m_document.get(), this);
        connect(m_watcher, &StoreWatcher::changedUnderneath, this, [this] {
            if (Status s = syncExternalChanges(); !s)
                emit statusMessage(
                    tr("The project changed on disk and could not be read again: %1").arg(s.error()), 0);
        });
        connect(m_watcher, &StoreWatcher::replaced, this, [this] {
            m_replaced = true;
            emit fileReplaced();
        });
    }
    emit documentChanged(m_document.get());
    old.reset(); // its views have let go of it
}

Status DocumentController::openProjectFile(const QString &path)
{
    if (ProjectLocation::looksLikeUrl(path)) {
        auto doc = ProjectDocument::open(path);
        if (!doc)
            return Status::failure(doc.error());
        setDocument(std::move(doc.value()));
        addRecentSharedProject(m_document->location().toString());
        return success();
    }
    auto doc = ProjectDocument::open(QFileInfo(path).absoluteFilePath());
    if (!doc)
        return Status::failure(doc.error());
    setDocument(std::move(doc.value()));
    addRecentFile(m_document->filePath());
    return success();
}

Status DocumentController::reload()
{
    if (!m_document)
        return Status::failure(tr("No project is open."));
    const QString path = m_document->location().toString(); // a URL keeps its password reference
    // The old store lets go of the file first: a file replaced under its name (git
    // checkout) must not be read through the old file's -wal and -shm, which SQLite
    // would share with a second connection opened while the first is still open.
    closeProject();
    if (std::exchange(m_replaced, false)) {
        const QStringList setAside = StoreWatcher::setAsideStaleJournal(path);
        if (!setAside.isEmpty())
            emit statusMessage(
                tr("The project file was replaced; the old file's journal (its last edits) was kept as %1")
                    .arg(QDir::toNativeSeparators(setAside.first())),
                0);
    }
    return openProjectFile(path);
}

Status DocumentController::syncExternalChanges()
{
    if (!m_document)
        return Status::failure(tr("No project is open."));
    ProjectChangeSet changes;
    if (Status s = m_document->syncWithOthers(&changes); !s)
        return s;
    QStringList parts;
    if (!changes.added.nodes.isEmpty() || !changes.added.edges.isEmpty() || !changes.added.testCases.isEmpty()
        || !changes.added.flows.isEmpty())
        parts << tr("added %1").arg(ProjectChangeSet::describe(changes.added));
    if (!changes.changed.nodes.isEmpty() || !changes.changed.edges.isEmpty()
        || !changes.changed.testCases.isEmpty() || !changes.changed.flows.isEmpty())
        parts << tr("changed %1").arg(ProjectChangeSet::describe(changes.changed));
    if (!changes.removed.nodes.isEmpty() || !changes.removed.edges.isEmpty()
        || !changes.removed.testCases.isEmpty() || !changes.removed.flows.isEmpty())
        parts << tr("removed %1").arg(ProjectChangeSet::describe(changes.removed));
    if (parts.isEmpty())
        return success(); // a run, an environment, or nothing the map shows
    // Undo stays: a step on something changed out there is refused by the store's
    // revision check (and says so), never written over the other program's edit.
    const QString undo = m_document->undoStack()->canUndo()
        ? tr(" Undo is kept; a step on something changed there is refused, not overwritten.")
        : QString();
    const QString who = m_document->location().isShared()
        ? tr("Someone else changed %1").arg(m_document->location().project())
        : tr("Another program changed %1").arg(QFileInfo(m_document->filePath()).fileName());
    emit statusMessage(tr("%1: %2.%3").arg(who, parts.join(QStringLiteral("; ")), undo), 15000);
    return success();
}

Status DocumentController::newProjectFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    auto doc = ProjectDocument::create(absolute, QFileInfo(absolute).completeBaseName());
    if (!doc)
        return Status::failure(doc.error());
    setDocument(std::move(doc.value()));
    addRecentFile(absolute);
    return success();
}

Status DocumentController::replaceWithNewProject(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(absolute))
        return newProjectFile(absolute);
    if (m_document && absolute == m_document->filePath())
        closeProject(); // its edits are saved; the store must let go of the file
    Project empty;
    empty.name = QFileInfo(absolute).completeBaseName();
    if (Status s = writeProjectFile(empty, absolute); !s)
        return s;
    return openProjectFile(absolute);
}

Status DocumentController::saveCopyAs(const QString &path)
{
    if (!m_document)
        return Status::failure(tr("No project is open."));
    const QString target = QFileInfo(path).absoluteFilePath();
    if (target == m_document->filePath())
        return Status::failure(tr("%1 is the open project.").arg(QDir::toNativeSeparators(target)));
    // Edits are saved already; replacing an existing file, it stays whole until the copy
    // is complete.
    if (Status s = m_document->saveCopy(target); !s)
        return Status::failure(
            tr("Flowbench could not write %1: %2").arg(QDir::toNativeSeparators(target), s.error()));
    return openProjectFile(target);
}

void DocumentController::closeProject()
{
    setDocument(nullptr);
}

QString DocumentController::examplePath()
{
    const QString env = qEnvironmentVariable("FLOWBENCH_EXAMPLE");
    if (!env.isEmpty())
        return QFileInfo::exists(env) ? env : QString();
    const QDir dir(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
        { QStringLiteral("../examples/shop.flowbench"), QStringLiteral("examples/shop.flowbench"),
            QStringLiteral("../share/flowbench/examples/shop.flowbench") }) {
        const QString path = dir.absoluteFilePath(candidate);
        if (QFileInfo::exists(path))
            return QDir::cleanPath(path);
    }
    return QString();
}

Status DocumentController::openExampleCopy()
{
    const QString source = examplePath();
    if (source.isEmpty())
        return Status::failure(tr("The example project shop.flowbench was not found next to the program. Set "
                                  "FLOWBENCH_EXAMPLE to its path."));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    const QString copy = dir + QStringLiteral("/shop-example.flowbench");
    if (m_document && m_document->filePath() == QFileInfo(copy).absoluteFilePath())
        closeProject(); // the copy is replaced: the store must let go of it
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
        QFile::remove(copy + suffix);
    for (const QString &suffix : { QString(), QStringLiteral("-wal") })
        if (QFileInfo::exists(source + suffix) && !QFile::copy(source + suffix, copy + suffix))
            return Status::failure(
                tr("Flowbench could not copy the example to %1").arg(QDir::toNativeSeparators(copy)));
    QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return openProjectFile(copy);
}

bool DocumentController::openProject(const QString &path)
{
    const Status s = openProjectFile(path);
    if (!s)
        showError(tr("Cannot open project"),
            tr("Flowbench could not open the project\n%1\n\n%2")
                .arg(QDir::toNativeSeparators(path), s.error()));
    return s.ok();
}

void DocumentController::newProjectDialog()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("New Project"), dir + tr("/Untitled.flowbench"), tr("Flowbench projects (*.flowbench)"));
    if (path.isEmpty())
        return;
    if (Status s = replaceWithNewProject(withSuffix(path)); !s)
        showError(tr("Cannot create project"),
            tr("Flowbench could not create\n%1\n\n%2")
                .arg(QDir::toNativeSeparators(withSuffix(path)), s.error()));
}

void DocumentController::openProjectDialog()
{
    const QString start = m_document ? QFileInfo(m_document->filePath()).absolutePath()
                                     : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open Project"), start, tr("Flowbench projects (*.flowbench);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void DocumentController::saveAsDialog()
{
    if (!m_document)
        return;
    const QString chosen = QFileDialog::getSaveFileName(
        m_window, tr("Save Project As"), m_document->filePath(), tr("Flowbench projects (*.flowbench)"));
    if (chosen.isEmpty() || QFileInfo(chosen).absoluteFilePath() == m_document->filePath())
        return;
    const QString path = withSuffix(chosen);
    if (Status s = saveCopyAs(path); !s) {
        showError(tr("Cannot save project"), s.error());
        return;
    }
    emit statusMessage(
        tr("Saved a copy as %1; you are now editing it.").arg(QDir::toNativeSeparators(path)), 6000);
}

void DocumentController::openExample()
{
    if (Status s = openExampleCopy(); !s) {
        showError(examplePath().isEmpty() ? tr("Example not found") : tr("Cannot open project"), s.error());
        return;
    }
    emit statusMessage(tr("Opened a copy of the example project; edits are saved to %1")
                           .arg(QDir::toNativeSeparators(m_document->filePath())),
        8000);
}

QStringList DocumentController::recentFiles() const
{
    QStringList files;
    for (const QString &f : QSettings().value(QLatin1String(kRecentKey)).toStringList())
        if (QFileInfo::exists(f))
            files << f;
    return files;
}

void DocumentController::addRecentFile(const QString &path)
{
    QStringList files = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), files);
    emit recentFilesChanged(recentFiles());
}

QStringList DocumentController::recentSharedProjects() const
{
    return QSettings().value(QLatin1String(kRecentSharedKey)).toStringList();
}

void DocumentController::addRecentSharedProject(const QString &url)
{
    QStringList urls = recentSharedProjects();
    urls.removeAll(url);
    urls.prepend(url);
    while (urls.size() > kMaxRecent)
        urls.removeLast();
    QSettings().setValue(QLatin1String(kRecentSharedKey), urls);
}

void DocumentController::openSharedProjectDialog()
{
    OpenSharedProjectDialog dialog(recentSharedProjects(), m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ProjectLocation location = dialog.location();
    if (!location.isShared())
        return;
    const Status s = openProjectFile(location.toString());
    if (!s)
        showError(tr("Cannot open shared project"),
            tr("Flowbench could not open the shared project\n%1\n\n%2")
                .arg(location.displayString(), s.error()));
}

void DocumentController::resolveConflict(const EditConflict &conflict)
{
    if (!m_document)
        return;
    EditConflictDialog dialog(conflict, m_window);
    dialog.exec();
    const bool mine
        = dialog.result() == QDialog::Accepted && dialog.choice() == EditConflictDialog::Choice::ApplyMine;
    // A failure was reported already (errorOccurred).
    if (mine && m_document->applyMine(conflict).ok())
        emit statusMessage(
            tr("Your %1 of %2 “%3” was saved over theirs.").arg(conflict.field, conflict.kind, conflict.item),
            8000);
    else if (!mine && m_document->keepTheirs(conflict).ok())
        emit statusMessage(
            tr("Kept their %1 of %2 “%3”.").arg(conflict.field, conflict.kind, conflict.item), 8000);
}

void DocumentController::showError(const QString &title, const QString &message)
{
    QMessageBox box(QMessageBox::Critical, title, message, QMessageBox::Ok, m_window);
    box.setObjectName(QStringLiteral("errorDialog"));
    box.exec();
}

} // namespace flowbench
