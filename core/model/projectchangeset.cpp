#include "model/projectchangeset.h"

#include <QHash>
#include <QSet>

namespace flowbench {

namespace {

template <typename T>
void split(const QList<T> &target, const QList<T> &imported, QList<T> &added, QList<T> &changed,
    bool (*same)(const T &, const T &))
{
    QHash<Id, const T *> byId;
    for (const T &item : target)
        byId.insert(item.id, &item);
    for (const T &item : imported) {
        const T *current = byId.value(item.id);
        if (!current)
            added.append(item);
        else if (!same(*current, item))
            changed.append(item);
    }
}

template <typename T> bool equal(const T &a, const T &b)
{
    return a == b;
}

bool sameNode(const Node &a, const Node &b)
{
    Node placed = b;
    placed.x = a.x;
    placed.y = a.y;
    placed.pinned = a.pinned;
    return a == placed;
}

bool sameEdge(const Edge &a, const Edge &b)
{
    // A stored route is layout data the import does not replace.
    Edge routed = b;
    routed.route = a.route;
    return a == routed;
}

template <typename T>
void apply(QList<T> &list, const QList<T> &added, const QList<T> &changed, const QList<T> &removed)
{
    QSet<Id> gone;
    for (const T &item : removed)
        gone.insert(item.id);
    QHash<Id, const T *> replacement;
    for (const T &item : changed)
        replacement.insert(item.id, &item);
    QList<T> result;
    result.reserve(list.size() + added.size());
    for (const T &item : list) {
        if (gone.contains(item.id))
            continue;
        const T *with = replacement.value(item.id);
        result.append(with ? *with : item);
    }
    result.append(added);
    list = std::move(result);
}

QString counted(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

bool ProjectChangeSet::isEmpty() const
{
    const Project empty;
    Project a = added, c = changed, r = removed;
    a.name = c.name = r.name = QString();
    return a == empty && c == empty && r == empty;
}

QString ProjectChangeSet::describe(const Project &part)
{
    QStringList parts;
    auto add = [&](qsizetype n, const char *one, const char *many) {
        if (n > 0)
            parts << counted(n, one, many);
    };
    add(part.nodes.size(), "node", "nodes");
    add(part.edges.size(), "edge", "edges");
    add(part.flows.size(), "flow", "flows");
    add(part.testCases.size(), "test case", "test cases");
    add(part.environments.size(), "environment", "environments");
    add(part.comments.size(), "comment", "comments");
    add(part.runs.size(), "run", "runs");
    add(part.results.size(), "result", "results");
    return parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", "));
}

ProjectChangeSet ProjectChangeSet::between(const Project &target, const Project &imported)
{
    ProjectChangeSet set;
    set.name = imported.name;
    split<Node>(target.nodes, imported.nodes, set.added.nodes, set.changed.nodes, sameNode);
    split<Edge>(target.edges, imported.edges, set.added.edges, set.changed.edges, sameEdge);
    split<Flow>(target.flows, imported.flows, set.added.flows, set.changed.flows, equal<Flow>);
    split<TestCase>(
        target.testCases, imported.testCases, set.added.testCases, set.changed.testCases, equal<TestCase>);
    split<Environment>(target.environments, imported.environments, set.added.environments,
        set.changed.environments, equal<Environment>);
    split<Comment>(
        target.comments, imported.comments, set.added.comments, set.changed.comments, equal<Comment>);
    split<Run>(target.runs, imported.runs, set.added.runs, set.changed.runs, equal<Run>);
    split<CheckResult>(
        target.results, imported.results, set.added.results, set.changed.results, equal<CheckResult>);
    return set;
}

Project appliedTo(const Project &target, const ProjectChangeSet &changes)
{
    Project p = target;
    if (p.name.isEmpty())
        p.name = changes.name;
    apply(p.nodes, changes.added.nodes, changes.changed.nodes, changes.removed.nodes);
    apply(p.edges, changes.added.edges, changes.changed.edges, changes.removed.edges);
    apply(p.flows, changes.added.flows, changes.changed.flows, changes.removed.flows);
    apply(p.testCases, changes.added.testCases, changes.changed.testCases, changes.removed.testCases);
    apply(p.environments, changes.added.environments, changes.changed.environments,
        changes.removed.environments);
    apply(p.comments, changes.added.comments, changes.changed.comments, changes.removed.comments);
    apply(p.runs, changes.added.runs, changes.changed.runs, changes.removed.runs);
    apply(p.results, changes.added.results, changes.changed.results, changes.removed.results);
    return p;
}

} // namespace flowbench
