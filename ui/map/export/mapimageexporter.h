#pragma once

#include "io/exporter.h"
#include "map/export/mapimage.h"

namespace flowbench {

// The map of a project as an SVG, PNG or PDF image in the format registry (`flowbench-cli
// export --format svg`, File ▸ Export ▸ Other Formats…). It draws with QtWidgets, so it
// lives in the ui library and registerMapExporters() adds it at start-up; write() needs a QApplication.
class MapImageExporter : public Exporter
{
public:
    explicit MapImageExporter(MapImageOptions::Format format)
        : m_format(format)
    {
    }

    QString id() const override;
    QString displayName() const override;
    QStringList filePatterns() const override;
    QString description() const override;
    bool needsResults() const override { return true; }
    Result<QByteArray> write(const Project &project, const ExportOptions &options) const override;

private:
    MapImageOptions::Format m_format;
};

// Adds svg, png and pdf to FormatRegistry (once; later calls do nothing).
void registerMapExporters();

} // namespace flowbench
