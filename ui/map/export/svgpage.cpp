#include "map/export/svgpage.h"

#include "map/mapstyle.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QMap>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QtMath>
#include <charconv>
#include <climits>
#include <cmath>

namespace flowbench {

namespace {

// What the page's outer group sets once, so that no shape repeats it.
const QByteArray kDefaults = QByteArrayLiteral("fill=\"none\" stroke=\"none\" fill-rule=\"evenodd\" "
                                               "stroke-linecap=\"square\" stroke-linejoin=\"bevel\"");

// `value` rounded to `decimals` places, without trailing zeros: 1871.6, 4.03, -2.5, 0.
void appendNumber(QByteArray &out, double value, int decimals = 2)
{
    static const double scales[] = { 1, 10, 100, 1000, 10000 };
    const double scale = scales[qBound(0, decimals, 4)];
    if (!std::isfinite(value) || std::fabs(value) * scale > 9e15) {
        out += '0';
        return;
    }
    long long scaled = std::llround(value * scale);
    if (scaled < 0) {
        out += '-';
        scaled = -scaled;
    }
    const long long whole = scaled / (long long)scale;
    long long fraction = scaled % (long long)scale;
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, whole);
    out.append(digits, end - digits);
    if (fraction == 0)
        return;
    int places = decimals;
    while (fraction % 10 == 0) {
        fraction /= 10;
        --places;
    }
    char frac[8];
    for (int i = places - 1; i >= 0; --i, fraction /= 10)
        frac[i] = char('0' + fraction % 10);
    out += '.';
    out.append(frac, places);
}

void appendPoint(QByteArray &out, double x, double y)
{
    appendNumber(out, x);
    out += ',';
    appendNumber(out, y);
}

void appendColour(QByteArray &out, const char *attribute, const char *opacityAttribute, const QColor &colour)
{
    static const char hex[] = "0123456789abcdef";
    const QRgb rgb = colour.rgba();
    const char value[] = { '#', hex[qRed(rgb) >> 4], hex[qRed(rgb) & 15], hex[qGreen(rgb) >> 4],
        hex[qGreen(rgb) & 15], hex[qBlue(rgb) >> 4], hex[qBlue(rgb) & 15] };
    out += ' ';
    out += attribute;
    out += "=\"";
    out.append(value, sizeof value);
    out += '"';
    if (qAlpha(rgb) != 255) {
        out += ' ';
        out += opacityAttribute;
        out += "=\"";
        appendNumber(out, qAlpha(rgb) / 255.0, 3);
        out += '"';
    }
}

// Text content or an attribute value: XML-escaped, without the control characters XML
// forbids (a label pasted from a terminal must not make the file unreadable).
void appendEscaped(QByteArray &out, const QString &text)
{
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            if (c.unicode() >= 0x20 || c == QLatin1Char('\t') || c == QLatin1Char('\n'))
                out += QString(c).toUtf8();
        }
    }
}

// The text as the screen shows it: SVG 1.2 Tiny has no text-transform.
QString shownText(const QString &text, const QFont &font)
{
    switch (font.capitalization()) {
    case QFont::AllUppercase:
    case QFont::SmallCaps: return text.toUpper();
    case QFont::AllLowercase: return text.toLower();
    default: return text;
    }
}

QPaintEngine::PaintEngineFeatures engineFeatures()
{
    // Gradients, patterns and composition modes are not drawn by the map; QPainter draws
    // them as an image if anything ever does.
    return QPaintEngine::PrimitiveTransform | QPaintEngine::PixmapTransform | QPaintEngine::PainterPaths
        | QPaintEngine::AlphaBlend | QPaintEngine::Antialiasing | QPaintEngine::BrushStroke
        | QPaintEngine::ConstantOpacity | QPaintEngine::PaintOutsidePaintEvent;
}

// The kind's icon without its <svg> element, wrapped so that the style around a <use>
// does not leak into it.
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

} // namespace

class SvgPageEngine : public QPaintEngine
{
public:
    SvgPageEngine(int resolution, const QString &defaultFamily)
        : QPaintEngine(engineFeatures())
        , m_resolution(resolution)
        , m_defaultFamily(defaultFamily)
    {
        m_body.reserve(1 << 20);
    }

    bool begin(QPaintDevice *) override { return true; }
    bool end() override
    {
        closeTransform();
        return true;
    }
    Type type() const override { return QPaintEngine::SVG; }

    void updateState(const QPaintEngineState &state) override
    {
        const DirtyFlags flags = state.state();
        if (flags & DirtyPen)
            m_pen = state.pen();
        if (flags & DirtyBrush)
            m_brush = state.brush();
        if (flags & DirtyTransform)
            m_transform = state.transform();
        if (flags & DirtyOpacity)
            m_opacity = state.opacity();
    }

    void drawPath(const QPainterPath &path) override
    {
        if (path.isEmpty())
            return;
        placeTransform(m_transform);
        m_body += "<path d=\"";
        for (int i = 0; i < path.elementCount(); ++i) {
            const QPainterPath::Element &e = path.elementAt(i);
            switch (e.type) {
            case QPainterPath::MoveToElement:
                m_body += i ? " M" : "M";
                break;
            case QPainterPath::LineToElement:
                m_body += " L";
                break;
            case QPainterPath::CurveToElement:
                m_body += " C";
                break;
            case QPainterPath::CurveToDataElement:
                m_body += ' ';
                break;
            }
            appendPoint(m_body, e.x, e.y);
        }
        m_body += '"';
        if (path.fillRule() == Qt::WindingFill)
            m_body += " fill-rule=\"nonzero\"";
        appendStyle(true);
        m_body += "/>\n";
    }

    void drawPolygon(const QPointF *points, int count, PolygonDrawMode mode) override
    {
        if (count < 2)
            return;
        placeTransform(m_transform);
        m_body += mode == PolylineMode ? "<polyline points=\"" : "<polygon points=\"";
        for (int i = 0; i < count; ++i) {
            if (i)
                m_body += ' ';
            appendPoint(m_body, points[i].x(), points[i].y());
        }
        m_body += '"';
        if (mode == WindingMode)
            m_body += " fill-rule=\"nonzero\"";
        appendStyle(mode != PolylineMode);
        m_body += "/>\n";
    }

    void drawRects(const QRectF *rects, int count) override
    {
        placeTransform(m_transform);
        for (int i = 0; i < count; ++i) {
            m_body += "<rect x=\"";
            appendNumber(m_body, rects[i].x());
            m_body += "\" y=\"";
            appendNumber(m_body, rects[i].y());
            m_body += "\" width=\"";
            appendNumber(m_body, rects[i].width());
            m_body += "\" height=\"";
            appendNumber(m_body, rects[i].height());
            m_body += '"';
            appendStyle(true);
            m_body += "/>\n";
        }
    }

    void drawEllipse(const QRectF &r) override
    {
        placeTransform(m_transform);
        const bool circle = qFuzzyCompare(r.width(), r.height());
        m_body += circle ? "<circle cx=\"" : "<ellipse cx=\"";
        appendNumber(m_body, r.center().x());
        m_body += "\" cy=\"";
        appendNumber(m_body, r.center().y());
        if (circle) {
            m_body += "\" r=\"";
            appendNumber(m_body, r.width() / 2);
        } else {
            m_body += "\" rx=\"";
            appendNumber(m_body, r.width() / 2);
            m_body += "\" ry=\"";
            appendNumber(m_body, r.height() / 2);
        }
        m_body += '"';
        appendStyle(true);
        m_body += "/>\n";
    }

    void drawTextItem(const QPointF &at, const QTextItem &item) override
    {
        const QString text = item.text();
        if (m_pen.style() == Qt::NoPen || text.isEmpty())
            return;
        placeTransform(m_transform);
        m_body += "<text x=\"";
        appendNumber(m_body, at.x());
        m_body += "\" y=\"";
        appendNumber(m_body, at.y());
        m_body += '"';
        appendColour(m_body, "fill", "fill-opacity", m_pen.color());
        const QFont font = item.font();
        if (font.family() != m_defaultFamily) {
            m_body += " font-family=\"";
            appendEscaped(m_body, font.family());
            m_body += '"';
        }
        m_body += " font-size=\"";
        appendNumber(
            m_body, font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF() * m_resolution / 72.0);
        m_body += '"';
        if (font.weight() != QFont::Normal) {
            m_body += " font-weight=\"";
            m_body += QByteArray::number(int(font.weight()));
            m_body += '"';
        }
        if (font.italic())
            m_body += " font-style=\"italic\"";
        if (font.letterSpacingType() == QFont::AbsoluteSpacing && font.letterSpacing() != 0) {
            m_body += " letter-spacing=\"";
            appendNumber(m_body, font.letterSpacing());
            m_body += '"';
        }
        appendOpacity();
        m_body += " xml:space=\"preserve\">";
        appendEscaped(m_body, shownText(text, font));
        m_body += "</text>\n";
    }

    void drawPixmap(const QRectF &r, const QPixmap &pixmap, const QRectF &source) override
    {
        drawImage(r, pixmap.toImage(), source, Qt::AutoColor);
    }

    void drawImage(
        const QRectF &r, const QImage &image, const QRectF &source, Qt::ImageConversionFlags) override
    {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        const bool whole = source.isNull() || source == QRectF(image.rect());
        (whole ? image : image.copy(source.toAlignedRect())).save(&buffer, "PNG");
        placeTransform(m_transform);
        m_body += "<image x=\"";
        appendNumber(m_body, r.x());
        m_body += "\" y=\"";
        appendNumber(m_body, r.y());
        m_body += "\" width=\"";
        appendNumber(m_body, r.width());
        m_body += "\" height=\"";
        appendNumber(m_body, r.height());
        m_body += "\" preserveAspectRatio=\"none\"";
        appendOpacity();
        m_body += " xlink:href=\"data:image/png;base64,";
        m_body += png.toBase64();
        m_body += "\"/>\n";
    }

    void beginCard(const QString &nodeId)
    {
        if (m_inCard)
            endCard();
        closeTransform();
        m_body += "<g id=\"node-";
        appendEscaped(m_body, nodeId);
        m_body += "\" data-node=\"";
        appendEscaped(m_body, nodeId);
        m_body += "\" class=\"node\">\n";
        m_inCard = true;
    }

    void endCard()
    {
        closeTransform();
        if (m_inCard)
            m_body += "</g>\n";
        m_inCard = false;
    }

    void icon(const QTransform &transform, double opacity, const QRectF &rect, NodeKind kind)
    {
        placeTransform(transform);
        m_icons.insert(toString(kind), kind);
        m_body += "<use xlink:href=\"#fb-kind-" + toString(kind).toLatin1() + "\" transform=\"translate(";
        appendPoint(m_body, rect.x(), rect.y());
        m_body += ") scale(";
        appendNumber(m_body, rect.width() / 32, 4); // the icons are drawn on 32 × 32
        m_body += ")\"";
        if (opacity < 1) {
            m_body += " opacity=\"";
            appendNumber(m_body, opacity, 3);
            m_body += '"';
        }
        m_body += "/>\n";
    }

    QByteArray defs() const
    {
        QByteArray out;
        for (NodeKind kind : std::as_const(m_icons))
            out += iconDefinition(kind);
        return out;
    }

    const QByteArray &body() const { return m_body; }

private:
    // Shapes in a row that share a transform share one group that carries it.
    void placeTransform(const QTransform &t)
    {
        QByteArray wanted;
        if (t.type() == QTransform::TxTranslate) {
            wanted = "translate(";
            appendPoint(wanted, t.dx(), t.dy());
            wanted += ')';
        } else if (t.type() != QTransform::TxNone) {
            wanted = "matrix(";
            for (double v : { t.m11(), t.m12(), t.m21(), t.m22() }) {
                appendNumber(wanted, v, 4);
                wanted += ',';
            }
            appendPoint(wanted, t.dx(), t.dy());
            wanted += ')';
        }
        if (m_groupOpen && wanted == m_openTransform)
            return;
        closeTransform();
        if (wanted.isEmpty())
            return;
        m_body += "<g transform=\"" + wanted + "\">\n";
        m_openTransform = wanted;
        m_groupOpen = true;
    }

    void closeTransform()
    {
        if (m_groupOpen)
            m_body += "</g>\n";
        m_groupOpen = false;
        m_openTransform.clear();
    }

    void appendOpacity()
    {
        if (m_opacity < 1) {
            m_body += " opacity=\"";
            appendNumber(m_body, m_opacity, 3);
            m_body += '"';
        }
    }

    // Fill (for shapes that have an inside), stroke and opacity where they differ from
    // the page's defaults.
    void appendStyle(bool filled)
    {
        if (filled && m_brush.style() != Qt::NoBrush)
            appendColour(m_body, "fill", "fill-opacity", m_brush.color());
        if (m_pen.style() != Qt::NoPen) {
            appendColour(m_body, "stroke", "stroke-opacity", m_pen.color());
            const double width = m_pen.widthF();
            if (m_pen.isCosmetic())
                m_body += " vector-effect=\"non-scaling-stroke\"";
            if (width > 0 && width != 1) {
                m_body += " stroke-width=\"";
                appendNumber(m_body, width);
                m_body += '"';
            }
            switch (m_pen.capStyle()) {
            case Qt::FlatCap:
                m_body += " stroke-linecap=\"butt\"";
                break;
            case Qt::RoundCap:
                m_body += " stroke-linecap=\"round\"";
                break;
            default:
                break;
            }
            switch (m_pen.joinStyle()) {
            case Qt::MiterJoin:
            case Qt::SvgMiterJoin:
                m_body += " stroke-linejoin=\"miter\"";
                break;
            case Qt::RoundJoin:
                m_body += " stroke-linejoin=\"round\"";
                break;
            default:
                break;
            }
            if (m_pen.style() != Qt::SolidLine) {
                // SVG's dashes are lengths; Qt's are multiples of the pen's width.
                const double unit = width > 0 ? width : 1;
                m_body += " stroke-dasharray=\"";
                const QList<qreal> pattern = m_pen.dashPattern();
                for (int i = 0; i < pattern.size(); ++i) {
                    if (i)
                        m_body += ',';
                    appendNumber(m_body, pattern[i] * unit);
                }
                m_body += '"';
                if (m_pen.dashOffset() != 0) {
                    m_body += " stroke-dashoffset=\"";
                    appendNumber(m_body, m_pen.dashOffset() * unit);
                    m_body += '"';
                }
            }
        }
        appendOpacity();
    }

    int m_resolution;
    QString m_defaultFamily;
    QByteArray m_body;
    QPen m_pen;
    QBrush m_brush;
    QTransform m_transform;
    double m_opacity = 1;
    QByteArray m_openTransform;
    bool m_groupOpen = false;
    bool m_inCard = false;
    QMap<QString, NodeKind> m_icons; // the kinds used, each defined once
};

SvgPage::SvgPage(const QSizeF &size, int resolution, const QString &title)
    : m_size(size)
    , m_resolution(resolution)
    , m_title(title)
    , m_engine(std::make_unique<SvgPageEngine>(resolution, QGuiApplication::font().family()))
{
}

SvgPage::~SvgPage() = default;

QPaintEngine *SvgPage::paintEngine() const
{
    return m_engine.get();
}

SvgPage *SvgPage::of(const QPainter *painter)
{
    return painter && painter->isActive() ? dynamic_cast<SvgPage *>(painter->device()) : nullptr;
}

void SvgPage::beginCard(const QString &nodeId)
{
    m_engine->beginCard(nodeId);
}

void SvgPage::endCard()
{
    m_engine->endCard();
}

void SvgPage::icon(const QPainter *painter, const QRectF &rect, NodeKind kind)
{
    m_engine->icon(painter->combinedTransform(), painter->opacity(), rect, kind);
}

QByteArray SvgPage::document() const
{
    QByteArray out;
    out.reserve(m_engine->body().size() + 4096);
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<svg width=\"";
    appendNumber(out, m_size.width() * 25.4 / m_resolution, 3);
    out += "mm\" height=\"";
    appendNumber(out, m_size.height() * 25.4 / m_resolution, 3);
    out += "mm\" viewBox=\"0 0 ";
    appendNumber(out, m_size.width());
    out += ' ';
    appendNumber(out, m_size.height());
    out += "\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
           "version=\"1.2\" baseProfile=\"tiny\">\n<title>";
    appendEscaped(out, m_title);
    out += "</title>\n<defs>\n";
    out += m_engine->defs();
    out += "</defs>\n<g " + kDefaults + " font-family=\"";
    appendEscaped(out, QGuiApplication::font().family());
    out += "\">\n";
    out += m_engine->body();
    out += "</g>\n</svg>\n";
    return out;
}

int SvgPage::metric(PaintDeviceMetric metric) const
{
    switch (metric) {
    case PdmWidth:
        return qCeil(m_size.width());
    case PdmHeight:
        return qCeil(m_size.height());
    case PdmWidthMM:
        return qRound(m_size.width() * 25.4 / m_resolution);
    case PdmHeightMM:
        return qRound(m_size.height() * 25.4 / m_resolution);
    case PdmNumColors:
        return INT_MAX;
    case PdmDepth:
        return 32;
    case PdmDpiX:
    case PdmDpiY:
    case PdmPhysicalDpiX:
    case PdmPhysicalDpiY:
        return m_resolution;
    case PdmDevicePixelRatio:
        return 1;
    case PdmDevicePixelRatioScaled:
        return int(devicePixelRatioFScale());
    }
    return 0;
}

} // namespace flowbench
