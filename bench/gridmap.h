#pragma once
// Shared by bench/mapview and bench/runmap (header-only: each bench is its own program).

#include "model/node.h"

#include <QElapsedTimer>
#include <QImage>
#include <QList>
#include <QWidget>
#include <cmath>

namespace flowbench::bench {

inline int gridColumns(int count) { return qMax(10, int(std::sqrt(count * 2.0))); }

// Cards on a grid, 8 kinds in turn, groups of 50, owners of 200, spread risks.
inline QList<Node> gridNodes(int count)
{
    QList<Node> nodes;
    nodes.reserve(count);
    const int columns = gridColumns(count);
    for (int i = 0; i < count; ++i) {
        Node n;
        n.id = newId();
        n.kind = allNodeKinds().at(i % 8);
        n.name = QStringLiteral("%1 %2").arg(toString(n.kind)).arg(i);
        n.group = QStringLiteral("group %1").arg(i / 50);
        n.owner = QStringLiteral("team-%1").arg(i / 200);
        n.risk = {1 + i % 5, 1 + (i / 5) % 5};
        n.x = (i % columns) * 260;
        n.y = (i / columns) * 110;
        nodes.append(n);
    }
    return nodes;
}

// Milliseconds per frame painted as a window repaint is: QWidget::render sends the viewport
// a paint event (QGraphicsView::render would take the printing path), into one image kept
// between frames like a window's backing store (a fresh 6 MB image per frame would time
// the kernel's page faults, not the painting).
inline double paintFramesMs(QWidget *viewport, int repeats = 1)
{
    static QImage image;
    if (image.size() != viewport->size())
        image = QImage(viewport->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < repeats; ++i)
        viewport->render(&image);
    return double(t.nsecsElapsed()) / 1e6 / repeats;
}

} // namespace flowbench::bench
