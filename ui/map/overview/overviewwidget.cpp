#include "map/overview/overviewwidget.h"

#include "map/overview/mapoverviewlayer.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/mapview.h"

#include <QMouseEvent>
#include <QPainter>

namespace flowbench {

OverviewWidget::OverviewWidget(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("overview"));
    setMinimumSize(160, 110);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

MapScene *OverviewWidget::scene() const { return m_scene.data(); }

void OverviewWidget::setMapView(MapView *view)
{
    if (m_view)
        disconnect(m_view, nullptr, this, nullptr);
    if (m_scene)
        disconnect(m_scene, nullptr, this, nullptr);
    m_view = view;
    m_scene = view ? view->mapScene() : nullptr;
    if (view) {
        connect(view, &MapView::viewportMoved, this, qOverload<>(&QWidget::update));
        connect(view, &MapView::zoomChanged, this, qOverload<>(&QWidget::update));
    }
    if (m_scene)
        connect(m_scene, &MapScene::overviewChanged, this, &OverviewWidget::markStale);
    refit();
}

void OverviewWidget::refit()
{
    m_extent = m_scene ? m_scene->contentRect() : QRectF();
    if (!m_extent.isEmpty())
        m_extent.adjust(-60, -60, 60, 60);
    markStale();
}

void OverviewWidget::markStale()
{
    m_stale = true;
    update();
}

QTransform OverviewWidget::sceneToWidget() const
{
    if (m_extent.isEmpty())
        return QTransform();
    const double scale = qMin(width() / m_extent.width(), height() / m_extent.height());
    const QPointF offset((width() - m_extent.width() * scale) / 2, (height() - m_extent.height() * scale) / 2);
    return QTransform::fromTranslate(-m_extent.left(), -m_extent.top()) * QTransform::fromScale(scale, scale)
        * QTransform::fromTranslate(offset.x(), offset.y());
}

void OverviewWidget::paintEvent(QPaintEvent *)
{
    const double dpr = devicePixelRatioF();
    if (m_stale || m_picture.size() != size() * dpr) {
        m_stale = false;
        m_picture = QPixmap(size() * dpr);
        m_picture.setDevicePixelRatio(dpr);
        m_picture.fill(MapStyle::canvasColor());
        if (m_scene && !m_extent.isEmpty()) {
            const QTransform t = sceneToWidget();
            QPainter p(&m_picture);
            if (auto *layer = qgraphicsitem_cast<MapOverviewLayer *>(m_scene->overviewLayer()))
                p.drawImage(t.map(m_extent.topLeft()), layer->renderImage(m_extent, t.m11(), dpr));
        }
    }
    QPainter painter(this);
    painter.drawPixmap(0, 0, m_picture);
    if (!m_scene || m_extent.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, m_scene ? tr("Empty map") : tr("No project open"));
        return;
    }
    if (!m_view)
        return;
    // The main view's visible area.
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QPen pen(QColor(37, 99, 235), 2);
    painter.setPen(pen);
    painter.setBrush(QColor(37, 99, 235, 18));
    painter.drawRect(sceneToWidget().mapRect(visible).intersected(QRectF(rect()).adjusted(1, 1, -1, -1)));
}

void OverviewWidget::centreViewAt(const QPoint &widgetPos)
{
    if (!m_view || m_extent.isEmpty())
        return;
    m_view->centerOn(sceneToWidget().inverted().map(QPointF(widgetPos)));
}

void OverviewWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        centreViewAt(event->position().toPoint());
    event->accept();
}

void OverviewWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        centreViewAt(event->position().toPoint());
    event->accept();
}

void OverviewWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    markStale();
}

} // namespace flowbench
