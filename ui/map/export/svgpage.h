#pragma once

#include "model/node.h"

#include <QByteArray>
#include <QPaintDevice>
#include <QSizeF>
#include <QString>
#include <memory>

class QPainter;

namespace flowbench {

class SvgPageEngine;

// A paint device that writes the map's SVG: the same painting code as the screen (every
// item's paint()) drawn onto it, like onto QSvgGenerator, which it replaces for the map.
// QSvgGenerator opens a group on every state change (most of them stay empty), formats
// every number through QTextStream and keeps the whole page as UTF-16 until the end: on a
// 5,000-node map that was 44 MB of text and most of the export's time. This device writes
// each shape once, with the attributes that differ from the page's defaults, straight into
// UTF-8; and it knows the map's two structures that QSvgGenerator cannot express: a card's
// own group (<g id="node-<uuid>" data-node class="node">, so a report can find and script
// it) and a kind's icon defined once and <use>d by every card of that kind.
class SvgPage : public QPaintDevice
{
public:
    // `size` in pixels at `resolution` dots per inch (the screen's at 100 %).
    SvgPage(const QSizeF &size, int resolution, const QString &title);
    ~SvgPage() override;

    QPaintEngine *paintEngine() const override;

    // The page being painted by `painter`, or nullptr when it paints something else.
    static SvgPage *of(const QPainter *painter);

    // What follows, until endCard(), is the card of node `nodeId`.
    void beginCard(const QString &nodeId);
    void endCard();
    // The kind's icon in `rect` of the painter's current coordinates.
    void icon(const QPainter *painter, const QRectF &rect, NodeKind kind);

    // The whole document; call after the painter has ended.
    QByteArray document() const;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    QSizeF m_size;
    int m_resolution;
    QString m_title;
    std::unique_ptr<SvgPageEngine> m_engine;
};

} // namespace flowbench
