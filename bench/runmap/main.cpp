// bench_runmap [DEMO_BACKEND]: (1) the longest stall of the window's event loop while the
// GUI's RunController runs 1,000 http checks against the demo backend on 127.0.0.1 and the
// map overlay paints each result as it arrives; (2) repainting results on a 5,000-node map:
// setting every node's outcome, then one fitted frame and one 100 % frame.
#include "document/addnodescommand.h"
#include "document/projectdocument.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/overview/mapoverviewlayer.h"
#include "../gridmap.h"
#include "run/runcontroller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace flowbench;

namespace {

QList<Node> makeNodes(int count) { return bench::gridNodes(count); }

// A 1600x1000 view, shown offscreen (a hidden view keeps a 640x480 viewport), map fitted.
void showFitted(MapView &view, MapScene *scene)
{
    view.resize(1600, 1000);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show();
    view.setMapScene(scene);
    view.fitToContent();
}

double frameMs(MapView &view) { return bench::paintFramesMs(view.viewport()); }

int runStall(const QString &backend)
{
    QTemporaryDir dir;
    QProcess server;
    server.start(backend, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                           dir.filePath(QStringLiteral("shop.db")), QStringLiteral("--log"),
                           dir.filePath(QStringLiteral("shop.log"))});
    QString port;
    QElapsedTimer wait;
    wait.start();
    while (port.isEmpty() && wait.elapsed() < 15000 && server.waitForReadyRead(500)) {
        const QString line = QString::fromUtf8(server.readAllStandardOutput());
        const int at = line.lastIndexOf(QLatin1Char(':'));
        if (line.startsWith(QLatin1String("listening on")) && at > 0)
            port = line.mid(at + 1).trimmed();
    }
    if (port.isEmpty()) {
        std::fprintf(stderr, "the demo backend did not start: %s\n", qPrintable(backend));
        return 2;
    }

    auto doc = ProjectDocument::create(dir.filePath(QStringLiteral("run.flowbench")), QStringLiteral("run"));
    if (!doc) {
        std::fprintf(stderr, "%s\n", qPrintable(doc.error()));
        return 2;
    }
    QList<Node> nodes = makeNodes(100);
    doc.value()->undoStack()->push(new AddNodesCommand(doc->get(), nodes, {}));
    for (const Node &n : nodes) {
        TestCase t;
        t.id = newId();
        t.nodeId = n.id;
        t.title = QStringLiteral("health of %1").arg(n.name);
        t.automated = true;
        for (int k = 0; k < 10; ++k) {
            Check c;
            c.id = newId();
            c.type = QStringLiteral("http");
            c.spec = QJsonObject{{QStringLiteral("url"), QStringLiteral("{{base_url}}/health")}};
            c.assertions = {Assertion{QStringLiteral("status"), QString(), QStringLiteral("=="), 200},
                            Assertion{QStringLiteral("json_path"), QStringLiteral("status"), QStringLiteral("=="),
                                      QStringLiteral("ok")}};
            t.checks.append(c);
        }
        doc.value()->addTestCase(t);
    }
    Environment env;
    env.id = newId();
    env.name = QStringLiteral("local");
    env.variables.insert(QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    doc.value()->setEnvironments({env});

    auto *scene = new MapScene(doc->get());
    MapOverviewLayer::install(scene);
    auto *overlay = new MapOverlay(scene); // owned by the scene
    scene->setOverlay(overlay);
    MapView view;
    showFitted(view, scene);

    RunController controller(doc->get());
    QObject::connect(&controller, &RunController::nodeOutcomeChanged, overlay, &MapOverlay::setOutcome);
    qint64 longestGap = 0;
    int ticks = 0;
    int firstResultTick = -1;
    QElapsedTimer sinceTick;
    QTimer tick;
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        longestGap = qMax(longestGap, sinceTick.restart());
        ++ticks;
    });
    QObject::connect(&controller, &RunController::checkFinished, [&](const CheckResult &) {
        if (firstResultTick < 0)
            firstResultTick = ticks;
    });
    QEventLoop loop;
    Run finished;
    QObject::connect(&controller, &RunController::finished, [&](const Run &run, const QString &) {
        finished = run;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit); // bound
    QElapsedTimer wall;
    wall.start();
    sinceTick.start();
    tick.start();
    if (const Status s = controller.start(RunSelection{}, QStringLiteral("local"), false); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error()));
        return 2;
    }
    loop.exec();
    tick.stop();
    std::printf("1,000-check GUI run: %.2f s wall, %d passed, %d failed, %d errors; longest event-loop gap %lld ms "
                "(target <= 50 ms); first result after %d ticks of %d (results arrive during the run)\n",
                wall.elapsed() / 1000.0, finished.passed, finished.failed, finished.errors, longestGap,
                firstResultTick, ticks);
    view.setMapScene(nullptr);
    delete scene;
    server.kill();
    server.waitForFinished(5000);
    return 0;
}

int repaint()
{
    QTemporaryDir dir;
    auto doc = ProjectDocument::create(dir.filePath(QStringLiteral("big.flowbench")), QStringLiteral("big"));
    if (!doc)
        return 2;
    QList<Node> nodes = makeNodes(5000);
    doc.value()->undoStack()->push(new AddNodesCommand(doc->get(), nodes, {}));
    auto *scene = new MapScene(doc->get());
    MapOverviewLayer::install(scene);
    auto *overlay = new MapOverlay(scene); // owned by the scene
    scene->setOverlay(overlay);
    MapView view;
    showFitted(view, scene);
    // The user has looked at both zooms before the run: caches are warm.
    const QPointF centre = scene->contentRect().center();
    const double fitZoom = view.zoom();
    frameMs(view);
    view.setZoom(1.0, centre);
    frameMs(view);
    view.setZoom(fitZoom, centre);
    frameMs(view);

    QHash<Id, NodeOutcome> outcomes;
    const NodeState states[] = {NodeState::Pass, NodeState::Fail, NodeState::Error, NodeState::Pass};
    for (int i = 0; i < nodes.size(); ++i) {
        NodeOutcome o;
        o.state = states[i % 4];
        o.passed = i % 3;
        o.failed = o.state == NodeState::Fail ? 1 : 0;
        o.newest = QDateTime::currentDateTimeUtc();
        outcomes.insert(nodes[i].id, o);
    }
    QElapsedTimer t;
    t.start();
    overlay->setOutcomes(outcomes);
    const double setMs = t.nsecsElapsed() / 1e6;
    const double fitMs = frameMs(view);
    view.setZoom(1.0, centre);
    const double fullMs = frameMs(view);
    std::printf("5,000-node results repaint: setOutcomes %.1f ms, fitted frame %.1f ms, 100 %% frame %.1f ms "
                "(target < 16 ms a frame)\n", setMs, fitMs, fullMs);
    view.setMapScene(nullptr);
    delete scene;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString backend = argc > 1 ? QString::fromLocal8Bit(argv[1])
                                     : QCoreApplication::applicationDirPath()
            + QStringLiteral("/../../examples/demo-backend/flowbench-demo-backend");
    if (const int rc = repaint())
        return rc;
    return runStall(backend);
}
