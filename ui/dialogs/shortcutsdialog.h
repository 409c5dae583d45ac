#pragma once

#include <QDialog>

class QAction;

namespace flowbench {

// Help ▸ Keyboard Shortcuts: every command with a key, made from the window's actions so
// that the list cannot go stale.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);
};

} // namespace flowbench
