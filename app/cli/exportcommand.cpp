#include "exportcommand.h"

#include "formatoptions.h"
#include "io/formatregistry.h"
#include "files/outputfile.h"
#include "projectfiles.h"

namespace flowbench::cli {

void ExportCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("FILE"), QStringLiteral("The project to export (*.flowbench or *.json)."));
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral("Output format: %1.")
            .arg(formatChoices(FormatRegistry::instance().exporters(), QStringLiteral("json"))),
        QStringLiteral("FORMAT"), QStringLiteral("json") });
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") },
        QStringLiteral("Write to OUT instead of standard output (written whole through a temporary file; "
                       "a device or FIFO is written in place; - is standard output)."),
        QStringLiteral("OUT") });
    parser.addOption(
        { QStringLiteral("with-runs"), QStringLiteral("Include the run history and its results.") });
    // Map images (svg, png, pdf).
    parser.addOption({ QStringLiteral("overlay"),
        QStringLiteral("Map images: paint results, coverage or impact (of --node) on the map."),
        QStringLiteral("OVERLAY") });
    parser.addOption({ QStringLiteral("flow"), QStringLiteral("Map images: highlight the flow NAME."),
        QStringLiteral("NAME") });
    parser.addOption(
        { QStringLiteral("node"), QStringLiteral("Map images: the node whose impact --overlay impact shows."),
            QStringLiteral("NAME") });
    parser.addOption(
        { QStringLiteral("scale"), QStringLiteral("PNG: pixels per map point, 0.1 to 8 (default 1)."),
            QStringLiteral("N"), QStringLiteral("1") });
}

int ExportCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return usageError(err, name(), QStringLiteral("expects one FILE"));
    const QString format = parser.value(QStringLiteral("format"));
    const Exporter *exporter = FormatRegistry::instance().exporter(format);
    if (!exporter)
        return usageError(err, name(),
            QStringLiteral("unknown format \"%1\" %2")
                .arg(format, supportedFormats(FormatRegistry::instance().exporterIds())));

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
    ExportOptions options;
    options.includeRunHistory = parser.isSet(QStringLiteral("with-runs"));
    options.overlay = parser.value(QStringLiteral("overlay"));
    options.flow = parser.value(QStringLiteral("flow"));
    options.node = parser.value(QStringLiteral("node"));
    bool scaleOk = false;
    options.scale = parser.value(QStringLiteral("scale")).toDouble(&scaleOk);
    if (!scaleOk || options.scale < 0.1 || options.scale > 8)
        return usageError(err, name(),
            QStringLiteral("--scale \"%1\" is not a number from 0.1 to 8")
                .arg(parser.value(QStringLiteral("scale"))));
    // A PNG scale lowered by the pixel cap is said, and the export still succeeds.
    options.note = [&err](const QString &note) { err << note << "\n"; };
    const Result<QByteArray> bytes = exporter->write(project.value(), options);
    if (!bytes) {
        err << args[0] << ": " << bytes.error() << "\n";
        return ExitBadInput;
    }
    // An interrupted export never leaves a truncated file behind (core/files/outputfile.h).
    out.flush();
    if (const Status written = writeOutput(outPath, bytes.value()); !written) {
        err << written.error() << "\n";
        return ExitBadInput;
    }
    return ExitOk;
}

} // namespace flowbench::cli
