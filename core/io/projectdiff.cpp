#include "io/projectdiff.h"

#include <QHash>
#include <QSet>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace flowbench {

namespace {

using Entry = ProjectDiff::Entry;
using Change = ProjectDiff::Change;
using Entity = ProjectDiff::Entity;

QString quoted(const QString &text)
{
    QString one = text;
    one.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    if (one.size() > 120)
        one = one.left(119) + QChar(0x2026);
    return QLatin1Char('"') + one + QLatin1Char('"');
}

QString json(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

// Collects "field: before → after" for the fields that differ.
class Fields
{
public:
    void text(const char *name, const QString &a, const QString &b)
    {
        if (a != b)
            m_list << QStringLiteral("%1: %2 → %3").arg(QString::fromLatin1(name), quoted(a), quoted(b));
    }
    void plain(const char *name, const QString &a, const QString &b)
    {
        if (a != b)
            m_list << QStringLiteral("%1: %2 → %3").arg(QString::fromLatin1(name), a, b);
    }
    QStringList take() { return std::move(m_list); }

private:
    QStringList m_list;
};

QString riskText(const Risk &r)
{
    return QStringLiteral("%1×%2").arg(r.likelihood).arg(r.impact);
}

template <typename T, typename Label, typename Compare>
void diffLists(Entity entity, const QList<T> &before, const QList<T> &after, Label label, Compare compare,
    QList<Entry> &out)
{
    QHash<Id, const T *> old;
    for (const T &item : before)
        old.insert(item.id, &item);
    QHash<Id, const T *> now;
    for (const T &item : after)
        now.insert(item.id, &item);
    QList<Entry> found;
    for (const T &item : after) {
        const T *was = old.value(item.id);
        if (!was) {
            found.append({ entity, Change::Added, item.id, label(item, false), {} });
            continue;
        }
        QStringList fields = compare(*was, item);
        if (!fields.isEmpty())
            found.append({ entity, Change::Changed, item.id, label(item, false), fields });
    }
    for (const T &item : before)
        if (!now.contains(item.id))
            found.append({ entity, Change::Removed, item.id, label(item, true), {} });
    std::stable_sort(found.begin(), found.end(), [](const Entry &a, const Entry &b) {
        return a.change != b.change ? int(a.change) < int(b.change) : a.label < b.label;
    });
    out += found;
}

QString entityName(Entity e, bool plural)
{
    switch (e) {
    case Entity::Node:
        return plural ? QStringLiteral("nodes") : QStringLiteral("node");
    case Entity::Edge:
        return plural ? QStringLiteral("edges") : QStringLiteral("edge");
    case Entity::Flow:
        return plural ? QStringLiteral("flows") : QStringLiteral("flow");
    case Entity::TestCase:
        return plural ? QStringLiteral("test cases") : QStringLiteral("test case");
    case Entity::Check:
        return plural ? QStringLiteral("checks") : QStringLiteral("check");
    }
    return QString();
}

} // namespace

ProjectDiff diffProjects(const Project &before, const Project &after)
{
    // Names through either version: a removed node is named as it was.
    auto nodeName = [&](const Id &id, bool old) {
        const Node *n = (old ? before : after).node(id);
        if (!n)
            n = (old ? after : before).node(id);
        return n ? n->name : id;
    };
    auto flowName = [&](const Id &id, bool old) {
        for (const Project *p : { old ? &before : &after, old ? &after : &before })
            for (const Flow &f : p->flows)
                if (f.id == id)
                    return f.name;
        return id;
    };
    ProjectDiff diff;
    diffLists<Node>(
        Entity::Node, before.nodes, after.nodes,
        [](const Node &n, bool) {
            return QStringLiteral("node %1 (%2)").arg(quoted(n.name), toString(n.kind));
        },
        [](const Node &a, const Node &b) {
            Fields f;
            f.plain("kind", toString(a.kind), toString(b.kind));
            f.text("name", a.name, b.name);
            f.text("group", a.group, b.group);
            f.text("owner", a.owner, b.owner);
            f.plain("risk", riskText(a.risk), riskText(b.risk));
            f.text("description", a.description, b.description);
            f.plain("properties", json(a.properties), json(b.properties));
            return f.take();
        },
        diff.entries);
    diffLists<Edge>(
        Entity::Edge, before.edges, after.edges,
        [&](const Edge &e, bool old) {
            return QStringLiteral("edge %1 %2 %3")
                .arg(quoted(nodeName(e.from, old)), toString(e.kind), quoted(nodeName(e.to, old)));
        },
        [&](const Edge &a, const Edge &b) {
            Fields f;
            // By id: a renamed node is its own change, not one of every edge it has.
            if (a.from != b.from)
                f.text("from", nodeName(a.from, true), nodeName(b.from, false));
            if (a.to != b.to)
                f.text("to", nodeName(a.to, true), nodeName(b.to, false));
            f.plain("kind", toString(a.kind), toString(b.kind));
            f.text("label", a.label, b.label);
            return f.take();
        },
        diff.entries);
    diffLists<Flow>(
        Entity::Flow, before.flows, after.flows,
        [](const Flow &fl, bool) { return QStringLiteral("flow %1").arg(quoted(fl.name)); },
        [&](const Flow &a, const Flow &b) {
            Fields f;
            f.text("name", a.name, b.name);
            f.text("description", a.description, b.description);
            f.plain("risk", riskText(a.risk), riskText(b.risk));
            QStringList pa, pb;
            for (const Id &id : a.nodeIds)
                pa << nodeName(id, true);
            for (const Id &id : b.nodeIds)
                pb << nodeName(id, false);
            f.plain("path", pa.join(QStringLiteral(" → ")), pb.join(QStringLiteral(" → ")));
            return f.take();
        },
        diff.entries);
    auto caseLabel = [&](const TestCase &t, bool old) {
        return QStringLiteral("test case %1 on %2").arg(quoted(t.title), quoted(nodeName(t.nodeId, old)));
    };
    diffLists<TestCase>(
        Entity::TestCase, before.testCases, after.testCases, caseLabel,
        [&](const TestCase &a, const TestCase &b) {
            Fields f;
            f.text("title", a.title, b.title);
            if (a.nodeId != b.nodeId)
                f.text("node", nodeName(a.nodeId, true), nodeName(b.nodeId, false));
            if (a.flowId != b.flowId)
                f.text("flow", a.flowId.isEmpty() ? QString() : flowName(a.flowId, true),
                    b.flowId.isEmpty() ? QString() : flowName(b.flowId, false));
            f.text("description", a.description, b.description);
            f.plain("priority", toString(a.priority), toString(b.priority));
            f.plain("level", a.level ? toString(*a.level) : QStringLiteral("auto"),
                b.level ? toString(*b.level) : QStringLiteral("auto"));
            f.plain("tags", a.tags.join(QStringLiteral(", ")), b.tags.join(QStringLiteral(", ")));
            f.plain("automated", a.automated ? QStringLiteral("yes") : QStringLiteral("no"),
                b.automated ? QStringLiteral("yes") : QStringLiteral("no"));
            QStringList sa, sb; // the order of the steps, by name
            for (const Check &c : a.checks)
                sa << (c.name.isEmpty() ? c.type : c.name);
            for (const Check &c : b.checks)
                sb << (c.name.isEmpty() ? c.type : c.name);
            f.plain("steps", sa.join(QStringLiteral(", ")), sb.join(QStringLiteral(", ")));
            f.plain("faults", activeFaultsText(before, a.faults), activeFaultsText(after, b.faults));
            QStringList ca, cb; // the cleanup steps, the same way
            for (const Check &c : a.cleanup)
                ca << (c.name.isEmpty() ? c.type : c.name);
            for (const Check &c : b.cleanup)
                cb << (c.name.isEmpty() ? c.type : c.name);
            auto listed = [](const QStringList &names) {
                return names.isEmpty() ? QStringLiteral("(none)") : names.join(QStringLiteral(", "));
            };
            f.plain("cleanup", listed(ca), listed(cb));
            return f.take();
        },
        diff.entries);

    // Checks belong to their test case: labelled by it, matched by id across the project.
    struct PlacedCheck
    {
        Id id;
        Check check;
        Id testCaseId;
        QString owner; // the test case's label
        bool cleanup = false; // one of its cleanup steps
    };
    auto placed = [&](const Project &p, bool old) {
        QList<PlacedCheck> list;
        for (const TestCase &t : p.testCases) {
            for (const Check &c : t.checks)
                list.append({ c.id, c, t.id, caseLabel(t, old) });
            for (const Check &c : t.cleanup)
                list.append({ c.id, c, t.id, caseLabel(t, old), true });
        }
        return list;
    };
    diffLists<PlacedCheck>(
        Entity::Check, placed(before, true), placed(after, false),
        [](const PlacedCheck &c, bool) {
            return QStringLiteral("%1 %2 (%3) in %4")
                .arg(c.cleanup ? QStringLiteral("cleanup step") : QStringLiteral("check"),
                    quoted(c.check.name.isEmpty() ? c.check.type : c.check.name), c.check.type, c.owner);
        },
        [](const PlacedCheck &pa, const PlacedCheck &pb) {
            const Check &a = pa.check;
            const Check &b = pb.check;
            Fields f;
            if (pa.testCaseId != pb.testCaseId)
                f.plain("moved", pa.owner, pb.owner);
            auto phase = [](const PlacedCheck &c) {
                return c.cleanup ? QStringLiteral("cleanup") : QStringLiteral("step");
            };
            f.plain("phase", phase(pa), phase(pb));
            f.plain("type", a.type, b.type);
            f.text("name", a.name, b.name);
            f.plain("spec", json(a.spec), json(b.spec));
            auto assertions = [](const Check &c) {
                QStringList list;
                for (const Assertion &x : c.assertions)
                    list << QStringLiteral("%1%2 %3 %4")
                                .arg(x.kind, x.target.isEmpty() ? QString() : QLatin1Char(' ') + x.target,
                                    x.op, json(x.expected));
                return list.join(QStringLiteral("; "));
            };
            f.plain("assertions", assertions(a), assertions(b));
            auto captures = [](const Check &c) {
                QStringList list;
                for (const Capture &x : c.captures)
                    list << QStringLiteral("%1 = %2 %3").arg(x.name, x.source, x.expression);
                return list.join(QStringLiteral("; "));
            };
            f.plain("captures", captures(a), captures(b));
            auto eventually = [](const Check &c) {
                return c.eventually.enabled() ? QStringLiteral("within %1 ms every %2 ms")
                                                    .arg(c.eventually.timeoutMs)
                                                    .arg(c.eventually.intervalMs)
                                              : QStringLiteral("off");
            };
            f.plain("eventually", eventually(a), eventually(b));
            return f.take();
        },
        diff.entries);
    return diff;
}

DiffMap diffMap(const Project &before, const Project &after, const ProjectDiff &diff)
{
    DiffMap map;
    map.project = after;
    map.project.runs.clear();
    map.project.results.clear();
    auto addMissing = [](auto &into, const auto &from) {
        QSet<Id> have;
        for (const auto &item : into)
            have.insert(item.id);
        for (const auto &item : from)
            if (!have.contains(item.id))
                into.append(item);
    };
    addMissing(map.project.nodes, before.nodes);
    addMissing(map.project.edges, before.edges);
    addMissing(map.project.flows, before.flows);
    addMissing(map.project.testCases, before.testCases); // a removed node keeps its count
    addMissing(map.project.comments, before.comments);

    QHash<Id, Id> nodeOfCase; // test case -> node, in either version
    QHash<Id, Id> caseOfCheck;
    for (const Project *p : { &before, &after })
        for (const TestCase &t : p->testCases) {
            nodeOfCase.insert(t.id, t.nodeId);
            for (const Check &c : t.checks + t.cleanup)
                caseOfCheck.insert(c.id, t.id);
        }
    for (const ProjectDiff::Entry &e : diff.entries) {
        switch (e.entity) {
        case ProjectDiff::Entity::Node:
            map.nodes.insert(e.id, e.change);
            break;
        case ProjectDiff::Entity::Edge:
            map.edges.insert(e.id, e.change);
            break;
        case ProjectDiff::Entity::TestCase:
        case ProjectDiff::Entity::Check: {
            const Id testCase = e.entity == ProjectDiff::Entity::Check ? caseOfCheck.value(e.id) : e.id;
            const Id node = nodeOfCase.value(testCase);
            if (!node.isEmpty() && !map.nodes.contains(node))
                map.nodes.insert(node, ProjectDiff::Change::Changed);
            break;
        }
        case ProjectDiff::Entity::Flow:
            break;
        }
    }
    return map;
}

QString ProjectDiff::toText() const
{
    if (entries.isEmpty())
        return QStringLiteral("no differences\n");
    QString out;
    const Entity order[] = { Entity::Node, Entity::Edge, Entity::Flow, Entity::TestCase, Entity::Check };
    for (Entity entity : order) {
        int added = 0, removed = 0, changed = 0;
        for (const Entry &e : entries)
            if (e.entity == entity)
                (e.change == Change::Added ? added : e.change == Change::Removed ? removed : changed)++;
        if (added + removed + changed == 0)
            continue;
        out += QStringLiteral("%1: %2 added, %3 removed, %4 changed\n")
                   .arg(entityName(entity, true))
                   .arg(added)
                   .arg(removed)
                   .arg(changed);
        for (const Entry &e : entries) {
            if (e.entity != entity)
                continue;
            out += QStringLiteral("  %1 %2\n")
                       .arg(e.change == Change::Added        ? QStringLiteral("+")
                               : e.change == Change::Removed ? QStringLiteral("-")
                                                             : QStringLiteral("~"),
                           e.label);
            for (const QString &field : e.fields)
                out += QStringLiteral("      %1\n").arg(field);
        }
    }
    return out;
}

} // namespace flowbench
