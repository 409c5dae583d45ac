#include "diffcommand.h"

#include "projectfiles.h"

#include "files/outputfile.h"
#include "io/projectdiff.h"

#ifdef FLOWBENCH_CLI_MAP_IMAGES
#include "map/export/diffmapimage.h"
#endif

namespace flowbench::cli {

void DiffCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(
        QStringLiteral("A"), QStringLiteral("The project before (*.flowbench or canonical *.json)."));
    parser.addPositionalArgument(
        QStringLiteral("B"), QStringLiteral("The project after (*.flowbench or canonical *.json)."));
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral(
            "text (default), or the diff as a map image: svg, png or pdf (both versions on one map: "
            "added green +, removed vermillion - faded and dashed, changed amber ~)."),
        QStringLiteral("FORMAT"), QStringLiteral("text") });
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("output") },
        QStringLiteral(
            "Map images: write to OUT (- is standard output); the text diff still goes to standard "
            "output unless OUT is -."),
        QStringLiteral("OUT") });
    parser.addOption(
        { QStringLiteral("scale"), QStringLiteral("PNG: pixels per map point, 0.1 to 8 (default 1)."),
            QStringLiteral("N"), QStringLiteral("1") });
}

int DiffCommand::run(const QCommandLineParser &parser, QTextStream &out, QTextStream &err) const
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usageError(err, name(), QStringLiteral("expects two projects, A and B"));
    const QString format = parser.value(QStringLiteral("format")).toLower();
    const bool image = format != QLatin1String("text");
#ifdef FLOWBENCH_CLI_MAP_IMAGES
    const std::optional<MapImageOptions::Format> imageFormat = mapImageFormat(format);
    if (image && !imageFormat)
#else
    if (image)
#endif
        return usageError(err, name(),
            QStringLiteral("unknown format \"%1\" (text, svg, png or pdf%2)")
                .arg(format,
#ifdef FLOWBENCH_CLI_MAP_IMAGES
                    QString()
#else
                    QStringLiteral("; this build has no map images")
#endif
                        ));
    if (image && !parser.isSet(QStringLiteral("output")))
        return usageError(err, name(), QStringLiteral("--format %1 needs -o OUT").arg(format));
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
    QString outPath;
#ifdef FLOWBENCH_CLI_MAP_IMAGES
    if (image) {
        outPath = parser.value(QStringLiteral("output"));
        MapImageOptions options;
        options.format = *imageFormat;
        bool scaleOk = false;
        options.scale = parser.value(QStringLiteral("scale")).toDouble(&scaleOk);
        if (!scaleOk || options.scale < 0.1 || options.scale > 8)
            return usageError(err, name(),
                QStringLiteral("--scale \"%1\" is not a number from 0.1 to 8")
                    .arg(parser.value(QStringLiteral("scale"))));
        const Result<QByteArray> bytes = diffMapFile(before.value(), after.value(), options);
        if (!bytes) {
            err << args.at(1) << ": " << bytes.error() << '\n';
            return ExitBadInput;
        }
        out.flush();
        if (const Status written = writeOutput(outPath, bytes.value()); !written) {
            err << written.error() << '\n';
            return ExitBadInput;
        }
    }
#endif
    if (outPath != QLatin1String("-"))
        out << diff.toText();
    return diff.isEmpty() ? ExitOk : ExitCheckFailed;
}

} // namespace flowbench::cli
