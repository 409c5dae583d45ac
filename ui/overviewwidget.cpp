#include "overviewwidget.h"

#include "mapscene.h"
#include "mapview.h"

#include <QMouseEvent>

namespace flowbench {

OverviewWidget::OverviewWidget(QWidget *parent) : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("overview"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHint(QPainter::Antialiasing, false);
    setViewportUpdateMode(FullViewportUpdate);
    setMinimumSize(160, 110);
    setFrameShape(QFrame::NoFrame);
}

void OverviewWidget::setMapView(MapView *view)
{
    if (m_view)
        disconnect(m_view, nullptr, this, nullptr);
    m_view = view;
    setScene(view ? view->scene() : nullptr);
    if (view) {
        connect(view, &MapView::viewportMoved, this, [this] { viewport()->update(); });
        connect(view, &MapView::zoomChanged, this, [this] { viewport()->update(); });
    }
    refit();
}

void OverviewWidget::refit()
{
    auto *map = m_view ? m_view->mapScene() : nullptr;
    if (!map)
        return;
    QRectF r = map->contentRect();
    if (r.isEmpty())
        return;
    r.adjust(-60, -60, 60, 60);
    fitInView(r, Qt::KeepAspectRatio);
}

void OverviewWidget::drawForeground(QPainter *painter, const QRectF &)
{
    if (!m_view)
        return;
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    QPen pen(QColor(37, 99, 235), 2);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(QColor(37, 99, 235, 18));
    painter->drawRect(visible.intersected(sceneRect()));
}

void OverviewWidget::mousePressEvent(QMouseEvent *event)
{
    if (m_view)
        m_view->centerOn(mapToScene(event->position().toPoint()));
    event->accept();
}

void OverviewWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (m_view && (event->buttons() & Qt::LeftButton))
        m_view->centerOn(mapToScene(event->position().toPoint()));
    event->accept();
}

void OverviewWidget::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void OverviewWidget::wheelEvent(QWheelEvent *event) { event->accept(); }

} // namespace flowbench
