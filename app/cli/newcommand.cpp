#include "newcommand.h"

#include "projectfiles.h"

#include <QFileInfo>

namespace flowbench::cli {

void NewCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The project file to create (*.flowbench)."));
    parser.addOption({QStringLiteral("name"), QStringLiteral("Project name (default: the file name)."), QStringLiteral("NAME")});
}

int NewCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    Project project;
    project.name = parser.isSet(QStringLiteral("name")) ? parser.value(QStringLiteral("name"))
                                                        : QFileInfo(args[0]).completeBaseName();
    if (project.name.trimmed().isEmpty()) {
        err << args[0] << ": the project name must not be empty\n";
        return ExitBadInput;
    }
    if (const Status s = writeNewProject(project, args[0], false); !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    out << "Created " << args[0] << " (project \"" << project.name << "\")\n";
    return ExitOk;
}

} // namespace flowbench::cli
