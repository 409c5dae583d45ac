#include "map/export/svgmarkers.h"

#include "map/mapstyle.h"

#include <QFont>
#include <QMap>
#include <QPaintEngine>
#include <QPainter>

namespace flowbench::SvgMarkers {

namespace {

const QByteArray kPrefix = QByteArrayLiteral("fbmark:");

const QFont &markerFont()
{
    static const QFont font = [] {
        QFont f;
        f.setPixelSize(1);
        return f;
    }();
    return font;
}

// A marker in a group of its own: a transform and colour that no drawing of the map has,
// different for begin and end, so the generator opens a fresh group before the marker
// and another after it.
void standAlone(QPainter *painter, const QString &text, const QColor &colour)
{
    painter->save();
    painter->setWorldTransform(QTransform::fromTranslate(-3.25, -3.25));
    painter->setOpacity(1);
    painter->setPen(colour);
    painter->setFont(markerFont());
    painter->drawText(QPointF(0, 0), QString::fromLatin1(kPrefix) + text);
    painter->restore();
}

bool onlySpace(const QByteArray &svg, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i)
        if (!QChar::isSpace(uchar(svg.at(i))))
            return false;
    return true;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 6);
}

// The icon's drawing without its <svg> element, wrapped so that the style of the group a
// <use> sits in does not leak into it.
QByteArray iconDefinition(NodeKind kind)
{
    const QByteArray svg = MapStyle::kindSvg(kind);
    const qsizetype open = svg.indexOf("<svg");
    const qsizetype start = open < 0 ? -1 : svg.indexOf('>', open);
    const qsizetype end = svg.lastIndexOf("</svg>");
    const QByteArray inner = start < 0 || end < start ? QByteArray() : svg.mid(start + 1, end - start - 1);
    return "<g id=\"fb-kind-" + toString(kind).toLatin1()
        + "\" stroke=\"none\" fill-opacity=\"1\" stroke-opacity=\"1\">" + inner + "</g>\n";
}

// Drops what QSvgGenerator repeats for nothing: a group per state change even when
// nothing is drawn in that state, and the font on every group although each <text>
// carries its own. A third of a large map's bytes.
QByteArray compact(const QByteArray &svg)
{
    QByteArray out;
    out.reserve(svg.size());
    const QByteArray open("\n<g ");
    const QByteArray font("\nfont-family=");
    qsizetype at = 0;
    for (qsizetype g = svg.indexOf(open); g >= 0; g = svg.indexOf(open, at)) {
        const qsizetype tagEnd = svg.indexOf('>', g);
        if (tagEnd < 0)
            break;
        out += svg.mid(at, g - at);
        at = tagEnd + 1;
        qsizetype next = at;
        while (next < svg.size() && QChar::isSpace(uchar(svg.at(next))))
            ++next;
        if (svg.mid(next, 4) == "</g>") { // an empty group
            at = next + 4;
            continue;
        }
        const qsizetype fontAt = svg.indexOf(font, g);
        out += svg.mid(g, (fontAt >= 0 && fontAt < tagEnd ? fontAt : tagEnd) - g);
        out += '>';
    }
    out += svg.mid(at);
    return out;
}

} // namespace

bool isSvg(const QPainter *painter)
{
    const QPaintEngine *engine = painter->paintEngine();
    return engine && engine->type() == QPaintEngine::SVG;
}

void beginCard(QPainter *painter, int card)
{
    standAlone(painter, QStringLiteral("begin:%1").arg(card), QColor(0x01, 0x02, 0x03));
}

void endCard(QPainter *painter)
{
    standAlone(painter, QStringLiteral("end"), QColor(0x03, 0x02, 0x01));
}

void icon(QPainter *painter, const QRectF &rect, NodeKind kind)
{
    // In the card's own group (its transform): only the text element is replaced.
    painter->save();
    painter->setFont(markerFont());
    painter->setPen(Qt::black); // with no pen, text is not drawn at all
    painter->drawText(rect.topLeft(),
        QStringLiteral("%1icon:%2:%3:%4:%5")
            .arg(QString::fromLatin1(kPrefix), toString(kind))
            .arg(rect.x())
            .arg(rect.y())
            .arg(rect.width()));
    painter->restore();
}

QByteArray resolve(const QByteArray &svg, const QStringList &cardIds)
{
    bool inCard = false;
    QByteArray out;
    out.reserve(svg.size());
    QMap<QString, NodeKind> icons; // used kinds, defined once
    const QByteArray open = '>' + kPrefix;
    qsizetype at = 0;
    for (qsizetype m = svg.indexOf(open); m >= 0; m = svg.indexOf(open, at)) {
        const qsizetype textStart = svg.lastIndexOf("<text", m);
        const qsizetype textClose = svg.indexOf("</text>", m);
        if (textStart < at || textClose < 0)
            break; // not written as expected: leave the rest as it is
        const qsizetype textEnd = textClose + 7;
        const QList<QByteArray> parts = svg.mid(m + open.size(), textClose - m - open.size()).split(':');
        out += svg.mid(at, textStart - at);
        at = textEnd;
        if (parts.value(0) == "icon" && parts.size() == 5) {
            const std::optional<NodeKind> kind = nodeKindFromString(QString::fromLatin1(parts[1]));
            if (!kind)
                continue;
            icons.insert(toString(*kind), *kind);
            out += "<use xlink:href=\"#fb-kind-" + parts[1] + "\" transform=\"translate(" + parts[2] + ','
                + parts[3] + ") scale(" + number(parts[4].toDouble() / 32) + ")\"/>";
            continue;
        }
        // A card's begin or end: the marker's group goes, a card group opens or closes.
        const qsizetype groupStart = out.lastIndexOf("<g ");
        const qsizetype groupTagEnd = groupStart < 0 ? -1 : out.indexOf('>', groupStart);
        const qsizetype groupClose = svg.indexOf("</g>", textEnd);
        if (groupTagEnd < 0 || !onlySpace(out, groupTagEnd + 1, out.size()) || groupClose < 0
            || !onlySpace(svg, textEnd, groupClose))
            continue; // not alone in its group: drop the marker, keep the drawing whole
        out.truncate(groupStart);
        at = groupClose + 4;
        if (inCard) // its end was dropped
            out += "</g>";
        inCard = false;
        bool ok = false;
        const int card = parts.value(1).toInt(&ok);
        if (parts.value(0) == "begin" && ok && card >= 0 && card < cardIds.size()) {
            const QByteArray id = cardIds.at(card).toHtmlEscaped().toUtf8();
            out += "<g id=\"node-" + id + "\" data-node=\"" + id + "\" class=\"node\">";
            inCard = true;
        }
    }
    out += svg.mid(at);
    out = compact(out);
    if (inCard) {
        const qsizetype end = out.lastIndexOf("</svg>");
        out.insert(end < 0 ? out.size() : end, "</g>");
    }
    if (!icons.isEmpty()) {
        QByteArray defs;
        for (NodeKind kind : std::as_const(icons))
            defs += iconDefinition(kind);
        const qsizetype defsEnd = out.indexOf("</defs>");
        if (defsEnd >= 0)
            out.insert(defsEnd, defs);
    }
    return out;
}

} // namespace flowbench::SvgMarkers
