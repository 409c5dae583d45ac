#pragma once

#include <QObject>
#include <functional>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace flowbench {

// The Help menu's pages: Getting Started (the five things to do first, with the keys of
// the window's own actions), Open Example Project and the Check Reference (docs/checks.md,
// compiled in as a resource so it is there wherever the program is installed).
class HelpPages : public QObject
{
    Q_OBJECT
public:
    // `action` finds the window's action by object name (for its shortcut); `openExample`
    // opens a fresh copy of the example project.
    HelpPages(
        QWidget *window, std::function<QAction *(const QString &)> action, std::function<void()> openExample);

    // Adds Getting Started, Open Example Project and Check Reference (in that order).
    void addTo(QMenu *help);

    QString gettingStartedMarkdown() const;
    static QString checkReferenceMarkdown(); // docs/checks.md as shipped; empty if missing

    // Non-modal pages (a reference stays open beside the editor); one of each.
    QDialog *showGettingStarted();
    QDialog *showCheckReference();

private:
    QString keysOf(const QString &actionName) const;
    QDialog *page(QDialog *&existing, const char *objectName, const QString &title, const QString &markdown);

    QWidget *m_window;
    std::function<QAction *(const QString &)> m_action;
    std::function<void()> m_openExample;
    QDialog *m_gettingStarted = nullptr;
    QDialog *m_reference = nullptr;
};

} // namespace flowbench
