#include "map/mapstyle.h"

#include "map/export/svgpage.h"
#include "model/resultpalette.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QPainter>
#include <QSvgRenderer>

// The icons live in flowbench_ui, a static library: its resources must be registered
// by hand before the first lookup.
static void initResources() { Q_INIT_RESOURCE(flowbench); }

namespace flowbench::MapStyle {

namespace {
void ensureResources()
{
    static const bool done = (initResources(), true);
    Q_UNUSED(done);
}
} // namespace

QColor kindColor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Screen: return QColor(0x52, 0x60, 0x7a);
    case NodeKind::Api: return QColor(0x3f, 0x73, 0x82);
    case NodeKind::Service: return QColor(0x6a, 0x5d, 0x8c);
    case NodeKind::Table: return QColor(0x7d, 0x6b, 0x57);
    case NodeKind::Queue: return QColor(0x80, 0x60, 0x7a);
    case NodeKind::Cache: return QColor(0x5b, 0x5f, 0x97);
    case NodeKind::Job: return QColor(0x4d, 0x6a, 0x78);
    case NodeKind::External: return QColor(0x78, 0x7c, 0x86);
    }
    return Qt::gray;
}

QString kindLabel(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Screen: return QCoreApplication::translate("MapStyle", "Screen");
    case NodeKind::Api: return QCoreApplication::translate("MapStyle", "API endpoint");
    case NodeKind::Service: return QCoreApplication::translate("MapStyle", "Service");
    case NodeKind::Table: return QCoreApplication::translate("MapStyle", "Table");
    case NodeKind::Queue: return QCoreApplication::translate("MapStyle", "Queue");
    case NodeKind::Cache: return QCoreApplication::translate("MapStyle", "Cache");
    case NodeKind::Job: return QCoreApplication::translate("MapStyle", "Job");
    case NodeKind::External: return QCoreApplication::translate("MapStyle", "External system");
    }
    return QString();
}

QString kindIconPath(NodeKind kind)
{
    ensureResources();
    return QStringLiteral(":/icons/kind-%1.svg").arg(toString(kind));
}

QIcon kindIcon(NodeKind kind)
{
    QIcon icon;
    for (int size : {16, 32, 64})
        icon.addPixmap(kindPixmap(kind, size));
    return icon;
}

// The icon's artwork with its tile in the kind's colour: the one place that colour is set.
QByteArray kindSvg(NodeKind kind)
{
    ensureResources();
    QFile file(kindIconPath(kind));
    QByteArray svg = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    const int at = svg.indexOf("fill=\"#");
    if (at >= 0)
        svg.replace(at + 6, 7, kindColor(kind).name().toLatin1());
    return svg;
}

QPixmap kindPixmap(NodeKind kind, int size)
{
    static QHash<QString, QPixmap> cache;
    const QString key = toString(kind) + QString::number(size);
    auto it = cache.constFind(key);
    if (it != cache.cend())
        return it.value();
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(kindSvg(kind));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    cache.insert(key, pixmap);
    return pixmap;
}

void paintKindIcon(QPainter *painter, const QRectF &rect, NodeKind kind, int devicePixels)
{
    if (SvgPage *page = SvgPage::of(painter)) {
        page->icon(painter, rect, kind); // a few bytes instead of a PNG per card
        return;
    }
    painter->drawPixmap(rect, kindPixmap(kind, devicePixels), QRectF());
}

QString edgeKindLabel(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Calls: return QCoreApplication::translate("MapStyle", "calls");
    case EdgeKind::Reads: return QCoreApplication::translate("MapStyle", "reads");
    case EdgeKind::Writes: return QCoreApplication::translate("MapStyle", "writes");
    case EdgeKind::Publishes: return QCoreApplication::translate("MapStyle", "publishes");
    case EdgeKind::Consumes: return QCoreApplication::translate("MapStyle", "consumes");
    case EdgeKind::Triggers: return QCoreApplication::translate("MapStyle", "triggers");
    case EdgeKind::Schedules: return QCoreApplication::translate("MapStyle", "schedules");
    }
    return QString();
}

QPen edgePen(EdgeKind kind)
{
    QPen pen(QColor(0x64, 0x74, 0x8b), 1.6);
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    // Dashes have flat caps: a round cap on every dash made stroking a dashed edge
    // several times dearer (bench/mapview). The patterns are lengthened by one pen width
    // to look as they did with round caps.
    auto dashes = [&pen](const QVector<qreal> &pattern) {
        pen.setCapStyle(Qt::FlatCap);
        pen.setJoinStyle(Qt::MiterJoin);
        pen.setDashPattern(pattern);
    };
    switch (kind) {
    case EdgeKind::Calls: break;
    case EdgeKind::Reads:
        pen.setColor(QColor(0x6b, 0x72, 0x80));
        dashes({6, 3});
        break;
    case EdgeKind::Writes:
        pen.setColor(QColor(0x37, 0x41, 0x51));
        pen.setWidthF(2.2);
        break;
    case EdgeKind::Publishes:
    case EdgeKind::Consumes:
        pen.setColor(QColor(0x80, 0x60, 0x7a));
        dashes({1.6, 2.4});
        pen.setWidthF(2.0);
        break;
    case EdgeKind::Triggers:
        pen.setColor(QColor(0x3f, 0x73, 0x82));
        dashes({9, 2, 2, 2});
        break;
    case EdgeKind::Schedules:
        pen.setColor(QColor(0x4d, 0x6a, 0x78));
        dashes({3, 2});
        break;
    }
    return pen;
}

QColor riskColor(int score)
{
    if (score >= 15)
        return QColor(0x4c, 0x1d, 0x95);
    if (score >= 7)
        return QColor(0x7c, 0x5c, 0xbf);
    return QColor(0x8b, 0x95, 0xa5);
}

QColor resultColor(NodeState state)
{
    switch (state) {
    case NodeState::Pass: return QColor::fromRgb(ResultPalette::kPass);
    case NodeState::Fail: return QColor::fromRgb(ResultPalette::kFail);
    case NodeState::Error: return QColor::fromRgb(ResultPalette::kError);
    case NodeState::NotRun: break;
    }
    return QColor::fromRgb(ResultPalette::kNotRun);
}

QString resultGlyph(NodeState state)
{
    switch (state) {
    case NodeState::Pass: return ResultPalette::statusGlyph(ResultStatus::Pass);
    case NodeState::Fail: return ResultPalette::statusGlyph(ResultStatus::Fail);
    case NodeState::Error: return ResultPalette::statusGlyph(ResultStatus::Error);
    case NodeState::NotRun: break;
    }
    return ResultPalette::statusGlyph(ResultStatus::Skipped);
}

QColor coverageColor(int level)
{
    switch (level) {
    case 0: return QColor(0xd5, 0x5e, 0x00); // none: vermillion
    case 1: return QColor(0xb0, 0x7a, 0x00); // manual: Okabe-Ito orange, darkened to carry white text
    case 2: return QColor(0x2b, 0x8c, 0xc4); // automated: sky blue, darkened
    case 3: return QColor(0x00, 0x72, 0xb2); // passing: blue
    }
    return QColor();
}

QColor impactColor(int role)
{
    switch (role) {
    case 1: return QColor(0x6d, 0x28, 0xd9); // the centre
    case 2: return QColor(0x00, 0x72, 0xb2); // upstream
    case 3: return QColor(0xd5, 0x5e, 0x00); // downstream
    }
    return QColor();
}

QColor groupColor(const QString &group)
{
    // Soft tints keep clusters in the background; the name picks one, stable across runs.
    static const QColor tints[] = {
        QColor(0xee, 0xf4, 0xff), QColor(0xec, 0xfd, 0xf5), QColor(0xfe, 0xf6, 0xe7),
        QColor(0xf5, 0xf0, 0xff), QColor(0xfd, 0xf0, 0xf6), QColor(0xec, 0xfe, 0xff),
        QColor(0xf1, 0xf5, 0xf9), QColor(0xfe, 0xf2, 0xf2),
    };
    uint h = 0;
    for (QChar c : group)
        h = h * 31 + c.unicode();
    return tints[h % (sizeof(tints) / sizeof(tints[0]))];
}

QColor selectionColor() { return QColor(0x25, 0x63, 0xeb); }
QColor canvasColor() { return QColor(0xf8, 0xfa, 0xfc); }

} // namespace flowbench::MapStyle
