#include "map/export/projectmap.h"

#include "analysis/impactanalysis.h"
#include "analysis/nodeoutcomes.h"
#include "analysis/riskcoverage.h"
#include "document/projectdocument.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"

namespace flowbench {

ProjectMap::~ProjectMap()
{
    m_scene.reset(); // before the document it reads
    m_document.reset();
}

Result<std::unique_ptr<ProjectMap>> ProjectMap::build(const Project &project, const MapImageOptions &options)
{
    using R = Result<std::unique_ptr<ProjectMap>>;
    std::unique_ptr<ProjectMap> map(new ProjectMap);
    if (!map->m_dir.isValid())
        return R::failure(
            QStringLiteral("no scratch folder for drawing the map: %1").arg(map->m_dir.errorString()));

    const Flow *flow = nullptr;
    if (!options.flow.isEmpty() && !(flow = project.flowByName(options.flow)))
        return R::failure(QStringLiteral("--flow: no flow named \"%1\"").arg(options.flow));
    const Node *impactNode = nullptr;
    if (!options.impactNode.isEmpty() && !(impactNode = project.nodeByName(options.impactNode)))
        return R::failure(QStringLiteral("--node: no node named \"%1\"").arg(options.impactNode));

    auto doc = ProjectDocument::create(map->m_dir.filePath(QStringLiteral("map.flowbench")), project.name);
    if (!doc)
        return R::failure(doc.error());
    map->m_document = std::move(doc.value());
    map->m_document->setKeepsHistory(false); // a scratch copy: nobody reads its history
    // Few transactions for everything the cards show (names, kinds, test counts,
    // comments): cards and edges, then the flows test cases may name, then the rest.
    Project cards;
    cards.nodes = project.nodes;
    cards.edges = project.edges;
    if (Status s = map->m_document->restoreNodes(cards); !s)
        return R::failure(s.error());
    for (Flow f : project.flows)
        if (Status s = map->m_document->addFlow(f); !s)
            return R::failure(s.error());
    Project attached;
    attached.testCases = project.testCases;
    attached.comments = project.comments;
    if (Status s = map->m_document->restoreNodes(attached); !s)
        return R::failure(s.error());

    map->m_scene = std::make_unique<MapScene>(map->m_document.get());
    MapScene *scene = map->m_scene.get();
    // Drawn once from end to end: a BSP index would only be rebuilt as every edge's label
    // is placed (0.4 s of a 5,000-node export). A window showing it turns one on.
    scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    if (options.overlay) {
        auto *overlay = new MapOverlay(scene); // owned by the scene
        overlay->setMode(*options.overlay);
        const QList<CheckResult> latest = latestResultsOf(project.results);
        overlay->setStaleAfterSeconds(
            std::numeric_limits<qint64>::max() / 2); // an export shows results as they are
        overlay->setOutcomes(nodeOutcomes(project, latest));
        overlay->updateCoverage(project, latest);
        if (impactNode) {
            const Impact impact = ImpactAnalysis(project).analyze(impactNode->id);
            overlay->setImpact(impactNode->id, impact.upstream, impact.downstream, impact.edges);
        }
        scene->setOverlay(overlay);
    }
    if (flow)
        scene->setHighlightedFlow(flow->id);
    scene->updateClustersNow();
    scene->placeEdgeLabelsNow(); // its timer would fire only after the image is drawn
    return R(std::move(map));
}

} // namespace flowbench
