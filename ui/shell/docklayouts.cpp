#include "shell/docklayouts.h"

#include "map/palettewidget.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>

#include <algorithm>

namespace flowbench {

namespace {
const char *const kLayoutKey = "window/layout";
QString stateKey(const QString &layout)
{
    return QStringLiteral("window/layouts/") + layout;
}

// The docks the window and the run workspace make, by object name.
const char *const kAllDocks[]
    = { "paletteDock", "overviewDock", "flowsDock", "propertiesDock", "testCasesDock", "historyDock",
          "commentsDock", "resultsDock", "runHistoryDock", "coverageDock", "impactDock" };
const char *const kRunDocks[] = { "resultsDock", "runHistoryDock", "coverageDock", "impactDock" };

// One layout: per side, the stacks from top to bottom (left to right below the map), each
// stack's docks tabbed with its first one in front.
using Stack = QList<const char *>;
struct Arrangement
{
    QList<Stack> left, right, bottom;
    double leftSplit = 0.45; // the first stack's share of the side's height
    double rightSplit = 0.38;
    bool bottomOnlyWithResults = false;
};

Arrangement arrangement(const QString &name)
{
    if (name == QLatin1String("Run"))
        return { { { "flowsDock", "overviewDock" } },
            { { "testCasesDock", "propertiesDock", "historyDock", "commentsDock" } },
            { { "resultsDock", "runHistoryDock", "coverageDock", "impactDock" } } };
    if (name == QLatin1String("Review"))
        return { { { "overviewDock" }, { "flowsDock" } },
            { { "propertiesDock" }, { "commentsDock", "testCasesDock", "historyDock" } },
            { { "coverageDock", "impactDock", "resultsDock", "runHistoryDock" } }, 0.4, 0.4 };
    // Design
    // Flows and Overview are tabs beside Properties: on the left their tables made the
    // column 174 px wide at least, and at 1366 × 768 the map then had half the window.
    return { { { "paletteDock" } },
        { { "propertiesDock", "flowsDock", "overviewDock" },
            { "testCasesDock", "historyDock", "commentsDock" } },
        { { "resultsDock", "runHistoryDock", "coverageDock", "impactDock" } }, 0.45, 0.38, true };
}
} // namespace

DockLayouts::DockLayouts(QMainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_menu(new QMenu(tr("&Layouts"), window))
    , m_group(new QActionGroup(this))
{
    m_menu->menuAction()->setObjectName(QStringLiteral("actionLayoutsMenu"));
    const QString texts[] = { tr("&Design"), tr("&Run"), tr("Re&view") };
    int i = 0;
    for (const QString &name : names()) {
        QAction *a = m_menu->addAction(texts[i++]);
        a->setObjectName(QStringLiteral("actionLayout") + name);
        a->setCheckable(true);
        a->setData(name);
        m_group->addAction(a);
        connect(a, &QAction::triggered, this, [this, name] { choose(name); });
    }
    m_menu->addSeparator();
    m_reset = m_menu->addAction(tr("Reset &Layout"), this, &DockLayouts::reset);
    m_reset->setObjectName(QStringLiteral("actionResetLayout"));
    m_current = QSettings().value(QLatin1String(kLayoutKey), QStringLiteral("Design")).toString();
    if (!names().contains(m_current))
        m_current = QStringLiteral("Design");
    arrange(m_current);
    updateChecks();
}

QStringList DockLayouts::names()
{
    return { QStringLiteral("Design"), QStringLiteral("Run"), QStringLiteral("Review") };
}

QList<QAction *> DockLayouts::actions() const
{
    QList<QAction *> all = m_group->actions();
    all << m_reset;
    return all;
}

QDockWidget *DockLayouts::dock(const char *name) const
{
    return m_window->findChild<QDockWidget *>(QLatin1String(name), Qt::FindDirectChildrenOnly);
}

void DockLayouts::choose(const QString &name)
{
    if (!names().contains(name))
        return;
    QSettings().setValue(QLatin1String(kLayoutKey), name);
    if (name != m_current) {
        saveCurrent();
        m_current = name;
        const QByteArray saved = QSettings().value(stateKey(name)).toByteArray();
        if (saved.isEmpty() || !m_window->restoreState(saved)) {
            arrange(m_current);
            applyDesignedSizes();
        }
    }
    updateChecks();
}

void DockLayouts::reset()
{
    QSettings().remove(stateKey(m_current)); // the other layouts keep their changes
    arrange(m_current);
    applyDesignedSizes();
    updateChecks();
}

void DockLayouts::saveCurrent()
{
    QSettings().setValue(stateKey(m_current), m_window->saveState());
}

void DockLayouts::updateChecks()
{
    for (QAction *a : m_group->actions())
        a->setChecked(a->data().toString() == m_current);
}

void DockLayouts::arrange(const QString &name)
{
    const Arrangement layout = arrangement(name);
    // Out of every tab group and split first: splitting next to a tabbed dock would tab.
    for (const char *n : kAllDocks)
        if (QDockWidget *d = dock(n)) {
            d->setFloating(false);
            m_window->removeDockWidget(d);
        }
    auto place = [this](Qt::DockWidgetArea area, const QList<Stack> &stacks, Qt::Orientation along) {
        QDockWidget *previous = nullptr;
        for (const Stack &stack : stacks) {
            QDockWidget *front = dock(stack.first());
            if (!front)
                continue;
            if (previous)
                m_window->splitDockWidget(previous, front, along);
            else
                m_window->addDockWidget(area, front, along);
            front->show();
            previous = front;
        }
        for (const Stack &stack : stacks) {
            QDockWidget *front = dock(stack.first());
            for (int i = 1; front && i < stack.size(); ++i)
                if (QDockWidget *d = dock(stack.at(i))) {
                    m_window->tabifyDockWidget(front, d);
                    d->show();
                }
            if (front)
                front->raise();
        }
    };
    place(Qt::LeftDockWidgetArea, layout.left, Qt::Vertical);
    place(Qt::RightDockWidgetArea, layout.right, Qt::Vertical);
    place(Qt::BottomDockWidgetArea, layout.bottom, Qt::Horizontal);
    // What the layout leaves out stays hidden (View lists every dock to bring one back).
    for (const char *n : kAllDocks) {
        bool used = false;
        for (const QList<Stack> *side : { &layout.left, &layout.right, &layout.bottom })
            for (const Stack &stack : *side)
                used |= std::any_of(
                    stack.begin(), stack.end(), [n](const char *s) { return qstrcmp(s, n) == 0; });
        if (!used)
            if (QDockWidget *d = dock(n))
                d->hide();
    }
    if (layout.bottomOnlyWithResults && !m_hasResults)
        for (const char *n : kRunDocks)
            if (QDockWidget *d = dock(n))
                d->hide();
}

void DockLayouts::applyDesignedSizes()
{
    const Arrangement layout = arrangement(m_current);
    const int w = m_window->width();
    const int h = m_window->height();
    auto front = [this](const QList<Stack> &stacks, int i) {
        return stacks.size() > i ? dock(stacks.at(i).first()) : nullptr;
    };
    // Narrow sides: the map is what the window is for. The right side is wide enough for
    // the test case form (list above it) without a horizontal scrollbar.
    const int left = PaletteWidget::kToolboxWidth + 8;
    const int right = qBound(400, int(w * 0.25), 520);
    QList<QDockWidget *> sides;
    QList<int> widths;
    if (QDockWidget *d = front(layout.left, 0))
        sides << d, widths << left;
    if (QDockWidget *d = front(layout.right, 0))
        sides << d, widths << right;
    m_window->resizeDocks(sides, widths, Qt::Horizontal);
    const int column = h - 120; // below the menu and toolbars, above the status bar
    for (const auto &[stacks, split] :
        { std::pair(layout.left, layout.leftSplit), std::pair(layout.right, layout.rightSplit) }) {
        QDockWidget *top = front(stacks, 0);
        QDockWidget *below = front(stacks, 1);
        if (top && below)
            m_window->resizeDocks(
                { top, below }, { int(column * split), int(column * (1 - split)) }, Qt::Vertical);
    }
    if (QDockWidget *d = front(layout.bottom, 0))
        m_window->resizeDocks({ d }, { qBound(160, int(h * 0.22), 280) }, Qt::Vertical);
}

void DockLayouts::setHasResults(bool hasResults)
{
    m_hasResults = hasResults;
    if (!arrangement(m_current).bottomOnlyWithResults)
        return;
    for (const char *n : kRunDocks)
        if (QDockWidget *d = dock(n))
            d->setVisible(hasResults);
    if (QDockWidget *results = dock("resultsDock"); results && hasResults)
        results->raise();
}

void DockLayouts::showResults()
{
    m_hasResults = true;
    QDockWidget *results = dock("resultsDock");
    if (!results)
        return;
    const bool wasHidden = !results->isVisible();
    for (const char *n : kRunDocks)
        if (QDockWidget *d = dock(n))
            d->show();
    results->raise();
    if (wasHidden)
        m_window->resizeDocks(
            { results }, { qBound(160, int(m_window->height() * 0.22), 280) }, Qt::Vertical);
}

} // namespace flowbench
