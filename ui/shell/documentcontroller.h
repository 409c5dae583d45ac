#pragma once

#include "result.h"

#include <QObject>
#include <QStringList>
#include <memory>

class QWidget;

namespace flowbench {

class ProjectDocument;

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

    QStringList recentFiles() const; // those that still exist, newest first
    static QString examplePath(); // empty when the example is not installed

signals:
    void documentChanged(flowbench::ProjectDocument *document);
    void recentFilesChanged(const QStringList &paths);
    void statusMessage(const QString &message, int timeoutMs);

private:
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void addRecentFile(const QString &path);
    void showError(const QString &title, const QString &message);

    QWidget *m_window;
    std::unique_ptr<ProjectDocument> m_document;
};

} // namespace flowbench
