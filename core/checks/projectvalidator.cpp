#include "checks/projectvalidator.h"

#include "checks/checkregistry.h"

#include <QSet>

namespace flowbench {

QString checkPlace(const Project &project, int testCaseIndex, int checkIndex)
{
    const TestCase &t = project.testCases.at(testCaseIndex);
    const Check &c = t.checks.at(checkIndex);
    const QString type = c.type.isEmpty() ? QString() : QStringLiteral(", ") + c.type;
    return QStringLiteral("testCases[%1].checks[%2] (test case \"%3\" step %4%5)")
        .arg(testCaseIndex)
        .arg(checkIndex)
        .arg(t.title)
        .arg(checkIndex + 1)
        .arg(type);
}

// Faults and proxies name a node or edge of the map; which environment a run uses is
// chosen then, so a fault without a proxy is the run's error, not the file's.
QStringList faultTargetProblems(const Project &project)
{
    QSet<QString> targets;
    for (const Node &n : project.nodes)
        targets.insert(n.id);
    for (const Edge &e : project.edges)
        targets.insert(e.id);
    QStringList problems;
    for (int i = 0; i < project.testCases.size(); ++i)
        for (int k = 0; k < project.testCases[i].faults.size(); ++k) {
            const QString &target = project.testCases[i].faults[k].target;
            if (!target.isEmpty() && !targets.contains(target))
                problems << QStringLiteral("testCases[%1].faults[%2].on (test case \"%3\"): no node or edge "
                                           "with id \"%4\"")
                                .arg(i)
                                .arg(k)
                                .arg(project.testCases[i].title, target);
        }
    for (int i = 0; i < project.environments.size(); ++i)
        for (int k = 0; k < project.environments[i].proxies.size(); ++k) {
            const QString &target = project.environments[i].proxies[k].target;
            if (!target.isEmpty() && !targets.contains(target))
                problems << QStringLiteral("environments[%1].proxies[%2].for (environment \"%3\"): no node or "
                                           "edge with id \"%4\"")
                                .arg(i)
                                .arg(k)
                                .arg(project.environments[i].name, target);
        }
    return problems;
}

QString cleanupPlace(const Project &project, int testCaseIndex, int cleanupIndex)
{
    const TestCase &t = project.testCases.at(testCaseIndex);
    const Check &c = t.cleanup.at(cleanupIndex);
    const QString type = c.type.isEmpty() ? QString() : QStringLiteral(", ") + c.type;
    return QStringLiteral("testCases[%1].cleanup[%2] (test case \"%3\" cleanup step %4%5)")
        .arg(testCaseIndex)
        .arg(cleanupIndex)
        .arg(t.title)
        .arg(cleanupIndex + 1)
        .arg(type);
}

QStringList projectProblems(const Project &project)
{
    QStringList problems = validateProject(project);

    QSet<QString> connections;
    for (int i = 0; i < project.environments.size(); ++i) {
        const Environment &e = project.environments[i];
        for (int k = 0; k < e.connections.size(); ++k) {
            const Connection &c = e.connections[k];
            connections.insert(c.name);
            if (!c.passwordRef.isEmpty() && !isSecretReference(c.passwordRef))
                problems << QStringLiteral(
                    "environments[%1].connections[%2].passwordRef: must be a secret reference "
                    "(${env:NAME} or ${keychain:ENTRY}), never the password itself")
                                .arg(i)
                                .arg(k);
        }
    }

    problems += faultTargetProblems(project);

    const CheckRegistry &registry = CheckRegistry::instance();
    for (int i = 0; i < project.testCases.size(); ++i) {
        const TestCase &t = project.testCases[i];
        for (int k = 0; k < t.checks.size() + t.cleanup.size(); ++k) {
            const bool cleanup = k >= t.checks.size();
            const Check &c = cleanup ? t.cleanup[k - t.checks.size()] : t.checks[k];
            const QString where
                = cleanup ? cleanupPlace(project, i, int(k - t.checks.size())) : checkPlace(project, i, k);
            if (c.type.isEmpty()) {
                // validateProject named it already ("type: must not be empty").
            } else if (!registry.type(c.type)) {
                problems << QStringLiteral("%1: type: unknown check type \"%2\" (expected one of: %3)")
                                .arg(where, c.type, registry.names().join(QStringLiteral(", ")));
            } else if (const Status valid = registry.validate(c); !valid) {
                // The check's own type names the field: "spec.url: must not be empty".
                problems << QStringLiteral("%1: %2").arg(where, valid.error());
            }
            // A misspelt connection name would only show up when the check runs; a manual
            // test case is not run, so its checks may name a connection still to come.
            const CheckType *type = registry.type(c.type);
            if (!type || !t.automated || project.environments.isEmpty())
                continue;
            // The fields the type declares as connections (sql, redis: spec.connection).
            for (const SpecField &field : type->vocabulary().fields) {
                if (field.kind != SpecField::Kind::Connection)
                    continue;
                const QString connection = c.spec.value(field.name).toString();
                if (!connection.isEmpty() && !connections.contains(connection))
                    problems << QStringLiteral("%1: spec.%2: no environment defines a connection \"%3\"")
                                    .arg(where, field.name, connection);
            }
        }
    }
    return problems;
}

} // namespace flowbench
