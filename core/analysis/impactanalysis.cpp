#include "analysis/impactanalysis.h"

#include <deque>

namespace flowbench {

bool effectFlowsForward(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Reads:    // the reader takes data out of the store
    case EdgeKind::Consumes: // the consumer takes messages out of the queue
        return false;
    case EdgeKind::Calls:
    case EdgeKind::Writes:
    case EdgeKind::Publishes:
    case EdgeKind::Triggers:
    case EdgeKind::Schedules:
        return true;
    }
    return true;
}

QSet<Id> Impact::allNodes() const
{
    QSet<Id> all = upstream;
    all.unite(downstream);
    all.insert(node);
    return all;
}

ImpactAnalysis::ImpactAnalysis(const Project &project)
    : m_project(project)
{
    const int n = int(project.nodes.size());
    m_index.reserve(n);
    for (int i = 0; i < n; ++i)
        m_index.insert(project.nodes[i].id, i);
    m_forward.resize(n);
    m_backward.resize(n);
    for (int e = 0; e < project.edges.size(); ++e) {
        const Edge &edge = project.edges[e];
        const auto from = m_index.constFind(edge.from);
        const auto to = m_index.constFind(edge.to);
        if (from == m_index.cend() || to == m_index.cend())
            continue;
        int source = *from;
        int target = *to;
        if (!effectFlowsForward(edge.kind))
            std::swap(source, target);
        m_forward[source].push_back({target, e});
        m_backward[target].push_back({source, e});
    }
}

QSet<Id> ImpactAnalysis::walk(int start, const std::vector<std::vector<Step>> &adjacency, QSet<Id> *edges) const
{
    QSet<Id> reached;
    std::vector<bool> seen(adjacency.size(), false);
    std::deque<int> queue{start};
    seen[start] = true;
    while (!queue.empty()) {
        const int current = queue.front();
        queue.pop_front();
        for (const Step &step : adjacency[current]) {
            if (edges)
                edges->insert(m_project.edges[step.edge].id);
            if (seen[step.node])
                continue;
            seen[step.node] = true;
            reached.insert(m_project.nodes[step.node].id);
            queue.push_back(step.node);
        }
    }
    return reached;
}

QSet<Id> ImpactAnalysis::upstream(const Id &node) const
{
    const auto it = m_index.constFind(node);
    return it == m_index.cend() ? QSet<Id>() : walk(*it, m_backward, nullptr);
}

QSet<Id> ImpactAnalysis::downstream(const Id &node) const
{
    const auto it = m_index.constFind(node);
    return it == m_index.cend() ? QSet<Id>() : walk(*it, m_forward, nullptr);
}

QHash<Id, int> ImpactAnalysis::distances(const Id &node, bool downstream) const
{
    QHash<Id, int> hops;
    const auto it = m_index.constFind(node);
    if (it == m_index.cend())
        return hops;
    const std::vector<std::vector<Step>> &adjacency = downstream ? m_forward : m_backward;
    std::vector<int> distance(adjacency.size(), -1);
    std::deque<int> queue{*it};
    distance[*it] = 0;
    hops.insert(node, 0);
    while (!queue.empty()) {
        const int current = queue.front();
        queue.pop_front();
        for (const Step &step : adjacency[current]) {
            if (distance[step.node] >= 0)
                continue;
            distance[step.node] = distance[current] + 1;
            hops.insert(m_project.nodes[step.node].id, distance[step.node]);
            queue.push_back(step.node);
        }
    }
    return hops;
}

Impact ImpactAnalysis::analyze(const Id &node) const
{
    Impact impact;
    impact.node = node;
    const auto it = m_index.constFind(node);
    if (it == m_index.cend())
        return impact;
    impact.upstream = walk(*it, m_backward, &impact.edges);
    impact.downstream = walk(*it, m_forward, &impact.edges);
    // A cycle through the node puts it in its own up/downstream; it is the subject, not affected.
    impact.upstream.remove(node);
    impact.downstream.remove(node);

    const QSet<Id> affected = impact.allNodes();
    for (const Flow &flow : m_project.flows) {
        bool through = false;
        bool touched = false;
        for (const Id &step : flow.nodeIds) {
            through = through || step == node;
            touched = touched || affected.contains(step);
        }
        if (through)
            impact.flowsThrough.append(flow.id);
        if (touched)
            impact.flowsTouched.append(flow.id);
    }
    for (const TestCase &testCase : m_project.testCases)
        if (affected.contains(testCase.nodeId))
            impact.testCases.append(testCase.id);
    return impact;
}

} // namespace flowbench
