#include "validatecommand.h"

#include "projectfiles.h"

#include "checks/checkregistry.h"

#include <QSet>

namespace flowbench::cli {

void ValidateCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A project file (*.flowbench) or its canonical JSON (*.json)."));
}

QStringList ValidateCommand::checkProblems(const Project &project)
{
    QSet<QString> connections;
    for (const Environment &e : project.environments)
        for (const Connection &c : e.connections)
            connections.insert(c.name);
    QStringList problems;
    for (int i = 0; i < project.testCases.size(); ++i) {
        const TestCase &t = project.testCases[i];
        for (int k = 0; k < t.checks.size(); ++k) {
            const Check &c = t.checks[k];
            const QString where = QStringLiteral("testCases[%1].checks[%2]").arg(i).arg(k);
            const CheckRegistry &registry = CheckRegistry::instance();
            if (!registry.type(c.type)) {
                problems << QStringLiteral("%1.type: unknown check type \"%2\" (expected one of: %3)")
                                .arg(where, c.type, registry.names().join(QStringLiteral(", ")));
            } else if (const Status valid = registry.validate(c); !valid) {
                // The check's own type names the field: "spec.url: must not be empty".
                problems << QStringLiteral("%1.%2").arg(where, valid.error());
            }
            // A misspelt connection name would only show up when the check runs; a manual
            // test case is not run, so its checks may name a connection still to come.
            const QString connection = c.spec.value(QLatin1String("connection")).toString();
            if (t.automated && !connection.isEmpty() && !project.environments.isEmpty()
                && !connections.contains(connection))
                problems << QStringLiteral("%1.spec.connection: no environment defines a connection \"%2\"")
                                .arg(where, connection);
        }
    }
    return problems;
}

int ValidateCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    const QString &path = args[0];
    const Result<Project> project = readProject(path);
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    const QStringList problems = validateProject(project.value()) + checkProblems(project.value());
    for (const QString &p : problems)
        err << path << ": " << p << "\n";
    if (!problems.isEmpty()) {
        err << path << ": " << problems.size() << (problems.size() == 1 ? " problem" : " problems") << "\n";
        return ExitBadInput;
    }
    out << path << ": valid (" << project->nodes.size() << " nodes, " << project->edges.size() << " edges, "
        << project->testCases.size() << " test cases)\n";
    return ExitOk;
}

} // namespace flowbench::cli
