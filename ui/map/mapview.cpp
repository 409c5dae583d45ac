#include "map/mapview.h"

#include "document/changevalue.h"
#include "document/projectdocument.h"
#include "map/mapscene.h"
#include "map/mapstyle.h"
#include "map/nodeitem.h"
#include "map/palettewidget.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QScrollBar>
#include <QtMath>

namespace flowbench {

namespace {
constexpr double kMinZoom = 0.03;
constexpr double kMaxZoom = 4.0;
} // namespace

MapView::MapView(QWidget *parent)
    : QGraphicsView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRenderHint(QPainter::TextAntialiasing);
    setDragMode(RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(NoAnchor);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setOptimizationFlags(DontSavePainterState | DontAdjustForAntialiasing);
    // No background cache: the canvas is one flat colour, and the cached pixmap was rebuilt
    // on every zoom step (a fresh 6 MB pixmap each time: 20 ms of page faults).
    setCacheMode(CacheNone);
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    // The map pans by dragging (middle button, Space+drag), Shift+wheel and the Overview;
    // scroll bars took 15 px of each side from it and said little about a
    // canvas padded for panning past its edges.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void MapView::setMapScene(MapScene *scene)
{
    finishRename(false);
    m_scene = scene;
    setScene(scene);
    if (scene)
        connect(scene, &MapScene::renameRequested, this, &MapView::beginRename);
    updateOverviewMode();
}

void MapView::updateOverviewMode()
{
    if (m_scene)
        m_scene->setOverviewMode(zoom() < NodeItem::kDetailLevel);
}

double MapView::zoom() const
{
    return transform().m11();
}

void MapView::setZoom(double zoom, const QPointF &anchorScene)
{
    zoom = qBound(kMinZoom, zoom, kMaxZoom);
    const QPoint anchorView = mapFromScene(anchorScene);
    setTransform(QTransform::fromScale(zoom, zoom));
    updateOverviewMode();
    // Keep the anchor point under the same pixel.
    const QPointF moved = mapToScene(anchorView) - anchorScene;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - int(moved.x() * zoom));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - int(moved.y() * zoom));
    emit zoomChanged(zoom);
}

void MapView::zoomIn()
{
    setZoom(zoom() * 1.25, visibleCentre());
}
void MapView::zoomOut()
{
    setZoom(zoom() / 1.25, visibleCentre());
}
void MapView::resetZoom()
{
    setZoom(1.0, visibleCentre());
}

QPointF MapView::visibleCentre() const
{
    return mapToScene(viewport()->rect().center());
}

void MapView::fitToContent()
{
    if (!m_scene)
        return;
    m_scene->updateClustersNow(); // clusters and the scene rect follow the last change
    QRectF r = m_scene->contentRect();
    if (r.isEmpty())
        r = QRectF(-200, -150, 400, 300);
    r.adjust(-40, -40, 40, 40);
    // The legend (View ▸ Legend) covers the lower right corner: fit the map beside it or
    // above it, whichever leaves it larger, so no card is hidden under it.
    const QRect view = viewport()->rect();
    QRect area = view;
    const auto *legend = findChild<QWidget *>(QStringLiteral("mapLegend"), Qt::FindDirectChildrenOnly);
    if (legend && legend->isVisible()) {
        const QRect covered(viewport()->mapFrom(this, legend->geometry().topLeft()), legend->size());
        const QRect beside(view.left(), view.top(), qMax(1, covered.left() - view.left() - 8), view.height());
        const QRect above(view.left(), view.top(), view.width(), qMax(1, covered.top() - view.top() - 8));
        auto scaleIn = [&r](const QRect &a) { return qMin(a.width() / r.width(), a.height() / r.height()); };
        area = scaleIn(beside) >= scaleIn(above) ? beside : above;
    }
    const double zoom
        = qBound(kMinZoom, qMin(1.0, qMin(area.width() / r.width(), area.height() / r.height())), kMaxZoom);
    setTransform(QTransform::fromScale(zoom, zoom));
    updateOverviewMode();
    // The content's centre at the area's centre.
    centerOn(r.center() + QPointF(view.center() - area.center()) / zoom);
    emit zoomChanged(this->zoom());
}

void MapView::centreOnNode(const Id &id)
{
    if (NodeItem *item = m_scene ? m_scene->nodeItem(id) : nullptr) {
        m_scene->updateClustersNow(); // brings the scene rect up to date
        if (zoom() < 0.6)
            setZoom(1.0, item->sceneBoundingRect().center());
        centerOn(item);
        emit viewportMoved();
    }
}

void MapView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event); // horizontal scroll
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (qFuzzyIsNull(steps))
        return;
    setZoom(zoom() * qPow(1.15, steps), mapToScene(event->position().toPoint()));
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat() && !m_renameEditor) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_F2 && m_scene && m_scene->selectedNodeIds().size() == 1) {
        beginRename(m_scene->selectedNodeIds().first());
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void MapView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panStart = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panStart;
        m_panStart = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld)
            viewport()->setCursor(Qt::OpenHandCursor);
        else
            viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void MapView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(PaletteWidget::kindMimeType()))
        event->acceptProposedAction();
    else
        QGraphicsView::dragEnterEvent(event);
}

void MapView::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(PaletteWidget::kindMimeType()))
        event->acceptProposedAction();
    else
        QGraphicsView::dragMoveEvent(event);
}

void MapView::dropEvent(QDropEvent *event)
{
    const QByteArray data = event->mimeData()->data(PaletteWidget::kindMimeType());
    if (auto kind = nodeKindFromString(QString::fromUtf8(data))) {
        const QPointF p = mapToScene(event->position().toPoint());
        emit dropNodeRequested(*kind, p - QPointF(MapStyle::kNodeWidth / 2, MapStyle::kNodeHeight / 2));
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dropEvent(event);
}

void MapView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_scene)
        return;
    const QPointF scenePos = mapToScene(event->pos());
    // Right-click on an unselected card selects it first, as file managers do.
    for (QGraphicsItem *item : m_scene->items(scenePos)) {
        if (item->type() == NodeItem::Type) {
            if (!item->isSelected()) {
                m_scene->clearSelection();
                item->setSelected(true);
            }
            break;
        }
    }
    emit contextMenuRequested(event->globalPos(), scenePos);
}

void MapView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    if (m_renameEditor && m_scene) {
        if (NodeItem *item = m_scene->nodeItem(m_renameId))
            m_renameEditor->move(mapFromScene(item->mapToScene(item->nameRect().topLeft())));
    }
    emit viewportMoved();
}

void MapView::beginRename(const Id &nodeId)
{
    finishRename(false);
    NodeItem *item = m_scene ? m_scene->nodeItem(nodeId) : nullptr;
    const Node *node = m_scene ? m_scene->document()->node(nodeId) : nullptr;
    if (!item || !node)
        return;
    if (zoom() < 0.6)
        setZoom(1.0, item->sceneBoundingRect().center());
    ensureVisible(item);
    m_renameId = nodeId;
    auto *editor = new QLineEdit(node->name, viewport());
    editor->setObjectName(QStringLiteral("renameEditor"));
    const QRectF r = item->nameRect();
    const QPoint topLeft = mapFromScene(item->mapToScene(r.topLeft()));
    editor->setGeometry(
        QRect(topLeft - QPoint(4, 2), QSize(int(r.width() * zoom()) + 30, int(r.height() * zoom()) + 4)));
    editor->selectAll();
    editor->show();
    editor->setFocus();
    m_renameEditor = editor;
    connect(editor, &QLineEdit::returnPressed, this, [this] { finishRename(true); });
    connect(editor, &QLineEdit::editingFinished, this, [this] { finishRename(true); });
    // Escape cancels the rename; leaving the editor any other way keeps the new name.
    auto *cancel = new QAction(editor);
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setShortcutContext(Qt::WidgetShortcut);
    editor->addAction(cancel);
    connect(cancel, &QAction::triggered, this, [this] { finishRename(false); });
}

void MapView::finishRename(bool accept)
{
    if (!m_renameEditor)
        return;
    QLineEdit *editor = m_renameEditor;
    m_renameEditor = nullptr;
    const QString name = editor->text().trimmed();
    editor->hide();
    editor->deleteLater();
    const Node *node = m_scene ? m_scene->document()->node(m_renameId) : nullptr;
    if (accept && node && !name.isEmpty() && name != node->name) {
        m_scene->document()->undoStack()->push(new ChangeValue<Node, QString>(
            m_scene->document(), m_renameId, &Node::name, name, tr("Rename %1 to %2").arg(node->name, name)));
    }
    m_renameId.clear();
    setFocus();
}

} // namespace flowbench
