#include "scenebench.h"

#include "document/projectdocument.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/overview/mapoverviewlayer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>

namespace flowbench::bench {

namespace {
double paintMs(MapView &view, QImage *target)
{
    QElapsedTimer t;
    t.start();
    view.viewport()->render(target); // a paint event, as a window repaint is
    return t.nsecsElapsed() / 1e6;
}
} // namespace

SceneFigures measureScene(const Project &project, const LayoutResult &layout, const QString &dir)
{
    SceneFigures figures;
    QList<Node> nodes = project.nodes;
    for (Node &n : nodes)
        if (const NodePlacement *p = layout.node(n.id)) {
            n.x = p->topLeft.x();
            n.y = p->topLeft.y();
        }
    QList<Edge> edges = project.edges;
    const QString path = dir + QStringLiteral("/scene-%1.flowbench").arg(nodes.size());
    QElapsedTimer t;
    t.start();
    {
        auto created = ProjectDocument::create(path, QStringLiteral("bench"));
        if (!created) {
            figures.error = created.error();
            return figures;
        }
        if (Status s = created.value()->addNodes(nodes, edges); !s) {
            figures.error = s.error();
            return figures;
        }
    }
    auto doc = ProjectDocument::open(path);
    if (!doc) {
        figures.error = doc.error();
        return figures;
    }
    auto scene = std::make_unique<MapScene>(doc->get());
    MapOverviewLayer::install(scene.get());
    scene->updateClustersNow();
    figures.buildMs = t.nsecsElapsed() / 1e6;

    MapView view;
    view.resize(1600, 1000);
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.show();
    QCoreApplication::processEvents();
    view.setMapScene(scene.get());
    view.fitToContent();
    QImage target(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    figures.firstFrameMs = paintMs(view, &target);
    figures.frameMs = paintMs(view, &target);
    view.setMapScene(nullptr);
    return figures;
}

} // namespace flowbench::bench
