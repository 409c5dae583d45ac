#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>

class QAction;
class QUndoGroup;
class QWidget;

namespace flowbench {

// The window's commands as QActions: name, text, shortcuts, and whether a project must
// be open. The standard ones are made here (File, Edit, View, Map); a part of the window
// that brings its own (the run workspace) registers them with add(QAction *), and a new
// command (File ▸ Import…) is one more add() line. Every action is added to the window,
// so its shortcut works wherever the focus is in it. Looked up by name: action().
class WindowActions : public QObject
{
    Q_OBJECT
public:
    WindowActions(QWidget *window, QUndoGroup *undoGroup);

    QAction *add(const QString &name, const QString &text, const QList<QKeySequence> &keys = {},
        bool needsDocument = true);
    // An action made elsewhere. Without `windowShortcut` it is only looked up here: its
    // shortcut stays bound to the widget it was added to (the map's nudge keys).
    void add(QAction *action, bool needsDocument = false, bool windowShortcut = true);
    QAction *action(const QString &name) const; // null when there is none
    QList<QAction *> actions(const QStringList &names) const;
    QList<QAction *> all() const; // in the order they were added

    // Actions whose keys belong to one widget and its children (the map's Copy, Delete,
    // Select All): with the focus in a list or a field those keys do the field's thing.
    // Menus still show the keys and trigger the action from anywhere.
    void bindKeysTo(const QList<QAction *> &actions, QWidget *widget);
    // Actions that only change the project: off while the open project is read-only.
    void markEditing(const QList<QAction *> &actions);
    // Enables the actions that need an open project, those that change it only when it is
    // writable.
    void setDocumentOpen(bool open, bool writable = true);

private:
    QWidget *m_window;
    QHash<QString, QAction *> m_byName;
    QList<QAction *> m_ordered;
    QList<QAction *> m_documentActions;
    QList<QAction *> m_editActions;
};

} // namespace flowbench
