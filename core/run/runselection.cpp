#include "run/runselection.h"

#include <QSet>
#include <algorithm>

namespace flowbench {

namespace {

QString listOrNone(QStringList names)
{
    if (names.isEmpty())
        return QStringLiteral("(none)");
    names.sort();
    return names.join(QStringLiteral(", "));
}

// "Run Step": the steps up to the chosen one. Up to a cleanup step: all the steps and the
// cleanup up to it. Up to a step: its whole cleanup still runs, so the data is left clean.
void keepUntil(TestCase &t, const QString &checkId)
{
    for (QList<Check> *list : { &t.checks, &t.cleanup })
        for (int i = 0; i < list->size(); ++i)
            if (list->at(i).id == checkId) {
                *list = list->mid(0, i + 1);
                return;
            }
}

} // namespace

QString RunSelection::describe() const
{
    if (isAll())
        return QStringLiteral("all");
    QStringList parts;
    for (const QString &f : flows)
        parts << QStringLiteral("flow %1").arg(f);
    for (const QString &n : nodes)
        parts << QStringLiteral("node %1").arg(n);
    for (const QString &t : tags)
        parts << QStringLiteral("tag %1").arg(t);
    for (const QString &id : testCaseIds)
        parts << QStringLiteral("test case %1").arg(id);
    if (!untilCheckId.isEmpty())
        parts << QStringLiteral("up to step %1").arg(untilCheckId);
    return parts.join(QStringLiteral(", "));
}

Result<QList<TestCase>> selectTestCases(const Project &project, const RunSelection &selection)
{
    QSet<Id> flowIds;
    QSet<Id> flowNodeIds;
    for (const QString &name : selection.flows) {
        const Flow *flow = project.flowByName(name);
        if (!flow) {
            QStringList names;
            for (const Flow &f : project.flows)
                names << f.name;
            return Result<QList<TestCase>>::failure(
                QStringLiteral("no flow named \"%1\"; flows: %2").arg(name, listOrNone(names)));
        }
        flowIds.insert(flow->id);
        for (const Id &nodeId : flow->nodeIds)
            flowNodeIds.insert(nodeId);
    }
    QSet<Id> nodeIds;
    for (const QString &name : selection.nodes) {
        const Node *node = project.nodeByName(name);
        if (!node) {
            QStringList names;
            for (const Node &n : project.nodes)
                names << n.name;
            return Result<QList<TestCase>>::failure(
                QStringLiteral("no node named \"%1\"; nodes: %2").arg(name, listOrNone(names)));
        }
        nodeIds.insert(node->id);
    }
    QSet<Id> caseIds;
    for (const QString &id : selection.testCaseIds) {
        const bool exists = std::any_of(project.testCases.begin(), project.testCases.end(),
            [&](const TestCase &t) { return t.id == id; });
        if (!exists) {
            QStringList ids;
            for (const TestCase &t : project.testCases)
                ids << QStringLiteral("%1 (%2)").arg(t.id, t.title);
            return Result<QList<TestCase>>::failure(
                QStringLiteral("no test case with id \"%1\"; test cases: %2").arg(id, listOrNone(ids)));
        }
        caseIds.insert(id);
    }

    QList<TestCase> picked;
    for (const TestCase &t : project.testCases) {
        if (!t.automated)
            continue;
        if (!selection.flows.isEmpty() && !flowIds.contains(t.flowId) && !flowNodeIds.contains(t.nodeId))
            continue;
        if (!nodeIds.isEmpty() && !nodeIds.contains(t.nodeId))
            continue;
        if (!caseIds.isEmpty() && !caseIds.contains(t.id))
            continue;
        if (!selection.tags.isEmpty()
            && std::none_of(selection.tags.begin(), selection.tags.end(),
                [&](const QString &tag) { return t.tags.contains(tag); }))
            continue;
        picked.append(t);
        if (!selection.untilCheckId.isEmpty())
            keepUntil(picked.last(), selection.untilCheckId);
    }
    // Stable order for reports: by node name, then the node's own order.
    auto nodeName = [&](const Id &id) {
        const Node *n = project.node(id);
        return n ? n->name : QString();
    };
    std::stable_sort(picked.begin(), picked.end(), [&](const TestCase &a, const TestCase &b) {
        const QString na = nodeName(a.nodeId), nb = nodeName(b.nodeId);
        if (na != nb)
            return na < nb;
        if (a.position != b.position)
            return a.position < b.position;
        return a.title < b.title;
    });
    return picked;
}

} // namespace flowbench
