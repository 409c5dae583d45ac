#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QActionGroup;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace flowbench {

// Named arrangements of the window's docks (View ▸ Layouts), each leaving the map most of
// the window:
// - Design: Palette on the left, Properties (Flows, Overview in tabs) over Test Cases on
//   the right; the run docks only once there are results.
// - Run: Flows on the left, Test Cases on the right, Results and its tabs below.
// - Review: Overview over Flows on the left, Comments over Properties on the right,
//   Risk × Coverage and Impact below.
// A layout the user rearranged is kept (saveState per layout) until Reset Layout puts the
// chosen one back as designed; the chosen layout is remembered in QSettings. Docks are
// found by object name, so the window and the run workspace keep making their own.
class DockLayouts : public QObject
{
    Q_OBJECT
public:
    explicit DockLayouts(QMainWindow *window);

    static QStringList names(); // "Design", "Run", "Review"
    QString current() const { return m_current; }
    QMenu *menu() const { return m_menu; } // the View ▸ Layouts submenu
    QList<QAction *> actions() const; // the layouts' and Reset Layout's

    // Switches to the named layout: its saved arrangement if the user changed it, the
    // designed one otherwise.
    void choose(const QString &name);
    // The chosen layout as designed, sized for the window as it is now.
    void reset();
    // Sizes the chosen layout's docks for the window's present size (the first show).
    void applyDesignedSizes();
    // Results exist (a project with runs opened) or not: the Design layout shows the run
    // docks only when they do. A run starting shows Results in every layout.
    void setHasResults(bool hasResults);
    void showResults();

private:
    QDockWidget *dock(const char *name) const;
    void arrange(const QString &name);
    void saveCurrent();
    void updateChecks();

    QMainWindow *m_window;
    QMenu *m_menu;
    QActionGroup *m_group;
    QAction *m_reset;
    QString m_current;
    bool m_hasResults = false;
};

} // namespace flowbench
