#pragma once

#include <QGraphicsView>
#include <QPointer>

namespace flowbench {

class MapView;

// The minimap: the whole map small, with the main view's visible area outlined.
// Clicking or dragging in it moves the main view there.
class OverviewWidget : public QGraphicsView
{
    Q_OBJECT
public:
    explicit OverviewWidget(QWidget *parent = nullptr);
    void setMapView(MapView *view);
    void refit();

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QPointer<MapView> m_view;
};

} // namespace flowbench
