#pragma once

#include <QPixmap>
#include <QPointer>
#include <QWidget>

namespace flowbench {

class MapScene;
class MapView;

// The minimap: the whole map small, with the main view's visible area outlined.
// Clicking or dragging in it moves the main view there. It is not a second view on the
// scene (that walked every item of a 5,000-node map on each change); it draws the
// overview layer's batches into a pixmap once per change and blits it.
class OverviewWidget : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewWidget(QWidget *parent = nullptr);
    void setMapView(MapView *view);
    void refit(); // the map's extent changed

    QSize sizeHint() const override { return QSize(240, 160); }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    MapScene *scene() const;
    QTransform sceneToWidget() const;
    void centreViewAt(const QPoint &widgetPos);
    void markStale();

    QPointer<MapView> m_view;
    QPointer<MapScene> m_scene;
    QRectF m_extent; // scene rect shown
    QPixmap m_picture;
    bool m_stale = true;
};

} // namespace flowbench
