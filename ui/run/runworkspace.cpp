#include "run/runworkspace.h"
#include "testcases/testcaseform.h"

#include "analysis/coveragepanel.h"
#include "analysis/impactanalysis.h"
#include "analysis/impactpanel.h"
#include "dialogs/environmentdialog.h"
#include "document/changeenvironmentscommand.h"
#include "document/projectdocument.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "run/resultspanel.h"
#include "run/runcontroller.h"
#include "run/runhistorypanel.h"
#include "testcases/testcaseeditor.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QTableView>
#include <QToolBar>

namespace flowbench {

namespace {
// The environment last used, per project file: {file path: environment name}.
const QString kEnvironmentsKey = QStringLiteral("run/environmentByProject");

QString rememberedEnvironment(const QString &projectPath)
{
    return QSettings().value(kEnvironmentsKey).toMap().value(projectPath).toString();
}

void rememberEnvironment(const QString &projectPath, const QString &name)
{
    QSettings settings;
    QVariantMap map = settings.value(kEnvironmentsKey).toMap();
    if (map.value(projectPath).toString() == name)
        return;
    map.insert(projectPath, name);
    settings.setValue(kEnvironmentsKey, map);
}
} // namespace

// The one remembered for this project if it still exists; else the first that is not
// protected (a first look at a project must not start on "staging"); else the first.
QString initialEnvironment(const QList<Environment> &environments, const QString &remembered)
{
    for (const Environment &e : environments)
        if (e.name == remembered)
            return e.name;
    for (const Environment &e : environments)
        if (!e.isProtected)
            return e.name;
    return environments.isEmpty() ? QString() : environments.first().name;
}

namespace {
QAction *makeAction(QObject *parent, const QString &name, const QString &text, const QKeySequence &key = {})
{
    auto *a = new QAction(text, parent);
    a->setObjectName(name);
    if (!key.isEmpty())
        a->setShortcut(key);
    return a;
}
} // namespace

RunWorkspace::RunWorkspace(QMainWindow *window, TestCaseEditor *editor)
    : QObject(window)
    , m_window(window)
    , m_editor(editor)
{
    qRegisterMetaType<RunScope>();
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RunWorkspace::refreshAnalyses);
    createDocks();
    createActions();
    updateActions();
}

RunWorkspace::~RunWorkspace() = default;

MapOverlay *RunWorkspace::overlay() const
{
    return m_overlay.data();
}

qint64 RunWorkspace::staleAfterSeconds()
{
    const double hours = QSettings().value(QStringLiteral("results/staleAfterHours"), 24.0).toDouble();
    return qint64(qMax(0.0, hours) * 3600);
}

void RunWorkspace::createDocks()
{
    auto dock = [this](const QString &name, const QString &title, QWidget *widget, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, m_window);
        d->setObjectName(name);
        d->setWidget(widget);
        m_window->addDockWidget(area, d);
        return d;
    };
    m_results = new ResultsPanel;
    m_results->setObjectName(QStringLiteral("resultsPanel"));
    m_history = new RunHistoryPanel;
    m_history->setObjectName(QStringLiteral("runHistoryPanel"));
    m_coverage = new CoveragePanel;
    m_coverage->setObjectName(QStringLiteral("coveragePanel"));
    m_impact = new ImpactPanel;
    m_impact->setObjectName(QStringLiteral("impactPanel"));
    m_resultsDock = dock(QStringLiteral("resultsDock"), tr("Results"), m_results, Qt::BottomDockWidgetArea);
    QDockWidget *history
        = dock(QStringLiteral("runHistoryDock"), tr("Run History"), m_history, Qt::BottomDockWidgetArea);
    QDockWidget *coverage
        = dock(QStringLiteral("coverageDock"), tr("Risk × Coverage"), m_coverage, Qt::BottomDockWidgetArea);
    m_impactDock = dock(QStringLiteral("impactDock"), tr("Impact"), m_impact, Qt::BottomDockWidgetArea);
    m_window->tabifyDockWidget(m_resultsDock, history);
    m_window->tabifyDockWidget(history, coverage);
    m_window->tabifyDockWidget(coverage, m_impactDock);
    m_resultsDock->raise();
    m_docks = { m_resultsDock, history, coverage, m_impactDock };
    m_window->resizeDocks({ m_resultsDock }, { 300 }, Qt::Vertical);

    m_runBar = new RunBar;
    m_runBar->setObjectName(QStringLiteral("runBar"));
    QToolBar *bar = m_window->addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_runBar);

    connect(m_runBar, &RunBar::runRequested, this, [this](const RunScope &scope) {
        QString error;
        if (!run(scope, &error))
            emit statusMessage(error, 10000);
    });
    connect(m_runBar, &RunBar::cancelRequested, this, [this] {
        if (m_controller)
            m_controller->cancel();
    });
    connect(m_runBar, &RunBar::environmentChanged, this, [this](const QString &name) {
        m_editor->setEnvironment(name);
        if (m_document && !name.isEmpty())
            rememberEnvironment(m_document->filePath(), name);
    });

    auto jump = [this](const Id &nodeId) { selectAndCentre(nodeId); };
    connect(m_results, &ResultsPanel::nodeActivated, this, jump);
    connect(m_history, &RunHistoryPanel::nodeActivated, this, jump);
    connect(m_coverage, &CoveragePanel::nodeActivated, this, jump);
    connect(m_impact, &ImpactPanel::nodeActivated, this, jump);
    connect(m_impact, &ImpactPanel::runImpactSetRequested, this, [this] {
        m_runBar->requestRun(RunScope { RunScope::ImpactSet, {} });
    });
    connect(m_history, &RunHistoryPanel::runSelected, this, [this](const Id &runId) {
        if (!m_controller)
            return;
        for (const Run &r : m_controller->runs())
            if (r.id == runId)
                m_results->setRun(r, m_controller->resultsOf(runId), m_controller->project());
    });

    connect(m_editor, &TestCaseEditor::currentCheckChanged, this, [this](const Id &checkId) {
        if (m_controller)
            for (const CheckResult &r : m_controller->latestResults())
                if (r.checkId == checkId)
                    m_editor->form()->setLastResult(r);
    });
    // Run Step: the run bar asks before a protected environment, as for any run.
    connect(m_editor->form(), &TestCaseForm::runStepRequested, this, [this] {
        if (m_runBar->currentEnvironment().isEmpty()) {
            QString error;
            if (!run(RunScope { RunScope::SelectedStep, {} }, &error))
                emit statusMessage(error, 10000);
        } else {
            m_runBar->requestRun(RunScope { RunScope::SelectedStep, {} });
        }
    });
    connect(m_editor, &TestCaseEditor::runTestCaseRequested, this, [this] {
        if (m_runBar->currentEnvironment().isEmpty()) {
            QString error;
            if (!run(RunScope { RunScope::SelectedTestCase, {} }, &error))
                emit statusMessage(error, 10000);
        } else {
            m_runBar->requestRun(RunScope { RunScope::SelectedTestCase, {} });
        }
    });
    connect(m_editor->form(), &TestCaseForm::cancelStepRequested, this, [this] {
        if (m_controller)
            m_controller->cancel();
    });
    connect(m_editor, &TestCaseEditor::currentTestCaseChanged, this, [this] {
        m_runBar->setSelection(!selectedNodes().isEmpty(), !m_editor->currentTestCaseId().isEmpty());
    });
}

void RunWorkspace::createActions()
{
    auto runAction
        = [this](const QString &name, const QString &text, const QKeySequence &key, RunScope::Kind kind) {
              QAction *a = makeAction(this, name, text, key);
              connect(a, &QAction::triggered, this, [this, kind] {
                  RunScope scope { kind, {} };
                  if (kind == RunScope::Flow && m_scene)
                      scope.flowId = m_scene->highlightedFlow();
                  if (m_runBar->currentEnvironment().isEmpty()) {
                      // No environments: nothing to confirm, the runner uses none.
                      QString error;
                      if (!run(scope, &error))
                          emit statusMessage(error, 10000);
                  } else {
                      m_runBar->requestRun(scope);
                  }
              });
              m_runActions << a;
              return a;
          };
    m_runMenu = new QMenu(tr("&Run"), m_window);
    m_runMenu->setObjectName(QStringLiteral("runMenu"));
    m_runMenu->addAction(runAction(QStringLiteral("actionRunNode"), tr("Run Selected &Node"),
        QKeySequence(Qt::Key_F5), RunScope::SelectedNode));
    m_runMenu->addAction(runAction(QStringLiteral("actionRunTestCase"), tr("Run Selected &Test Case"),
        QKeySequence(Qt::ALT | Qt::Key_F5), RunScope::SelectedTestCase));
    m_runMenu->addAction(runAction(QStringLiteral("actionRunFlow"), tr("Run Highlighted &Flow"),
        QKeySequence(Qt::CTRL | Qt::Key_F5), RunScope::Flow));
    m_runMenu->addAction(
        runAction(QStringLiteral("actionRunImpact"), tr("Run &Impact Set"), {}, RunScope::ImpactSet));
    m_runMenu->addAction(runAction(QStringLiteral("actionRunAll"), tr("Run &Everything"),
        QKeySequence(Qt::SHIFT | Qt::Key_F5), RunScope::Everything));
    m_runMenu->addSeparator();
    m_cancelAction = makeAction(
        this, QStringLiteral("actionCancelRun"), tr("&Cancel Run"), QKeySequence(Qt::Key_Escape));
    connect(m_cancelAction, &QAction::triggered, this, [this] {
        if (m_controller)
            m_controller->cancel();
    });
    m_runMenu->addAction(m_cancelAction);
    m_runMenu->addSeparator();
    QAction *environments = makeAction(this, QStringLiteral("actionEnvironments"), tr("&Environments…"));
    connect(environments, &QAction::triggered, this, &RunWorkspace::openEnvironments);
    m_runActions << environments;
    m_runMenu->addAction(environments);

    // View: the overlay, impact and stale results, then the docks.
    auto *overlays = new QMenu(tr("&Overlay"), m_window);
    m_overlayGroup = new QActionGroup(this);
    m_overlayGroup->setExclusive(true);
    const struct
    {
        const char *name;
        const char *text;
        MapOverlay::Mode mode;
    } modes[] = { { "actionOverlayResults", QT_TR_NOOP("&Results"), MapOverlay::Mode::Results },
        { "actionOverlayCoverage", QT_TR_NOOP("&Coverage"), MapOverlay::Mode::Coverage },
        { "actionOverlayImpact", QT_TR_NOOP("&Impact"), MapOverlay::Mode::Impact } };
    for (const auto &m : modes) {
        QAction *a = makeAction(this, QString::fromLatin1(m.name), tr(m.text));
        a->setCheckable(true);
        a->setChecked(m.mode == MapOverlay::Mode::Results);
        a->setData(int(m.mode));
        m_overlayGroup->addAction(a);
        overlays->addAction(a);
        const MapOverlay::Mode mode = m.mode;
        connect(a, &QAction::triggered, this, [this, mode] {
            if (m_overlay)
                m_overlay->setMode(mode);
            if (mode == MapOverlay::Mode::Impact && m_overlay && m_overlay->impactCentre().isEmpty())
                showImpact(Id());
        });
    }
    QAction *impact = makeAction(
        this, QStringLiteral("actionShowImpact"), tr("Show &Impact"), QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(impact, &QAction::triggered, this, [this] { showImpact(Id()); });
    m_runActions << impact;
    QAction *stale = makeAction(this, QStringLiteral("actionStaleAfter"), tr("Fade Results Older Than…"));
    connect(stale, &QAction::triggered, this, [this] {
        bool ok = false;
        const int hours = QInputDialog::getInt(m_window, tr("Stale Results"),
            tr("Fade a node's results on the map after (hours):"), int(staleAfterSeconds() / 3600), 1,
            24 * 365, 1, &ok);
        if (!ok)
            return;
        QSettings().setValue(QStringLiteral("results/staleAfterHours"), hours);
        if (m_overlay)
            m_overlay->setStaleAfterSeconds(staleAfterSeconds());
    });
    m_viewActions = { overlays->menuAction(), impact, stale };
    m_actions = m_runActions + m_overlayGroup->actions() + QList<QAction *> { m_cancelAction, stale };
}

void RunWorkspace::checkOverlay(MapOverlay::Mode mode)
{
    for (QAction *a : m_overlayGroup->actions())
        a->setChecked(a->data().toInt() == int(mode));
}

void RunWorkspace::setDocument(ProjectDocument *document, MapScene *scene, MapView *view)
{
    if (m_controller) {
        m_controller->disconnect(this);
        delete m_controller;
        m_controller = nullptr;
    }
    if (m_document)
        m_document->disconnect(this);
    if (m_scene) {
        m_scene->disconnect(this);
        m_scene->setOverlay(nullptr);
    }
    delete m_overlay;
    m_document = document;
    m_scene = scene;
    m_view = view;
    m_runBar->runFinished();
    m_results->clear();
    m_impact->clear();
    if (!document || !scene) {
        m_history->setRuns({}, {}, Project());
        m_coverage->setProject(Project());
        m_runBar->setEnvironments({});
        m_runBar->setFlows({});
        updateActions();
        return;
    }
    m_controller = new RunController(document, this);
    m_overlay = new MapOverlay(scene);
    m_overlay->setStaleAfterSeconds(staleAfterSeconds());
    scene->setOverlay(m_overlay);
    checkOverlay(MapOverlay::Mode::Results);

    connect(m_controller, &RunController::started, this,
        [this](const Run &run, int total, const QSet<Id> &nodes) {
            m_runBar->runStarted(total);
            if (m_overlay) {
                m_overlay->setMode(MapOverlay::Mode::Results);
                m_overlay->setRunning(nodes);
            }
            checkOverlay(MapOverlay::Mode::Results);
            m_results->setRun(run, {}, m_controller->project());
            m_resultsDock->raise();
            emit runStarted();
            if (!m_stepRunOf.isEmpty())
                m_editor->form()->setStepRunning(true, tr("Running…"));
            emit statusMessage(tr("Running %1 in %2…").arg(run.selection, run.environment), 0);
            updateActions();
        });
    connect(m_controller, &RunController::checkFinished, m_results, &ResultsPanel::appendResult);
    // The check editor shows each check's last response as it arrives ("Try it" uses it).
    connect(m_controller, &RunController::checkFinished, m_editor->form(), &TestCaseForm::setLastResult);
    connect(m_controller, &RunController::progress, m_runBar, &RunBar::setProgress);
    connect(m_controller, &RunController::progress, this, [this](int done, int total, int failed) {
        if (m_stepRunOf.isEmpty())
            return;
        m_editor->form()->setStepRunning(true,
            failed ? tr("%1 / %2 steps — %3 failed").arg(done).arg(total).arg(failed)
                   : tr("%1 / %2 steps").arg(done).arg(total));
    });
    connect(
        m_controller, &RunController::nodeOutcomeChanged, this, [this](const Id &id, const NodeOutcome &o) {
            if (m_overlay)
                m_overlay->setOutcome(id, o);
        });
    connect(m_controller, &RunController::faultsActive, this, [this](const QStringList &targets) {
        if (m_overlay)
            m_overlay->setFaulted(QSet<Id>(targets.begin(), targets.end()));
    });
    connect(m_controller, &RunController::nodeFinished, this, [this](const Id &id) {
        if (m_overlay)
            m_overlay->setNodeRunning(id, false);
    });
    connect(m_controller, &RunController::finished, this, [this](const Run &run, const QString &storeError) {
        m_runBar->runFinished();
        if (!m_stepRunOf.isEmpty()) {
            QString state = run.cancelled ? tr("Cancelled") : QString();
            for (const CheckResult &r : m_controller->currentResults())
                if (r.checkId == m_stepRunOf && !run.cancelled)
                    state = tr("Step: %1").arg(ResultsModel::statusText(r.status));
            m_editor->form()->setStepRunning(false, state);
            m_stepRunOf.clear();
        }
        if (m_overlay) {
            m_overlay->setRunning({});
            m_overlay->setFaulted({});
        }
        m_results->setRun(run, m_controller->currentResults(), m_controller->project());
        showFirstProblem();
        refreshHistory();
        refreshAnalyses();
        updateActions();
        QString summary = tr("Run %1: %2 passed, %3 failed, %4 errors, %5 skipped")
                              .arg(run.cancelled ? tr("cancelled") : tr("finished"))
                              .arg(run.passed)
                              .arg(run.failed)
                              .arg(run.errors)
                              .arg(run.skipped);
        if (!storeError.isEmpty())
            summary += QStringLiteral(" — ") + storeError;
        emit statusMessage(summary, storeError.isEmpty() ? 15000 : 0);
    });

    connect(scene, &QGraphicsScene::selectionChanged, this, &RunWorkspace::updateSelection);
    connect(document, &ProjectDocument::testCasesChanged, this, [this](const Id &nodeId) {
        if (m_overlay && m_controller)
            m_overlay->setOutcome(nodeId, m_controller->outcomeOf(nodeId));
        m_refreshTimer.start();
    });
    connect(document, &ProjectDocument::flowsChanged, this, [this] {
        m_runBar->setFlows(m_document->flows());
        m_refreshTimer.start();
    });
    connect(document, &ProjectDocument::environmentsChanged, this, &RunWorkspace::refreshEnvironments);
    connect(document, &ProjectDocument::nodesRemoved, m_results, &ResultsPanel::removeResultsOfNodes);
    for (auto signal : { &ProjectDocument::nodesAdded, &ProjectDocument::nodesRemoved,
             &ProjectDocument::edgesAdded, &ProjectDocument::edgesRemoved })
        connect(document, signal, this, [this] { m_refreshTimer.start(); });
    connect(document, &ProjectDocument::nodeChanged, this, [this] { m_refreshTimer.start(); });
    connect(document, &ProjectDocument::edgeChanged, this, [this] { m_refreshTimer.start(); });

    // Read before the bar fills: filling it reports (and would remember) its first entry.
    const QString remembered = rememberedEnvironment(document->filePath());
    refreshEnvironments();
    m_runBar->setFlows(document->flows());
    m_runBar->setCurrentEnvironment(initialEnvironment(document->environments(), remembered));
    m_editor->setEnvironment(m_runBar->currentEnvironment());
    refreshHistory();
    refreshAnalyses();
    updateSelection();
    updateActions();
}

QList<Id> RunWorkspace::selectedNodes() const
{
    return m_scene ? m_scene->selectedNodeIds() : QList<Id>();
}

void RunWorkspace::updateSelection()
{
    const QList<Id> nodes = selectedNodes();
    m_runBar->setSelection(!nodes.isEmpty(), !m_editor->currentTestCaseId().isEmpty());
}

void RunWorkspace::refreshEnvironments()
{
    if (!m_document)
        return;
    m_runBar->setEnvironments(m_document->environments());
    m_editor->setEnvironment(m_runBar->currentEnvironment());
}

void RunWorkspace::refreshHistory()
{
    if (!m_controller)
        return;
    m_history->setRuns(m_controller->runs(), m_controller->allResults(), m_controller->project());
}

void RunWorkspace::refreshAnalyses()
{
    if (!m_controller || !m_overlay)
        return;
    const Project project = m_controller->project();
    m_overlay->setOutcomes(nodeOutcomes(project, m_controller->latestResults()));
    m_overlay->updateCoverage(project, m_controller->latestResults());
    m_coverage->setProject(project);
    const Id centre = m_overlay->impactCentre();
    if (!centre.isEmpty()) {
        if (m_document && m_document->node(centre)) {
            const ImpactAnalysis analysis(project);
            const Impact impact = analysis.analyze(centre);
            m_overlay->setImpact(centre, impact.upstream, impact.downstream, impact.edges);
            m_impact->setImpact(impact, project);
        } else {
            m_overlay->setImpact(Id(), {}, {}, {});
            m_impact->clear();
        }
    }
}

void RunWorkspace::showFirstProblem()
{
    // The first fail or error selected: its message and evidence show without a click.
    QTableView *view = m_results->view();
    QAbstractItemModel *rows = view->model();
    for (int row = 0; row < rows->rowCount(); ++row) {
        const QModelIndex index = rows->index(row, ResultsModel::StatusColumn);
        const auto status = ResultStatus(index.data(ResultsModel::StatusRole).toInt());
        if (status == ResultStatus::Fail || status == ResultStatus::Error) {
            view->setCurrentIndex(index);
            view->scrollTo(index, QAbstractItemView::PositionAtCenter);
            return;
        }
    }
}

void RunWorkspace::updateActions()
{
    const bool running = m_controller && m_controller->isRunning();
    for (QAction *a : std::as_const(m_runActions))
        a->setEnabled(m_document && !running);
    m_cancelAction->setEnabled(running);
}

bool RunWorkspace::run(const RunScope &scope, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!m_document || !m_controller)
        return fail(tr("Open a project first."));
    RunSelection selection;
    auto addRunnable = [&](const TestCase &t) {
        if (t.automated && !t.checks.isEmpty())
            selection.testCaseIds << t.id;
    };
    switch (scope.kind) {
    case RunScope::SelectedNode: {
        const QList<Id> nodes = selectedNodes();
        if (nodes.isEmpty())
            return fail(tr("Select a node on the map to run its test cases."));
        for (const Id &n : nodes)
            for (const TestCase &t : m_document->testCasesOfNode(n))
                addRunnable(t);
        if (selection.testCaseIds.isEmpty())
            return fail(tr("The selected node has no automated test case with checks."));
        break;
    }
    case RunScope::SelectedTestCase: {
        const TestCase *t = m_document->testCase(m_editor->currentTestCaseId());
        if (!t)
            return fail(tr("Select a test case in the Test Cases dock first."));
        addRunnable(*t);
        if (selection.testCaseIds.isEmpty())
            return fail(tr("“%1” is manual or has no checks: nothing to run.").arg(t->title));
        break;
    }
    case RunScope::Flow: {
        const Flow *f
            = m_document->flow(scope.flowId.isEmpty() && m_scene ? m_scene->highlightedFlow() : scope.flowId);
        if (!f)
            return fail(tr("Highlight a flow in the Flows panel (or pick one in the Run menu) first."));
        selection.flows << f->name;
        break;
    }
    case RunScope::ImpactSet: {
        if (m_impact->impact().node.isEmpty())
            showImpact(Id());
        for (const Id &id : m_impact->impact().testCases)
            if (const TestCase *t = m_document->testCase(id))
                addRunnable(*t);
        if (selection.testCaseIds.isEmpty())
            return fail(
                tr("The impact set has no automated test case: select a node and Show Impact first."));
        break;
    }
    case RunScope::SelectedStep: {
        const TestCase *t = m_document->testCase(m_editor->currentTestCaseId());
        if (!t || m_editor->currentCheckId().isEmpty())
            return fail(tr("Select a step of a test case in the Test Cases dock first."));
        addRunnable(*t);
        if (selection.testCaseIds.isEmpty())
            return fail(tr("“%1” is manual or has no checks: nothing to run.").arg(t->title));
        selection.untilCheckId = m_editor->currentCheckId();
        break;
    }
    case RunScope::Everything:
        break;
    }
    m_stepRunOf = selection.untilCheckId;
    const Status started
        = m_controller->start(selection, m_runBar->currentEnvironment(), m_runBar->isCurrentProtected());
    if (!started) {
        m_stepRunOf.clear();
        return fail(started.error());
    }
    return true;
}

void RunWorkspace::showImpact(const Id &nodeId)
{
    if (!m_document || !m_overlay)
        return;
    Id centre = nodeId;
    if (centre.isEmpty()) {
        const QList<Id> nodes = selectedNodes();
        if (nodes.size() != 1) {
            emit statusMessage(tr("Select one node to see its impact."), 6000);
            return;
        }
        centre = nodes.first();
    }
    const Project project = m_controller->project();
    const ImpactAnalysis analysis(project);
    const Impact impact = analysis.analyze(centre);
    m_overlay->setImpact(centre, impact.upstream, impact.downstream, impact.edges);
    m_overlay->setMode(MapOverlay::Mode::Impact);
    checkOverlay(MapOverlay::Mode::Impact);
    m_impact->setImpact(impact, project);
    m_impactDock->show();
    m_impactDock->raise();
}

void RunWorkspace::openEnvironments()
{
    if (!m_document)
        return;
    EnvironmentDialog dialog(m_document->environments(), m_window);
    // Proxies stand for a node or an edge of the map: edges first, by their ends' names.
    const Project project = m_document->snapshot();
    QList<QPair<QString, QString>> targets;
    for (const Edge &e : project.edges)
        targets.append({ describeFaultTarget(project, e.id), e.id });
    for (const Node &n : project.nodes)
        targets.append({ n.name, n.id });
    std::sort(targets.begin(), targets.end());
    dialog.setProxyTargets(targets);
    dialog.setAuditSource([document = m_document](const QString &environmentId) {
        return document ? document->leaseStore().audit(environmentId)
                        : Result<QList<AuditEntry>>::failure(RunWorkspace::tr("the project was closed"));
    });
    if (dialog.exec() == QDialog::Accepted)
        applyEnvironments(dialog.environments());
}

void RunWorkspace::applyEnvironments(const QList<Environment> &environments)
{
    if (!m_document)
        return;
    const QList<Environment> before = m_document->environments();
    if (before == environments)
        return;
    m_document->undoStack()->push(new ChangeEnvironmentsCommand(m_document, before, environments));
}

void RunWorkspace::selectAndCentre(const Id &nodeId)
{
    if (!m_scene || !m_view || !m_document || !m_document->node(nodeId))
        return;
    m_scene->selectNodes({ nodeId });
    m_view->centreOnNode(nodeId);
}

} // namespace flowbench
