#include "transfercommands.h"

#include "files/outputfile.h"
#include "io/canonicaljson.h"
#include "projectfiles.h"
#include "store/projectlocation.h"
#include "store/projectstore.h"

#include <QFileInfo>

namespace flowbench::cli {

namespace {

const QCommandLineOption kReplace(QStringLiteral("replace"),
    QStringLiteral("Replace the project at the destination (nothing is replaced "
                   "unless the whole copy succeeds)."));

// A copy keeps everything: content, environments and run history.
void describe(QTextStream &out, const Project &p, const QString &from, const QString &to)
{
    out << "Copied \"" << p.name << "\" from " << from << " to " << to << ": " << p.nodes.size() << " nodes, "
        << p.edges.size() << " edges, " << p.testCases.size() << " test cases, " << p.runs.size()
        << " runs\n";
}

} // namespace

void PushCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("The project to copy (*.flowbench or *.json)."));
    parser.addPositionalArgument(
        QStringLiteral("URL"), QStringLiteral("postgresql://user@host:port/database?project=NAME"));
    parser.addOption(kReplace);
}

int PushCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(err, name(), QStringLiteral("expects FILE and URL"));
    const auto target = ProjectLocation::parse(args[1]);
    if (!target) {
        err << target.error() << "\n";
        return ExitBadInput;
    }
    if (!target->isShared())
        return usageError(err, name(),
            QStringLiteral("%1: is not a postgresql:// URL; to copy a file use "
                           "`flowbench-cli import`")
                .arg(args[1]));
    const Result<Project> project = readProject(args[0]);
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    if (const Status s = ProjectStore::writeShared(
            target.value(), project.value(), parser.isSet(kReplace), QFileInfo(args[0]).fileName());
        !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    describe(out, project.value(), args[0], target->displayString());
    return ExitOk;
}

void PullCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("URL"), QStringLiteral("postgresql://user@host:port/database?project=NAME"));
    parser.addPositionalArgument(QStringLiteral("FILE"),
        QStringLiteral("The project file to write (*.flowbench), or canonical JSON (*.json)."));
    parser.addOption(kReplace);
}

int PullCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(err, name(), QStringLiteral("expects URL and FILE"));
    const auto source = ProjectLocation::parse(args[0]);
    if (!source) {
        err << source.error() << "\n";
        return ExitBadInput;
    }
    if (!source->isShared())
        return usageError(err, name(), QStringLiteral("%1: is not a postgresql:// URL").arg(args[0]));
    const Result<Project> project = readProject(args[0]);
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    const QString &path = args[1];
    Status written;
    if (QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0) {
        if (QFileInfo::exists(path) && !parser.isSet(kReplace))
            written = Status::failure(
                QStringLiteral("%1: already exists; use --replace to replace it").arg(path));
        else
            written = writeOutput(path, toCanonicalJson(project.value(), JsonExportOptions { true }));
    } else if (QFileInfo::exists(path) && !parser.isSet(kReplace)) {
        written
            = Status::failure(QStringLiteral("%1: already exists; use --replace to replace it").arg(path));
    } else {
        written = writeNewProject(project.value(), path, true, source->displayString());
    }
    if (!written) {
        err << written.error() << "\n";
        return ExitBadInput;
    }
    describe(out, project.value(), source->displayString(), path);
    return ExitOk;
}

} // namespace flowbench::cli
