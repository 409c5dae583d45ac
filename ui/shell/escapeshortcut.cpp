#include "shell/escapeshortcut.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QPointer>
#include <QShortcut>
#include <QWidget>

namespace flowbench {

EscapeShortcut::EscapeShortcut(QWidget *window)
    : QObject(window)
    , m_shortcut(new QShortcut(QKeySequence(Qt::Key_Escape), window))
{
    m_shortcut->setObjectName(QStringLiteral("escapeShortcut"));
    m_shortcut->setContext(Qt::WindowShortcut);
    m_shortcut->setEnabled(false);
    connect(m_shortcut, &QShortcut::activated, this, &EscapeShortcut::cancelInnermost);
    // An inline editor taking the focus brings its own Escape: step aside for it. Its
    // action may come after the focus, so look again just before Qt matches the key.
    connect(qApp, &QApplication::focusChanged, this, &EscapeShortcut::update);
    qApp->installEventFilter(this);
}

bool EscapeShortcut::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape)
        update();
    return QObject::eventFilter(watched, event);
}

void EscapeShortcut::add(std::function<bool()> isActive, std::function<void()> cancel)
{
    m_targets.append(Target { std::move(isActive), std::move(cancel) });
    update();
}

void EscapeShortcut::add(QAction *action)
{
    // A widget shortcut is active only while one of the action's widgets has the focus; the
    // window and its menus never do (an open menu takes Escape to close itself), so the key
    // is left to this object while the menu still shows "Esc" next to the action.
    action->setShortcutContext(Qt::WidgetShortcut);
    connect(action, &QAction::changed, this, &EscapeShortcut::update);
    const QPointer<QAction> guarded(action); // the window's children go in any order
    add([guarded] { return guarded && guarded->isEnabled(); },
        [guarded] {
            if (guarded)
                guarded->trigger();
        });
}

bool EscapeShortcut::isEnabled() const
{
    return m_shortcut->isEnabled();
}

bool EscapeShortcut::cancelInnermost()
{
    for (const Target &t : std::as_const(m_targets))
        if (t.isActive()) {
            t.cancel();
            update();
            return true;
        }
    return false;
}

bool EscapeShortcut::focusHasOwnEscape() const
{
    const QWidget *focus = QApplication::focusWidget();
    if (!focus)
        return false;
    for (const QAction *a : focus->actions())
        if (a->isEnabled() && a->shortcuts().contains(QKeySequence(Qt::Key_Escape))
            && a->shortcutContext() != Qt::WindowShortcut && a->shortcutContext() != Qt::ApplicationShortcut)
            return true;
    return false;
}

void EscapeShortcut::update()
{
    bool active = false;
    for (const Target &t : std::as_const(m_targets))
        active = active || t.isActive();
    m_shortcut->setEnabled(active && !focusHasOwnEscape());
}

} // namespace flowbench
