#include "exportcommand.h"

#include "io/canonicaljson.h"
#include "io/dotexport.h"
#include "projectfiles.h"

#include <QSaveFile>

namespace flowbench::cli {

void ExportCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The project to export (*.flowbench or *.json)."));
    parser.addOption({QStringLiteral("format"), QStringLiteral("Output format: json (the default) or dot (the map as a Graphviz graph)."), QStringLiteral("FORMAT"),
                      QStringLiteral("json")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Write to OUT instead of standard output."), QStringLiteral("OUT")});
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

    const QString outPath = parser.value(QStringLiteral("output"));
    if (parser.isSet(QStringLiteral("output")) && isSameFile(args[0], outPath)) {
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
    if (!parser.isSet(QStringLiteral("output"))) {
        out << QString::fromUtf8(json);
        return ExitOk;
    }
    // QSaveFile: an interrupted export never leaves a truncated file behind.
    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        err << outPath << ": cannot write: " << file.errorString() << "\n";
        return ExitBadInput;
    }
    return ExitOk;
}

} // namespace flowbench::cli
