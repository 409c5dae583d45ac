#pragma once

#include <QImage>
#include <QLineF>
#include <QRectF>

namespace flowbench {

// Draws the zoomed-out map (tinted rects, one-pixel lines, blocks) straight into an
// opaque RGB32 image. QPainter's raster engine spent 100-250 instructions a pixel on
// cosmetic lines and rect outlines (one span per pixel); writing the pixels here costs a
// few, so re-drawing the whole 5,000-node map after a zoom stays within a frame.
// Colours may carry alpha (dimmed items); they are blended over what is there.
class OverviewRaster
{
public:
    // `image` covers `sceneRect` at `scale` device pixels per scene unit.
    OverviewRaster(QImage *image, const QRectF &sceneRect, double scale);

    void fill(QRgb colour);
    void fillRect(const QRectF &sceneRect, QRgb colour);
    void outline(const QRectF &sceneRect, QRgb colour); // one pixel wide
    void line(const QLineF &sceneLine, QRgb colour);    // one pixel wide, not antialiased

private:
    QPointF toDevice(const QPointF &p) const;
    void fillDeviceRect(int x0, int y0, int x1, int y1, QRgb colour); // inclusive-exclusive
    void plot(int x, int y, QRgb colour);

    QRgb *row(int y) const { return reinterpret_cast<QRgb *>(m_bits + qsizetype(y) * m_stride); }

    QImage *m_image;
    uchar *m_bits; // scanLine() per pixel cost more than the pixel
    qsizetype m_stride;
    QPointF m_origin;
    double m_scale;
    int m_width;
    int m_height;
};

} // namespace flowbench
