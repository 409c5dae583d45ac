#include "map/maplegendwidget.h"

#include "map/export/maplegend.h"
#include "map/mapoverlay.h"
#include "map/mapscene.h"
#include "map/mapview.h"

#include <QAction>
#include <QEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>

namespace flowbench {

namespace {
const QString kSetting = QStringLiteral("map/legendVisible");
constexpr int kInset = 12;

std::optional<MapOverlay::Mode> shownOverlay(const MapView *view)
{
    const MapScene *scene = view->mapScene();
    const MapOverlay *overlay = scene ? scene->overlay() : nullptr;
    return overlay ? std::optional<MapOverlay::Mode>(overlay->mode()) : std::nullopt;
}
} // namespace

MapLegendWidget::MapLegendWidget(MapView *view)
    : QWidget(view)
    , m_view(view)
    , m_toggle(new QAction(tr("&Legend"), this))
{
    setObjectName(QStringLiteral("mapLegend"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    m_toggle->setObjectName(QStringLiteral("actionLegend"));
    m_toggle->setCheckable(true);
    m_toggle->setStatusTip(tr("Show what the map's shapes, lines and colours mean"));
    connect(m_toggle, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kSetting, on);
        setShown(on);
    });
    view->installEventFilter(this);
    connect(view, &MapView::viewportMoved, this, &MapLegendWidget::refresh);
    connect(view, &MapView::zoomChanged, this, &MapLegendWidget::refresh); // also when a project opens
    const bool on = QSettings().value(kSetting, true).toBool();
    m_toggle->setChecked(on);
    setShown(on);
}

void MapLegendWidget::setShown(bool shown)
{
    setVisible(shown);
    if (shown)
        refresh();
}

void MapLegendWidget::refresh()
{
    const MapScene *scene = m_view->mapScene();
    MapOverlay *overlay = scene ? scene->overlay() : nullptr;
    if (overlay != m_overlay) {
        if (m_overlay)
            disconnect(m_overlay, nullptr, this, nullptr);
        m_overlay = overlay;
        if (overlay)
            connect(overlay, &MapOverlay::changed, this, &MapLegendWidget::refresh);
    }
    setVisible(m_toggle->isChecked() && scene);
    const QSize size = MapLegend(shownOverlay(m_view)).size().toSize() + QSize(1, 1);
    const QRect area = m_view->viewport()->geometry();
    resize(size);
    move(area.right() - size.width() - kInset, area.bottom() - size.height() - kInset);
    raise();
    update();
}

void MapLegendWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setOpacity(0.94);
    MapLegend(shownOverlay(m_view)).paint(&painter, QPointF(0, 0));
}

bool MapLegendWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        refresh();
    return QWidget::eventFilter(watched, event);
}

} // namespace flowbench
