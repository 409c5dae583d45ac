#include "map/overview/overviewraster.h"

#include <QtMath>
#include <algorithm>

namespace flowbench {

namespace {
inline QRgb blend(QRgb dst, QRgb src)
{
    const int a = qAlpha(src);
    if (a == 255)
        return src;
    const int ia = 255 - a;
    return qRgb((qRed(src) * a + qRed(dst) * ia) / 255, (qGreen(src) * a + qGreen(dst) * ia) / 255,
                (qBlue(src) * a + qBlue(dst) * ia) / 255);
}
} // namespace

OverviewRaster::OverviewRaster(QImage *image, const QRectF &sceneRect, double scale)
    : m_image(image),
      m_bits(image->bits()),
      m_stride(image->bytesPerLine()),
      m_origin(sceneRect.topLeft()),
      m_scale(scale * image->devicePixelRatio()),
      m_width(image->width()),
      m_height(image->height())
{
}

QPointF OverviewRaster::toDevice(const QPointF &p) const { return (p - m_origin) * m_scale; }

void OverviewRaster::fill(QRgb colour) { m_image->fill(colour); }

void OverviewRaster::fillDeviceRect(int x0, int y0, int x1, int y1, QRgb colour)
{
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, m_width);
    y1 = std::min(y1, m_height);
    if (x0 >= x1 || y0 >= y1)
        return;
    const bool opaque = qAlpha(colour) == 255;
    for (int y = y0; y < y1; ++y) {
        QRgb *line = row(y);
        if (opaque) {
            std::fill(line + x0, line + x1, colour);
        } else {
            for (int x = x0; x < x1; ++x)
                line[x] = blend(line[x], colour);
        }
    }
}

void OverviewRaster::fillRect(const QRectF &sceneRect, QRgb colour)
{
    const QPointF a = toDevice(sceneRect.topLeft());
    const QPointF b = toDevice(sceneRect.bottomRight());
    // At least one pixel, so a card stays visible however far out the map is zoomed.
    const int x0 = qFloor(a.x()), y0 = qFloor(a.y());
    fillDeviceRect(x0, y0, std::max(x0 + 1, qRound(b.x())), std::max(y0 + 1, qRound(b.y())), colour);
}

void OverviewRaster::outline(const QRectF &sceneRect, QRgb colour)
{
    const QPointF a = toDevice(sceneRect.topLeft());
    const QPointF b = toDevice(sceneRect.bottomRight());
    const int x0 = qFloor(a.x()), y0 = qFloor(a.y()), x1 = qRound(b.x()), y1 = qRound(b.y());
    fillDeviceRect(x0, y0, x1, y0 + 1, colour);
    fillDeviceRect(x0, y1 - 1, x1, y1, colour);
    fillDeviceRect(x0, y0, x0 + 1, y1, colour);
    fillDeviceRect(x1 - 1, y0, x1, y1, colour);
}

void OverviewRaster::plot(int x, int y, QRgb colour)
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return;
    QRgb &pixel = row(y)[x];
    pixel = blend(pixel, colour);
}

void OverviewRaster::line(const QLineF &sceneLine, QRgb colour)
{
    QPointF p = toDevice(sceneLine.p1());
    QPointF q = toDevice(sceneLine.p2());
    // Clip to the image first (Liang-Barsky), so a map-wide edge costs only what shows.
    const double dx = q.x() - p.x(), dy = q.y() - p.y();
    double t0 = 0, t1 = 1;
    const double pk[4] = {-dx, dx, -dy, dy};
    const double qk[4] = {p.x(), m_width - 1 - p.x(), p.y(), m_height - 1 - p.y()};
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(pk[i])) {
            if (qk[i] < 0)
                return;
            continue;
        }
        const double t = qk[i] / pk[i];
        if (pk[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return;
    }
    const QPointF from = p + QPointF(dx, dy) * t0;
    const QPointF to = p + QPointF(dx, dy) * t1;
    // Bresenham.
    int x0 = qRound(from.x()), y0 = qRound(from.y());
    const int x1 = qRound(to.x()), y1 = qRound(to.y());
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    const int ax = std::abs(x1 - x0), ay = -std::abs(y1 - y0);
    int err = ax + ay;
    for (;;) {
        plot(x0, y0, colour);
        if (x0 == x1 && y0 == y1)
            break;
        const int e2 = 2 * err;
        if (e2 >= ay) {
            err += ay;
            x0 += sx;
        }
        if (e2 <= ax) {
            err += ax;
            y0 += sy;
        }
    }
}

} // namespace flowbench
