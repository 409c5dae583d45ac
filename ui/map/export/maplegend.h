#pragma once

#include "map/mapoverlay.h"

#include <QSizeF>
#include <optional>

class QPainter;

namespace flowbench {

// The key to the map: node kinds (icon and stripe), edge kinds (stroke), the colours of
// the overlay being shown and the risk badge. Drawn into exported images and by the
// on-screen legend from the same code, with the colours of MapStyle and MapOverlay.
class MapLegend
{
public:
    // No overlay: kinds, edges and risk only.
    explicit MapLegend(std::optional<MapOverlay::Mode> overlay = std::nullopt);

    QSizeF size() const; // in the painter's units (scene points at 100 %)
    void paint(QPainter *painter, const QPointF &topLeft) const;

private:
    struct Entry;
    std::optional<MapOverlay::Mode> m_overlay;
};

} // namespace flowbench
