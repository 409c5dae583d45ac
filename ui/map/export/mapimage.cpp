#include "map/export/mapimage.h"

#include "map/clusteritem.h"
#include "map/edgeitem.h"
#include "map/export/maplegend.h"
#include "map/export/pngencoder.h"
#include "map/export/projectmap.h"
#include "map/export/svgpage.h"
#include "map/mapscene.h"
#include "map/nodeitem.h"

#include <QBuffer>
#include <QPainter>
#include <QPdfWriter>
#include <QStyleOptionGraphicsItem>
#include <cmath>
#include <functional>

namespace flowbench {

namespace {

constexpr double kMargin = 24;
constexpr double kGap = 24; // between the map and the legend
constexpr int kResolution = 96; // SVG and PDF units are the screen's pixels at 100 %

// Where the map and the legend go on the page, in page units.
struct PageLayout
{
    QRectF source; // scene
    QSizeF page;
    double scale = 1;
    QPointF legendAt;
    std::optional<MapOverlay::Mode> overlay;
    bool legend = true;
};

PageLayout pageLayout(const MapScene *scene, const MapImageOptions &options, double scale)
{
    PageLayout l;
    l.source = mapSourceRect(scene, options);
    l.scale = scale;
    l.legend = options.legend;
    if (const MapOverlay *overlay = scene->overlay())
        l.overlay = overlay->mode();
    const QSizeF map = l.source.size() * scale;
    QSizeF legend;
    if (l.legend)
        legend = MapLegend(l.overlay).size();
    l.page = QSizeF(kMargin * 2 + map.width() + (l.legend ? kGap + legend.width() : 0),
        kMargin * 2 + qMax(map.height(), legend.height()));
    l.legendAt = QPointF(kMargin + map.width() + kGap, kMargin);
    return l;
}

QTransform mapTransform(const PageLayout &l)
{
    QTransform t;
    t.translate(kMargin, kMargin);
    t.scale(l.scale, l.scale);
    t.translate(-l.source.left(), -l.source.top());
    return t;
}

bool isMapItem(const QGraphicsItem *item)
{
    const int type = item->type();
    return type == NodeItem::Type || type == EdgeItem::Type || type == ClusterItem::Type;
}

void paintItem(QPainter *painter, QGraphicsItem *item, const QTransform &base)
{
    painter->save();
    painter->setWorldTransform(item->sceneTransform() * base);
    painter->setOpacity(item->effectiveOpacity());
    QStyleOptionGraphicsItem option;
    option.exposedRect = item->boundingRect();
    option.rect = option.exposedRect.toRect();
    if (item->isSelected())
        option.state |= QStyle::State_Selected;
    item->paint(painter, &option, nullptr);
    painter->restore();
}

// Calls paint(item) for every map item in `source`, bottom first.
void forEachItem(MapScene *scene, const QRectF &source, const std::function<void(QGraphicsItem *)> &paint)
{
    const QList<QGraphicsItem *> items
        = scene->items(source, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder);
    for (QGraphicsItem *item : items)
        if (isMapItem(item) && item->isVisible())
            paint(item);
}

// The page, or only what reaches into `region` of it (page units; a band of a PNG).
void paintPage(QPainter *painter, MapScene *scene, const PageLayout &l, const QRectF &region = QRectF())
{
    const QRectF page(QPointF(0, 0), l.page);
    painter->fillRect(region.isNull() ? page : region & page, Qt::white);
    const QTransform base = mapTransform(l) * painter->worldTransform();
    QRectF source = l.source;
    if (!region.isNull()) // with a margin: a card's badges stand out of its bounding rect
        source &= mapTransform(l).inverted().mapRect(region).adjusted(-32, -32, 32, 32);
    forEachItem(scene, source, [&](QGraphicsItem *item) { paintItem(painter, item, base); });
    if (l.legend && (region.isNull() || region.intersects(QRectF(l.legendAt, MapLegend(l.overlay).size()))))
        MapLegend(l.overlay).paint(painter, l.legendAt);
}

void setUpRaster(QPainter *painter, double scale)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->scale(scale, scale);
}

// At most kMapPngMaxPixels: past that the scale shrinks to fit (SVG and PDF have no such
// limit).
double rasterScale(const PageLayout &l, const MapImageOptions &options)
{
    const double wanted = qBound(0.1, options.scale, 8.0);
    return qMin(wanted, std::sqrt(kMapPngMaxPixels / (l.page.width() * l.page.height())));
}

// The PNG painted in bands of rows, each compressed on another core while the next is
// painted (map/export/pngencoder.h): the same pixels as mapRaster(), in about the time of
// painting alone, without the 256 MB page image of a 5,000-node map.
Result<QByteArray> mapPng(MapScene *scene, const MapImageOptions &options)
{
    const PageLayout l = pageLayout(scene, options, 1.0);
    const double scale = rasterScale(l, options);
    const QSize size = (l.page * scale).toSize();
    constexpr int kBandRows = 256;
    PngBandWriter writer(size.width(), size.height());
    QImage buffers[2]; // a band is painted into one while the other is compressed
    for (int top = 0, band = 0; top < size.height(); top += kBandRows, ++band) {
        const int rows = qMin(kBandRows, size.height() - top);
        writer.waitFor(band - 2);
        QImage &buffer = buffers[band % 2];
        if (buffer.isNull())
            buffer = QImage(size.width(), qMin(kBandRows, size.height()), QImage::Format_RGB32);
        QImage rowsImage(buffer.bits(), size.width(), rows, buffer.bytesPerLine(), QImage::Format_RGB32);
        rowsImage.fill(Qt::white); // the page's last column may be a fraction of a pixel
        {
            QPainter painter(&rowsImage);
            painter.translate(0, -top);
            setUpRaster(&painter, scale);
            paintPage(&painter, scene, l, QRectF(0, top / scale, l.page.width(), rows / scale));
        }
        writer.add(rowsImage);
    }
    return writer.finish();
}

} // namespace

std::optional<MapImageOptions::Format> mapImageFormat(const QString &idOrSuffix)
{
    const QString s = idOrSuffix.toLower();
    if (s == QLatin1String("svg"))
        return MapImageOptions::Format::Svg;
    if (s == QLatin1String("png"))
        return MapImageOptions::Format::Png;
    if (s == QLatin1String("pdf"))
        return MapImageOptions::Format::Pdf;
    return std::nullopt;
}

QString mapImageSuffix(MapImageOptions::Format format)
{
    switch (format) {
    case MapImageOptions::Format::Svg:
        return QStringLiteral("svg");
    case MapImageOptions::Format::Png:
        return QStringLiteral("png");
    case MapImageOptions::Format::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

QRectF mapSourceRect(const MapScene *scene, const MapImageOptions &options)
{
    switch (options.scope) {
    case MapImageOptions::Scope::Whole:
        return scene->contentRect().adjusted(-8, -16, 8, 8); // badges stand out of the cards
    case MapImageOptions::Scope::Visible:
        return options.visibleRect;
    case MapImageOptions::Scope::Selection: {
        QRectF r;
        for (const QGraphicsItem *item : scene->selectedItems())
            r |= item->sceneBoundingRect();
        return r.isEmpty() ? r : r.adjusted(-8, -16, 8, 8);
    }
    }
    return {};
}

void paintMapItems(QPainter *painter, MapScene *scene, const QRectF &source)
{
    const QTransform base = painter->worldTransform();
    forEachItem(scene, source, [&](QGraphicsItem *item) { paintItem(painter, item, base); });
}

QSizeF mapPageSize(const MapScene *scene, const MapImageOptions &options)
{
    return pageLayout(scene, options, 1.0).page;
}

void paintMapPage(QPainter *painter, MapScene *scene, const MapImageOptions &options)
{
    paintPage(painter, scene, pageLayout(scene, options, 1.0));
}

QByteArray mapSvg(MapScene *scene, const MapImageOptions &options)
{
    const PageLayout l = pageLayout(scene, options, 1.0);
    // Each card is a group of its own, so that a report can find and script it.
    SvgPage page(l.page, kResolution, QStringLiteral("Flowbench map"));
    {
        QPainter painter(&page);
        painter.fillRect(QRectF(QPointF(0, 0), l.page), Qt::white);
        const QTransform base = mapTransform(l);
        forEachItem(scene, l.source, [&](QGraphicsItem *item) {
            if (item->type() != NodeItem::Type) {
                paintItem(&painter, item, base);
                return;
            }
            page.beginCard(static_cast<NodeItem *>(item)->id());
            paintItem(&painter, item, base);
            page.endCard();
        });
        if (l.legend)
            MapLegend(l.overlay).paint(&painter, l.legendAt);
    }
    return page.document();
}

QImage mapRaster(MapScene *scene, const MapImageOptions &options)
{
    const PageLayout l = pageLayout(scene, options, 1.0);
    // Opaque: the PNG is written as RGB (map/export/pngencoder.h).
    QImage image((l.page * rasterScale(l, options)).toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    setUpRaster(&painter, rasterScale(l, options));
    paintPage(&painter, scene, l);
    return image;
}

QByteArray mapPdf(MapScene *scene, const MapImageOptions &options)
{
    const PageLayout l = pageLayout(scene, options, 1.0);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setResolution(kResolution);
        pdf.setCreator(QStringLiteral("Flowbench"));
        pdf.setTitle(QStringLiteral("Flowbench map"));
        pdf.setPageMargins(QMarginsF());
        pdf.setPageSize(
            QPageSize(l.page * 72.0 / kResolution, QPageSize::Point, QString(), QPageSize::ExactMatch));
        QPainter painter(&pdf);
        paintPage(&painter, scene, l);
    }
    return buffer.data();
}

double mapPngScale(MapScene *scene, const MapImageOptions &options)
{
    if (mapSourceRect(scene, options).isEmpty())
        return 0;
    return rasterScale(pageLayout(scene, options, 1.0), options);
}

Result<QByteArray> mapFile(MapScene *scene, const MapImageOptions &options)
{
    if (mapSourceRect(scene, options).isEmpty())
        return Result<QByteArray>::failure(options.scope == MapImageOptions::Scope::Selection
                ? QStringLiteral("nothing is selected on the map")
                : QStringLiteral("the map is empty"));
    switch (options.format) {
    case MapImageOptions::Format::Svg:
        return mapSvg(scene, options);
    case MapImageOptions::Format::Pdf:
        return mapPdf(scene, options);
    case MapImageOptions::Format::Png:
        return mapPng(scene, options);
    }
    return Result<QByteArray>::failure(QStringLiteral("unknown image format"));
}

Result<QByteArray> mapFile(const Project &project, const MapImageOptions &options)
{
    Result<std::unique_ptr<ProjectMap>> map = ProjectMap::build(project, options);
    if (!map)
        return Result<QByteArray>::failure(map.error());
    return mapFile(map.value()->scene(), options);
}

QByteArray mapSvg(const Project &project, const MapImageOptions &options)
{
    MapImageOptions svg = options;
    svg.format = MapImageOptions::Format::Svg;
    const Result<QByteArray> bytes = mapFile(project, svg);
    return bytes ? bytes.value() : QByteArray();
}

} // namespace flowbench
