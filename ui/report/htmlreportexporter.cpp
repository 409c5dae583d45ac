#include "report/htmlreportexporter.h"

#include "io/formatregistry.h"
#include "map/export/mapimage.h"
#include "store/editlog.h"

#include <QApplication>

namespace flowbench {

void completeReportInput(HtmlReportInput &input)
{
    if (input.author.isEmpty())
        input.author = defaultAuthorName(QString()); // the name edits are logged under
    if (input.flowbenchVersion.isEmpty())
        input.flowbenchVersion = QStringLiteral(FLOWBENCH_VERSION);
    if (input.projectRevision.isEmpty())
        input.projectRevision = projectRevision(input.project);
    if (!input.mapSvg.isEmpty() || input.project.nodes.isEmpty()
        || !qobject_cast<QApplication *>(QCoreApplication::instance()))
        return;
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

Result<QByteArray> HtmlReportExporter::write(const Project &project, const ExportOptions &options) const
{
    Q_UNUSED(options);
    Result<HtmlReportInput> input = HtmlReportInput::fromHistory(project);
    if (!input)
        return Result<QByteArray>::failure(input.error());
    completeReportInput(input.value());
    return HtmlReport::toHtml(input.value());
}

void registerReportExporter()
{
    static bool done = false;
    if (done)
        return;
    done = true;
    FormatRegistry::addExporter(std::make_unique<HtmlReportExporter>());
}

} // namespace flowbench
