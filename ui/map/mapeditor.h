#pragma once

#include "model/ids.h"
#include "model/node.h"

#include <QObject>
#include <QPointF>
#include <QPointer>

class QPoint;

namespace flowbench {

class MapScene;
class MapView;
class ProjectDocument;

// Editing the map as a whole, each edit one command on the document: add a node, delete
// the selection (asking first when more goes with it), copy and paste, jump to a node by
// name, pin or unpin, select all, rename, and connect two nodes after asking for the kind.
// Gestures on single items (drag, connect by drag, rename in place) live in the scene and
// the view; this is what the window's menus and keys call.
class MapEditor : public QObject
{
    Q_OBJECT
public:
    explicit MapEditor(MapView *view, QObject *parent = nullptr);

    void setScene(MapScene *scene); // null: no project open
    MapScene *scene() const;
    ProjectDocument *document() const;

    // A node named "New <kind>" (then "New <kind> 2"...) at `topLeft`, selected.
    Id addNode(NodeKind kind, const QPointF &topLeft);
    // The same at the free spot nearest the middle of the view (never on another card).
    Id addNodeInView(NodeKind kind);
    QPointF freeSpotNear(const QPointF &centre) const; // a card's top-left
    // Deletes the selected nodes and connections; asks first when more goes with them.
    void deleteSelection(bool ask = true);
    QString deleteQuestion(const QList<Id> &nodeIds) const; // empty: nothing cascades
    void copySelection();
    void paste();
    bool jumpTo(const QString &text); // centres and selects the best match by name
    void selectAll();
    void renameSelected(); // the one selected node, in place
    // Pins every selected node, or unpins them all when all are pinned (one undo step).
    void togglePin();
    bool selectionIsPinned() const; // every selected node (and at least one) is pinned
    // Asks for the kind of a new connection in a menu at `screenPos`, then connects.
    void askEdgeKind(const Id &from, const Id &to, const QPoint &screenPos);

signals:
    void statusMessage(const QString &message, int timeoutMs);

private:
    MapView *m_view;
    QPointer<MapScene> m_scene;
    int m_pasteCount = 0; // offsets repeated pastes
};

} // namespace flowbench
