#include "map/mapstyle.h"

#include <QCoreApplication>
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
    case NodeKind::Screen: return QColor(0x3b, 0x82, 0xf6);
    case NodeKind::Api: return QColor(0x10, 0xb9, 0x81);
    case NodeKind::Service: return QColor(0x8b, 0x5c, 0xf6);
    case NodeKind::Table: return QColor(0xf5, 0x9e, 0x0b);
    case NodeKind::Queue: return QColor(0xec, 0x48, 0x99);
    case NodeKind::Cache: return QColor(0xef, 0x44, 0x44);
    case NodeKind::Job: return QColor(0x14, 0xb8, 0xa6);
    case NodeKind::External: return QColor(0x64, 0x74, 0x8b);
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

QIcon kindIcon(NodeKind kind) { return QIcon(kindIconPath(kind)); }

QPixmap kindPixmap(NodeKind kind, int size)
{
    static QHash<QString, QPixmap> cache;
    const QString key = toString(kind) + QString::number(size);
    auto it = cache.constFind(key);
    if (it != cache.cend())
        return it.value();
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QSvgRenderer renderer(kindIconPath(kind));
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    cache.insert(key, pixmap);
    return pixmap;
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
        pen.setColor(QColor(0xd9, 0x77, 0x06));
        dashes({6, 3});
        break;
    case EdgeKind::Writes:
        pen.setColor(QColor(0xb4, 0x53, 0x09));
        pen.setWidthF(2.2);
        break;
    case EdgeKind::Publishes:
    case EdgeKind::Consumes:
        pen.setColor(QColor(0xdb, 0x27, 0x77));
        dashes({1.6, 2.4});
        pen.setWidthF(2.0);
        break;
    case EdgeKind::Triggers:
        pen.setColor(QColor(0x0d, 0x94, 0x88));
        dashes({9, 2, 2, 2});
        break;
    case EdgeKind::Schedules:
        pen.setColor(QColor(0x0f, 0x76, 0x6e));
        dashes({3, 2});
        break;
    }
    return pen;
}

QColor riskColor(int score)
{
    if (score >= 15)
        return QColor(0xdc, 0x26, 0x26);
    if (score >= 7)
        return QColor(0xf5, 0x9e, 0x0b);
    return QColor(0x16, 0xa3, 0x4a);
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
