#pragma once

#include "model/node.h"

#include <QByteArray>
#include <QRectF>
#include <QString>
#include <QStringList>

class QPainter;

namespace flowbench {

// QSvgGenerator writes one flat run of <g style> groups and has no way to open a group of
// our own or to reuse a drawing. So the map is drawn by one generator with markers, short
// texts that stand alone in a group each, and its output is rewritten: a card's begin and
// end markers become <g id="node-<uuid>" data-node="<uuid>" class="node"> and </g>, an
// icon marker becomes a <use> of the kind's icon, defined once in <defs>.
namespace SvgMarkers {

bool isSvg(const QPainter *painter);
void beginCard(QPainter *painter, int card); // cardIds[card] in resolve()
void endCard(QPainter *painter);
// The kind's icon in `rect` (the painter's current coordinates).
void icon(QPainter *painter, const QRectF &rect, NodeKind kind);

// The generator's output with the markers replaced; markers it cannot place are dropped.
QByteArray resolve(const QByteArray &svg, const QStringList &cardIds);

} // namespace SvgMarkers

} // namespace flowbench
