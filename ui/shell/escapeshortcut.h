#pragma once

#include <QList>
#include <QObject>
#include <functional>

class QAction;
class QShortcut;
class QWidget;

namespace flowbench {

// The one Escape key of a window. Several things can be in progress at once (a flow being
// picked on the map while a run goes on); two shortcuts on the same key in one window are
// ambiguous for Qt and then neither fires. So Escape is registered once, here, and each
// press cancels the first thing in progress, in the order they were added: the innermost
// first. It steps aside while the focus widget has an Escape of its own (an inline editor).
class EscapeShortcut : public QObject
{
    Q_OBJECT
public:
    explicit EscapeShortcut(QWidget *window);

    // Something that can be cancelled; call update() when isActive() may have changed.
    void add(std::function<bool()> isActive, std::function<void()> cancel);
    // An action that cancels while it is enabled (e.g. Cancel Run). Its own Escape shortcut
    // stays on show in menus but is bound to no widget, so it never competes with this one.
    void add(QAction *action);

    bool isEnabled() const;
    // Cancels the first thing in progress; false when nothing was.
    bool cancelInnermost();

public slots:
    void update();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Target
    {
        std::function<bool()> isActive;
        std::function<void()> cancel;
    };
    bool focusHasOwnEscape() const;

    QShortcut *m_shortcut;
    QList<Target> m_targets;
};

} // namespace flowbench
