// bench_mapview [sizes...]: for each map size, how long the scene takes to build, how
// long one frame takes to paint (whole map fitted = simplified cards; 100 % = detailed
// cards), how long opening the project takes (store open + load + scene build) and how
// much memory the process holds. QT_QPA_PLATFORM=offscreen works.
#include "document/addnodescommand.h"
#include "document/projectdocument.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"
#include "map/overview/mapoverviewlayer.h"
#include "../gridmap.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

using namespace flowbench;

namespace {
// Resident and peak resident memory of this process in MiB, from /proc.
QPair<double, double> memoryMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    double rss = 0, hwm = 0;
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                rss = line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
            else if (line.startsWith("VmHWM:"))
                hwm = line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return {rss, hwm};
}

void fill(ProjectDocument *doc, int count)
{
    const QList<Node> nodes = bench::gridNodes(count);
    const int columns = bench::gridColumns(count);
    QList<Edge> edges;
    for (int i = 1; i < count; ++i) {
        edges.append({newId(), nodes.at(i - 1).id, nodes.at(i).id, allEdgeKinds().at(i % 7), QString()});
        if (i % 3 == 0 && i >= columns)
            edges.append({newId(), nodes.at(i - columns).id, nodes.at(i).id, EdgeKind::Reads, QString()});
    }
    doc->undoStack()->push(new AddNodesCommand(doc, nodes, edges));
}

// Separate functions so a profiler can tell the fitted and the 100 % frames apart
// (valgrind --tool=callgrind --toggle-collect='*fitFrameMs*').
[[gnu::noinline]] double renderMs(MapView &view, int repeats) { return bench::paintFramesMs(view.viewport(), repeats); }
[[gnu::noinline]] double fitFrameMs(MapView &view) { return renderMs(view, 3); }
// Moving by a third of the view each frame (in view pixels, whatever the zoom).
double panFrameMs(MapView &view)
{
    QElapsedTimer pan;
    pan.start();
    for (int i = 0; i < 10; ++i) {
        view.centerOn(view.visibleCentre() + QPointF(500, 150) / view.zoom());
        renderMs(view, 1);
    }
    return pan.nsecsElapsed() / 1e6 / 10;
}

[[gnu::noinline]] double firstFrameMs(MapView &view) { return renderMs(view, 1); }
[[gnu::noinline]] double zoomStepFrameMs(MapView &view)
{
    const double ms = renderMs(view, 1);
    return ms + 0 * view.zoom(); // a body of its own, so the profiler can name it
}
[[gnu::noinline]] double detailFrameMs(MapView &view) { return renderMs(view, 4); }
} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = {100, 1000, 5000};
    QTextStream out(stdout);
    out << "nodes  edges  file-write-ms  open-ms  scene-build-ms  fit-first-ms  frame-fit-ms  zoom-step-ms  frame-100%-ms  pan-100%-ms  pan-30%-ms  rss-MiB  peak-MiB\n";
    for (int count : sizes) {
        QTemporaryDir dir;
        auto doc = ProjectDocument::create(dir.filePath(QStringLiteral("bench.flowbench")), QStringLiteral("bench"));
        if (!doc) {
            std::fprintf(stderr, "%s\n", qPrintable(doc.error()));
            return 2;
        }
        QElapsedTimer t;
        t.start();
        fill(doc->get(), count);
        const double writeMs = t.nsecsElapsed() / 1e6;

        // Opening the project as the app does: the store opens the file and loads it,
        // then the scene builds every item.
        const QString path = doc.value()->filePath();
        doc = Result<std::unique_ptr<ProjectDocument>>(std::unique_ptr<ProjectDocument>());
        t.restart();
        doc = ProjectDocument::open(path);
        if (!doc) {
            std::fprintf(stderr, "%s\n", qPrintable(doc.error()));
            return 2;
        }
        const double loadMs = t.nsecsElapsed() / 1e6;
        auto *scene = new MapScene(doc->get());
        MapOverviewLayer::install(scene);
        scene->updateClustersNow();
        const double openMs = t.nsecsElapsed() / 1e6;
        const double buildMs = openMs - loadMs;

        MapView view;
        view.resize(1600, 1000);
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.show(); // a hidden view keeps a 640x480 viewport: fit and frames would be too small
        QCoreApplication::processEvents();
        view.setMapScene(scene);
        view.fitToContent();
        // The first zoomed-out frame draws the overview picture; later ones blit it.
        const double fitColdMs = firstFrameMs(view);
        const double fitMs = fitFrameMs(view);
        // BENCH_MAPVIEW_PNG=prefix saves the fitted frame as prefix-<nodes>.png to look at.
        if (const QString png = qEnvironmentVariable("BENCH_MAPVIEW_PNG"); !png.isEmpty()) {
            QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
            view.viewport()->render(&image);
            image.save(QStringLiteral("%1-%2.png").arg(png).arg(count));
        }
        // A wheel step while zoomed out: the overview picture is drawn anew at the new scale.
        view.setZoom(view.zoom() * 1.15, view.visibleCentre());
        const double zoomStepMs = zoomStepFrameMs(view);
        view.setZoom(1.0, scene->contentRect().center());
        renderMs(view, 1); // lays out the visible cards' texts once
        const double fullMs = detailFrameMs(view);
        const double panMs = panFrameMs(view);
        // Panning zoomed out (30 %): the overview picture is blitted, and re-drawn when the
        // view moves past its border.
        view.setZoom(0.3, view.visibleCentre());
        renderMs(view, 1);
        const double panOutMs = panFrameMs(view);
        const auto mem = memoryMiB();
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8  %9  %10  %11  %12  %13\n")
                   .arg(count, 5)
                   .arg(doc.value()->edgeCount(), 5)
                   .arg(writeMs, 13, 'f', 1)
                   .arg(openMs, 7, 'f', 1)
                   .arg(buildMs, 14, 'f', 1)
                   .arg(fitColdMs, 12, 'f', 1)
                   .arg(fitMs, 12, 'f', 1)
                   .arg(zoomStepMs, 12, 'f', 1)
                   .arg(fullMs, 13, 'f', 1)
                   .arg(panMs, 11, 'f', 1)
                   .arg(panOutMs, 10, 'f', 1)
                   .arg(mem.first, 7, 'f', 1)
                   .arg(mem.second, 8, 'f', 1);
        out.flush();
        view.setMapScene(nullptr);
        delete scene;
    }
    return 0;
}
