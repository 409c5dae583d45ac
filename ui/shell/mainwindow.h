#pragma once

#include "model/ids.h"
#include "model/node.h"
#include "result.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QCompleter;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QStringListModel;
class QUndoGroup;

namespace flowbench {

class CommentsPanel;
class EscapeShortcut;
class FlowsPanel;
class MapLayouter;
class MapNudge;
class MapScene;
class MapView;
class OverviewWidget;
class PaletteWidget;
class ProjectDocument;
class PropertiesPanel;
class RunWorkspace; // run workspace
class TestCaseEditor;
class WelcomeWidget;

// The workbench window: the map in the middle, palette, overview, properties, flows and
// test cases in docks, and the file handling around one open project. Every edit made
// here is a command on the document's undo stack, saved to the file at once.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Without dialogs (for the command line and tests); the error names file and cause.
    Status openProjectFile(const QString &path);
    Status newProjectFile(const QString &path);
    // With an error dialog on failure.
    bool openProject(const QString &path);
    // Save As: writes the whole project into a new file and continues there.
    Status saveCopyAs(const QString &path);
    void closeProject();

    ProjectDocument *document() const { return m_document.get(); }
    MapScene *mapScene() const { return m_scene; }
    MapView *mapView() const { return m_view; }
    FlowsPanel *flowsPanel() const { return m_flows; }
    TestCaseEditor *testCaseEditor() const { return m_testCases; }
    PropertiesPanel *propertiesPanel() const { return m_properties; }
    CommentsPanel *commentsPanel() const { return m_comments; }
    RunWorkspace *runWorkspace() const { return m_runWorkspace; } // run workspace
    QAction *action(const QString &objectName) const;
    EscapeShortcut *escapeShortcut() const { return m_escape; }

    Id addNode(NodeKind kind, const QPointF &topLeft);
    // Deletes the selected nodes and connections; asks first when more goes with them.
    void deleteSelection(bool ask = true);
    QString deleteQuestion(const QList<Id> &nodeIds) const; // empty: nothing cascades
    void copySelection();
    void paste();
    bool jumpTo(const QString &text); // centres and selects the best match by name
    void runLayout();
    bool isLayoutRunning() const;
    static QString examplePath();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void setDocument(std::unique_ptr<ProjectDocument> document);
    void updateActions();
    void updateStatus();
    void updateTitle();
    void updateFindModel();
    void addRecentFile(const QString &path);
    QStringList recentFiles() const;
    void rebuildRecentMenu();
    void onSelectionChanged();
    void showMapContextMenu(const QPoint &globalPos, const QPointF &scenePos);
    void askEdgeKind(const Id &from, const Id &to, const QPoint &screenPos);
    void togglePin();
    void newProjectDialog();
    void openProjectDialog();
    void saveAsDialog();
    void openExample();
    void showError(const QString &title, const QString &message);

    std::unique_ptr<ProjectDocument> m_document;
    MapScene *m_scene = nullptr;
    MapView *m_view = nullptr;
    QStackedWidget *m_stack = nullptr;
    WelcomeWidget *m_welcome = nullptr;
    PaletteWidget *m_palette = nullptr;
    OverviewWidget *m_overview = nullptr;
    PropertiesPanel *m_properties = nullptr;
    FlowsPanel *m_flows = nullptr;
    TestCaseEditor *m_testCases = nullptr;
    QDockWidget *m_testCasesDock = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    bool m_docksSized = false;
    CommentsPanel *m_comments = nullptr;
    MapNudge *m_nudge = nullptr; // arrow keys move the selected cards
    QUndoGroup *m_undoGroup = nullptr;
    MapLayouter *m_layouter = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLineEdit *m_find = nullptr;
    QStringListModel *m_findModel = nullptr;
    QCompleter *m_completer = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_pathLabel = nullptr;
    QProgressBar *m_layoutProgress = nullptr;
    QPushButton *m_layoutCancel = nullptr;
    QList<QAction *> m_documentActions;
    int m_pasteCount = 0;
    RunWorkspace *m_runWorkspace = nullptr; // run workspace: docks, run bar, overlays
    EscapeShortcut *m_escape = nullptr;
};

} // namespace flowbench
