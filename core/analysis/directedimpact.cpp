#include "analysis/directedimpact.h"

#include "analysis/impactanalysis.h"

#include <algorithm>

namespace flowbench {

std::optional<ImpactDirection> impactDirectionFromString(const QString &text)
{
    if (text == QLatin1String("up"))
        return ImpactDirection::Up;
    if (text == QLatin1String("down"))
        return ImpactDirection::Down;
    if (text == QLatin1String("both"))
        return ImpactDirection::Both;
    return std::nullopt;
}

namespace {

QList<ReachedNode> byDistance(const Project &p, const QSet<Id> &ids, const QHash<Id, int> &hops)
{
    QList<ReachedNode> list;
    for (const Id &id : ids)
        if (const Node *n = p.node(id))
            list.append({ n, hops.value(id, -1) });
    std::sort(list.begin(), list.end(), [](const ReachedNode &a, const ReachedNode &b) {
        if (a.distance != b.distance)
            return a.distance < b.distance;
        const int byName = a.node->name.compare(b.node->name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.node->id < b.node->id;
    });
    return list;
}

} // namespace

DirectedImpact directedImpact(const Project &p, const Node &subject, ImpactDirection direction)
{
    DirectedImpact v;
    v.subject = &subject;
    v.direction = direction;
    const ImpactAnalysis analysis(p);
    const Impact impact = analysis.analyze(subject.id);
    QSet<Id> reached { subject.id };
    if (direction != ImpactDirection::Down) {
        v.upstream = byDistance(p, impact.upstream, analysis.distances(subject.id, false));
        reached.unite(impact.upstream);
    }
    if (direction != ImpactDirection::Up) {
        v.downstream = byDistance(p, impact.downstream, analysis.distances(subject.id, true));
        reached.unite(impact.downstream);
    }
    for (const Flow &f : p.flows) {
        if (impact.flowsThrough.contains(f.id))
            v.flowsThrough.append(&f);
        for (const Id &step : f.nodeIds)
            if (reached.contains(step)) {
                v.flowsTouched.append(&f);
                break;
            }
    }
    for (const TestCase &t : p.testCases)
        if (reached.contains(t.nodeId))
            v.testCases.append(&t);
    return v;
}

} // namespace flowbench
