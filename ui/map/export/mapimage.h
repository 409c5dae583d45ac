#pragma once

#include "map/mapoverlay.h"
#include "model/ids.h"
#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <optional>

class QPainter;

namespace flowbench {

class MapScene;

// What a map image shows and how it is encoded.
struct MapImageOptions
{
    enum class Format { Svg, Png, Pdf };
    enum class Scope { Whole, Visible, Selection };

    Format format = Format::Svg;
    Scope scope = Scope::Whole;
    QRectF visibleRect; // scene coordinates, for Scope::Visible
    double scale = 1.0; // PNG pixels per scene point (2: twice the 100 % size)
    bool legend = true;

    // Used only when the map is built from a Project (mapImage(const Project&...)); a
    // scene on screen exports with its overlay and highlight as shown.
    std::optional<MapOverlay::Mode> overlay; // none: the plain map
    QString flow; // name of the flow to highlight, if any
    QString impactNode; // name of the node whose impact the Impact overlay shows
};

std::optional<MapImageOptions::Format> mapImageFormat(const QString &idOrSuffix); // "svg", "PNG"
QString mapImageSuffix(MapImageOptions::Format format);

// The part of the scene the options ask for; empty when there is nothing to draw (no
// selection, an empty map).
QRectF mapSourceRect(const MapScene *scene, const MapImageOptions &options);

// Paints the cards, edges and groups inside `source` with their own paint() (the same
// code as the screen), in stacking order, at the painter's current transform.
void paintMapItems(QPainter *painter, MapScene *scene, const QRectF &source);

// The page: the map with a margin and the legend beside it, at 100 % in the painter's
// units (what a printer or an image is given, scaled).
QSizeF mapPageSize(const MapScene *scene, const MapImageOptions &options);
void paintMapPage(QPainter *painter, MapScene *scene, const MapImageOptions &options);

// The whole image: the map area at options.scale with a margin and the legend beside it.
// SVG and PDF keep text as text.
QByteArray mapSvg(MapScene *scene, const MapImageOptions &options);
QImage mapRaster(MapScene *scene, const MapImageOptions &options);
QByteArray mapPdf(MapScene *scene, const MapImageOptions &options);
// The scale a PNG of `options` is drawn at: options.scale, or less when that would pass
// kMapPngMaxPixels (a 5,000-node map at 100 % would be a 600 MB image). 0 when there is
// nothing to draw.
constexpr double kMapPngMaxPixels = 64e6;
double mapPngScale(MapScene *scene, const MapImageOptions &options);
// One of the three by options.format (PNG encoded), or why not.
Result<QByteArray> mapFile(MapScene *scene, const MapImageOptions &options);

// The map of a project file as the map view would draw it, with the overlay of
// options.overlay computed from the project's latest results. Needs a QGuiApplication
// (flowbench-cli creates one on the offscreen platform for these formats).
Result<QByteArray> mapFile(const Project &project, const MapImageOptions &options);
// For the HTML report: the map as SVG, every card a <g id="node-<uuid>" data-node="<uuid>">.
// Empty on failure.
QByteArray mapSvg(const Project &project, const MapImageOptions &options);

} // namespace flowbench
