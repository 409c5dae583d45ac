#pragma once

#include <QPointer>
#include <QWidget>

class QAction;

namespace flowbench {

class MapOverlay;
class MapView;

// The map's legend in the view's lower right corner (View ▸ Legend, remembered): the
// same MapLegend that exported images carry, following the overlay being shown. It
// lets clicks through to the map.
class MapLegendWidget : public QWidget
{
    Q_OBJECT
public:
    explicit MapLegendWidget(MapView *view);

    QAction *toggleAction() const { return m_toggle; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh(); // size and place for the overlay shown now
    void setShown(bool shown);

    MapView *m_view;
    QAction *m_toggle;
    QPointer<MapOverlay> m_overlay; // the one whose changes we follow
};

} // namespace flowbench
