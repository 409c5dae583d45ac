#include "htmlreportfile.h"

#ifdef FLOWBENCH_CLI_MAP_IMAGES
#include "map/export/mapimage.h"
#endif

#include <QtGlobal>

namespace flowbench::cli {

Status writeHtmlReport(const QString &path, HtmlReportInput input)
{
    for (const char *variable : { "USER", "USERNAME", "LOGNAME" })
        if (input.author.isEmpty())
            input.author = qEnvironmentVariable(variable);
    input.flowbenchVersion = QStringLiteral(FLOWBENCH_VERSION);
    if (input.projectRevision.isEmpty())
        input.projectRevision = projectRevision(input.project);
#ifdef FLOWBENCH_CLI_MAP_IMAGES
    if (input.mapSvg.isEmpty() && !input.project.nodes.isEmpty()) {
        // The map with this run's results painted on it, as the map view shows them.
        Project withRun = input.project;
        bool stored = false;
        for (const Run &r : std::as_const(withRun.runs))
            stored |= r.id == input.run.id;
        if (!stored) {
            withRun.runs << input.run;
            withRun.results << input.results;
        }
        MapImageOptions options;
        options.overlay = MapOverlay::Mode::Results;
        input.mapSvg = mapSvg(withRun, options);
    }
#endif
    return HtmlReport::write(path, input);
}

bool makesHtmlReport(int argc, char **argv)
{
    if (argc < 2)
        return false;
    if (qstrcmp(argv[1], "report") == 0)
        return true;
    if (qstrcmp(argv[1], "run") != 0)
        return false;
    for (int i = 2; i < argc; ++i)
        if (qstrcmp(argv[i], "--html") == 0 || qstrncmp(argv[i], "--html=", 7) == 0)
            return true;
    return false;
}

} // namespace flowbench::cli
