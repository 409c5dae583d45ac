#pragma once

class QLabel;
class QString;
class QToolButton;
class QWidget;

namespace flowbench {

// The small widgets the test-case editor and its form share, so both look alike.
QLabel *emptyStateLabel(const QString &text, QWidget *parent); // centred, muted, wrapped
QToolButton *textToolButton(const QString &text, const QString &tip, QWidget *parent);

} // namespace flowbench
