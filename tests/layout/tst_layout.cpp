#include "layoutfixtures.h"

#include "layout/graphvizlayout.h"
#include "layout/layoutgeometry.h"
#include "layout/maplayout.h"

#include <QtTest>
#include <cmath>
#include <thread>
#include <vector>

using namespace flowbench;
using flowbench::testing::layoutEdge;
using flowbench::testing::layoutNode;

Q_DECLARE_METATYPE(flowbench::LayoutStrategy)

namespace {

double distanceToRect(const QPointF &p, const QRectF &r)
{
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return std::hypot(dx, dy);
}

LayoutRequest withStrategy(LayoutRequest request, LayoutStrategy strategy)
{
    request.strategy = strategy;
    return request;
}

LayoutResult layOut(const LayoutRequest &request)
{
    Result<LayoutResult> result = layoutMap(request);
    if (!result.ok())
        qWarning("layout failed: %s", qPrintable(result.error()));
    return result.ok() ? result.value() : LayoutResult{};
}

// A small map with two groups, a chain and a fan-out.
LayoutRequest smallMap()
{
    LayoutRequest r;
    r.nodes = {layoutNode(QStringLiteral("a"), QStringLiteral("Checkout")),
               layoutNode(QStringLiteral("b"), QStringLiteral("Checkout")),
               layoutNode(QStringLiteral("c"), QStringLiteral("Payments")),
               layoutNode(QStringLiteral("d"), QStringLiteral("Payments")),
               layoutNode(QStringLiteral("e"))};
    r.edges = {layoutEdge(QStringLiteral("a"), QStringLiteral("b")),
               layoutEdge(QStringLiteral("b"), QStringLiteral("c")),
               layoutEdge(QStringLiteral("b"), QStringLiteral("d")),
               layoutEdge(QStringLiteral("c"), QStringLiteral("e"))};
    return r;
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private:
    void strategies()
    {
        QTest::addColumn<LayoutStrategy>("strategy");
        QTest::newRow("graphviz dot") << LayoutStrategy::Graphviz;
        QTest::newRow("native layered") << LayoutStrategy::Layered;
    }

private slots:
    void chainRunsLeftToRight_data() { strategies(); }
    void chainRunsLeftToRight()
    {
        QFETCH(LayoutStrategy, strategy);
        LayoutRequest r;
        r.nodes = {layoutNode(QStringLiteral("c")), layoutNode(QStringLiteral("a")), layoutNode(QStringLiteral("b"))};
        r.edges = {layoutEdge(QStringLiteral("a"), QStringLiteral("b")), layoutEdge(QStringLiteral("b"), QStringLiteral("c"))};
        const LayoutResult result = layOut(withStrategy(r, strategy));
        QCOMPARE(result.nodes.size(), 3);
        const QRectF a = result.node(QStringLiteral("a"))->rect();
        const QRectF b = result.node(QStringLiteral("b"))->rect();
        const QRectF c = result.node(QStringLiteral("c"))->rect();
        QVERIFY2(a.right() < b.left() && b.right() < c.left(), "a, b, c should stand left to right without overlap");
        QCOMPARE(a.size(), QSizeF(120, 48));
    }

    void clustersContainTheirNodes_data() { strategies(); }
    void clustersContainTheirNodes()
    {
        QFETCH(LayoutStrategy, strategy);
        const LayoutRequest r = withStrategy(smallMap(), strategy);
        const LayoutResult result = layOut(r);
        QCOMPARE(result.clusters.size(), 2);
        for (const ClusterBox &cluster : result.clusters) {
            int members = 0;
            for (const LayoutNodeSpec &spec : r.nodes) {
                const QRectF rect = result.node(spec.id)->rect();
                if (spec.group == cluster.group) {
                    ++members;
                    QVERIFY2(cluster.rect.contains(rect), qPrintable(spec.id + QStringLiteral(" outside ") + cluster.group));
                } else {
                    QVERIFY2(!cluster.rect.intersects(rect), qPrintable(spec.id + QStringLiteral(" inside ") + cluster.group));
                }
            }
            QCOMPARE(members, 2);
        }
    }

    void pinnedNodesKeepTheirPlace_data() { strategies(); }
    void pinnedNodesKeepTheirPlace()
    {
        QFETCH(LayoutStrategy, strategy);
        LayoutRequest r = withStrategy(smallMap(), strategy);
        r.nodes[1].pinned = true;
        r.nodes[1].x = 1000;
        r.nodes[1].y = -250;
        r.nodes[3].pinned = true;
        r.nodes[3].x = 40;
        r.nodes[3].y = 700;
        const LayoutResult result = layOut(r);
        QCOMPARE(result.node(QStringLiteral("b"))->topLeft, QPointF(1000, -250));
        QCOMPARE(result.node(QStringLiteral("d"))->topLeft, QPointF(40, 700));
        // Edges to pinned nodes still connect them.
        for (const EdgeRoute &route : result.edges) {
            const LayoutEdgeSpec *spec = nullptr;
            for (const LayoutEdgeSpec &e : r.edges)
                if (e.id == route.id)
                    spec = &e;
            QVERIFY(spec);
            QVERIFY(distanceToRect(route.points.first(), result.node(spec->from)->rect()) < 3);
            const QPointF end = route.arrowTip ? *route.arrowTip : route.points.last();
            QVERIFY(distanceToRect(end, result.node(spec->to)->rect()) < 3);
        }
        for (const ClusterBox &cluster : result.clusters)
            for (const LayoutNodeSpec &spec : r.nodes)
                if (spec.group == cluster.group)
                    QVERIFY(cluster.rect.contains(result.node(spec.id)->rect()));
        QVERIFY(result.boundingBox.contains(result.node(QStringLiteral("b"))->rect()));
    }

    void routesRunFromSourceToTarget_data() { strategies(); }
    void routesRunFromSourceToTarget()
    {
        QFETCH(LayoutStrategy, strategy);
        LayoutRequest r = withStrategy(smallMap(), strategy);
        r.edges.append(layoutEdge(QStringLiteral("e"), QStringLiteral("a"))); // closes a cycle
        const LayoutResult result = layOut(r);
        QCOMPARE(result.edges.size(), r.edges.size());
        for (int i = 0; i < r.edges.size(); ++i) {
            const EdgeRoute &route = result.edges[i];
            QCOMPARE(route.id, r.edges[i].id);
            QVERIFY2(route.points.size() >= 4 && (route.points.size() - 1) % 3 == 0,
                     "a route is a cubic Bézier chain of 1 + 3n points");
            const QRectF from = result.node(r.edges[i].from)->rect();
            const QRectF to = result.node(r.edges[i].to)->rect();
            QVERIFY2(distanceToRect(route.points.first(), from) < 3, qPrintable(route.id + QStringLiteral(" starts away from its source")));
            const QPointF end = route.arrowTip ? *route.arrowTip : route.points.last();
            QVERIFY2(distanceToRect(end, to) < 3, qPrintable(route.id + QStringLiteral(" ends away from its target")));
        }
    }

    void coordinatesAreFlippedToYDown()
    {
        // dot puts cluster labels at the top of a cluster; after the flip they must still be
        // in the upper half, and everything lies in a box starting at (0, 0).
        const LayoutResult result = layOut(withStrategy(smallMap(), LayoutStrategy::Graphviz));
        QVERIFY(result.boundingBox.width() > 0 && result.boundingBox.height() > 0);
        QVERIFY(std::abs(result.boundingBox.left()) < 1 && std::abs(result.boundingBox.top()) < 1);
        for (const NodePlacement &n : result.nodes) {
            QVERIFY(n.topLeft.x() >= -0.5 && n.topLeft.y() >= -0.5);
            QVERIFY(result.boundingBox.contains(n.rect()));
        }
        for (const ClusterBox &c : result.clusters) {
            QVERIFY2(c.labelTopLeft.y() < c.rect.center().y(), "cluster label should be at the top");
            QVERIFY(c.rect.top() >= -0.5);
        }
        // An edge's route is drawn from the source down to the arrow, not mirrored.
        for (const EdgeRoute &e : result.edges)
            if (e.arrowTip)
                QVERIFY(e.points.last().x() <= e.arrowTip->x() + 0.5);
    }

    void emptyGraph_data() { strategies(); }
    void emptyGraph()
    {
        QFETCH(LayoutStrategy, strategy);
        const Result<LayoutResult> result = layoutMap(withStrategy(LayoutRequest{}, strategy));
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QVERIFY(result->nodes.isEmpty());
        QVERIFY(result->boundingBox.isEmpty());
    }

    void selfLoopsAndDuplicateEdges_data() { strategies(); }
    void selfLoopsAndDuplicateEdges()
    {
        QFETCH(LayoutStrategy, strategy);
        LayoutRequest r;
        r.strategy = strategy;
        r.nodes = {layoutNode(QStringLiteral("a"), QStringLiteral("G")), layoutNode(QStringLiteral("b"), QStringLiteral("G"))};
        r.edges = {layoutEdge(QStringLiteral("a"), QStringLiteral("a")), layoutEdge(QStringLiteral("a"), QStringLiteral("b")),
                   layoutEdge(QStringLiteral("a"), QStringLiteral("b")), layoutEdge(QStringLiteral("b"), QStringLiteral("a"))};
        const Result<LayoutResult> result = layoutMap(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->edges.size(), 4);
        for (const EdgeRoute &route : result->edges)
            QVERIFY2(!route.points.isEmpty(), qPrintable(route.id + QStringLiteral(" has no route")));
        const QRectF a = result->node(QStringLiteral("a"))->rect();
        QVERIFY(distanceToRect(result->edges[0].points.first(), a) < 3);
    }

    void badRequestIsAnError_data() { strategies(); }
    void badRequestIsAnError()
    {
        QFETCH(LayoutStrategy, strategy);
        LayoutRequest r;
        r.strategy = strategy;
        r.nodes = {layoutNode(QStringLiteral("a"))};
        r.edges = {{QStringLiteral("x"), QStringLiteral("a"), QStringLiteral("ghost")}};
        const Result<LayoutResult> result = layoutMap(r);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().contains(QLatin1String("edges[0].to")) && result.error().contains(QLatin1String("ghost")),
                 qPrintable(result.error()));
    }

    void largeGraphPathHasNoOverlaps()
    {
        // The automatic strategy switches to the layered layout above the threshold.
        LayoutRequest r = flowbench::testing::layeredMap(200, 4);
        r.largeGraphThreshold = 100;
        const Result<LayoutResult> result = layoutMap(r);
        QVERIFY2(result.ok(), qPrintable(result.error()));
        QCOMPARE(result->engine, QStringLiteral("layered"));
        QCOMPARE(result->nodes.size(), 200);
        QCOMPARE(result->clusters.size(), 4);
        // No two node rectangles overlap (within a layer or anywhere else).
        QList<QRectF> rects;
        for (const NodePlacement &n : result->nodes)
            rects.append(n.rect());
        for (int i = 0; i < rects.size(); ++i)
            for (int j = i + 1; j < rects.size(); ++j)
                QVERIFY2(!rects[i].intersects(rects[j]),
                         qPrintable(result->nodes[i].id + QStringLiteral(" overlaps ") + result->nodes[j].id));
        // Most edges run forward (left to right): the drawing is layered.
        int forward = 0;
        for (const LayoutEdgeSpec &e : r.edges)
            if (result->node(e.from)->rect().center().x() < result->node(e.to)->rect().center().x())
                ++forward;
        QVERIFY2(forward * 10 >= r.edges.size() * 8, qPrintable(QStringLiteral("%1 of %2 edges run forward").arg(forward).arg(r.edges.size())));
        for (const ClusterBox &cluster : result->clusters)
            for (int i = 0; i < r.nodes.size(); ++i)
                if (r.nodes[i].group == cluster.group)
                    QVERIFY(cluster.rect.contains(result->nodes[i].rect()));
    }

    void cancelStopsBetweenGroups()
    {
        LayoutRequest r = flowbench::testing::layeredMap(100, 5);
        r.strategy = LayoutStrategy::Layered;
        int groupsDone = 0;
        LayoutControl control;
        control.progress = [&](int done, int total) {
            groupsDone = done;
            QCOMPARE(total, 5);
        };
        control.isCancelled = [&] { return groupsDone >= 2; };
        const Result<LayoutResult> result = layoutMap(r, control);
        QVERIFY(!result.ok());
        QCOMPARE(result.error(), QStringLiteral("cancelled"));
        QCOMPARE(groupsDone, 2); // the remaining three groups were never started
    }

    void callsFromManyThreadsAgree()
    {
        // Graphviz has global state; the lock makes concurrent callers safe and the result
        // the same as a lone call.
        const LayoutRequest r = withStrategy(flowbench::testing::layeredMap(40, 2), LayoutStrategy::Graphviz);
        const LayoutResult reference = layOut(r);
        QCOMPARE(reference.nodes.size(), 40);
        std::vector<QList<QPointF>> seen(4);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int round = 0; round < 3; ++round) {
                    const Result<LayoutResult> result = layoutMap(r);
                    seen[t].clear();
                    if (result.ok())
                        for (const NodePlacement &n : result->nodes)
                            seen[t].append(n.topLeft);
                }
            });
        for (std::thread &t : threads)
            t.join();
        for (const QList<QPointF> &positions : seen) {
            QCOMPARE(positions.size(), reference.nodes.size());
            for (int i = 0; i < positions.size(); ++i)
                QCOMPARE(positions[i], reference.nodes[i].topLeft);
        }
    }

    void smallGraphUsesDot()
    {
        const Result<LayoutResult> result = layoutMap(smallMap());
        QVERIFY(result.ok());
        QCOMPARE(result->engine, QStringLiteral("dot"));
    }

    void graphvizInputIsTheLaidOutGraph()
    {
        const Result<QByteArray> dot = graphvizInputFor(smallMap());
        QVERIFY2(dot.ok(), qPrintable(dot.error()));
        QVERIFY(dot->contains("rankdir=LR"));
        QVERIFY(dot->contains("cluster_0"));
        QVERIFY(dot->contains("Payments"));
    }
};

QTEST_GUILESS_MAIN(TestLayout)
#include "tst_layout.moc"
