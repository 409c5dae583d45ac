#pragma once

#include "model/ids.h"
#include "model/node.h"

#include <QGraphicsView>
#include <QPointer>

class QLineEdit;

namespace flowbench {

class MapScene;

// The canvas: wheel zoom at the cursor, pan with the middle button or Space+drag,
// rubber-band selection, drops from the palette, and the in-place rename editor.
class MapView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit MapView(QWidget *parent = nullptr);

    void setMapScene(MapScene *scene);
    MapScene *mapScene() const { return m_scene; }

    double zoom() const; // 1.0 = 100 %
    void setZoom(double zoom, const QPointF &anchorScene);
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitToContent();
    void centreOnNode(const Id &id);
    QPointF visibleCentre() const; // in scene coordinates

    void beginRename(const Id &nodeId);

signals:
    void zoomChanged(double zoom);
    void viewportMoved();
    void dropNodeRequested(flowbench::NodeKind kind, const QPointF &scenePos);
    void contextMenuRequested(const QPoint &globalPos, const QPointF &scenePos);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void finishRename(bool accept);
    void updateOverviewMode(); // the scene's cards and edges paint only at detail zoom

    MapScene *m_scene = nullptr;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panStart;
    QPointer<QLineEdit> m_renameEditor;
    Id m_renameId;
};

} // namespace flowbench
