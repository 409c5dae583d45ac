#include "map/edgelabelplacement.h"

#include "document/projectdocument.h"
#include "map/edgeitem.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"

#include <QHash>
#include <QVector>

namespace flowbench {

namespace {
// Boxes bucketed by a coarse grid, so a 5,000-edge map checks a few neighbours per spot
// instead of every label placed so far.
class BoxGrid
{
public:
    void add(const QRectF &box)
    {
        const int index = int(m_boxes.size());
        m_boxes.append(box);
        forCells(box, [&](quint64 cell) { m_cells[cell].append(index); });
    }
    bool overlaps(const QRectF &box) const
    {
        bool hit = false;
        forCells(box, [&](quint64 cell) {
            if (hit)
                return;
            for (int index : m_cells.value(cell))
                if (m_boxes.at(index).intersects(box)) {
                    hit = true;
                    return;
                }
        });
        return hit;
    }

private:
    static constexpr double kCell = 256;
    template <typename F> static void forCells(const QRectF &box, F f)
    {
        const int x0 = int(std::floor(box.left() / kCell)), x1 = int(std::floor(box.right() / kCell));
        const int y0 = int(std::floor(box.top() / kCell)), y1 = int(std::floor(box.bottom() / kCell));
        for (int x = x0; x <= x1; ++x)
            for (int y = y0; y <= y1; ++y)
                f((quint64(quint32(x)) << 32) | quint32(y));
    }
    QVector<QRectF> m_boxes;
    QHash<quint64, QVector<int>> m_cells;
};
} // namespace

void placeEdgeLabels(MapScene *scene)
{
    BoxGrid taken;
    for (const auto &entry : scene->nodeItems())
        if (entry.second->isVisible())
            taken.add(QRectF(entry.second->pos(), QSizeF(MapStyle::kNodeWidth, MapStyle::kNodeHeight))
                          .adjusted(-2, -2, 2, 2));

    // The document's order, so the same map places the same labels every time.
    QList<EdgeItem *> written, kindOnly;
    for (const Edge &edge : scene->document()->edges()) {
        if (EdgeItem *item = scene->edgeItem(edge.id))
            (edge.label.isEmpty() ? kindOnly : written).append(item);
    }
    static constexpr double kSpots[] = { 0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8 };
    for (const QList<EdgeItem *> &items : { written, kindOnly }) {
        for (EdgeItem *item : items) {
            QRectF placed;
            const QSizeF size = item->labelSize();
            if (item->isVisible() && !size.isEmpty()) {
                for (double t : kSpots) {
                    const QPointF at = item->pointAlong(t);
                    const QRectF box(at - QPointF(size.width() / 2, size.height() / 2), size);
                    if (!taken.overlaps(box)) {
                        placed = box;
                        taken.add(box);
                        break;
                    }
                }
            }
            item->setLabelRect(placed);
        }
    }
}

} // namespace flowbench
