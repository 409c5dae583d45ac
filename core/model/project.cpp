#include "model/project.h"

#include <QCoreApplication>
#include <QSet>

namespace flowbench {

const Node *Project::node(const Id &id) const
{
    for (const Node &n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

const Node *Project::nodeByName(const QString &name) const
{
    for (const Node &n : nodes)
        if (n.name == name)
            return &n;
    return nullptr;
}

const Flow *Project::flowByName(const QString &name) const
{
    for (const Flow &f : flows)
        if (f.name == name)
            return &f;
    return nullptr;
}

const Environment *Project::environmentByName(const QString &name) const
{
    for (const Environment &e : environments)
        if (e.name == name)
            return &e;
    return nullptr;
}

namespace {

QString at(const char *list, int index, const char *field)
{
    return QStringLiteral("%1[%2].%3").arg(QLatin1String(list)).arg(index).arg(QLatin1String(field));
}

class Validator
{
public:
    explicit Validator(const Project &p) : m_p(p) {}

    QStringList run()
    {
        for (const Node &n : m_p.nodes)
            m_nodeIds.insert(n.id);
        for (const Flow &f : m_p.flows)
            m_flowIds.insert(f.id);
        nodes();
        edges();
        flows();
        testCases();
        environments();
        comments();
        results();
        return m_problems;
    }

private:
    void id(const char *list, int i, const Id &value)
    {
        if (!isValidId(value))
            m_problems << QStringLiteral("%1: \"%2\" is not a UUID").arg(at(list, i, "id"), value);
        else if (m_seen.contains(value))
            m_problems << QStringLiteral("%1: id %2 is used twice").arg(at(list, i, "id"), value);
        m_seen.insert(value);
    }
    void risk(const char *list, int i, const Risk &r)
    {
        if (!r.isValid())
            m_problems << QStringLiteral("%1: likelihood and impact must be 1..5, found %2 and %3")
                              .arg(at(list, i, "risk"))
                              .arg(r.likelihood)
                              .arg(r.impact);
    }
    void nodeRef(const char *list, int i, const char *field, const Id &ref)
    {
        if (!m_nodeIds.contains(ref))
            m_problems << QStringLiteral("%1: no node with id \"%2\"").arg(at(list, i, field), ref);
    }
    void nonEmpty(const char *list, int i, const char *field, const QString &value)
    {
        if (value.trimmed().isEmpty())
            m_problems << QStringLiteral("%1: must not be empty").arg(at(list, i, field));
    }

    void nodes()
    {
        for (int i = 0; i < m_p.nodes.size(); ++i) {
            id("nodes", i, m_p.nodes[i].id);
            nonEmpty("nodes", i, "name", m_p.nodes[i].name);
            risk("nodes", i, m_p.nodes[i].risk);
        }
    }
    void edges()
    {
        for (int i = 0; i < m_p.edges.size(); ++i) {
            const Edge &e = m_p.edges[i];
            id("edges", i, e.id);
            nodeRef("edges", i, "from", e.from);
            nodeRef("edges", i, "to", e.to);
            if (!e.route.isEmpty() && !SplineRoute::isValidPointCount(e.route.points.size()))
                m_problems << QStringLiteral("%1.points: expected 1 + 3n points (n >= 1), found %2")
                                  .arg(at("edges", i, "route"))
                                  .arg(e.route.points.size());
        }
    }
    void flows()
    {
        for (int i = 0; i < m_p.flows.size(); ++i) {
            const Flow &f = m_p.flows[i];
            id("flows", i, f.id);
            nonEmpty("flows", i, "name", f.name);
            risk("flows", i, f.risk);
            for (int k = 0; k < f.nodeIds.size(); ++k)
                if (!m_nodeIds.contains(f.nodeIds[k]))
                    m_problems << QStringLiteral("flows[%1].nodes[%2]: no node with id \"%3\"")
                                      .arg(i)
                                      .arg(k)
                                      .arg(f.nodeIds[k]);
        }
    }
    void testCases()
    {
        for (int i = 0; i < m_p.testCases.size(); ++i) {
            const TestCase &t = m_p.testCases[i];
            id("testCases", i, t.id);
            nonEmpty("testCases", i, "title", t.title);
            nodeRef("testCases", i, "node", t.nodeId);
            if (!t.flowId.isEmpty() && !m_flowIds.contains(t.flowId))
                m_problems << QStringLiteral("%1: no flow with id \"%2\"").arg(at("testCases", i, "flow"), t.flowId);
            for (int k = 0; k < t.checks.size() + t.cleanup.size(); ++k) {
                const bool cleanup = k >= t.checks.size();
                const Check &c = cleanup ? t.cleanup[k - t.checks.size()] : t.checks[k];
                const QString where = cleanup
                    ? QStringLiteral("testCases[%1].cleanup[%2]").arg(i).arg(k - t.checks.size())
                    : QStringLiteral("testCases[%1].checks[%2]").arg(i).arg(k);
                if (!isValidId(c.id))
                    m_problems << QStringLiteral("%1.id: \"%2\" is not a UUID").arg(where, c.id);
                else if (m_seen.contains(c.id))
                    m_problems << QStringLiteral("%1.id: id %2 is used twice").arg(where, c.id);
                m_seen.insert(c.id);
                if (c.type.isEmpty())
                    m_problems << QStringLiteral("%1.type: must not be empty").arg(where);
                if (c.eventually.timeoutMs < 0 || c.eventually.intervalMs < 0)
                    m_problems << QStringLiteral("%1.eventually: bounds must not be negative").arg(where);
            }
            faults(i, t);
        }
    }
    // One proxy per target carries all of a test case's faults on it: names must differ.
    void faults(int i, const TestCase &t)
    {
        QSet<QString> names;
        for (int k = 0; k < t.faults.size(); ++k) {
            const CaseFault &f = t.faults[k];
            const QString where = QStringLiteral("testCases[%1].faults[%2]").arg(i).arg(k);
            if (f.target.trimmed().isEmpty())
                m_problems << QStringLiteral("%1.on: must name a node or edge of the map").arg(where);
            const QString key = f.target + QLatin1Char('\n') + f.fault.name;
            if (names.contains(key))
                m_problems << QStringLiteral("%1.name: \"%2\" is used twice on the same target; give one "
                                             "of them another name")
                                  .arg(where, f.fault.name);
            names.insert(key);
        }
    }
    void environments()
    {
        QSet<QString> names;
        for (int i = 0; i < m_p.environments.size(); ++i) {
            const Environment &e = m_p.environments[i];
            id("environments", i, e.id);
            nonEmpty("environments", i, "name", e.name);
            if (names.contains(e.name))
                m_problems << QStringLiteral("%1: environment \"%2\" is defined twice").arg(at("environments", i, "name"), e.name);
            names.insert(e.name);
            m_problems += proxyRouteProblems(e);
        }
    }
    void comments()
    {
        for (int i = 0; i < m_p.comments.size(); ++i) {
            id("comments", i, m_p.comments[i].id);
            nodeRef("comments", i, "node", m_p.comments[i].nodeId);
        }
    }
    void results()
    {
        QSet<Id> runIds;
        for (int i = 0; i < m_p.runs.size(); ++i) {
            id("runs", i, m_p.runs[i].id);
            runIds.insert(m_p.runs[i].id);
        }
        for (int i = 0; i < m_p.results.size(); ++i) {
            id("results", i, m_p.results[i].id);
            if (!runIds.contains(m_p.results[i].runId))
                m_problems << QStringLiteral("%1: no run with id \"%2\"").arg(at("results", i, "run"), m_p.results[i].runId);
        }
    }

    const Project &m_p;
    QSet<Id> m_nodeIds;
    QSet<Id> m_flowIds;
    QSet<Id> m_seen;
    QStringList m_problems;
};

} // namespace

QStringList validateProject(const Project &project) { return Validator(project).run(); }

} // namespace flowbench
