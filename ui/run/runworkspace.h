#pragma once

#include "map/mapoverlay.h"
#include "model/ids.h"
#include "run/runbar.h"

#include <QTimer>

#include <QObject>
#include <QPointer>

class QAction;
class QActionGroup;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace flowbench {

class CoveragePanel;
class ImpactPanel;
class MapScene;
class MapView;
class ProjectDocument;
class ResultsPanel;
class RunController;
class RunHistoryPanel;
class TestCaseEditor;

// The environment a project opens on: the one last used with it if it still exists, else
// the first unprotected one, else the first.
QString initialEnvironment(const QList<Environment> &environments, const QString &remembered);

// "Run from the map": the docks (results, run history, coverage, impact), the run bar,
// the Run menu and the overlays, wired to the open document. Runs go through a
// RunController; what the map shows on top of the model lives in a MapOverlay read by
// the cards while they paint.
class RunWorkspace : public QObject
{
    Q_OBJECT
public:
    // The test-case editor belongs to the window; runs read its selection and feed it the
    // last responses for "Try it".
    RunWorkspace(QMainWindow *window, TestCaseEditor *editor);
    ~RunWorkspace() override;

    // Null document: a closed project. The scene and view belong to the window.
    void setDocument(ProjectDocument *document, MapScene *scene, MapView *view);

    RunController *runController() const { return m_controller; }
    MapOverlay *overlay() const;
    RunBar *runBar() const { return m_runBar; }
    // For the window to place: the Run menu, the View menu's entries (overlay, impact,
    // stale results), the docks, and every named action (shortcuts, lookup by name).
    QMenu *runMenu() const { return m_runMenu; }
    QList<QAction *> viewMenuActions() const { return m_viewActions; }
    QList<QDockWidget *> docks() const { return m_docks; }
    QList<QAction *> actions() const { return m_actions; }
    ResultsPanel *resultsPanel() const { return m_results; }
    RunHistoryPanel *runHistoryPanel() const { return m_history; }
    CoveragePanel *coveragePanel() const { return m_coverage; }
    ImpactPanel *impactPanel() const { return m_impact; }

    // Resolves a scope against the map's selection and starts the run (no confirmation:
    // RunBar::requestRun asks first for a protected environment). False with a message.
    bool run(const RunScope &scope, QString *error = nullptr);
    void showImpact(const Id &nodeId);
    void openEnvironments();
    // The Environments dialog's result as one undoable command (if anything changed).
    void applyEnvironments(const QList<Environment> &environments);
    void selectAndCentre(const Id &nodeId);
    static qint64 staleAfterSeconds(); // QSettings results/staleAfterHours, default 24

signals:
    void statusMessage(const QString &message, int timeoutMs);
    void runStarted(); // the window shows Results

private:
    void createDocks();
    void createActions();
    void checkOverlay(MapOverlay::Mode mode);
    void updateSelection();
    void refreshEnvironments();
    void refreshHistory();
    void refreshAnalyses();
    void updateActions();
    void showFirstProblem();
    QList<Id> selectedNodes() const;

    QMainWindow *m_window;
    QPointer<ProjectDocument> m_document;
    QPointer<MapScene> m_scene;
    MapView *m_view = nullptr;
    RunController *m_controller = nullptr;
    QPointer<MapOverlay> m_overlay;

    RunBar *m_runBar = nullptr;
    TestCaseEditor *m_editor = nullptr;
    ResultsPanel *m_results = nullptr;
    RunHistoryPanel *m_history = nullptr;
    CoveragePanel *m_coverage = nullptr;
    ImpactPanel *m_impact = nullptr;
    QDockWidget *m_resultsDock = nullptr;
    QDockWidget *m_impactDock = nullptr;
    QList<QDockWidget *> m_docks;
    QActionGroup *m_overlayGroup = nullptr;
    QList<QAction *> m_runActions; // enabled while a project is open and nothing runs
    QList<QAction *> m_viewActions;
    QList<QAction *> m_actions;
    QMenu *m_runMenu = nullptr;
    QAction *m_cancelAction = nullptr;
    Id m_stepRunOf; // the step a Run Step runs up to, while it runs
    QTimer m_refreshTimer; // analyses follow edits once the event loop is idle
};

} // namespace flowbench
