// "Run from the map" (RunWorkspace) driven as a QA engineer would: run the selected node
// against the real demo backend, watch results arrive on the map and in the Results dock,
// cancel a run, edit environments, show the impact of a table; finally a full run of the
// example project. Screenshots are checked pixel by pixel: each card's fill is the
// colour its result, coverage or impact gives it.
#include "analysis/impactpanel.h"
#include "dialogs/environmentdialog.h"
#include "document/projectdocument.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/nodeitem.h"
#include "panels/flowspanel.h"
#include "run/responseparts.h"
#include "run/responseviewer.h"
#include "run/resultspanel.h"
#include "run/runbar.h"
#include "run/runcontroller.h"
#include "run/runhistorypanel.h"
#include "run/runworkspace.h"
#include "shell/documentcontroller.h"
#include "shell/mainwindow.h"
#include "store/projectstore.h"
#include "support/demobackend.h"
#include "support/exampleproject.h"
#include "support/exampleservers.h"
#include "support/freeport.h"
#include "support/projectfile.h"
#include "support/shopproject.h"
#include "support/testenv.h"
#include "ui/screenshots.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
constexpr int kRunTimeoutMs = 90000; // two shared cores, several builds at once

// The colour painted on the card's result ring (left edge, half-way down), read from the
// view as the user sees it. (Rendering the scene into an image instead would leave the
// view's per-device item caches stale: Qt clears the "repaint all" flag on the first device.)
QColor ringColour(MapView *view, MapScene *scene, const Id &nodeId)
{
    NodeItem *item = scene->nodeItem(nodeId);
    scene->clearSelection(); // the selection outline sits next to the ring
    view->centreOnNode(nodeId);
    QTest::qWait(20);
    const QImage image = view->viewport()->grab().toImage();
    const QPoint at = view->mapFromScene(item->pos() + QPointF(-2.8, 30));
    return image.pixelColor(at * image.devicePixelRatio());
}

// A card in a grab of `grabbed` (the view's viewport or the window) shows the fill the
// overlay gives it: its block colour when zoomed out, else the card's tint (or white),
// read low on the card, clear of its texts.
void verifyCardFill(MainWindow *window, QWidget *grabbed, const QImage &image, const Id &id)
{
    MapView *view = window->mapView();
    const Node *n = window->document()->node(id);
    QVERIFY(n);
    const bool blocks = view->zoom() < NodeItem::kDetailLevel;
    const QPointF at = blocks ? QPointF(n->x + MapStyle::kNodeWidth / 2, n->y + MapStyle::kNodeHeight / 2)
                              : QPointF(n->x + MapStyle::kNodeWidth * 0.6, n->y + MapStyle::kNodeHeight - 6);
    const QColor expected = blocks
        ? window->mapScene()->nodeItem(id)->blockColor()
        : overWhite(window->mapScene()->overlay()->cardFill(id).value_or(QColor(Qt::white)));
    QPoint p = view->mapFromScene(at);
    if (grabbed != view->viewport())
        p = view->viewport()->mapTo(grabbed, p);
    const QColor seen = pixelAt(image, p);
    QVERIFY2(near(seen, expected, 16),
        qPrintable(n->name + QStringLiteral(": ") + seen.name() + QStringLiteral(" not ") + expected.name()
            + QStringLiteral(" zoom %1 overview %2")
                  .arg(view->zoom())
                  .arg(window->mapScene()->overviewMode())));
}
} // namespace

class TestRunWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void runSelectedNode();
    void cancelRun();
    void environmentsAreUndoable();
    void environmentsDialogFromTheMenu();
    void protectedEnvironmentAsksFirst();
    void impactOverlay();
    void fullRunOfTheExample();

private:
    void waitForRun();

    QTemporaryDir m_dir;
    DemoBackend m_backend;
    ShopProject m_shop;
    Id m_refundWrites;
    QString m_path;
    MainWindow *m_window = nullptr;
};

void TestRunWorkspace::initTestCase()
{
    isolateSettings(QStringLiteral("tst_runworkspace"));
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_backend.start(m_dir.path(), 20, 80), qPrintable(m_backend.errorString()));
}

void TestRunWorkspace::cleanupTestCase()
{
    m_backend.stop();
}

void TestRunWorkspace::init()
{
    m_shop
        = makeShopProject(m_backend.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort()));
    Project &p = m_shop.project;
    p.edges << makeEdge(m_shop.ordersApi, m_shop.ordersTable, EdgeKind::Writes)
            << makeEdge(m_shop.worker, m_shop.ordersTable, EdgeKind::Reads)
            << makeEdge(m_shop.refundApi, m_shop.ordersTable, EdgeKind::Writes);
    m_refundWrites = p.edges.last().id;
    for (int i = 0; i < p.nodes.size(); ++i) {
        p.nodes[i].x = (i % 3) * 280;
        p.nodes[i].y = (i / 3) * 160;
    }
    // Next to the backend's database: the project's "shop" connection is relative.
    m_path = m_dir.filePath(
        QStringLiteral("run-%1.flowbench").arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(m_path);
    auto store = ProjectStore::create(m_path, p.name);
    QVERIFY2(store, qPrintable(store.error()));
    const Status written = store.value()->replaceContents(p);
    QVERIFY2(written.ok(), qPrintable(written.error()));
    store.value().reset();

    m_window = new MainWindow;
    m_window->resize(1680, 1050);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    const Status opened = m_window->documents()->openProjectFile(m_path);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    RunBar *bar = m_window->runWorkspace()->runBar();
    bar->setCurrentEnvironment(QStringLiteral("local"));
    QCOMPARE(bar->currentEnvironment(), QStringLiteral("local"));
    QVERIFY(!bar->isCurrentProtected());
}

void TestRunWorkspace::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestRunWorkspace::waitForRun()
{
    RunController *runs = m_window->runWorkspace()->runController();
    QTRY_VERIFY_WITH_TIMEOUT(!runs->isRunning(), kRunTimeoutMs);
}

void TestRunWorkspace::runSelectedNode()
{
    RunWorkspace *ws = m_window->runWorkspace();
    MapOverlay *overlay = ws->overlay();
    QAction *runNode = m_window->action(QStringLiteral("actionRunNode"));
    QCOMPARE(runNode->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(overlay->nodeState(m_shop.refundApi) == NodeState::NotRun);

    // The deliberate refund defect: the node turns red.
    m_window->mapScene()->selectNodes({ m_shop.refundApi });
    runNode->trigger();
    QVERIFY(ws->runController()->isRunning()); // asynchronous: the window keeps going
    QVERIFY(ws->runBar()->isRunning());
    QVERIFY(m_window->action(QStringLiteral("actionCancelRun"))->isEnabled());
    waitForRun();
    QVERIFY(overlay->nodeState(m_shop.refundApi) == NodeState::Fail);
    QVERIFY(overlay->outcome(m_shop.refundApi).failed >= 1);
    QVERIFY(!overlay->isRunning(m_shop.refundApi));
    const QColor ring = ringColour(m_window->mapView(), m_window->mapScene(), m_shop.refundApi);
    QVERIFY2(ring.red() > 150 && ring.green() < 120, qPrintable(ring.name()));
    QVERIFY(overlay->nodeState(m_shop.health) == NodeState::NotRun); // not in the run
    // On a highlighted flow, an edge with a failing end is drawn in the fail colour.
    QPen onFlow(Qt::black), offFlow(Qt::black);
    overlay->adjustEdgePen(m_refundWrites, onFlow, true);
    overlay->adjustEdgePen(m_refundWrites, offFlow, false);
    QCOMPARE(onFlow.color(), MapOverlay::stateColor(NodeState::Fail));
    QCOMPARE(offFlow.color(), QColor(Qt::black));

    // Results dock: the refund test case's three steps, in order.
    ResultsModel *rows = ws->resultsPanel()->model();
    QCOMPARE(rows->rowCount(), 3);
    // The API answers 54, the stored refund row holds the subtotal (60): step 3 fails.
    QVERIFY(rows->results().at(0).status == ResultStatus::Pass);
    QVERIFY(rows->results().at(1).status == ResultStatus::Pass);
    QVERIFY2(rows->results().at(2).status == ResultStatus::Fail, qPrintable(rows->results().at(2).message));
    QVERIFY2(rows->results().at(2).message.contains(QStringLiteral("54")),
        qPrintable(rows->results().at(2).message));

    // Stored in the project file.
    Project stored = reopenProject(m_path);
    QCOMPARE(stored.runs.size(), 1);
    QCOMPARE(stored.runs.first().failed, 1);
    QCOMPARE(stored.runs.first().environment, QStringLiteral("local"));
    QCOMPARE(stored.results.size(), 3);
    QCOMPARE(ws->runHistoryPanel()->runList()->topLevelItemCount(), 1);

    // A passing node turns green; results arrive while it runs.
    m_window->mapScene()->selectNodes({ m_shop.ordersApi });
    QSignalSpy arrived(ws->runController(), &RunController::checkFinished);
    QTest::keyClick(m_window->mapView()->viewport(), Qt::Key_F5);
    if (!ws->runController()->isRunning())
        runNode->trigger(); // the shortcut needs an active window, which offscreen may not give
    QVERIFY(overlay->isRunning(m_shop.ordersApi));
    m_window->mapView()->centreOnNode(m_shop.refundApi);
    QTest::qWait(150); // the window repaints while the run goes on
    Screenshots shots;
    const QImage running = shots.grab(m_window->mapView()->viewport(), QStringLiteral("running"));
    verifyCardFill(m_window, m_window->mapView()->viewport(), running, m_shop.refundApi); // failed: red tint
    waitForRun();
    QCOMPARE(arrived.count(), 5);
    QString messages;
    for (const CheckResult &r : ws->runController()->currentResults())
        messages += toString(r.status) + QStringLiteral(": ") + r.message + QLatin1Char('\n');
    QVERIFY2(overlay->nodeState(m_shop.ordersApi) == NodeState::Pass, qPrintable(messages));
    const QColor green = ringColour(m_window->mapView(), m_window->mapScene(), m_shop.ordersApi);
    QVERIFY2(green.green() > 100 && green.red() < 100, qPrintable(green.name()));
    QVERIFY(overlay->nodeState(m_shop.refundApi) == NodeState::Fail); // the latest results stay
    QCOMPARE(reopenProject(m_path).runs.size(), 2);

    // Double-click on a result selects and centres its node.
    m_window->mapScene()->clearSelection();
    ws->resultsPanel()->nodeActivated(m_shop.ordersApi);
    QCOMPARE(m_window->mapScene()->selectedNodeIds(), QList<Id> { m_shop.ordersApi });

    // Two runs compare in the history.
    const QList<Run> runs = ws->runController()->runs();
    QVERIFY(ws->runHistoryPanel()->compare(runs.at(0).id, runs.at(1).id));

    // Results older than the preference fade; the latest results come back with the file.
    QVERIFY(!overlay->isStale(m_shop.refundApi));
    overlay->setStaleAfterSeconds(-1);
    QVERIFY(overlay->isStale(m_shop.refundApi));
    QVERIFY(m_window->documents()->openProjectFile(m_path).ok());
    QVERIFY(ws->overlay()->nodeState(m_shop.refundApi) == NodeState::Fail);
    QVERIFY(ws->overlay()->nodeState(m_shop.ordersApi) == NodeState::Pass);
    QCOMPARE(ws->runHistoryPanel()->runList()->topLevelItemCount(), 2);
}

void TestRunWorkspace::cancelRun()
{
    RunWorkspace *ws = m_window->runWorkspace();
    QSignalSpy finished(ws->runController(), &RunController::finished);
    m_window->action(QStringLiteral("actionRunAll"))->trigger();
    QVERIFY(ws->runController()->isRunning());
    QCOMPARE(m_window->action(QStringLiteral("actionCancelRun"))->shortcut(), QKeySequence(Qt::Key_Escape));
    m_window->action(QStringLiteral("actionCancelRun"))->trigger();
    QVERIFY(finished.wait(20000));
    const Run run = finished.first().first().value<Run>();
    QVERIFY(run.cancelled);
    QVERIFY(run.skipped > 0);
    QVERIFY(!ws->runBar()->isRunning());
    QVERIFY(ws->overlay()->isRunning(m_shop.ordersApi) == false);
    const Project stored = reopenProject(m_path);
    QCOMPARE(stored.runs.size(), 1);
    QVERIFY(stored.runs.first().cancelled);
}

void TestRunWorkspace::environmentsAreUndoable()
{
    RunWorkspace *ws = m_window->runWorkspace();
    QList<Environment> envs = m_window->document()->environments();
    QCOMPARE(envs.size(), 2);
    Environment qa = envs.first();
    qa.id.clear();
    qa.name = QStringLiteral("qa");
    qa.variables.insert(QStringLiteral("token"), QStringLiteral("${env:QA_TOKEN}"));
    envs << qa;
    ws->applyEnvironments(envs);
    QCOMPARE(reopenProject(m_path).environments.size(), 3);
    QVERIFY(reopenProject(m_path).environmentByName(QStringLiteral("qa")));
    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(reopenProject(m_path).environments.size(), 2);
    m_window->action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(reopenProject(m_path)
                 .environmentByName(QStringLiteral("qa"))
                 ->variables.value(QStringLiteral("token")),
        QStringLiteral("${env:QA_TOKEN}"));
}

void TestRunWorkspace::environmentsDialogFromTheMenu()
{
    const QList<Environment> before = m_window->document()->environments();
    int local = -1;
    for (int i = 0; i < before.size(); ++i)
        if (before.at(i).name == QLatin1String("local"))
            local = i;
    QVERIFY(local >= 0);
    bool answered = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<EnvironmentDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->selectEnvironment(local);
        dialog->protectedBox()->setChecked(true);
        dialog->sharedBox()->setChecked(true);
        dialog->accept();
        answered = true;
    });
    m_window->action(QStringLiteral("actionEnvironments"))->trigger();
    QVERIFY(answered);
    QVERIFY(reopenProject(m_path).environmentByName(QStringLiteral("local"))->isProtected);
    QVERIFY(reopenProject(m_path).environmentByName(QStringLiteral("local"))->isShared);
    QTRY_VERIFY(m_window->runWorkspace()->runBar()->isCurrentProtected()); // the bar follows
    m_window->action(QStringLiteral("actionUndo"))->trigger();
    QVERIFY(!reopenProject(m_path).environmentByName(QStringLiteral("local"))->isProtected);
    QVERIFY(!reopenProject(m_path).environmentByName(QStringLiteral("local"))->isShared);
}

void TestRunWorkspace::protectedEnvironmentAsksFirst()
{
    RunWorkspace *ws = m_window->runWorkspace();
    RunBar *bar = ws->runBar();
    bar->setCurrentEnvironment(QStringLiteral("staging"));
    QVERIFY(bar->isCurrentProtected());
    QVERIFY(bar->protectedBadge()->isVisibleTo(bar));
    QString asked;
    bool answer = false;
    bar->setConfirmation([&](QWidget *, const QString &name) {
        asked = name;
        return answer;
    });
    m_window->mapScene()->selectNodes({ m_shop.health });
    m_window->action(QStringLiteral("actionRunNode"))->trigger();
    QCOMPARE(asked, QStringLiteral("staging"));
    QVERIFY(!ws->runController()->isRunning()); // declined: nothing runs
    QCOMPARE(reopenProject(m_path).runs.size(), 0);

    answer = true;
    m_window->action(QStringLiteral("actionRunNode"))->trigger();
    QVERIFY(ws->runController()->isRunning());
    waitForRun();
    const Project stored = reopenProject(m_path);
    QCOMPARE(stored.runs.size(), 1);
    QCOMPARE(stored.runs.first().environment, QStringLiteral("staging"));
    // Health: one pass, one fail (wrong status), one error (nothing listens): the worst shows.
    QVERIFY(ws->overlay()->nodeState(m_shop.health) == NodeState::Error);
    // The error ring: reddish purple in the colour-blind-safe palette, not the fail vermillion.
    const QColor ring = ringColour(m_window->mapView(), m_window->mapScene(), m_shop.health);
    QVERIFY2(near(ring, MapOverlay::stateColor(NodeState::Error), 40)
            && !near(ring, MapOverlay::stateColor(NodeState::Fail), 40),
        qPrintable(ring.name()));
}

void TestRunWorkspace::impactOverlay()
{
    RunWorkspace *ws = m_window->runWorkspace();
    m_window->mapScene()->selectNodes({ m_shop.ordersTable });
    QAction *show = m_window->action(QStringLiteral("actionShowImpact"));
    QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    show->trigger();
    MapOverlay *overlay = ws->overlay();
    QVERIFY(overlay->mode() == MapOverlay::Mode::Impact);
    QVERIFY(m_window->action(QStringLiteral("actionOverlayImpact"))->isChecked());
    QVERIFY(overlay->impactRole(m_shop.ordersTable) == MapOverlay::ImpactRole::Centre);
    QVERIFY(overlay->impactRole(m_shop.ordersApi) == MapOverlay::ImpactRole::Upstream);
    QVERIFY(overlay->impactRole(m_shop.worker) == MapOverlay::ImpactRole::Downstream);
    QVERIFY(overlay->impactRole(m_shop.health) == MapOverlay::ImpactRole::Outside);
    QVERIFY(ws->impactPanel()->runButton()->isEnabled());
    QVERIFY(ws->impactPanel()->impact().testCases.contains(m_shop.refundCase));
    QVERIFY(!ws->impactPanel()->impact().testCases.contains(m_shop.upCase));
    m_window->mapView()->fitToContent();
    QTest::qWait(50);
    Screenshots shots;
    const QImage impactShot = shots.grab(m_window, QStringLiteral("impact"));
    for (const Id &id : { m_shop.ordersTable, m_shop.ordersApi, m_shop.worker, m_shop.health })
        verifyCardFill(m_window, m_window, impactShot, id);
    QVERIFY(m_window->mapView()->zoom() < NodeItem::kDetailLevel
        || m_window->mapScene()->overlay()->cardFill(m_shop.ordersTable) == QColor(0xed, 0xe9, 0xfe));

    m_window->action(QStringLiteral("actionOverlayCoverage"))->trigger();
    QVERIFY(overlay->mode() == MapOverlay::Mode::Coverage);
    QVERIFY(overlay->coverage(m_shop.ordersApi) == MapOverlay::Coverage::Automated);
    QVERIFY(overlay->coverage(m_shop.worker) == MapOverlay::Coverage::None);
    QVERIFY(overlay->coverage(m_shop.health) == MapOverlay::Coverage::Automated);
    const QImage coverageShot = shots.grab(m_window->mapView()->viewport(), QStringLiteral("coverage"));
    for (const Id &id : { m_shop.ordersApi, m_shop.worker })
        verifyCardFill(m_window, m_window->mapView()->viewport(), coverageShot, id);

    // Run the impact set: every automated test case the table's change reaches.
    m_window->action(QStringLiteral("actionRunImpact"))->trigger();
    QVERIFY(ws->runController()->isRunning());
    QVERIFY(overlay->mode() == MapOverlay::Mode::Results);
    waitForRun();
    const Run run = ws->runController()->currentRun();
    QCOMPARE(run.passed + run.failed + run.errors + run.skipped, 5 + 3 + 2); // orders api, refund, table
}

void TestRunWorkspace::fullRunOfTheExample()
{
    // The example as shipped, its "local" environment pointed at servers of its own: the
    // backend charging through the environment's fault proxy, the payment gateway.
    ExampleServers servers;
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("example")));
    QVERIFY2(
        servers.start(m_dir.filePath(QStringLiteral("example")), 20, 80), qPrintable(servers.errorString()));
    Result<Project> example = exampleProject();
    QVERIFY2(example, qPrintable(example.error()));
    Project p = example.value();
    servers.pointAt(p);
    // Beside the servers' database and log, as build/examples/shop.flowbench is.
    const QString path = m_dir.filePath(QStringLiteral("example/example.flowbench"));
    {
        auto store = ProjectStore::create(path, p.name);
        QVERIFY2(store, qPrintable(store.error()));
        const Status s = store.value()->replaceContents(p);
        QVERIFY2(s.ok(), qPrintable(s.error()));
    }
    QVERIFY(m_window->documents()->openProjectFile(path).ok());
    RunWorkspace *ws = m_window->runWorkspace();
    ws->runBar()->setCurrentEnvironment(QStringLiteral("local"));
    m_window->action(QStringLiteral("actionLayout"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isLayoutRunning(), 60000);

    m_window->action(QStringLiteral("actionRunAll"))->trigger();
    QVERIFY(ws->runController()->isRunning());
    waitForRun();
    const Run run = ws->runController()->currentRun();
    QVERIFY2(run.passed > 0 && run.failed > 0,
        qPrintable(QStringLiteral("%1 passed, %2 failed, %3 errors")
                       .arg(run.passed)
                       .arg(run.failed)
                       .arg(run.errors)));
    const Node *refund = nullptr;
    for (const Node &n : m_window->document()->nodes())
        if (n.name == QLatin1String("refunds"))
            refund = m_window->document()->node(n.id);
    QVERIFY(refund);
    QVERIFY(ws->overlay()->nodeState(refund->id) == NodeState::Fail);
    // The second planted defect, found only under the slow gateway fault: charged three times.
    Id gateway;
    for (const Node &n : m_window->document()->nodes())
        if (n.name == QLatin1String("Payment gateway"))
            gateway = n.id;
    QVERIFY(!gateway.isEmpty());
    QVERIFY(ws->overlay()->nodeState(gateway) == NodeState::Fail);
    // Every result is listed, the example's cleanup steps too; the run's counts are of the
    // steps (a cleanup counts only as an error, when it left something behind).
    const QList<CheckResult> runResults = ws->runController()->currentResults();
    QCOMPARE(ws->resultsPanel()->model()->rowCount(), runResults.size());
    int cleanupSteps = 0, cleanupErrors = 0;
    for (const CheckResult &r : runResults)
        if (r.cleanup) {
            ++cleanupSteps;
            cleanupErrors += r.status == ResultStatus::Error ? 1 : 0;
            QVERIFY2(r.status == ResultStatus::Pass, qPrintable(r.message)); // the example cleans up
        }
    QVERIFY(cleanupSteps >= 8);
    QCOMPARE(runResults.size() - cleanupSteps + cleanupErrors, run.passed + run.failed + run.errors + run.skipped);

    // The Checkout flow highlighted, the refund node selected: what a team would see.
    auto *flowList = m_window->flowsPanel()->findChild<QTreeWidget *>(QStringLiteral("flowList"));
    if (flowList)
        for (int i = 0; i < flowList->topLevelItemCount(); ++i)
            if (flowList->topLevelItem(i)->text(0) == QStringLiteral("Refund"))
                flowList->setCurrentItem(flowList->topLevelItem(i));
    m_window->mapScene()->selectNodes({ refund->id });
    // Close enough to read the cards: the highlighted flow's nodes fill the view.
    QRectF area;
    if (const Flow *flow = m_window->document()->flow(m_window->mapScene()->highlightedFlow()))
        for (const Id &id : flow->nodeIds)
            area |= m_window->mapScene()->nodeItem(id)->sceneBoundingRect();
    if (area.isEmpty())
        area = m_window->mapScene()->nodeItem(refund->id)->sceneBoundingRect();
    MapView *view = m_window->mapView();
    const QSizeF room = view->viewport()->size();
    view->setZoom(qMin(1.0, qMin(room.width() / (area.width() + 80), room.height() / (area.height() + 80))),
        area.center());
    view->centerOn(area.center());
    QTest::qWait(200);
    Screenshots shots;
    const QImage afterRun = shots.grab(m_window, QStringLiteral("after-run"));
    verifyCardFill(m_window, m_window, afterRun, refund->id); // failed
    QVERIFY(ws->overlay()->cardFill(refund->id) || m_window->mapView()->zoom() < NodeItem::kDetailLevel);
    // At 100 %: the cards' badges as a reviewer reads them.
    view->setZoom(1.0, m_window->mapScene()->nodeItem(refund->id)->sceneBoundingRect().center());
    view->centerOn(m_window->mapScene()->nodeItem(refund->id)->sceneBoundingRect().center());
    QTest::qWait(100);
    const QImage close = shots.grab(view->viewport(), QStringLiteral("after-run-100"));
    verifyCardFill(m_window, view->viewport(), close, refund->id);
    // Its test cases counted in the badge on the card.
    const QRect card(view->mapFromScene(m_window->mapScene()->nodeItem(refund->id)->pos()),
        QSize(MapStyle::kNodeWidth, MapStyle::kNodeHeight));
    QVERIFY(countNear(close, QColor(0xe0, 0xe7, 0xff), 6, card) > 20);

    // The response viewer on the HTTP check with the richest JSON body, as docs/images/
    // response-viewer.png shows it at 1366×768: status, timing, headers, the body as a tree.
    m_window->resize(1366, 768);
    ResultsPanel *results = ws->resultsPanel();
    int pick = -1; // the richest JSON body
    qsizetype richest = 0;
    for (int i = 0; i < results->model()->results().size(); ++i) {
        const ResponseParts parts
            = ResponseParts::parse(QStringLiteral("http"), results->model()->results().at(i).evidence);
        if (parts.httpStatus && parts.hasJson && parts.body.size() > richest) {
            pick = i;
            richest = parts.body.size();
        }
    }
    QVERIFY(pick >= 0);
    auto *proxy = static_cast<QSortFilterProxyModel *>(results->view()->model());
    results->view()->setCurrentIndex(proxy->mapFromSource(results->model()->index(pick, 0)));
    for (QDockWidget *dock : ws->docks())
        if (dock->widget() == results) {
            dock->show();
            dock->raise();
        }
    QTest::qWait(200);
    ResponseViewer *viewer = results->responseViewer();
    QVERIFY(viewer->isVisible());
    QVERIFY2(viewer->height() >= 150,
        qPrintable(QString::number(viewer->height()))); // not the three lines it replaced
    QVERIFY(viewer->isTabShown(ResponseViewer::HeadersTab));
    QCOMPARE(viewer->tabs()->currentIndex(), int(ResponseViewer::BodyTab));
    QVERIFY(viewer->jsonModel()->rowCount() > 0);
    QVERIFY(viewer->jsonTree()->isVisible());
    const QImage shot = shots.grab(m_window, QStringLiteral("response-viewer"));
    QVERIFY(!shot.isNull());
}

QTEST_MAIN(TestRunWorkspace)
#include "tst_runworkspace.moc"
