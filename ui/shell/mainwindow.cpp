#include "shell/mainwindow.h"
#include "shell/helppages.h"

#include "dialogs/historydialog.h"
#include "dialogs/shortcutsdialog.h"
#include "document/projectdocument.h"
#include "map/layoutprogress.h"
#include "map/mapeditor.h"
#include "map/maplayouter.h"
#include "map/maplegendwidget.h"
#include "map/mapnudge.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/nodefinder.h"
#include "map/overview/mapoverviewlayer.h"
#include "map/overview/overviewwidget.h"
#include "map/palettewidget.h"
#include "panels/commentspanel.h"
#include "panels/flowspanel.h"
#include "panels/propertiespanel.h"
#include "run/runworkspace.h"
#include "shell/actionicons.h"
#include "shell/docklayouts.h"
#include "shell/documentcontroller.h"
#include "shell/escapeshortcut.h"
#include "shell/filemenu.h"
#include "shell/offlinebanner.h"
#include "shell/presencelabel.h"
#include "shell/readonlybanner.h"
#include "shell/welcomewidget.h"
#include "shell/windowactions.h"
#include "testcases/testcaseeditor.h"

#include <QAction>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoView>
#include <QVBoxLayout>

namespace flowbench {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_undoGroup(new QUndoGroup(this))
    , m_actions(new WindowActions(this, m_undoGroup))
    , m_documents(new DocumentController(this))
    , m_view(new MapView)
    , m_mapEditor(new MapEditor(m_view, this))
    , m_nudge(new MapNudge(m_view, this))
    , m_stack(new QStackedWidget)
    , m_welcome(new WelcomeWidget)
    , m_mapPage(new QWidget)
    , m_readOnlyBanner(new ReadOnlyBanner)
    , m_offlineBanner(new OfflineBanner(m_actions, m_undoGroup))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(MapStyle::kindIconPath(NodeKind::Screen)
                            .replace(QStringLiteral("kind-screen"), QStringLiteral("flowbench"))));
    m_view->setObjectName(QStringLiteral("mapView"));
    auto *mapLayout = new QVBoxLayout(m_mapPage);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    mapLayout->setSpacing(0);
    mapLayout->addWidget(m_readOnlyBanner);
    mapLayout->addWidget(m_offlineBanner);
    mapLayout->addWidget(m_view, 1);
    // Scrolled, so its full height is not the whole window's minimum (at 1024 × 700 the
    // window could not be that small).
    auto *welcomeScroll = new QScrollArea;
    welcomeScroll->setWidget(m_welcome);
    welcomeScroll->setWidgetResizable(true);
    welcomeScroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(welcomeScroll);
    m_stack->addWidget(m_mapPage);
    setCentralWidget(m_stack);

    createDocks();
    m_runWorkspace = new RunWorkspace(this, m_testCases);
    m_layouts = new DockLayouts(this); // after every dock exists
    connect(m_runWorkspace, &RunWorkspace::runStarted, m_layouts, &DockLayouts::showResults);
    for (QAction *a : m_runWorkspace->actions())
        m_actions->add(a); // the workspace enables its own
    for (QAction *a : m_nudge->actions())
        m_actions->add(a, false, false); // keys of the map view only
    createMenus();
    // Ctrl+A in the test case list selected the whole map and Del then offered to delete
    // it: these keys act on the map only while it has the focus.
    m_actions->bindKeysTo(m_actions->actions({ QStringLiteral("actionCopy"), QStringLiteral("actionPaste"),
                              QStringLiteral("actionDelete"), QStringLiteral("actionRename"),
                              QStringLiteral("actionSelectAll"), QStringLiteral("actionPin") }),
        m_view);
    createStatusBar();
    connectActions();
    // Escape ends a flow pick first; the next Escape cancels a run.
    m_escape = new EscapeShortcut(this);
    m_escape->add([flows = QPointer<FlowsPanel>(m_flows)] { return flows && flows->isPicking(); },
        [this] { m_flows->cancelPicking(); });
    m_escape->add(action(QStringLiteral("actionCancelRun")));
    // Then a highlighted flow: Escape shows the whole map again.
    m_escape->add([flows = QPointer<FlowsPanel>(m_flows)] { return flows && flows->hasHighlight(); },
        [this] { m_flows->clearHighlight(); });

    connect(m_documents, &DocumentController::documentChanged, this, &MainWindow::setDocument);
    connect(m_documents, &DocumentController::recentFilesChanged, this, &MainWindow::rebuildRecentMenu);
    connect(m_documents, &DocumentController::statusMessage, this, &MainWindow::showMessage);
    connect(m_offlineBanner, &OfflineBanner::statusMessage, this, &MainWindow::showMessage);
    connect(m_documents, &DocumentController::fileReplaced, this, &MainWindow::reloadProject);
    connect(m_mapEditor, &MapEditor::statusMessage, this, &MainWindow::showMessage);
    connect(m_runWorkspace, &RunWorkspace::statusMessage, this, &MainWindow::showMessage);
    connect(m_welcome, &WelcomeWidget::newRequested, m_documents, &DocumentController::newProjectDialog);
    connect(m_welcome, &WelcomeWidget::openRequested, m_documents, &DocumentController::openProjectDialog);
    connect(m_welcome, &WelcomeWidget::exampleRequested, m_documents, &DocumentController::openExample);
    connect(m_welcome, &WelcomeWidget::recentRequested, this, [this](const QString &path) {
        if (!path.isEmpty())
            m_documents->openProject(path);
    });
    connect(m_view, &MapView::zoomChanged, this, &MainWindow::updateStatus);
    connect(m_view, &MapView::dropNodeRequested, m_mapEditor, &MapEditor::addNode);
    connect(m_view, &MapView::contextMenuRequested, this, &MainWindow::showMapContextMenu);
    connect(m_properties, &PropertiesPanel::nodeActivated, this, [this](const Id &id) {
        if (m_scene && m_scene->nodeItem(id)) {
            m_scene->selectNodes({ id });
            m_view->centreOnNode(id);
        }
    });
    connect(m_flows, &FlowsPanel::refused, this, [this](const QString &why) { showMessage(why, 8000); });
    connect(m_palette, &PaletteWidget::kindActivated, m_mapEditor, &MapEditor::addNodeInView);

    QSettings settings;
    resize(1400, 900);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // A saved arrangement is the user's; without one the chosen layout is sized once the
    // window has its size (setDocument).
    m_docksSized = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setDocument(nullptr);
}

// Every part lets go of the document (the scene reads it while its items go), then it closes.
MainWindow::~MainWindow()
{
    m_documents->closeProject();
}

ProjectDocument *MainWindow::document() const
{
    return m_documents->document();
}

QAction *MainWindow::action(const QString &name) const
{
    return m_actions->action(name);
}

void MainWindow::createDocks()
{
    m_palette = new PaletteWidget;
    m_overview = new OverviewWidget;
    m_flows = new FlowsPanel;
    m_properties = new PropertiesPanel;
    m_testCases = new TestCaseEditor;
    m_comments = new CommentsPanel;
    auto *history = new QUndoView(m_undoGroup);
    history->setEmptyLabel(tr("<opened>"));
    auto dock = [this](const QString &name, const QString &title, QWidget *widget, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        m_docks.append(d);
        return d;
    };
    QDockWidget *palette
        = dock(QStringLiteral("paletteDock"), tr("Palette"), m_palette, Qt::LeftDockWidgetArea);
    QDockWidget *overview
        = dock(QStringLiteral("overviewDock"), tr("Overview"), m_overview, Qt::LeftDockWidgetArea);
    m_flowsDock = dock(QStringLiteral("flowsDock"), tr("Flows"), m_flows, Qt::LeftDockWidgetArea);
    m_propertiesDock
        = dock(QStringLiteral("propertiesDock"), tr("Properties"), m_properties, Qt::RightDockWidgetArea);
    // In a scroll area: the editor's step forms want ~460 px of height, and as the dock's
    // own minimum they squeezed the Properties dock above it to two fields.
    auto *testsScroll = new QScrollArea;
    testsScroll->setWidget(m_testCases);
    testsScroll->setWidgetResizable(true);
    testsScroll->setFrameShape(QFrame::NoFrame);
    m_testCasesDock
        = dock(QStringLiteral("testCasesDock"), tr("Test Cases"), testsScroll, Qt::RightDockWidgetArea);
    QDockWidget *undo = dock(QStringLiteral("historyDock"), tr("History"), history, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_testCasesDock, undo);
    QDockWidget *comments
        = dock(QStringLiteral("commentsDock"), tr("Comments"), m_comments, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_testCasesDock, comments);
    connect(m_comments, &CommentsPanel::openCountChanged, comments, [comments](int open) {
        comments->setWindowTitle(open > 0 ? tr("Comments (%1)").arg(open) : tr("Comments"));
    });
    m_testCasesDock->raise();
    resizeDocks({ palette, overview, m_flowsDock }, { 300, 180, 260 }, Qt::Vertical);
    resizeDocks({ palette, m_propertiesDock }, { 230, 340 }, Qt::Horizontal);
    resizeDocks({ m_propertiesDock, m_testCasesDock }, { 470, 380 }, Qt::Vertical);
    m_overview->setMapView(m_view);
}

void MainWindow::connectActions()
{
    auto on = [this](const char *name, auto slot) {
        connect(action(QString::fromLatin1(name)), &QAction::triggered, this, slot);
    };
    on("actionNew", [this] { m_documents->newProjectDialog(); });
    on("actionOpen", [this] { m_documents->openProjectDialog(); });
    on("actionSaveAs", [this] { m_documents->saveAsDialog(); });
    on("actionClose", [this] { m_documents->closeProject(); });
    on("actionReload", [this] { reloadProject(); });
    on("actionQuit", [this] { close(); });
    on("actionCopy", [this] { m_mapEditor->copySelection(); });
    on("actionPaste", [this] { m_mapEditor->paste(); });
    on("actionDelete", [this] { m_mapEditor->deleteSelection(true); });
    on("actionRename", [this] { m_mapEditor->renameSelected(); });
    on("actionSelectAll", [this] { m_mapEditor->selectAll(); });
    on("actionFind", [this] {
        m_finder->setFocus();
        m_finder->selectAll();
    });
    on("actionPin", [this] {
        m_mapEditor->togglePin();
        onSelectionChanged(); // the action's text follows
    });
    on("actionZoomIn", [this] { m_view->zoomIn(); });
    on("actionZoomOut", [this] { m_view->zoomOut(); });
    on("actionZoomReset", [this] { m_view->resetZoom(); });
    on("actionFit", [this] { m_view->fitToContent(); });
    on("actionLayout", [this] { runLayout(); });
    on("actionNewFlow", [this] {
        m_flowsDock->raise();
        m_flows->newFlow();
    });
    on("actionAddTestCase", [this] {
        m_testCasesDock->raise();
        m_testCases->addTestCase();
    });

    // Finishing a flow being picked on the map; Escape cancels the pick (see m_escape).
    auto *finish = new QShortcut(QKeySequence(Qt::Key_Return), this);
    auto *finishEnter = new QShortcut(QKeySequence(Qt::Key_Enter), this);
    for (QShortcut *s : { finish, finishEnter }) {
        s->setEnabled(false);
        connect(s, &QShortcut::activated, m_flows, &FlowsPanel::finishPicking);
    }
    connect(m_flows, &FlowsPanel::pickingChanged, this, [this, finish, finishEnter](bool picking) {
        for (QShortcut *s : { finish, finishEnter })
            s->setEnabled(picking);
        if (m_escape)
            m_escape->update();
        statusBar()->showMessage(picking
                ? tr("Click the nodes of the flow in order; Enter finishes, Escape cancels.")
                : QString());
    });
}

void MainWindow::createMenus()
{
    auto *file = new FileMenu(this, m_actions, m_documents, m_view);
    m_recentMenu = file->recentMenu();
    connect(file, &FileMenu::statusMessage, this, &MainWindow::showMessage);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions(m_actions->actions({ QStringLiteral("actionUndo"), QStringLiteral("actionRedo") }));
    edit->addSeparator();
    edit->addActions(m_actions->actions({ QStringLiteral("actionCopy"), QStringLiteral("actionPaste"),
        QStringLiteral("actionDelete"), QStringLiteral("actionRename"), QStringLiteral("actionSelectAll") }));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("actionFind")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_actions->actions({ QStringLiteral("actionZoomIn"), QStringLiteral("actionZoomOut"),
        QStringLiteral("actionZoomReset"), QStringLiteral("actionFit") }));
    view->addAction((new MapLegendWidget(m_view))->toggleAction());
    view->addMenu(m_layouts->menu());
    for (QAction *a : m_layouts->actions())
        m_actions->add(a, false);
    view->addSeparator();
    for (QDockWidget *d : std::as_const(m_docks))
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addActions(m_runWorkspace->viewMenuActions());
    view->addSeparator();
    for (QDockWidget *d : m_runWorkspace->docks())
        view->addAction(d->toggleViewAction());

    QMenu *map = menuBar()->addMenu(tr("&Map"));
    QMenu *addMenu = map->addMenu(tr("&Add Node"));
    addMenu->menuAction()->setObjectName(QStringLiteral("actionAddNodeMenu"));
    m_actions->add(addMenu->menuAction(), true);
    m_actions->markEditing({ addMenu->menuAction() });
    for (NodeKind kind : allNodeKinds())
        addMenu->addAction(MapStyle::kindIcon(kind), MapStyle::kindLabel(kind), this,
            [this, kind] { m_mapEditor->addNodeInView(kind); });
    map->addActions(m_actions->actions({ QStringLiteral("actionLayout"), QStringLiteral("actionPin") }));
    QMenu *nudge = map->addMenu(tr("&Nudge Selection"));
    for (QAction *a : m_nudge->actions()) {
        if (a == m_nudge->actions().at(4))
            nudge->addSeparator(); // the Shift steps
        nudge->addAction(a);
    }
    map->addSeparator();
    map->addActions(
        m_actions->actions({ QStringLiteral("actionNewFlow"), QStringLiteral("actionAddTestCase") }));

    menuBar()->addMenu(m_runWorkspace->runMenu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, [this] { showShortcuts(); });
    keys->setObjectName(QStringLiteral("actionShortcuts"));
    (new HelpPages(
         this, [this](const QString &name) { return action(name); }, [this] { m_documents->openExample(); }))
        ->addTo(help);
    help->addSeparator();
    help->addAction(tr("&About Flowbench"), this, [this] {
        QMessageBox::about(this, tr("About Flowbench"),
            tr("<b>Flowbench %1</b><p>A workbench for mapping user flows to the backend "
               "parts they touch, and testing them.</p>")
                .arg(QStringLiteral(FLOWBENCH_VERSION)));
    });

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setIconSize(QSize(18, 18));
    // Short words on the buttons (the menus keep the full names) so that at 1024 px wide
    // every button still shows.
    const std::pair<const char *, QString> shortTexts[]
        = { { "Open", tr("Open") }, { "Undo", tr("Undo") }, { "Redo", tr("Redo") },
              { "Layout", tr("Layout") }, { "Fit", tr("Fit") }, { "NewFlow", tr("New Flow") } };
    for (const auto &[name, text] : shortTexts) {
        QAction *a = action(QStringLiteral("action") + QLatin1String(name));
        a->setIcon(ActionIcons::icon(QLatin1String(name)));
        a->setIconText(text);
    }
    tools->addAction(action(QStringLiteral("actionOpen")));
    tools->addSeparator();
    // Undo and redo carry the command in their text ("Undo Rename New service to …"),
    // which stretched the toolbar: the buttons say "Undo" and show the command in the tooltip.
    for (const char *name : { "Undo", "Redo" })
        tools->addAction(shortUndoButton(action(QStringLiteral("action") + QLatin1String(name)), tools));
    tools->addSeparator();
    tools->addActions(m_actions->actions(
        { QStringLiteral("actionLayout"), QStringLiteral("actionFit"), QStringLiteral("actionNewFlow") }));
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    m_finder = new NodeFinder(m_mapEditor);
    tools->addWidget(m_finder);
    connect(m_finder, &NodeFinder::jumped, m_view, [this] { m_view->setFocus(); });
    connect(m_finder, &NodeFinder::notFound, this,
        [this](const QString &text) { showMessage(tr("No node named like “%1”").arg(text), 4000); });
    rebuildRecentMenu(m_documents->recentFiles());
}

QAction *MainWindow::shortUndoButton(QAction *full, QObject *parent)
{
    auto *button = new QAction(full->icon(), full->iconText(), parent);
    button->setObjectName(full->objectName() + QStringLiteral("Button"));
    auto follow = [button, full] {
        button->setEnabled(full->isEnabled());
        QString tip = full->text();
        tip.remove(QLatin1Char('&'));
        if (!full->shortcut().isEmpty())
            tip += QStringLiteral(" (%1)").arg(full->shortcut().toString(QKeySequence::NativeText));
        button->setToolTip(tip);
    };
    connect(full, &QAction::changed, button, follow);
    connect(button, &QAction::triggered, full, &QAction::trigger);
    follow();
    return button;
}

void MainWindow::createStatusBar()
{
    m_countsLabel = new QLabel;
    m_zoomLabel = new QLabel;
    m_pathLabel = new QLabel;
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layoutProgress = new LayoutProgress;
    statusBar()->addPermanentWidget(m_layoutProgress);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    statusBar()->addPermanentWidget(m_pathLabel);
    statusBar()->addPermanentWidget(m_presence = new PresenceLabel);
}

// Every part lets go of the old document (still alive during this call) and takes the new one.
void MainWindow::setDocument(ProjectDocument *doc)
{
    m_flows->cancelPicking();
    m_runWorkspace->setDocument(nullptr, nullptr, nullptr);
    m_flows->setDocument(nullptr, nullptr);
    m_properties->setDocument(nullptr);
    m_testCases->setDocument(nullptr);
    m_comments->setDocument(nullptr);
    m_finder->setDocument(nullptr);
    m_nudge->setScene(nullptr);
    m_mapEditor->setScene(nullptr);
    m_layoutProgress->setLayouter(nullptr);
    delete m_layouter; // cancels a layout of the old map
    m_layouter = nullptr;
    m_view->setMapScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
    for (QUndoStack *stack : m_undoGroup->stacks())
        m_undoGroup->removeStack(stack);

    if (doc) {
        m_undoGroup->addStack(doc->undoStack());
        m_undoGroup->setActiveStack(doc->undoStack());
        m_scene = new MapScene(doc, this);
        MapOverviewLayer::install(m_scene);
        m_view->setMapScene(m_scene);
        m_properties->setDocument(doc);
        m_testCases->setDocument(doc);
        m_comments->setDocument(doc);
        m_finder->setDocument(doc);
        m_nudge->setScene(m_scene);
        m_mapEditor->setScene(m_scene);
        m_flows->setDocument(doc, m_scene);
        m_runWorkspace->setDocument(doc, m_scene, m_view);
        if (!m_docksSized && isVisible()) {
            m_docksSized = true;
            m_layouts->applyDesignedSizes();
        }
        // Results (and their tabs) appear once there are some: a new project's empty
        // Results took a fifth of the window from the map.
        const Result<QList<Run>> runs = doc->runs();
        m_layouts->setHasResults(runs.ok() && !runs.value().isEmpty());
        connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
        connect(m_scene, &MapScene::connectRequested, m_mapEditor, &MapEditor::askEdgeKind);
        connect(m_scene, &MapScene::refused, this, [this](const QString &why) { showMessage(why, 8000); });
        m_layouter = new MapLayouter(doc, this);
        m_layoutProgress->setLayouter(m_layouter);
        connect(m_layouter, &MapLayouter::started, this, [this] {
            action(QStringLiteral("actionLayout"))->setEnabled(false);
            statusBar()->showMessage(tr("Laying out the map…"));
        });
        connect(m_layouter, &MapLayouter::done, this, [this](bool applied, const QString &message) {
            action(QStringLiteral("actionLayout"))->setEnabled(true);
            statusBar()->showMessage(message, 5000);
            if (applied)
                m_view->fitToContent();
        });
        for (auto signal : { &ProjectDocument::nodesAdded, &ProjectDocument::nodesRemoved })
            connect(doc, signal, this, [this] {
                updateStatus();
                m_overview->refit();
            });
        connect(doc, &ProjectDocument::nodesMoved, m_overview, &OverviewWidget::refit);
        connect(doc, &ProjectDocument::edgesAdded, this, &MainWindow::updateStatus);
        connect(doc, &ProjectDocument::edgesRemoved, this, &MainWindow::updateStatus);
        connect(doc, &ProjectDocument::testCasesChanged, this, &MainWindow::updateStatus);
        m_stack->setCurrentWidget(m_mapPage);
        m_view->fitToContent();
        // Again once the docks have settled the view's final size.
        QTimer::singleShot(0, m_view, &MapView::fitToContent);
        m_overview->refit();
        m_view->setFocus();
    } else {
        m_welcome->setRecentFiles(m_documents->recentFiles());
        m_welcome->setExampleAvailable(!DocumentController::examplePath().isEmpty());
        m_stack->setCurrentIndex(0); // the welcome page
    }
    m_overview->setMapView(m_view); // without a project: an empty overview, not the old picture
    m_readOnlyBanner->setDocument(doc);
    m_presence->setDocument(doc);
    // Read-only: what would only push a refused command is off; looking, finding, running
    // and Save As stay. A command pushed anyway is refused by the store, with a message.
    const bool writable = doc && !doc->isReadOnly();
    m_actions->setDocumentOpen(doc != nullptr, writable);
    for (QDockWidget *d : std::as_const(m_docks))
        d->widget()->setEnabled(doc != nullptr);
    m_palette->setEnabled(writable);
    for (QDockWidget *d : m_runWorkspace->docks())
        d->widget()->setEnabled(doc != nullptr);
    m_offlineBanner->setDocument(doc, m_palette); // offline: edit actions off, as read-only
    onSelectionChanged();
    updateStatus();
    updateTitle();
}

void MainWindow::updateStatus()
{
    const ProjectDocument *doc = document();
    if (!doc) {
        m_countsLabel->clear();
        m_zoomLabel->clear();
        m_pathLabel->clear();
        return;
    }
    m_countsLabel->setText(tr("%n node(s)", nullptr, doc->nodeCount()) + QStringLiteral(" · ")
        + tr("%n connection(s)", nullptr, doc->edgeCount()) + QStringLiteral(" · ")
        + tr("%n test case(s)", nullptr, int(doc->testCases().size())));
    m_zoomLabel->setText(tr("%1 %").arg(qRound(m_view->zoom() * 100)));
    const QString path = QDir::toNativeSeparators(doc->filePath());
    m_pathLabel->setText(doc->isReadOnly() ? tr("%1 (read-only)").arg(path) : path);
}

void MainWindow::updateTitle()
{
    const ProjectDocument *doc = document();
    if (!doc) {
        setWindowTitle(tr("Flowbench"));
        return;
    }
    const QString name
        = doc->projectName().isEmpty() ? QFileInfo(doc->filePath()).completeBaseName() : doc->projectName();
    // A shared project: "shop on db.example.com/teams" (the URL is in the status bar).
    const ProjectLocation where = doc->location();
    const QString file = where.isShared()
        ? tr("%1 on %2/%3").arg(where.project(), where.host(), where.database())
        : QFileInfo(doc->filePath()).fileName();
    if (doc->isReadOnly())
        setWindowTitle(tr("%1 — %2 [read-only] — Flowbench").arg(name, file));
    else
        setWindowTitle(tr("%1 — %2 — Flowbench").arg(name, file));
    setWindowFilePath(doc->filePath());
}

void MainWindow::rebuildRecentMenu(const QStringList &files)
{
    m_recentMenu->clear();
    for (const QString &f : files)
        m_recentMenu->addAction(
            QDir::toNativeSeparators(f), this, [this, f] { m_documents->openProject(f); });
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
    m_welcome->setRecentFiles(files);
}

void MainWindow::onSelectionChanged()
{
    const QList<Id> nodes = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    m_properties->setSelection(nodes, m_scene ? m_scene->selectedEdgeIds() : QList<Id>());
    m_comments->setSelection(nodes);
    m_testCases->setNode(nodes.size() == 1 ? nodes.first() : Id());
    QAction *pin = action(QStringLiteral("actionPin"));
    pin->setEnabled(!nodes.isEmpty() && document() && !document()->isReadOnly());
    pin->setText(m_mapEditor->selectionIsPinned() ? tr("Un&pin") : tr("&Pin in Place"));
}

void MainWindow::showMapContextMenu(const QPoint &globalPos, const QPointF &scenePos)
{
    if (!m_scene)
        return;
    QMenu menu(this);
    const QList<Id> nodes = m_scene->selectedNodeIds();
    bool onNode = false;
    for (QGraphicsItem *item : m_scene->items(scenePos))
        onNode |= item->isSelected() && item->flags().testFlag(QGraphicsItem::ItemIsMovable);
    if (onNode && !nodes.isEmpty()) {
        if (nodes.size() == 1)
            menu.addAction(action(QStringLiteral("actionRename")));
        menu.addAction(action(QStringLiteral("actionPin")));
        QAction *run
            = menu.addAction(tr("&Run Checks"), action(QStringLiteral("actionRunNode")), &QAction::trigger);
        run->setObjectName(QStringLiteral("contextRunChecks"));
        run->setEnabled(action(QStringLiteral("actionRunNode"))->isEnabled());
        if (nodes.size() == 1) {
            menu.addAction(action(QStringLiteral("actionAddTestCase")));
            QAction *impact = menu.addAction(
                tr("Show &Impact"), this, [this, id = nodes.first()] { m_runWorkspace->showImpact(id); });
            impact->setObjectName(QStringLiteral("contextShowImpact"));
            HistoryDialog::addMenuAction(
                &menu, document(), nodes.first(), this, QStringLiteral("contextHistory"));
        }
        QAction *copyName = menu.addAction(tr("Copy &Name"), this, [this, nodes] {
            QStringList names;
            for (const Id &id : nodes)
                if (const Node *n = document()->node(id))
                    names << n->name;
            QGuiApplication::clipboard()->setText(names.join(QLatin1Char('\n')));
        });
        copyName->setObjectName(QStringLiteral("contextCopyName"));
        menu.addSeparator();
        menu.addActions(m_actions->actions({ QStringLiteral("actionCopy"), QStringLiteral("actionDelete") }));
    } else {
        QMenu *add = menu.addMenu(tr("Add Node Here"));
        for (NodeKind kind : allNodeKinds())
            add->addAction(MapStyle::kindIcon(kind), MapStyle::kindLabel(kind), this, [this, kind, scenePos] {
                m_mapEditor->addNode(
                    kind, scenePos - QPointF(MapStyle::kNodeWidth / 2, MapStyle::kNodeHeight / 2));
            });
        menu.addAction(action(QStringLiteral("actionPaste")));
        menu.addSeparator();
        menu.addActions(m_actions->actions({ QStringLiteral("actionLayout"), QStringLiteral("actionFit") }));
    }
    menu.exec(globalPos);
}

// Reads the file again (changed by another window or the CLI), keeping the selection.
void MainWindow::reloadProject()
{
    const QList<Id> selected = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    if (Status s = m_documents->reload(); !s) {
        QMessageBox::warning(this, tr("Cannot reload the project"), s.error());
        return;
    }
    QList<Id> still;
    for (const Id &id : selected)
        if (document()->node(id))
            still << id;
    if (m_scene && !still.isEmpty())
        m_scene->selectNodes(still);
    showMessage(tr("Reloaded %1").arg(QDir::toNativeSeparators(document()->filePath())), 4000);
}

void MainWindow::showShortcuts()
{
    ShortcutsDialog(m_actions->all(), this).exec();
}

void MainWindow::showMessage(const QString &message, int timeoutMs)
{
    statusBar()->showMessage(message, timeoutMs);
}

void MainWindow::runLayout()
{
    if (!m_layouter || m_layouter->isRunning())
        return;
    m_layouter->start();
}

bool MainWindow::isLayoutRunning() const
{
    return m_layouter && m_layouter->isRunning();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace flowbench
