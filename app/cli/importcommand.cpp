#include "importcommand.h"

#include "checks/projectvalidator.h"
#include "io/canonicaljson.h"
#include "io/dotimport.h"
#include "projectfiles.h"
#include "store/databasefile.h"

#include <QFile>
#include <QFileInfo>

namespace flowbench::cli {

namespace {

// A DOT file carries the map only: nodes, edges and groups; the project takes the file's name.
Result<Project> projectFromDot(const QByteArray &data, const QString &path)
{
    Result<DotImport> dot = importDot(data, path);
    if (!dot)
        return Result<Project>::failure(dot.error());
    Project project;
    project.name = QFileInfo(path).completeBaseName();
    project.nodes = std::move(dot->nodes);
    project.edges = std::move(dot->edges);
    return project;
}

} // namespace

void ImportCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("The file to import."));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The project file to create (*.flowbench)."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("Input format: json (the default) or dot (nodes, edges and clusters of a Graphviz graph)."), QStringLiteral("FORMAT"),
                      QStringLiteral("json")});
    parser.addOption({QStringLiteral("force"), QStringLiteral("Replace OUT if it exists.")});
}

int ImportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(err, name(), QStringLiteral("expects IN and OUT"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("dot"))
        return usageError(err, name(), QStringLiteral("unknown format \"%1\" (supported: json, dot)").arg(format));
    const QString &inPath = args[0];
    const QString &outPath = args[1];
    const bool force = parser.isSet(QStringLiteral("force"));
    // A device, FIFO or "-" is refused before anything else: "already exists" would mislead.
    if (const Status s = checkProjectFileTarget(outPath); !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    if (!force && QFile::exists(outPath)) {
        err << outPath << ": already exists; use --force to replace it\n";
        return ExitBadInput;
    }

    if (isSameFile(inPath, outPath)) {
        err << outPath << ": is the input file; choose another output file\n";
        return ExitBadInput;
    }

    QFile in(inPath);
    if (!in.open(QIODevice::ReadOnly)) {
        err << inPath << ": cannot read: " << in.errorString() << "\n";
        return ExitBadInput;
    }
    // The whole input is parsed and validated before anything is written.
    const QByteArray data = in.readAll();
    const Result<Project> project = format == QLatin1String("dot") ? projectFromDot(data, inPath)
                                                                    : fromCanonicalJson(data, inPath);
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    // Refuses exactly what `validate IN` refuses, with the same messages.
    if (reportProblems(err, inPath, projectProblems(project.value())))
        return ExitBadInput;
    if (const Status s = writeNewProject(project.value(), outPath, force); !s) {
        err << s.error() << "\n";
        return ExitBadInput;
    }
    out << "Imported " << inPath << " into " << outPath << ": " << project->nodes.size() << " nodes, "
        << project->edges.size() << " edges, " << project->flows.size() << " flows, "
        << project->testCases.size() << " test cases\n";
    return ExitOk;
}

} // namespace flowbench::cli
