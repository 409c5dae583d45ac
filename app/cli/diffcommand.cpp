#include "diffcommand.h"

#include "projectfiles.h"

#include "analysis/rundiff.h"
#include "files/outputfile.h"
#include "io/projectdiff.h"

#ifdef FLOWBENCH_CLI_MAP_IMAGES
#include "map/export/diffmapimage.h"
#endif

#include <functional>

namespace flowbench::cli {

void DiffCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("A"),
        QStringLiteral("The project before (*.flowbench or canonical *.json); with --runs, the project "
                       "whose runs are compared."));
    parser.addPositionalArgument(QStringLiteral("B"),
        QStringLiteral("The project after (*.flowbench or canonical *.json); with --runs, RUN_A [RUN_B]."));
    parser.addOption({ QStringLiteral("runs"),
        QStringLiteral(
            "Compare two stored runs of one project: diff PROJECT --runs [RUN_A [RUN_B]] (ids or unique "
            "prefixes; none: the newest run against the one before it; RUN_A alone: it against the "
            "newest). Prints new failures, fixed, still failing, new and gone checks; exit 1 when "
            "anything newly fails.") });
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral(
            "text (default), or the diff as a map image: svg, png or pdf (both versions on one map: "
            "added green +, removed vermillion - faded and dashed, changed amber ~; with --runs: new "
            "failure vermillion, fixed green, still failing amber, unchanged grey)."),
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
    const bool runs = parser.isSet(QStringLiteral("runs"));
    if (runs && (args.isEmpty() || args.size() > 3))
        return usageError(err, name(), QStringLiteral("--runs expects one PROJECT and at most two runs"));
    if (!runs && args.size() != 2)
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

    // What is compared: the text, the exit code and how to draw it.
    QString text;
    bool differ = false;
    QString drawnFile; // named in a drawing error
#ifdef FLOWBENCH_CLI_MAP_IMAGES
    std::function<Result<QByteArray>(const MapImageOptions &)> draw;
#endif
    if (runs) {
        const Result<Project> project = readProject(args.at(0));
        if (!project) {
            err << project.error() << '\n';
            return ExitBadInput;
        }
        const Result<RunDiff> diff = diffRuns(project.value(), args.value(1), args.value(2));
        if (!diff) {
            err << args.at(0) << ": " << diff.error() << '\n';
            return ExitBadInput;
        }
        text = diff->toText(project.value());
        differ = diff->hasNewFailures();
        drawnFile = args.at(0);
#ifdef FLOWBENCH_CLI_MAP_IMAGES
        draw = [p = project.value(), d = diff.value()](
                   const MapImageOptions &options) { return runDiffMapFile(p, d, options); };
#endif
    } else {
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
        text = diff.toText();
        differ = !diff.isEmpty();
        drawnFile = args.at(1);
#ifdef FLOWBENCH_CLI_MAP_IMAGES
        draw = [a = before.value(), b = after.value()](
                   const MapImageOptions &options) { return diffMapFile(a, b, options); };
#endif
    }

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
        const Result<QByteArray> bytes = draw(options);
        if (!bytes) {
            err << drawnFile << ": " << bytes.error() << '\n';
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
        out << text;
    return differ ? ExitCheckFailed : ExitOk;
}

} // namespace flowbench::cli
