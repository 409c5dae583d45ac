#include "diffcommand.h"

#include "projectfiles.h"

#include "io/projectdiff.h"

namespace flowbench::cli {

void DiffCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("A"), QStringLiteral("The project before (*.flowbench or canonical *.json)."));
    parser.addPositionalArgument(
        QStringLiteral("B"), QStringLiteral("The project after (*.flowbench or canonical *.json)."));
}

int DiffCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(err, name(), QStringLiteral("expects two projects, A and B"));
    const Result<Project> before = readProject(args.at(0));
    if (!before) {
        err << before.error() << '\n';
        return ExitBadInput;
    }
    const Result<Project> after = readProject(args.at(1));
    if (!after) {
        err << after.error() << '\n';
        return ExitBadInput;
    }
    const ProjectDiff diff = diffProjects(before.value(), after.value());
    out << diff.toText();
    return diff.isEmpty() ? ExitOk : ExitCheckFailed;
}

} // namespace flowbench::cli
