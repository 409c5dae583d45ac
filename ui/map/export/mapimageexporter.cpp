#include "map/export/mapimageexporter.h"

#include "io/formatregistry.h"
#include "map/export/projectmap.h"

#include <QApplication>

namespace flowbench {

QString MapImageExporter::id() const
{
    return mapImageSuffix(m_format);
}

QString MapImageExporter::displayName() const
{
    switch (m_format) {
    case MapImageOptions::Format::Svg:
        return QStringLiteral("Map as SVG image");
    case MapImageOptions::Format::Png:
        return QStringLiteral("Map as PNG image");
    case MapImageOptions::Format::Pdf:
        return QStringLiteral("Map as PDF document");
    }
    return {};
}

QStringList MapImageExporter::filePatterns() const
{
    return { QStringLiteral("*.") + id() };
}

QString MapImageExporter::description() const
{
    switch (m_format) {
    case MapImageOptions::Format::Svg:
        return QStringLiteral(
            "the map with a legend as SVG, text kept as text, each card a <g id=\"node-<id>\">");
    case MapImageOptions::Format::Png:
        return QStringLiteral("the map with a legend as a PNG image (--scale)");
    case MapImageOptions::Format::Pdf:
        return QStringLiteral("the map with a legend as one PDF page, text kept as text");
    }
    return {};
}

Result<QByteArray> MapImageExporter::write(const Project &project, const ExportOptions &options) const
{
    if (!qobject_cast<QApplication *>(QCoreApplication::instance()))
        return Result<QByteArray>::failure(QStringLiteral("drawing the map needs a QApplication"));
    MapImageOptions map;
    map.format = m_format;
    map.scale = options.scale;
    map.flow = options.flow;
    map.impactNode = options.node;
    const QString overlay = options.overlay.toLower();
    if (overlay == QLatin1String("results"))
        map.overlay = MapOverlay::Mode::Results;
    else if (overlay == QLatin1String("coverage"))
        map.overlay = MapOverlay::Mode::Coverage;
    else if (overlay == QLatin1String("impact"))
        map.overlay = MapOverlay::Mode::Impact;
    else if (!overlay.isEmpty() && overlay != QLatin1String("none"))
        return Result<QByteArray>::failure(
            QStringLiteral("--overlay: \"%1\" is not results, coverage, impact or none")
                .arg(options.overlay));
    if (map.overlay == MapOverlay::Mode::Impact && map.impactNode.isEmpty())
        return Result<QByteArray>::failure(
            QStringLiteral("--overlay impact needs --node NAME: whose impact to show"));
    Result<std::unique_ptr<ProjectMap>> built = ProjectMap::build(project, map);
    if (!built)
        return Result<QByteArray>::failure(built.error());
    MapScene *scene = built.value()->scene();
    Result<QByteArray> file = mapFile(scene, map);
    if (file && m_format == MapImageOptions::Format::Png && options.note) { // said once written
        const double used = mapPngScale(scene, map);
        if (used > 0 && used < map.scale)
            options.note(QStringLiteral("PNG scale %1 would pass the %2-megapixel cap: written at scale %3")
                             .arg(map.scale)
                             .arg(kMapPngMaxPixels / 1e6)
                             .arg(used, 0, 'f', 2));
    }
    return file;
}

void registerMapExporters()
{
    for (auto format :
        { MapImageOptions::Format::Svg, MapImageOptions::Format::Png, MapImageOptions::Format::Pdf })
        FormatRegistry::addExporter(std::make_unique<MapImageExporter>(format));
}

} // namespace flowbench
