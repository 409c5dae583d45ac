#include "validatecommand.h"

#include "projectfiles.h"

#include "checks/projectvalidator.h"

namespace flowbench::cli {

void ValidateCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A project file (*.flowbench) or its canonical JSON (*.json)."));
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
    // The same function import uses: both refuse the same projects with the same messages.
    if (reportProblems(err, path, projectProblems(project.value())))
        return ExitBadInput;
    out << path << ": valid (" << project->nodes.size() << " nodes, " << project->edges.size() << " edges, "
        << project->testCases.size() << " test cases)\n";
    return ExitOk;
}

} // namespace flowbench::cli
