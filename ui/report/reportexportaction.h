#pragma once

#include "model/run.h"
#include "result.h"

#include <QDialog>
#include <QObject>
#include <functional>

class QAction;
class QTreeWidget;
class QWidget;

namespace flowbench {

class ProjectDocument;

// The stored runs of a project, newest first (when, environment, counts, who started
// it), the newest selected: which run File ▸ Export ▸ Report… writes.
class ReportRunDialog : public QDialog
{
    Q_OBJECT
public:
    ReportRunDialog(const QList<Run> &runs, QWidget *parent = nullptr); // runs oldest first
    Id selectedRunId() const;
    QTreeWidget *runList() const { return m_list; }

private:
    QTreeWidget *m_list;
};

// File ▸ Export ▸ Report…: the HTML report of one stored run (HtmlReport), picked in a
// ReportRunDialog. Off, with a tooltip saying why, while the project has no run.
// exportReport() does the work and is what tests call.
class ReportExportAction : public QObject
{
    Q_OBJECT
public:
    using DocumentGetter = std::function<ProjectDocument *()>;
    ReportExportAction(QWidget *window, DocumentGetter document);

    QAction *action() const { return m_action; }
    // Enables the action when the open project has a stored run (after opening, a run).
    void update();
    // Writes the report of `runId` of the open project to `path` (through OutputFile).
    Status exportReport(const QString &path, const Id &runId);

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    void exportDialog();

    QWidget *m_window;
    DocumentGetter m_document;
    QAction *m_action;
};

} // namespace flowbench
