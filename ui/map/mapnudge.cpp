#include "map/mapnudge.h"

#include "document/nudgenodescommand.h"
#include "document/projectdocument.h"
#include "map/mapscene.h"
#include "map/mapview.h"
#include "map/nodeitem.h"

#include <QAction>
#include <QApplication>

namespace flowbench {

MapNudge::MapNudge(MapView *view, QObject *parent) : QObject(parent), m_view(view)
{
    struct Direction
    {
        const char *name;
        QString text;
        Qt::Key key;
        QPointF unit;
    };
    const Direction directions[] = {
        {"Left", tr("Left"), Qt::Key_Left, {-1, 0}},
        {"Right", tr("Right"), Qt::Key_Right, {1, 0}},
        {"Up", tr("Up"), Qt::Key_Up, {0, -1}},
        {"Down", tr("Down"), Qt::Key_Down, {0, 1}},
    };
    for (bool large : {false, true}) {
        for (const Direction &d : directions) {
            const double step = large ? kLargeStep : kStep;
            auto *action = new QAction(tr("%1 by %2 px").arg(d.text).arg(step), this);
            action->setObjectName(QStringLiteral("actionNudge%1%2")
                                      .arg(QLatin1String(d.name), large ? QStringLiteral("Far") : QString()));
            action->setShortcut(QKeySequence(large ? (Qt::SHIFT | d.key) : QKeyCombination(d.key)));
            action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            action->setEnabled(false);
            const QPointF delta = d.unit * step;
            connect(action, &QAction::triggered, this, [this, delta] { nudge(delta); });
            view->addAction(action);
            m_actions.append(action);
        }
    }
    // Renaming in place puts a line edit inside the view: its arrows move the caret.
    connect(qApp, &QApplication::focusChanged, this, &MapNudge::updateEnabled);
}

void MapNudge::setScene(MapScene *scene)
{
    if (m_scene)
        disconnect(m_scene, nullptr, this, nullptr);
    m_scene = scene;
    ++m_run;
    if (scene)
        connect(scene, &QGraphicsScene::selectionChanged, this, [this] {
            ++m_run;
            updateEnabled();
        });
    updateEnabled();
}

bool MapNudge::isRenaming() const
{
    const QWidget *focus = QApplication::focusWidget();
    return focus && focus != m_view && focus != m_view->viewport() && m_view->isAncestorOf(focus);
}

void MapNudge::updateEnabled()
{
    const bool on = m_scene && !m_scene->document()->isReadOnly() && !m_scene->document()->isOffline()
        && !m_scene->selectedNodeIds().isEmpty() && !isRenaming();
    for (QAction *action : m_actions)
        action->setEnabled(on);
}

bool MapNudge::nudge(const QPointF &delta)
{
    if (!m_scene || isRenaming())
        return false;
    ProjectDocument *document = m_scene->document();
    QList<NodePosition> from, to;
    for (const Id &id : m_scene->selectedNodeIds()) { // sorted by id, as merging expects
        if (const Node *n = document->node(id)) {
            from.append({id, n->x, n->y, n->pinned});
            to.append({id, n->x + delta.x(), n->y + delta.y(), n->pinned});
        }
    }
    if (to.isEmpty())
        return false;
    document->undoStack()->push(new NudgeNodesCommand(document, from, to, m_run));
    // Keep the moved cards in sight, unless they span more than the view.
    QRectF moved;
    for (const NodePosition &p : to)
        if (NodeItem *item = m_scene->nodeItem(p.id))
            moved |= item->sceneBoundingRect();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    if (moved.width() < visible.width() && moved.height() < visible.height())
        m_view->ensureVisible(moved, 16, 16);
    return true;
}

} // namespace flowbench
