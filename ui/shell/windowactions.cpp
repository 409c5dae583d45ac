#include "shell/windowactions.h"

#include <QAction>
#include <QUndoGroup>
#include <QWidget>

namespace flowbench {

WindowActions::WindowActions(QWidget *window, QUndoGroup *undoGroup)
    : QObject(window)
    , m_window(window)
{
    add(QStringLiteral("actionNew"), tr("&New Project…"), { QKeySequence::New }, false);
    add(QStringLiteral("actionOpen"), tr("&Open Project…"), { QKeySequence::Open }, false);
    add(QStringLiteral("actionSaveAs"), tr("Save &As…"), { QKeySequence::SaveAs });
    add(QStringLiteral("actionReload"), tr("&Reload from Disk"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R) });
    add(QStringLiteral("actionClose"), tr("&Close Project"), { QKeySequence::Close });
    add(QStringLiteral("actionQuit"), tr("&Quit"), { QKeySequence::Quit }, false);

    QAction *undo = undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("actionUndo"));
    undo->setShortcuts(QKeySequence::Undo);
    add(undo);
    QAction *redo = undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("actionRedo"));
    redo->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
    add(redo);

    add(QStringLiteral("actionCopy"), tr("&Copy"), { QKeySequence::Copy });
    add(QStringLiteral("actionPaste"), tr("&Paste"), { QKeySequence::Paste });
    add(QStringLiteral("actionDelete"), tr("&Delete"), { QKeySequence::Delete });
    add(QStringLiteral("actionRename"), tr("Re&name"), { QKeySequence(Qt::Key_F2) });
    add(QStringLiteral("actionSelectAll"), tr("Select &All"), { QKeySequence::SelectAll });
    add(QStringLiteral("actionFind"), tr("&Find Node…"),
        { QKeySequence(Qt::CTRL | Qt::Key_F), QKeySequence(Qt::CTRL | Qt::Key_K) });
    add(QStringLiteral("actionPin"), tr("&Pin in Place"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P) });
    add(QStringLiteral("actionZoomIn"), tr("Zoom &In"),
        { QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn });
    add(QStringLiteral("actionZoomOut"), tr("Zoom &Out"),
        { QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut });
    add(QStringLiteral("actionZoomReset"), tr("&Actual Size"), { QKeySequence(Qt::CTRL | Qt::Key_0) });
    add(QStringLiteral("actionFit"), tr("&Fit Map to Window"), { QKeySequence(Qt::CTRL | Qt::Key_1) });
    add(QStringLiteral("actionLayout"), tr("&Layout Map"), { QKeySequence(Qt::CTRL | Qt::Key_L) });
    add(QStringLiteral("actionNewFlow"), tr("New &Flow…"));
    add(QStringLiteral("actionAddTestCase"), tr("Add &Test Case"), { QKeySequence(Qt::CTRL | Qt::Key_T) });
    markEditing(actions({ QStringLiteral("actionPaste"), QStringLiteral("actionDelete"),
        QStringLiteral("actionRename"), QStringLiteral("actionPin"), QStringLiteral("actionLayout"),
        QStringLiteral("actionNewFlow"), QStringLiteral("actionAddTestCase") }));
}

QAction *WindowActions::add(
    const QString &name, const QString &text, const QList<QKeySequence> &keys, bool needsDocument)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    // A platform's standard key can repeat one of ours (ZoomOut is Ctrl+- on Linux): a key
    // listed twice is an ambiguous shortcut to Qt, and then it does nothing.
    QList<QKeySequence> unique;
    for (const QKeySequence &key : keys)
        if (!key.isEmpty() && !unique.contains(key))
            unique << key;
    action->setShortcuts(unique);
    add(action, needsDocument);
    return action;
}

void WindowActions::add(QAction *action, bool needsDocument, bool windowShortcut)
{
    Q_ASSERT(!action->objectName().isEmpty() && !m_byName.contains(action->objectName()));
    m_byName.insert(action->objectName(), action);
    m_ordered.append(action);
    if (windowShortcut)
        m_window->addAction(action);
    if (needsDocument)
        m_documentActions.append(action);
}

void WindowActions::bindKeysTo(const QList<QAction *> &actions, QWidget *widget)
{
    for (QAction *a : actions) {
        m_window->removeAction(a);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        widget->addAction(a);
    }
}

QList<QAction *> WindowActions::all() const
{
    return m_ordered;
}

QAction *WindowActions::action(const QString &name) const
{
    return m_byName.value(name);
}

QList<QAction *> WindowActions::actions(const QStringList &names) const
{
    QList<QAction *> list;
    for (const QString &name : names)
        if (QAction *a = action(name))
            list.append(a);
    return list;
}

void WindowActions::markEditing(const QList<QAction *> &actions)
{
    m_editActions += actions;
}

void WindowActions::setDocumentOpen(bool open, bool writable)
{
    for (QAction *a : std::as_const(m_documentActions))
        a->setEnabled(open);
    for (QAction *a : std::as_const(m_editActions))
        a->setEnabled(open && writable);
}

} // namespace flowbench
