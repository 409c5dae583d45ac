#pragma once

#include "model/ids.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;
class QUndoGroup;

namespace flowbench {

class CommentsPanel;
class DockLayouts;
class DocumentController;
class EscapeShortcut;
class FlowsPanel;
class LayoutProgress;
class MapEditor;
class MapLayouter;
class MapNudge;
class MapScene;
class MapView;
class NodeFinder;
class OverviewWidget;
class PaletteWidget;
class ProjectDocument;
class PropertiesPanel;
class OfflineBanner;
class PresenceLabel;
class ReadOnlyBanner;
class RunWorkspace;
class TestCaseEditor;
class WelcomeWidget;
class WindowActions;

// The workbench window, which only puts the parts together: the map in the middle,
// palette, overview, flows, properties, test cases, comments and history in docks, the
// run workspace, the menus and the status bar. The project's life is the
// DocumentController's, map editing the MapEditor's, the commands WindowActions'; when
// the document changes, every part is given the new one.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    DocumentController *documents() const { return m_documents; }
    ProjectDocument *document() const;
    MapEditor *mapEditor() const { return m_mapEditor; }
    MapScene *mapScene() const { return m_scene; }
    MapView *mapView() const { return m_view; }
    FlowsPanel *flowsPanel() const { return m_flows; }
    TestCaseEditor *testCaseEditor() const { return m_testCases; }
    PropertiesPanel *propertiesPanel() const { return m_properties; }
    CommentsPanel *commentsPanel() const { return m_comments; }
    ReadOnlyBanner *readOnlyBanner() const { return m_readOnlyBanner; }
    OfflineBanner *offlineBanner() const { return m_offlineBanner; }
    RunWorkspace *runWorkspace() const { return m_runWorkspace; }
    DockLayouts *dockLayouts() const { return m_layouts; }
    WindowActions *windowActions() const { return m_actions; }
    QAction *action(const QString &name) const; // by object name, e.g. "actionUndo"
    EscapeShortcut *escapeShortcut() const { return m_escape; }

    void runLayout();
    bool isLayoutRunning() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createMenus();
    void createStatusBar();
    // A toolbar twin of undo or redo: a short text, the full one in the tooltip.
    QAction *shortUndoButton(QAction *full, QObject *parent);
    void connectActions();
    void setDocument(ProjectDocument *document);
    void updateStatus();
    void updateTitle();
    void rebuildRecentMenu(const QStringList &files);
    void onSelectionChanged();
    void showMapContextMenu(const QPoint &globalPos, const QPointF &scenePos);
    void showMessage(const QString &message, int timeoutMs);
    void reloadProject();
    void showShortcuts();

    QUndoGroup *m_undoGroup;
    WindowActions *m_actions;
    DocumentController *m_documents;
    MapView *m_view;
    MapEditor *m_mapEditor;
    MapNudge *m_nudge;
    MapScene *m_scene = nullptr;
    MapLayouter *m_layouter = nullptr;
    QStackedWidget *m_stack;
    WelcomeWidget *m_welcome;
    QWidget *m_mapPage; // the read-only banner above the map view
    ReadOnlyBanner *m_readOnlyBanner;
    OfflineBanner *m_offlineBanner;
    PresenceLabel *m_presence = nullptr; // "Also here: ..." in the status bar
    PaletteWidget *m_palette = nullptr;
    OverviewWidget *m_overview = nullptr;
    PropertiesPanel *m_properties = nullptr;
    FlowsPanel *m_flows = nullptr;
    TestCaseEditor *m_testCases = nullptr;
    CommentsPanel *m_comments = nullptr;
    QDockWidget *m_flowsDock = nullptr;
    QDockWidget *m_propertiesDock = nullptr;
    QDockWidget *m_testCasesDock = nullptr;
    QList<QDockWidget *> m_docks;
    bool m_docksSized = false;
    RunWorkspace *m_runWorkspace = nullptr;
    DockLayouts *m_layouts = nullptr;
    EscapeShortcut *m_escape = nullptr;
    QMenu *m_recentMenu = nullptr;
    NodeFinder *m_finder = nullptr;
    LayoutProgress *m_layoutProgress = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_zoomLabel = nullptr;
    QLabel *m_pathLabel = nullptr;
};

} // namespace flowbench
