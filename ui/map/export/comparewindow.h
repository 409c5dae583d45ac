#pragma once

#include "io/projectdiff.h"
#include "result.h"

#include <QMainWindow>
#include <functional>
#include <memory>

class QAction;
class QListWidget;

namespace flowbench {

class MapView;
class ProjectDocument;
class ProjectMap;

// Compare with…: what changed from another version of the project (a *.flowbench file or
// canonical JSON) to the open one, as `flowbench-cli diff --format svg` draws it: both on
// one read-only map (added green +, removed vermillion − faded, changed amber ~) with the
// text diff beside it; a click on an entry selects its node (or edge) and shows it.
class CompareWindow : public QMainWindow
{
    Q_OBJECT
public:
    static Result<CompareWindow *> create(
        const Project &before, const QString &beforeName, const Project &after, QWidget *parent);
    ~CompareWindow() override;

    QListWidget *changes() const { return m_changes; }
    MapView *view() const { return m_view; }
    const ProjectDiff &diff() const { return m_diff; }
    void showEntry(int row); // selects and centres the entry's node or edge

protected:
    void showEvent(QShowEvent *event) override;

private:
    CompareWindow(QWidget *parent);

    ProjectDiff m_diff;
    std::unique_ptr<ProjectMap> m_map;
    QList<QPair<Id, bool>> m_targets; // per row: the node or edge (true) it points at
    QListWidget *m_changes = nullptr;
    MapView *m_view = nullptr;
    bool m_fitted = false;
};

// File ▸ Compare with…: asks for the other version, opens a CompareWindow.
class CompareWithAction : public QObject
{
    Q_OBJECT
public:
    CompareWithAction(QWidget *window, std::function<ProjectDocument *()> document);
    QAction *action() const { return m_action; }
    // Compares `path` (before) with the open document (after); what tests call.
    Result<CompareWindow *> compareWith(const QString &path);

private:
    QWidget *m_window;
    std::function<ProjectDocument *()> m_document;
    QAction *m_action;
};

// A project from a file: canonical JSON when the name ends in .json, else a project file.
Result<Project> readProjectFile(const QString &path);

} // namespace flowbench
