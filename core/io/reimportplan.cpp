#include "io/reimportplan.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace flowbench {

namespace {

using Entity = ReimportPlan::Entity;
using Change = ReimportPlan::Change;

// A value as a person reads it in one line, cut short.
QString shown(const QString &text)
{
    QString one = text;
    one.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    if (one.size() > 60)
        one = one.left(57) + QStringLiteral("…");
    return QLatin1Char('"') + one + QLatin1Char('"');
}

QString shown(const QJsonValue &value)
{
    if (value.isString())
        return shown(value.toString());
    if (value.isUndefined())
        return QStringLiteral("(none)");
    const QJsonDocument doc = value.isObject() ? QJsonDocument(value.toObject())
        : value.isArray()                      ? QJsonDocument(value.toArray())
                                               : QJsonDocument(QJsonArray { value });
    QString text = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    if (!value.isObject() && !value.isArray())
        text = text.mid(1, text.size() - 2);
    return text.size() > 60 ? text.left(57) + QStringLiteral("…") : text;
}

struct FieldDiff
{
    QStringList fields;
    template <typename T> void text(const char *name, const T &a, const T &b)
    {
        if (a != b)
            fields << QStringLiteral("%1: %2 → %3").arg(QLatin1String(name), shown(a), shown(b));
    }
    void object(const QString &prefix, const QJsonObject &a, const QJsonObject &b)
    {
        QStringList keys = a.keys() + b.keys();
        keys.removeDuplicates();
        keys.sort();
        for (const QString &key : keys)
            if (a.value(key) != b.value(key))
                fields << QStringLiteral("%1.%2: %3 → %4")
                              .arg(prefix, key, shown(a.value(key)), shown(b.value(key)));
    }
    template <typename T> void list(const char *name, const QList<T> &a, const QList<T> &b)
    {
        if (a == b)
            return;
        int added = 0, removed = 0;
        for (const T &x : b)
            added += a.contains(x) ? 0 : 1;
        for (const T &x : a)
            removed += b.contains(x) ? 0 : 1;
        QStringList parts;
        if (added)
            parts << QStringLiteral("+%1").arg(added);
        if (removed)
            parts << QStringLiteral("-%1").arg(removed);
        if (parts.isEmpty())
            parts << QStringLiteral("reordered");
        fields << QStringLiteral("%1: %2").arg(QLatin1String(name), parts.join(QLatin1Char(' ')));
    }
};

QStringList nodeFields(const Node &a, const Node &b)
{
    FieldDiff d;
    d.text("kind", toString(a.kind), toString(b.kind));
    d.text("name", a.name, b.name);
    d.text("group", a.group, b.group);
    d.text("owner", a.owner, b.owner);
    d.text("description", a.description, b.description);
    d.text("risk", QStringLiteral("%1x%2").arg(a.risk.likelihood).arg(a.risk.impact),
        QStringLiteral("%1x%2").arg(b.risk.likelihood).arg(b.risk.impact));
    d.object(QStringLiteral("properties"), a.properties, b.properties);
    return d.fields;
}

QStringList edgeFields(const Edge &a, const Edge &b)
{
    FieldDiff d;
    d.text("from", a.from, b.from);
    d.text("to", a.to, b.to);
    d.text("kind", toString(a.kind), toString(b.kind));
    d.text("label", a.label, b.label);
    return d.fields;
}

QStringList checkFields(const Check &a, const Check &b)
{
    FieldDiff d;
    d.text("type", a.type, b.type);
    d.text("name", a.name, b.name);
    d.object(QStringLiteral("spec"), a.spec, b.spec);
    d.list("assertions", a.assertions, b.assertions);
    d.list("captures", a.captures, b.captures);
    if (!(a.eventually == b.eventually))
        d.fields << QStringLiteral("eventually: %1 ms → %2 ms")
                        .arg(a.eventually.timeoutMs)
                        .arg(b.eventually.timeoutMs);
    return d.fields;
}

QStringList testCaseFields(const TestCase &a, const TestCase &b)
{
    FieldDiff d;
    d.text("node", a.nodeId, b.nodeId);
    d.text("flow", a.flowId, b.flowId);
    d.text("title", a.title, b.title);
    d.text("description", a.description, b.description);
    d.text("priority", toString(a.priority), toString(b.priority));
    d.text("tags", a.tags.join(QStringLiteral(", ")), b.tags.join(QStringLiteral(", ")));
    d.text("automated", QString::number(a.automated), QString::number(b.automated));
    d.text("position", QString::number(a.position), QString::number(b.position));
    d.text("source", a.source, b.source);
    d.text("junitName", a.junitName, b.junitName);
    d.text("reviewNote", a.reviewNote, b.reviewNote);
    if (a.faults != b.faults)
        d.fields << QStringLiteral("faults");
    QStringList before, after;
    for (const Check &c : a.checks)
        before << c.id;
    for (const Check &c : b.checks)
        after << c.id;
    if (before != after)
        d.fields << QStringLiteral("steps: %1 → %2").arg(before.size()).arg(after.size());
    if (a.cleanup.size() != b.cleanup.size())
        d.fields << QStringLiteral("cleanup: %1 → %2").arg(a.cleanup.size()).arg(b.cleanup.size());
    return d.fields;
}

QStringList environmentFields(const Environment &a, const Environment &b)
{
    FieldDiff d;
    d.text("name", a.name, b.name);
    QStringList keys = a.variables.keys() + b.variables.keys();
    keys.removeDuplicates();
    for (const QString &key : keys)
        if (a.variables.value(key) != b.variables.value(key)
            || a.variables.contains(key) != b.variables.contains(key))
            d.fields << QStringLiteral("variables.%1: %2 → %3")
                            .arg(key,
                                a.variables.contains(key) ? shown(a.variables.value(key))
                                                          : QStringLiteral("(none)"),
                                b.variables.contains(key) ? shown(b.variables.value(key))
                                                          : QStringLiteral("(none)"));
    if (!(a.connections == b.connections))
        d.fields << QStringLiteral("connections");
    if (a.proxies != b.proxies)
        d.fields << QStringLiteral("proxies");
    return d.fields;
}

template <typename T> QHash<Id, const T *> byId(const QList<T> &list)
{
    QHash<Id, const T *> map;
    for (const T &item : list)
        map.insert(item.id, &item);
    return map;
}

QString scheme(const QString &source)
{
    const int colon = source.indexOf(QLatin1Char(':'));
    return colon < 0 ? QString() : source.left(colon);
}

QString reviewLine(const QString &source)
{
    return QStringLiteral("No longer in %1: kept for review; delete it if it is gone for good.")
        .arg(QFileInfo(source).fileName());
}

} // namespace

ReimportPlan ReimportPlan::between(const Project &target, const Import &import)
{
    ReimportPlan plan;
    plan.m_changes = import.changes;
    plan.m_source = import.report.source;
    const auto nodes = byId(target.nodes);
    const auto edges = byId(target.edges);
    const auto testCases = byId(target.testCases);
    const auto environments = byId(target.environments);

    // A review note a person cleared stays cleared while the source's steps are the same:
    // the note is about those steps, which they have looked at.
    // Only for sources with identity (described): a project file (json) says what it says.
    QList<TestCase> &changedCases = plan.m_changes.changed.testCases;
    for (int i = import.described.isEmpty() ? -1 : int(changedCases.size()) - 1; i >= 0; --i) {
        TestCase &fresh = changedCases[i];
        const TestCase *current = testCases.value(fresh.id);
        if (current && current->reviewNote.isEmpty() && !fresh.reviewNote.isEmpty()
            && current->checks == fresh.checks) {
            fresh.reviewNote.clear();
            if (fresh == *current)
                changedCases.removeAt(i);
        }
    }

    // What the file no longer has: test cases an earlier import of the same kind of
    // source made, that this file does not describe; their nodes when nothing else hangs
    // on them; edges of those nodes.
    if (!import.described.isEmpty()) {
        QSet<QString> schemes;
        for (const TestCase &t : plan.m_changes.added.testCases + plan.m_changes.changed.testCases)
            schemes.insert(scheme(t.source));
        for (const TestCase &t : target.testCases)
            if (import.described.contains(t.id))
                schemes.insert(scheme(t.source));
        schemes.remove(QString());
        QSet<Id> goneCases;
        auto earlier = [&](const TestCase &t) {
            return import.earlier ? import.earlier->contains(t.id) : schemes.contains(scheme(t.source));
        };
        for (const TestCase &t : target.testCases)
            if (!import.described.contains(t.id) && earlier(t)) {
                plan.m_removed.testCases.append(t);
                goneCases.insert(t.id);
            }
        QSet<Id> goneNodes;
        for (const Node &n : target.nodes) {
            if (import.described.contains(n.id))
                continue;
            bool any = false, all = true;
            for (const TestCase &t : target.testCases)
                if (t.nodeId == n.id) {
                    if (goneCases.contains(t.id))
                        any = true;
                    else
                        all = false;
                }
            if (any && all) {
                plan.m_removed.nodes.append(n);
                goneNodes.insert(n.id);
            }
        }
        for (const Edge &e : target.edges)
            if (!import.described.contains(e.id) && (goneNodes.contains(e.from) || goneNodes.contains(e.to)))
                plan.m_removed.edges.append(e);
    }

    // Rows: added, changed, removed, then the untouched items the file describes.
    QSet<Id> listed;
    auto row = [&](Entity entity, Change change, const Id &id, const QString &name,
                   const QStringList &fields = {}, const QString &parent = QString()) {
        plan.m_rows.append(Row { entity, change, id, name, parent, fields });
        listed.insert(id);
    };
    const ProjectChangeSet &c = plan.m_changes;
    for (const Node &n : c.added.nodes)
        row(Entity::Node, Change::Added, n.id, n.name);
    for (const Node &n : c.changed.nodes)
        row(Entity::Node, Change::Changed, n.id, n.name, nodeFields(*nodes.value(n.id), n));
    for (const Node &n : plan.m_removed.nodes)
        row(Entity::Node, Change::Removed, n.id, n.name);
    auto edgeName = [&](const Edge &e, const Project &also) {
        auto nameOf = [&](const Id &id) {
            if (const Node *n = nodes.value(id))
                return n->name;
            for (const Node &n : also.nodes)
                if (n.id == id)
                    return n.name;
            return id;
        };
        return QStringLiteral("%1 → %2").arg(nameOf(e.from), nameOf(e.to));
    };
    for (const Edge &e : c.added.edges)
        row(Entity::Edge, Change::Added, e.id, edgeName(e, c.added));
    for (const Edge &e : c.changed.edges)
        row(Entity::Edge, Change::Changed, e.id, edgeName(e, c.added), edgeFields(*edges.value(e.id), e));
    for (const Edge &e : plan.m_removed.edges)
        row(Entity::Edge, Change::Removed, e.id, edgeName(e, c.added));
    for (const TestCase &t : c.added.testCases) {
        row(Entity::TestCase, Change::Added, t.id, t.title);
        for (const Check &k : t.checks + t.cleanup)
            row(Entity::Check, Change::Added, k.id, k.name, {}, t.title);
    }
    for (const TestCase &t : c.changed.testCases) {
        const TestCase &old = *testCases.value(t.id);
        row(Entity::TestCase, Change::Changed, t.id, t.title, testCaseFields(old, t));
        const QList<Check> oldSteps = old.checks + old.cleanup;
        const auto oldChecks = byId(oldSteps);
        QSet<Id> kept;
        for (const Check &k : t.checks + t.cleanup) {
            kept.insert(k.id);
            const Check *was = oldChecks.value(k.id);
            if (!was)
                row(Entity::Check, Change::Added, k.id, k.name, {}, t.title);
            else if (*was != k)
                row(Entity::Check, Change::Changed, k.id, k.name, checkFields(*was, k), t.title);
            else
                row(Entity::Check, Change::Untouched, k.id, k.name, {}, t.title);
        }
        for (const Check &k : oldSteps)
            if (!kept.contains(k.id))
                row(Entity::Check, Change::Removed, k.id, k.name, {}, t.title);
    }
    for (const TestCase &t : plan.m_removed.testCases) {
        row(Entity::TestCase, Change::Removed, t.id, t.title);
        for (const Check &k : t.checks + t.cleanup)
            row(Entity::Check, Change::Removed, k.id, k.name, {}, t.title);
    }
    for (const Environment &e : c.added.environments)
        row(Entity::Environment, Change::Added, e.id, e.name);
    for (const Environment &e : c.changed.environments)
        if (const Environment *old = environments.value(e.id))
            row(Entity::Environment, Change::Changed, e.id, e.name, environmentFields(*old, e));
    for (const Node &n : target.nodes)
        if (import.described.contains(n.id) && !listed.contains(n.id))
            row(Entity::Node, Change::Untouched, n.id, n.name);
    for (const Edge &e : target.edges)
        if (import.described.contains(e.id) && !listed.contains(e.id))
            row(Entity::Edge, Change::Untouched, e.id, edgeName(e, c.added));
    for (const TestCase &t : target.testCases)
        if (import.described.contains(t.id) && !listed.contains(t.id)) {
            row(Entity::TestCase, Change::Untouched, t.id, t.title);
            for (const Check &k : t.checks + t.cleanup)
                row(Entity::Check, Change::Untouched, k.id, k.name, {}, t.title);
        }
    for (const Environment &e : target.environments)
        if (import.described.contains(e.id) && !listed.contains(e.id))
            row(Entity::Environment, Change::Untouched, e.id, e.name);
    return plan;
}

int ReimportPlan::count(Entity entity, Change change) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
        [&](const Row &r) { return r.entity == entity && r.change == change; }));
}

bool ReimportPlan::hasRemoved() const
{
    return !m_removed.testCases.isEmpty() || !m_removed.nodes.isEmpty() || !m_removed.edges.isEmpty();
}

bool ReimportPlan::isEmpty(Removed removed) const
{
    return changes(removed).isEmpty();
}

ProjectChangeSet ReimportPlan::changes(Removed removed) const
{
    ProjectChangeSet set = m_changes;
    if (removed == Removed::Delete) {
        set.removed.nodes += m_removed.nodes;
        set.removed.edges += m_removed.edges;
        set.removed.testCases += m_removed.testCases;
        return set;
    }
    const QString line = reviewLine(m_source);
    for (TestCase t : m_removed.testCases) {
        if (t.reviewNote.contains(line))
            continue; // an earlier re-import marked it already
        t.reviewNote = t.reviewNote.isEmpty() ? line : t.reviewNote + QLatin1Char('\n') + line;
        set.changed.testCases.append(t);
    }
    return set;
}

QString ReimportPlan::entityName(Entity entity, int n)
{
    const bool one = n == 1;
    switch (entity) {
    case Entity::Node:
        return one ? QStringLiteral("node") : QStringLiteral("nodes");
    case Entity::Edge:
        return one ? QStringLiteral("edge") : QStringLiteral("edges");
    case Entity::TestCase:
        return one ? QStringLiteral("test case") : QStringLiteral("test cases");
    case Entity::Check:
        return one ? QStringLiteral("check") : QStringLiteral("checks");
    case Entity::Environment:
        return one ? QStringLiteral("environment") : QStringLiteral("environments");
    }
    return QString();
}

QString ReimportPlan::changeName(Change change)
{
    switch (change) {
    case Change::Added:
        return QStringLiteral("added");
    case Change::Changed:
        return QStringLiteral("changed");
    case Change::Removed:
        return QStringLiteral("removed");
    case Change::Untouched:
        return QStringLiteral("untouched");
    }
    return QString();
}

namespace {
const Entity allEntities[]
    = { Entity::Node, Entity::Edge, Entity::TestCase, Entity::Check, Entity::Environment };
const Change allChanges[] = { Change::Added, Change::Changed, Change::Removed, Change::Untouched };
} // namespace

QStringList ReimportPlan::summary() const
{
    QStringList lines;
    for (Entity e : allEntities) {
        QStringList parts;
        for (Change c : allChanges)
            parts << QStringLiteral("%1 %2").arg(count(e, c)).arg(changeName(c));
        lines << QStringLiteral("%1: %2").arg(entityName(e, 2), parts.join(QStringLiteral(", ")));
    }
    return lines;
}

QString ReimportPlan::toText(Removed removed) const
{
    QStringList lines = summary();
    for (const Row &r : m_rows) {
        if (r.change == Change::Untouched)
            continue;
        const QChar mark = r.change == Change::Added ? QLatin1Char('+')
            : r.change == Change::Changed            ? QLatin1Char('~')
                                                     : QLatin1Char('-');
        QString line = QStringLiteral("%1 %2 %3").arg(mark).arg(entityName(r.entity, 1), shown(r.name));
        if (!r.parent.isEmpty())
            line += QStringLiteral(" (test case %1)").arg(shown(r.parent));
        if (r.change == Change::Removed && r.entity != Entity::Check)
            line += removed == Removed::Delete ? QStringLiteral(": deleted")
                : r.entity == Entity::TestCase ? QStringLiteral(": kept, marked for review")
                                               : QStringLiteral(": kept");
        lines << line;
        for (const QString &f : r.fields)
            lines << QStringLiteral("    ") + f;
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QJsonObject ReimportPlan::toJson() const
{
    QJsonObject counts;
    for (Entity e : allEntities) {
        QJsonObject per;
        for (Change c : allChanges)
            per.insert(changeName(c), count(e, c));
        counts.insert(entityName(e, 2).replace(QLatin1Char(' '), QLatin1Char('_')), per);
    }
    QJsonArray rows;
    for (const Row &r : m_rows) {
        if (r.change == Change::Untouched)
            continue;
        QJsonObject o { { QStringLiteral("entity"), entityName(r.entity, 1) },
            { QStringLiteral("change"), changeName(r.change) }, { QStringLiteral("id"), r.id },
            { QStringLiteral("name"), r.name } };
        if (!r.parent.isEmpty())
            o.insert(QStringLiteral("test_case"), r.parent);
        if (!r.fields.isEmpty())
            o.insert(QStringLiteral("fields"), QJsonArray::fromStringList(r.fields));
        rows.append(o);
    }
    return QJsonObject { { QStringLiteral("source"), m_source }, { QStringLiteral("counts"), counts },
        { QStringLiteral("items"), rows } };
}

} // namespace flowbench
