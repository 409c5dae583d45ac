#include "mapgenerator.h"

#include <QRandomGenerator>
#include <algorithm>

namespace flowbench::bench {

Project generateLayeredMap(int nodeCount, int domainCount, quint32 seed)
{
    QRandomGenerator random(seed);
    Project project;
    project.name = QStringLiteral("generated %1 nodes").arg(nodeCount);
    domainCount = std::max(1, domainCount);
    const int perDomain = std::max(5, nodeCount / domainCount);
    // Stages of the flow: screen -> api -> service -> table/queue.
    QList<QList<QList<int>>> stage(domainCount, QList<QList<int>>(4));
    for (int i = 0; i < nodeCount; ++i) {
        const int domain = std::min(i / perDomain, domainCount - 1);
        const int percent = ((i - domain * perDomain) * 100) / perDomain;
        const int s = percent < 15 ? 0 : percent < 40 ? 1 : percent < 65 ? 2 : 3;
        Node n;
        n.id = newId();
        n.group = QStringLiteral("domain-%1").arg(domain);
        switch (s) {
        case 0: n.kind = NodeKind::Screen; break;
        case 1: n.kind = NodeKind::Api; break;
        case 2: n.kind = NodeKind::Service; break;
        default: n.kind = (i % 3 == 0) ? NodeKind::Queue : NodeKind::Table; break;
        }
        n.name = QStringLiteral("%1-%2").arg(toString(n.kind)).arg(i);
        stage[domain][s].append(int(project.nodes.size()));
        project.nodes.append(n);
    }
    auto link = [&](int from, int to, EdgeKind kind) {
        Edge e;
        e.id = newId();
        e.from = project.nodes[from].id;
        e.to = project.nodes[to].id;
        e.kind = kind;
        project.edges.append(e);
    };
    for (int d = 0; d < domainCount; ++d) {
        for (int s = 0; s < 3; ++s) {
            for (int from : stage[d][s]) {
                const int calls = 1 + int(random.bounded(3)); // 1..3, two on average
                for (int c = 0; c < calls; ++c) {
                    const int target = random.bounded(10) == 0 ? int(random.bounded(domainCount)) : d;
                    const QList<int> &next = stage[target][s + 1];
                    if (next.isEmpty())
                        continue;
                    const int to = next[int(random.bounded(next.size()))];
                    const NodeKind kind = project.nodes[to].kind;
                    link(from, to, kind == NodeKind::Queue ? EdgeKind::Publishes
                                   : kind == NodeKind::Table ? EdgeKind::Writes : EdgeKind::Calls);
                }
            }
        }
        const QList<int> &screens = stage[d][0];
        for (int k = 1; k < screens.size(); ++k)
            if (random.bounded(2) == 0)
                link(screens[k - 1], screens[k], EdgeKind::Triggers);
    }
    return project;
}

} // namespace flowbench::bench
