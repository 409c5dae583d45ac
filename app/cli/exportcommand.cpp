#include "exportcommand.h"

#include "io/canonicaljson.h"
#include "io/dotexport.h"
#include "io/outputfile.h"
#include "projectfiles.h"

namespace flowbench::cli {

void ExportCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The project to export (*.flowbench or *.json)."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("Output format: json (the default) or dot (the map as a Graphviz graph)."), QStringLiteral("FORMAT"),
                      QStringLiteral("json")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Write to OUT instead of standard output (written whole through a temporary file; "
                                     "a device or FIFO is written in place; - is standard output)."),
                      QStringLiteral("OUT")});
    parser.addOption({QStringLiteral("with-runs"), QStringLiteral("Include the run history and its results.")});
}

int ExportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("dot"))
        return usageError(err, name(), QStringLiteral("unknown format \"%1\" (supported: json, dot)").arg(format));

    // Standard output goes through the same writer, so that a full disk is reported there too.
    const QString outPath = parser.isSet(QStringLiteral("output")) ? parser.value(QStringLiteral("output"))
                                                                   : QStringLiteral("-");
    if (outPath != QLatin1String("-") && isSameFile(args[0], outPath)) {
        err << outPath << ": is the project being exported; choose another output file\n";
        return ExitBadInput;
    }
    const Result<Project> project = readProject(args[0]);
    if (!project) {
        err << project.error() << "\n";
        return ExitBadInput;
    }
    const QByteArray json = format == QLatin1String("dot")
        ? exportDot(project.value())
        : toCanonicalJson(project.value(), JsonExportOptions{parser.isSet(QStringLiteral("with-runs"))});
    // An interrupted export never leaves a truncated file behind (core/io/outputfile.h).
    out.flush();
    if (const Status written = writeOutput(outPath, json); !written) {
        err << written.error() << "\n";
        return ExitBadInput;
    }
    return ExitOk;
}

} // namespace flowbench::cli
