#include "shell/mainwindow.h"

#include "document/addnodescommand.h"
#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "document/removeedgecommand.h"
#include "document/removenodescommand.h"
#include "panels/commentspanel.h"
#include "shell/escapeshortcut.h"
#include "store/databasefile.h"
#include "panels/flowspanel.h"
#include "map/mapclipboard.h"
#include "map/maplayouter.h"
#include "map/mapnudge.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/overview/overviewwidget.h"
#include "map/overview/mapoverviewlayer.h"
#include "map/palettewidget.h"
#include "panels/propertiespanel.h"
#include "run/runworkspace.h"
#include "testcases/testcaseeditor.h"
#include "shell/welcomewidget.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCompleter>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QScrollArea>
#include <QShortcut>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStringListModel>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoView>

namespace flowbench {

namespace {
constexpr int kMaxRecent = 8;

QAction *makeAction(QObject *parent, const QString &name, const QString &text,
                    const QList<QKeySequence> &keys = {})
{
    auto *action = new QAction(text, parent);
    action->setObjectName(name);
    // A platform's standard key can repeat one of ours (ZoomOut is Ctrl+- on Linux): a key
    // listed twice is an ambiguous shortcut to Qt, and then it does nothing.
    QList<QKeySequence> unique;
    for (const QKeySequence &key : keys)
        if (!key.isEmpty() && !unique.contains(key))
            unique << key;
    action->setShortcuts(unique);
    return action;
}
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(MapStyle::kindIconPath(NodeKind::Screen).replace(QStringLiteral("kind-screen"), QStringLiteral("flowbench"))));
    m_undoGroup = new QUndoGroup(this);
    m_view = new MapView;
    m_view->setObjectName(QStringLiteral("mapView"));
    m_welcome = new WelcomeWidget;
    m_stack = new QStackedWidget;
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_view);
    setCentralWidget(m_stack);

    createActions();
    createDocks();
    createMenus();
    createStatusBar();
    m_runWorkspace = new RunWorkspace(this, m_viewMenu, m_testCases);
    // Escape ends a flow pick first; the next Escape cancels a run.
    m_escape = new EscapeShortcut(this);
    m_escape->add([flows = QPointer<FlowsPanel>(m_flows)] { return flows && flows->isPicking(); },
                  [this] { m_flows->cancelPicking(); });
    m_escape->add(action(QStringLiteral("actionCancelRun")));

    connect(m_welcome, &WelcomeWidget::newRequested, this, &MainWindow::newProjectDialog);
    connect(m_welcome, &WelcomeWidget::openRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomeWidget::exampleRequested, this, &MainWindow::openExample);
    connect(m_welcome, &WelcomeWidget::recentRequested, this, [this](const QString &path) {
        if (!path.isEmpty())
            openProject(path);
    });
    connect(m_view, &MapView::zoomChanged, this, &MainWindow::updateStatus);
    connect(m_view, &MapView::dropNodeRequested, this, &MainWindow::addNode);
    connect(m_view, &MapView::contextMenuRequested, this, &MainWindow::showMapContextMenu);
    connect(m_properties, &PropertiesPanel::nodeActivated, this, [this](const Id &id) {
        if (m_scene && m_scene->nodeItem(id)) {
            m_scene->selectNodes({id});
            m_view->centreOnNode(id);
        }
    });
    connect(m_palette, &PaletteWidget::kindActivated, this, [this](NodeKind kind) {
        const QPointF centre = m_view->visibleCentre();
        // Stagger clicks so repeated adds do not stack exactly on top of each other.
        const double step = 24.0 * (m_pasteCount++ % 6);
        addNode(kind, centre - QPointF(MapStyle::kNodeWidth / 2 - step, MapStyle::kNodeHeight / 2 - step));
    });

    QSettings settings;
    resize(1400, 900);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setDocument(nullptr);
}

MainWindow::~MainWindow()
{
    // The scene reads the document while its items go: drop it first.
    m_view->setMapScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
}

QAction *MainWindow::action(const QString &objectName) const { return findChild<QAction *>(objectName); }

void MainWindow::createActions()
{
    auto add = [this](const QString &name, const QString &text, const QList<QKeySequence> &keys, auto slot,
                      bool needsDocument = true) {
        QAction *a = makeAction(this, name, text, keys);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        if (needsDocument)
            m_documentActions.append(a);
        return a;
    };
    add(QStringLiteral("actionNew"), tr("&New Project…"), {QKeySequence::New}, &MainWindow::newProjectDialog, false);
    add(QStringLiteral("actionOpen"), tr("&Open Project…"), {QKeySequence::Open}, &MainWindow::openProjectDialog, false);
    add(QStringLiteral("actionSaveAs"), tr("Save &As…"), {QKeySequence::SaveAs}, &MainWindow::saveAsDialog);
    add(QStringLiteral("actionClose"), tr("&Close Project"), {QKeySequence::Close}, &MainWindow::closeProject);
    add(QStringLiteral("actionQuit"), tr("&Quit"), {QKeySequence::Quit}, &QWidget::close, false);

    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    addAction(undo);
    addAction(redo);

    add(QStringLiteral("actionCopy"), tr("&Copy"), {QKeySequence::Copy}, &MainWindow::copySelection);
    add(QStringLiteral("actionPaste"), tr("&Paste"), {QKeySequence::Paste}, &MainWindow::paste);
    add(QStringLiteral("actionDelete"), tr("&Delete"), {QKeySequence::Delete}, [this] { deleteSelection(true); });
    add(QStringLiteral("actionRename"), tr("Re&name"), {QKeySequence(Qt::Key_F2)}, [this] {
        const QList<Id> ids = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
        if (ids.size() == 1)
            m_view->beginRename(ids.first());
    });
    add(QStringLiteral("actionSelectAll"), tr("Select &All"), {QKeySequence::SelectAll}, [this] {
        if (m_scene)
            for (QGraphicsItem *item : m_scene->items())
                if (item->flags() & QGraphicsItem::ItemIsSelectable)
                    item->setSelected(true);
    });
    add(QStringLiteral("actionFind"), tr("&Find Node…"), {QKeySequence(Qt::CTRL | Qt::Key_F), QKeySequence(Qt::CTRL | Qt::Key_K)}, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    add(QStringLiteral("actionPin"), tr("&Pin in Place"), {QKeySequence(Qt::CTRL | Qt::Key_P)}, &MainWindow::togglePin);
    add(QStringLiteral("actionZoomIn"), tr("Zoom &In"), {QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn}, [this] { m_view->zoomIn(); });
    add(QStringLiteral("actionZoomOut"), tr("Zoom &Out"), {QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut}, [this] { m_view->zoomOut(); });
    add(QStringLiteral("actionZoomReset"), tr("&Actual Size"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, [this] { m_view->resetZoom(); });
    add(QStringLiteral("actionFit"), tr("&Fit Map to Window"), {QKeySequence(Qt::CTRL | Qt::Key_1)}, [this] { m_view->fitToContent(); });
    add(QStringLiteral("actionLayout"), tr("&Layout Map"), {QKeySequence(Qt::CTRL | Qt::Key_L)}, &MainWindow::runLayout);
    add(QStringLiteral("actionNewFlow"), tr("New &Flow…"), {}, [this] {
        findChild<QDockWidget *>(QStringLiteral("flowsDock"))->raise();
        m_flows->findChild<QPushButton *>(QStringLiteral("newFlowButton"))->click();
    });
    add(QStringLiteral("actionAddTestCase"), tr("Add &Test Case"), {QKeySequence(Qt::CTRL | Qt::Key_T)}, [this] {
        m_testCasesDock->raise();
        m_testCases->addTestCase();
    });

    m_nudge = new MapNudge(m_view, this);

    // Finishing a flow being picked on the map; Escape cancels the pick (see m_escape).
    auto *finish = new QShortcut(QKeySequence(Qt::Key_Return), this);
    auto *finishEnter = new QShortcut(QKeySequence(Qt::Key_Enter), this);
    for (QShortcut *s : {finish, finishEnter})
        s->setEnabled(false);
    connect(finish, &QShortcut::activated, this, [this] { m_flows->finishPicking(); });
    connect(finishEnter, &QShortcut::activated, this, [this] { m_flows->finishPicking(); });
    m_flows = new FlowsPanel;
    connect(m_flows, &FlowsPanel::pickingChanged, this, [=](bool picking) {
        for (QShortcut *s : {finish, finishEnter})
            s->setEnabled(picking);
        if (m_escape)
            m_escape->update();
        statusBar()->showMessage(picking ? tr("Click the nodes of the flow in order; Enter finishes, Escape cancels.")
                                         : QString());
    });
}

void MainWindow::createDocks()
{
    m_palette = new PaletteWidget;
    m_overview = new OverviewWidget;
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
        return d;
    };
    QDockWidget *palette = dock(QStringLiteral("paletteDock"), tr("Palette"), m_palette, Qt::LeftDockWidgetArea);
    QDockWidget *overview = dock(QStringLiteral("overviewDock"), tr("Overview"), m_overview, Qt::LeftDockWidgetArea);
    QDockWidget *flows = dock(QStringLiteral("flowsDock"), tr("Flows"), m_flows, Qt::LeftDockWidgetArea);
    QDockWidget *props = dock(QStringLiteral("propertiesDock"), tr("Properties"), m_properties, Qt::RightDockWidgetArea);
    // In a scroll area: the editor's forms want ~460 px of height, and as the dock's own
    // minimum they squeezed the Properties dock above it to two fields.
    auto *testsScroll = new QScrollArea;
    testsScroll->setWidget(m_testCases);
    testsScroll->setWidgetResizable(true);
    testsScroll->setFrameShape(QFrame::NoFrame);
    QDockWidget *tests = dock(QStringLiteral("testCasesDock"), tr("Test Cases"), testsScroll, Qt::RightDockWidgetArea);
    m_testCasesDock = tests;
    m_propertiesDock = props;
    QDockWidget *undo = dock(QStringLiteral("historyDock"), tr("History"), history, Qt::RightDockWidgetArea);
    tabifyDockWidget(tests, undo);
    QDockWidget *comments = dock(QStringLiteral("commentsDock"), tr("Comments"), m_comments, Qt::RightDockWidgetArea);
    tabifyDockWidget(tests, comments);
    connect(m_comments, &CommentsPanel::openCountChanged, comments, [comments](int open) {
        comments->setWindowTitle(open > 0 ? tr("Comments (%1)").arg(open) : tr("Comments"));
    });
    tests->raise();
    Q_UNUSED(palette);
    Q_UNUSED(overview);
    Q_UNUSED(flows);
    Q_UNUSED(props);
    resizeDocks({palette, overview, flows}, {300, 180, 260}, Qt::Vertical);
    resizeDocks({palette, props}, {230, 340}, Qt::Horizontal);
    resizeDocks({props, tests}, {470, 380}, Qt::Vertical);
    m_overview->setMapView(m_view);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("actionNew")));
    file->addAction(action(QStringLiteral("actionOpen")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionSaveAs")));
    file->addAction(action(QStringLiteral("actionClose")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("actionQuit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(QStringLiteral("actionUndo")));
    edit->addAction(action(QStringLiteral("actionRedo")));
    edit->addSeparator();
    for (const char *name : {"actionCopy", "actionPaste", "actionDelete", "actionRename", "actionSelectAll"})
        edit->addAction(action(QString::fromLatin1(name)));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("actionFind")));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (const char *name : {"actionZoomIn", "actionZoomOut", "actionZoomReset", "actionFit"})
        m_viewMenu->addAction(action(QString::fromLatin1(name)));
    m_viewMenu->addSeparator();
    for (QDockWidget *d : findChildren<QDockWidget *>())
        m_viewMenu->addAction(d->toggleViewAction());

    QMenu *map = menuBar()->addMenu(tr("&Map"));
    QMenu *addMenu = map->addMenu(tr("&Add Node"));
    for (NodeKind kind : allNodeKinds()) {
        QAction *a = addMenu->addAction(MapStyle::kindIcon(kind), MapStyle::kindLabel(kind));
        m_documentActions.append(a);
        connect(a, &QAction::triggered, this, [this, kind] {
            addNode(kind, m_view->visibleCentre() - QPointF(MapStyle::kNodeWidth / 2, MapStyle::kNodeHeight / 2));
        });
    }
    map->addAction(action(QStringLiteral("actionLayout")));
    map->addAction(action(QStringLiteral("actionPin")));
    QMenu *nudge = map->addMenu(tr("&Nudge Selection"));
    for (QAction *a : m_nudge->actions()) {
        if (a == m_nudge->actions().at(4))
            nudge->addSeparator(); // the Shift steps
        nudge->addAction(a);
    }
    map->addSeparator();
    map->addAction(action(QStringLiteral("actionNewFlow")));
    map->addAction(action(QStringLiteral("actionAddTestCase")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Flowbench"), this, [this] {
        QMessageBox::about(this, tr("About Flowbench"),
                           tr("<b>Flowbench %1</b><p>A workbench for mapping user flows to the backend "
                              "parts they touch, and testing them.</p>").arg(QStringLiteral(FLOWBENCH_VERSION)));
    });

    QToolBar *tools = addToolBar(tr("Main"));
    tools->setObjectName(QStringLiteral("mainToolBar"));
    tools->setMovable(false);
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(action(QStringLiteral("actionOpen")));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("actionUndo")));
    tools->addAction(action(QStringLiteral("actionRedo")));
    tools->addSeparator();
    tools->addAction(action(QStringLiteral("actionLayout")));
    tools->addAction(action(QStringLiteral("actionFit")));
    tools->addAction(action(QStringLiteral("actionNewFlow")));
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    m_find = new QLineEdit;
    m_find->setObjectName(QStringLiteral("findEdit"));
    m_find->setPlaceholderText(tr("Jump to node…  (Ctrl+K)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(280);
    m_findModel = new QStringListModel(this);
    m_completer = new QCompleter(m_findModel, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_find->setCompleter(m_completer);
    tools->addWidget(m_find);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (jumpTo(m_find->text())) {
            m_find->clear();
            m_view->setFocus();
        } else {
            statusBar()->showMessage(tr("No node named like “%1”").arg(m_find->text()), 4000);
        }
    });
    connect(m_completer, QOverload<const QString &>::of(&QCompleter::activated), this, [this](const QString &text) {
        if (jumpTo(text)) {
            m_find->clear();
            m_view->setFocus();
        }
    });
    rebuildRecentMenu();
}

void MainWindow::createStatusBar()
{
    m_countsLabel = new QLabel;
    m_zoomLabel = new QLabel;
    m_pathLabel = new QLabel;
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_layoutProgress = new QProgressBar;
    m_layoutProgress->setRange(0, 0);
    m_layoutProgress->setMaximumWidth(120);
    m_layoutProgress->setMaximumHeight(14);
    m_layoutProgress->setVisible(false);
    m_layoutCancel = new QPushButton(tr("Cancel layout"));
    m_layoutCancel->setObjectName(QStringLiteral("cancelLayoutButton"));
    m_layoutCancel->setFlat(true);
    m_layoutCancel->setVisible(false);
    connect(m_layoutCancel, &QPushButton::clicked, this, [this] {
        if (m_layouter)
            m_layouter->cancel();
    });
    statusBar()->addPermanentWidget(m_layoutProgress);
    statusBar()->addPermanentWidget(m_layoutCancel);
    statusBar()->addPermanentWidget(m_countsLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
    statusBar()->addPermanentWidget(m_pathLabel);
}

void MainWindow::setDocument(std::unique_ptr<ProjectDocument> document)
{
    m_runWorkspace->setDocument(nullptr, nullptr, nullptr); // run workspace
    m_flows->setDocument(nullptr, nullptr);
    m_properties->setDocument(nullptr);
    m_testCases->setDocument(nullptr);
    m_comments->setDocument(nullptr);
    m_nudge->setScene(nullptr);
    delete m_layouter; // cancels a layout of the old map
    m_layouter = nullptr;
    m_layoutProgress->setVisible(false);
    m_layoutCancel->setVisible(false);
    m_view->setMapScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
    if (m_document)
        m_undoGroup->removeStack(m_document->undoStack());
    m_document = std::move(document);
    m_pasteCount = 0;

    if (m_document) {
        ProjectDocument *doc = m_document.get();
        m_undoGroup->addStack(doc->undoStack());
        m_undoGroup->setActiveStack(doc->undoStack());
        m_scene = new MapScene(doc, this);
        MapOverviewLayer::install(m_scene);
        m_view->setMapScene(m_scene);
        m_overview->setMapView(m_view);
        m_properties->setDocument(doc);
        m_testCases->setDocument(doc);
        m_comments->setDocument(doc);
        m_nudge->setScene(m_scene);
        m_flows->setDocument(doc, m_scene);
        m_runWorkspace->setDocument(doc, m_scene, m_view);
        if (!m_docksSized && isVisible()) {
            // The step forms need room: once the window has its size, widen the right docks.
            m_docksSized = true;
            resizeDocks({m_testCasesDock}, {qMax(560, width() * 2 / 5)}, Qt::Horizontal);
            resizeDocks({m_propertiesDock, m_testCasesDock}, {height() * 2 / 5, height() * 3 / 5}, Qt::Vertical);
        }
        connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
        connect(m_scene, &MapScene::connectRequested, this, &MainWindow::askEdgeKind);
        m_layouter = new MapLayouter(doc, this);
        connect(m_layouter, &MapLayouter::started, this, [this] {
            m_layoutProgress->setRange(0, 0);
            m_layoutProgress->setVisible(true);
            m_layoutCancel->setVisible(true);
            action(QStringLiteral("actionLayout"))->setEnabled(false);
            statusBar()->showMessage(tr("Laying out the map…"));
        });
        connect(m_layouter, &MapLayouter::progressChanged, this, [this](int done, int total) {
            m_layoutProgress->setRange(0, total);
            m_layoutProgress->setValue(done);
        });
        connect(m_layouter, &MapLayouter::done, this, [this](bool applied, const QString &message) {
            m_layoutProgress->setVisible(false);
            m_layoutCancel->setVisible(false);
            action(QStringLiteral("actionLayout"))->setEnabled(true);
            statusBar()->showMessage(message, 5000);
            if (applied)
                m_view->fitToContent();
        });
        connect(doc, &ProjectDocument::errorOccurred, this, [this](const QString &message) {
            showError(tr("The change was not saved"), message);
        });
        for (auto signal : {&ProjectDocument::nodesAdded, &ProjectDocument::nodesRemoved})
            connect(doc, signal, this, [this] { updateStatus(); updateFindModel(); m_overview->refit(); });
        connect(doc, &ProjectDocument::nodeChanged, this, [this] { updateFindModel(); });
        connect(doc, &ProjectDocument::nodesMoved, this, [this] { m_overview->refit(); });
        connect(doc, &ProjectDocument::edgesAdded, this, &MainWindow::updateStatus);
        connect(doc, &ProjectDocument::edgesRemoved, this, &MainWindow::updateStatus);
        connect(doc, &ProjectDocument::testCasesChanged, this, &MainWindow::updateStatus);
        m_stack->setCurrentWidget(m_view);
        m_view->fitToContent();
        // Again once the docks have settled the view's final size.
        QTimer::singleShot(0, m_view, &MapView::fitToContent);
        m_overview->refit();
        m_view->setFocus();
    } else {
        m_welcome->setRecentFiles(recentFiles());
        m_welcome->setExampleAvailable(!examplePath().isEmpty());
        m_stack->setCurrentWidget(m_welcome);
    }
    updateFindModel();
    updateActions();
    updateStatus();
    updateTitle();
}

void MainWindow::updateActions()
{
    const bool open = m_document != nullptr;
    for (QAction *a : m_documentActions)
        a->setEnabled(open);
    for (QDockWidget *d : findChildren<QDockWidget *>())
        d->widget()->setEnabled(open);
    m_find->setEnabled(open);
}

void MainWindow::updateStatus()
{
    if (!m_document) {
        m_countsLabel->clear();
        m_zoomLabel->clear();
        m_pathLabel->clear();
        return;
    }
    m_countsLabel->setText(tr("%n node(s)", nullptr, m_document->nodeCount()) + QStringLiteral(" · ")
                           + tr("%n connection(s)", nullptr, m_document->edgeCount()) + QStringLiteral(" · ")
                           + tr("%n test case(s)", nullptr, int(m_document->testCases().size())));
    m_zoomLabel->setText(tr("%1 %").arg(qRound(m_view->zoom() * 100)));
    m_pathLabel->setText(QDir::toNativeSeparators(m_document->filePath()));
}

void MainWindow::updateTitle()
{
    if (!m_document) {
        setWindowTitle(tr("Flowbench"));
        return;
    }
    const QString name = m_document->projectName().isEmpty() ? QFileInfo(m_document->filePath()).completeBaseName()
                                                             : m_document->projectName();
    setWindowTitle(tr("%1 — %2 — Flowbench").arg(name, QFileInfo(m_document->filePath()).fileName()));
    setWindowFilePath(m_document->filePath());
}

void MainWindow::updateFindModel()
{
    QStringList names;
    if (m_document)
        for (const Node &n : m_document->nodes())
            names << n.name;
    names.sort(Qt::CaseInsensitive);
    names.removeDuplicates();
    m_findModel->setStringList(names);
}

Status MainWindow::openProjectFile(const QString &path)
{
    auto doc = ProjectDocument::open(QFileInfo(path).absoluteFilePath());
    if (!doc)
        return Status::failure(doc.error());
    setDocument(std::move(doc.value()));
    addRecentFile(m_document->filePath());
    return success();
}

Status MainWindow::newProjectFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    auto doc = ProjectDocument::create(absolute, QFileInfo(absolute).completeBaseName());
    if (!doc)
        return Status::failure(doc.error());
    setDocument(std::move(doc.value()));
    addRecentFile(absolute);
    return success();
}

bool MainWindow::openProject(const QString &path)
{
    Status s = openProjectFile(path);
    if (!s)
        showError(tr("Cannot open project"),
                  tr("Flowbench could not open the project\n%1\n\n%2").arg(QDir::toNativeSeparators(path), s.error()));
    return s.ok();
}

void MainWindow::closeProject()
{
    m_flows->cancelPicking();
    setDocument(nullptr);
}

void MainWindow::showError(const QString &title, const QString &message)
{
    QMessageBox box(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorDialog"));
    box.exec();
}

void MainWindow::newProjectDialog()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"), dir + tr("/Untitled.flowbench"),
                                                tr("Flowbench projects (*.flowbench)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".flowbench")))
        path += QStringLiteral(".flowbench");
    Status s = success();
    if (QFileInfo::exists(path)) {
        // The file dialog asked whether to replace it: the old file stays whole until the
        // new, empty project is complete.
        if (m_document && QFileInfo(path).absoluteFilePath() == m_document->filePath())
            closeProject(); // its edits are saved; the store must let go of the file
        Project empty;
        empty.name = QFileInfo(path).completeBaseName();
        s = writeProjectFile(empty, QFileInfo(path).absoluteFilePath());
        if (s)
            s = openProjectFile(path);
    } else {
        s = newProjectFile(path);
    }
    if (!s)
        showError(tr("Cannot create project"), tr("Flowbench could not create\n%1\n\n%2").arg(QDir::toNativeSeparators(path), s.error()));
}

void MainWindow::openProjectDialog()
{
    const QString start = m_document ? QFileInfo(m_document->filePath()).absolutePath()
                                     : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), start,
                                                      tr("Flowbench projects (*.flowbench);;All files (*)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::saveAsDialog()
{
    if (!m_document)
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"), m_document->filePath(),
                                                tr("Flowbench projects (*.flowbench)"));
    if (path.isEmpty() || QFileInfo(path).absoluteFilePath() == m_document->filePath())
        return;
    if (!path.endsWith(QStringLiteral(".flowbench")))
        path += QStringLiteral(".flowbench");
    if (Status s = saveCopyAs(path); !s) {
        showError(tr("Cannot save project"), s.error());
        return;
    }
    statusBar()->showMessage(tr("Saved a copy as %1; you are now editing it.").arg(QDir::toNativeSeparators(path)), 6000);
}

Status MainWindow::saveCopyAs(const QString &path)
{
    if (!m_document)
        return Status::failure(tr("No project is open."));
    const QString target = QFileInfo(path).absoluteFilePath();
    if (target == m_document->filePath())
        return Status::failure(tr("%1 is the open project.").arg(QDir::toNativeSeparators(target)));
    // Edits are saved already: the copy is the whole project written into a new file.
    auto project = m_document->store()->load();
    if (!project)
        return Status::failure(project.error());
    // Replacing an existing file: it stays whole until the copy is complete.
    if (Status s = writeProjectFile(project.value(), target); !s)
        return Status::failure(tr("Flowbench could not write %1: %2").arg(QDir::toNativeSeparators(target), s.error()));
    return openProjectFile(target);
}

QString MainWindow::examplePath()
{
    const QString env = qEnvironmentVariable("FLOWBENCH_EXAMPLE");
    if (!env.isEmpty())
        return QFileInfo::exists(env) ? env : QString();
    const QDir dir(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {QStringLiteral("../examples/shop.flowbench"), QStringLiteral("examples/shop.flowbench"),
                                     QStringLiteral("../share/flowbench/examples/shop.flowbench")}) {
        const QString path = dir.absoluteFilePath(candidate);
        if (QFileInfo::exists(path))
            return QDir::cleanPath(path);
    }
    return QString();
}

void MainWindow::openExample()
{
    const QString source = examplePath();
    if (source.isEmpty()) {
        showError(tr("Example not found"), tr("The example project shop.flowbench was not found next to the "
                                              "program. Set FLOWBENCH_EXAMPLE to its path."));
        return;
    }
    // Edits are saved at once: work on a copy so the shipped example stays as it is.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    const QString copy = dir + QStringLiteral("/shop-example.flowbench");
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(copy + suffix);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")})
        if (QFileInfo::exists(source + suffix))
            QFile::copy(source + suffix, copy + suffix);
    QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (openProject(copy))
        statusBar()->showMessage(tr("Opened a copy of the example project; edits are saved to %1").arg(QDir::toNativeSeparators(copy)), 8000);
}

QStringList MainWindow::recentFiles() const
{
    QStringList files;
    for (const QString &f : QSettings().value(QStringLiteral("recentFiles")).toStringList())
        if (QFileInfo::exists(f))
            files << f;
    return files;
}

void MainWindow::addRecentFile(const QString &path)
{
    QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString &f : files)
        m_recentMenu->addAction(QDir::toNativeSeparators(f), this, [this, f] { openProject(f); });
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
    m_welcome->setRecentFiles(files);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

Id MainWindow::addNode(NodeKind kind, const QPointF &topLeft)
{
    if (!m_document)
        return Id();
    // "New table", "New table 2"...: a name the user can find and rename.
    const QString base = tr("New %1").arg(MapStyle::kindLabel(kind).toLower());
    QString name = base;
    for (int i = 2; m_document->snapshot().nodeByName(name); ++i)
        name = QStringLiteral("%1 %2").arg(base).arg(i);
    Node node;
    node.kind = kind;
    node.name = name;
    node.x = qRound(topLeft.x());
    node.y = qRound(topLeft.y());
    auto *cmd = new AddNodesCommand(m_document.get(), {node});
    const Id id = cmd->nodeIds().first();
    m_document->undoStack()->push(cmd);
    m_scene->selectNodes({id});
    m_view->setFocus();
    return id;
}

QString MainWindow::deleteQuestion(const QList<Id> &nodeIds) const
{
    auto summary = m_document->previewRemoveNodes(nodeIds);
    if (!summary)
        return summary.error();
    QStringList parts;
    if (summary->edges)
        parts << tr("%n connection(s)", nullptr, summary->edges);
    if (summary->testCases)
        parts << tr("%n test case(s)", nullptr, summary->testCases);
    if (summary->comments)
        parts << tr("%n comment(s)", nullptr, summary->comments);
    if (summary->flowSteps)
        parts << tr("%n step(s) in flows", nullptr, summary->flowSteps);
    if (parts.isEmpty())
        return QString();
    const Node *only = nodeIds.size() == 1 ? m_document->node(nodeIds.first()) : nullptr;
    const QString what = only ? tr("“%1”").arg(only->name) : tr("%n node(s)", nullptr, int(nodeIds.size()));
    return tr("Delete %1? This also deletes %2.").arg(what, parts.join(tr(", ")));
}

void MainWindow::deleteSelection(bool ask)
{
    if (!m_scene)
        return;
    const QList<Id> nodes = m_scene->selectedNodeIds();
    QList<Id> edges;
    for (const Id &e : m_scene->selectedEdgeIds()) {
        const Edge *edge = m_document->edge(e);
        if (edge && !nodes.contains(edge->from) && !nodes.contains(edge->to))
            edges << e; // the others go with their nodes
    }
    if (nodes.isEmpty() && edges.isEmpty())
        return;
    if (ask && !nodes.isEmpty()) {
        const QString question = deleteQuestion(nodes);
        if (!question.isEmpty()) {
            QMessageBox box(QMessageBox::Question, tr("Delete"), question, QMessageBox::Cancel, this);
            box.setObjectName(QStringLiteral("deleteDialog"));
            box.setInformativeText(tr("You can undo this with %1.").arg(QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
            QPushButton *yes = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
            box.setDefaultButton(yes);
            box.exec();
            if (box.clickedButton() != yes)
                return;
        }
    }
    QUndoStack *stack = m_document->undoStack();
    const bool macro = !edges.isEmpty() && (!nodes.isEmpty() || edges.size() > 1);
    if (macro)
        stack->beginMacro(tr("Delete selection"));
    for (const Id &e : edges)
        stack->push(new RemoveEdgeCommand(m_document.get(), e));
    if (!nodes.isEmpty())
        stack->push(new RemoveNodesCommand(m_document.get(), nodes));
    if (macro)
        stack->endMacro();
}

void MainWindow::copySelection()
{
    if (!m_scene || m_scene->selectedNodeIds().isEmpty())
        return;
    QApplication::clipboard()->setMimeData(MapClipboard::copy(*m_document, m_scene->selectedNodeIds()));
    m_pasteCount = 0;
    statusBar()->showMessage(tr("Copied %n node(s)", nullptr, int(m_scene->selectedNodeIds().size())), 3000);
}

void MainWindow::paste()
{
    if (!m_document)
        return;
    QList<Node> nodes;
    QList<Edge> edges;
    const double offset = 40.0 * ++m_pasteCount;
    if (!MapClipboard::fromMime(QApplication::clipboard()->mimeData(), QPointF(offset, offset), &nodes, &edges)) {
        statusBar()->showMessage(tr("The clipboard holds no Flowbench nodes."), 3000);
        return;
    }
    auto *cmd = new AddNodesCommand(m_document.get(), nodes, edges);
    cmd->setText(tr("Paste %n node(s)", nullptr, int(nodes.size())));
    const QList<Id> ids = cmd->nodeIds();
    m_document->undoStack()->push(cmd);
    m_scene->selectNodes(ids);
}

bool MainWindow::jumpTo(const QString &text)
{
    const QString wanted = text.trimmed();
    if (!m_document || wanted.isEmpty())
        return false;
    const Node *best = nullptr;
    int bestRank = 3;
    for (const Node &n : m_document->nodes()) {
        int rank = 3;
        if (n.name.compare(wanted, Qt::CaseInsensitive) == 0)
            rank = 0;
        else if (n.name.startsWith(wanted, Qt::CaseInsensitive))
            rank = 1;
        else if (n.name.contains(wanted, Qt::CaseInsensitive))
            rank = 2;
        if (rank < bestRank) {
            bestRank = rank;
            best = m_document->node(n.id);
        }
    }
    if (!best)
        return false;
    const Id id = best->id;
    m_scene->selectNodes({id});
    m_view->centreOnNode(id);
    return true;
}

void MainWindow::onSelectionChanged()
{
    const QList<Id> nodes = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    m_properties->setSelection(nodes, m_scene ? m_scene->selectedEdgeIds() : QList<Id>());
    m_comments->setSelection(nodes);
    m_testCases->setNode(nodes.size() == 1 ? nodes.first() : Id());
    action(QStringLiteral("actionPin"))->setEnabled(!nodes.isEmpty());
    bool allPinned = !nodes.isEmpty();
    for (const Id &id : nodes)
        if (const Node *n = m_document->node(id); n && !n->pinned)
            allPinned = false;
    action(QStringLiteral("actionPin"))->setText(allPinned ? tr("Un&pin") : tr("&Pin in Place"));
}

void MainWindow::togglePin()
{
    const QList<Id> nodes = m_scene ? m_scene->selectedNodeIds() : QList<Id>();
    if (nodes.isEmpty())
        return;
    bool allPinned = true;
    for (const Id &id : nodes)
        if (const Node *n = m_document->node(id); n && !n->pinned)
            allPinned = false;
    QList<Id> changing;
    for (const Id &id : nodes)
        if (const Node *n = m_document->node(id); n && n->pinned == allPinned)
            changing << id;
    m_document->undoStack()->push(new ChangeValue<Node, bool>(
        m_document.get(), changing, &Node::pinned, !allPinned, allPinned ? tr("Unpin") : tr("Pin in place")));
    onSelectionChanged();
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
        if (nodes.size() == 1)
            menu.addAction(action(QStringLiteral("actionAddTestCase")));
        menu.addSeparator();
        menu.addAction(action(QStringLiteral("actionCopy")));
        menu.addAction(action(QStringLiteral("actionDelete")));
    } else {
        QMenu *add = menu.addMenu(tr("Add Node Here"));
        for (NodeKind kind : allNodeKinds())
            add->addAction(MapStyle::kindIcon(kind), MapStyle::kindLabel(kind), this, [this, kind, scenePos] {
                addNode(kind, scenePos - QPointF(MapStyle::kNodeWidth / 2, MapStyle::kNodeHeight / 2));
            });
        menu.addAction(action(QStringLiteral("actionPaste")));
        menu.addSeparator();
        menu.addAction(action(QStringLiteral("actionLayout")));
        menu.addAction(action(QStringLiteral("actionFit")));
    }
    menu.exec(globalPos);
}

void MainWindow::askEdgeKind(const Id &from, const Id &to, const QPoint &screenPos)
{
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("edgeKindMenu"));
    const Node *a = m_document->node(from);
    const Node *b = m_document->node(to);
    if (!a || !b)
        return;
    menu.addSection(tr("%1 → %2").arg(a->name, b->name));
    for (EdgeKind kind : allEdgeKinds()) {
        QAction *act = menu.addAction(MapStyle::edgeKindLabel(kind));
        act->setData(toString(kind));
    }
    QAction *chosen = menu.exec(screenPos);
    if (!chosen)
        return;
    if (auto kind = edgeKindFromString(chosen->data().toString()))
        m_scene->connectNodes(from, to, *kind);
}

void MainWindow::runLayout()
{
    if (!m_layouter || m_layouter->isRunning())
        return;
    m_layouter->start();
}

bool MainWindow::isLayoutRunning() const { return m_layouter && m_layouter->isRunning(); }

} // namespace flowbench
