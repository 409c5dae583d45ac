#pragma once

#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>

class QAction;

namespace flowbench {

class MapScene;
class MapView;

// Arrow keys move the selected cards on the map: 10 px, 50 px with Shift. Each key is a
// QAction scoped to the map view (Qt::WidgetWithChildrenShortcut), so arrows in text
// fields and lists elsewhere keep their meaning; they are disabled while a card is being
// renamed in place. A run of nudges of one selection is one undo step.
class MapNudge : public QObject
{
    Q_OBJECT
public:
    static constexpr double kStep = 10;
    static constexpr double kLargeStep = 50;

    explicit MapNudge(MapView *view, QObject *parent = nullptr);
    void setScene(MapScene *scene); // null: no project open
    const QList<QAction *> &actions() const { return m_actions; }
    // Moves the selected nodes by `delta`; false when nothing is selected.
    bool nudge(const QPointF &delta);

private:
    bool isRenaming() const;
    void updateEnabled();

    MapView *m_view;
    QPointer<MapScene> m_scene;
    QList<QAction *> m_actions;
    int m_run = 0; // a new selection starts a new run of nudges (a new undo step)
};

} // namespace flowbench
