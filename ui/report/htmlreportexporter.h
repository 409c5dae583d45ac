#pragma once

#include "io/exporter.h"
#include "io/htmlreport.h"

namespace flowbench {

// Fills in what the core cannot know for an HTML report: who made it (USER), this
// Flowbench's version, the project revision, and the map with the run's results drawn by
// the map's own painting code (mapSvg). Needs a QApplication for the map.
void completeReportInput(HtmlReportInput &input);

// The HTML report of a project's newest run in the format registry: File ▸ Export ▸
// Other Formats… lists it ("HTML report of the latest run"), as does `flowbench-cli
// export --format html`; File ▸ Export ▸ Report… picks any stored run (ReportExportAction).
// It draws the map with QtWidgets, so it lives in the ui library.
class HtmlReportExporter : public Exporter
{
public:
    QString id() const override { return QStringLiteral("html"); }
    QString displayName() const override { return QStringLiteral("HTML report of the latest run"); }
    QStringList filePatterns() const override { return { QStringLiteral("*.html") }; }
    QString description() const override
    {
        return QStringLiteral(
            "the newest run as one self-contained HTML file: summary, changes, failures with "
            "evidence, the clickable map, coverage");
    }
    bool needsResults() const override { return true; }
    Result<QByteArray> write(const Project &project, const ExportOptions &options) const override;
};

// Adds the report to FormatRegistry at start-up (once; later calls do nothing).
void registerReportExporter();

} // namespace flowbench
