#pragma once

#include "document/editconflict.h"
#include "result.h"

#include <QObject>
#include <QStringList>
#include <memory>

class QWidget;

namespace flowbench {

class ProjectDocument;
class StoreWatcher;

// The open project's life: new, open, Save As, close, the recent files and the example.
// It owns the ProjectDocument and says when it changes (documentChanged, with the new
// document or null; the old one is still alive during the signal, so listeners can let
// go of it). The plain calls return a Status naming the file and the cause; the *Dialog
// calls ask for a path and show an error themselves, parented to `window`.
class DocumentController : public QObject
{
    Q_OBJECT
public:
    explicit DocumentController(QWidget *window);
    ~DocumentController() override;

    ProjectDocument *document() const { return m_document.get(); }

    Status openProjectFile(const QString &path);
    Status newProjectFile(const QString &path);
    // A new, empty project at `path`; an existing file there is replaced only once the new
    // one is complete (the file dialog asked).
    Status replaceWithNewProject(const QString &path);
    // Writes the whole project into a new file and continues there.
    Status saveCopyAs(const QString &path);
    void closeProject();
    // Reads the open project's file again (another window or the CLI changed it); the undo
    // history starts afresh.
    Status reload();
    // Opens a fresh copy of the example project (edits are saved at once; the shipped
    // example stays as it is).
    Status openExampleCopy();

    bool openProject(const QString &path); // with an error dialog on failure
    void newProjectDialog();
    void openProjectDialog();
    void saveAsDialog();
    void openExample();
    // File ▸ Open Shared Project…: a project on PostgreSQL by URL (OpenSharedProjectDialog).
    void openSharedProjectDialog();
    // Shared projects opened before, newest first: URLs with their password reference,
    // never a password (QSettings "recentSharedProjects").
    QStringList recentSharedProjects() const;

    QStringList recentFiles() const; // those that still exist, newest first
    static QString examplePath(); // empty when the example is not installed

    // Another process changing the open file is noticed (StoreWatcher) and taken into the
    // open document in place (ProjectDocument::syncWithStore): the view keeps selection,
    // scroll, zoom and undo. A file replaced under its name asks for fileReplaced().
    StoreWatcher *storeWatcher() const { return m_watcher; }
    // Takes what another process wrote into the open document now; the status bar says what.
    Status syncExternalChanges();
    // An edit, undo or redo refused because someone else changed the same field (a
    // shared project, or another window on the file): EditConflictDialog asks, then the
    // document keeps theirs or applies mine. Called (queued) on conflictOccurred.
    void resolveConflict(const EditConflict &conflict);

signals:
    void documentChanged(flowbench::ProjectDocument *document);
    void recentFilesChanged(const QStringList &paths);
    void statusMessage(const QString &message, int timeoutMs);
    // The project file was replaced (git checkout, a copy over it): reopen it (reload()).
    void fileReplaced();

private:
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void addRecentFile(const QString &path);
    void addRecentSharedProject(const QString &url);
    void showError(const QString &title, const QString &message);

    QWidget *m_window;
    std::unique_ptr<ProjectDocument> m_document;
    StoreWatcher *m_watcher = nullptr;
    bool m_replaced = false; // the next reload() opens a file replaced under its name
};

} // namespace flowbench
