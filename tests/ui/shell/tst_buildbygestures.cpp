// A 12-service map with a Checkout flow and an HTTP check, built only through the gestures
// a user makes — palette clicks, double-click and typing to name a card, Shift+drag to
// connect two cards and a click in the edge-kind menu, the Flows panel's New flow and
// clicks on the cards, the test-case editor's fields — with QTest mouse and key events, in
// fewer than 60 steps. The model is checked, then Ctrl+Z takes it all back to an empty map.
#include "map/palettewidget.h"
#include "panels/flowspanel.h"
#include "testcases/checkforms/checkform.h"
#include "testcases/testcaseeditor.h"
#include "ui/windowfixture.h"

#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>
#include <functional>

using namespace flowbench;
using namespace flowbench::testing;

class TestBuildByGestures : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_buildbygestures")); }
    void init()
    {
        QString error;
        QVERIFY2(m_f.start(&error, true), qPrintable(error));
    }
    void cleanup() { m_f.stop(); }
    void twelveServicesAFlowAndACheck();

private:
    // One gesture a user makes.
    void step() { ++m_steps; }
    // Runs `act` on the next popup menu or modal dialog once it is open (menus and dialogs
    // run their own event loop, so the gesture that opens one returns only after it).
    static void whenOpen(std::function<void(QWidget *)> act)
    {
        auto tries = std::make_shared<int>(0);
        auto poll = std::make_shared<std::function<void()>>();
        *poll = [act, tries, poll] {
            QWidget *w = QApplication::activePopupWidget();
            if (!w)
                w = QApplication::activeModalWidget();
            if (w) {
                act(w);
                return;
            }
            if (++*tries < 250)
                QTimer::singleShot(20, *poll);
        };
        QTimer::singleShot(20, *poll);
    }
    QPoint onMap(const Id &id) const { return m_f.view()->mapFromScene(m_f.centreOf(id)); }
    Id addByPalette(NodeKind kind, const QString &name);
    // The wheel on the form until `w` is in view (one step, however far).
    void scrollTo(QWidget *w)
    {
        for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
            if (auto *area = qobject_cast<QScrollArea *>(p)) {
                // What a person sees of the viewport: it may reach past the window's edge.
                const QRect window(w->window()->mapToGlobal(QPoint()), w->window()->size());
                const QRect shown
                    = QRect(area->viewport()->mapToGlobal(QPoint()), area->viewport()->size()) & window;
                if (shown.contains(QRect(w->mapToGlobal(QPoint()), w->size())))
                    return;
                const int hiddenBelow = qMax(0,
                    area->viewport()->mapToGlobal(QPoint()).y() + area->viewport()->height()
                        - (window.y() + window.height()));
                area->ensureWidgetVisible(w, 50, 50 + hiddenBelow);
                QTest::qWait(100); // the scrolled form laid out before the next click
                step();
                return;
            }
    }
    void connect(const Id &from, const Id &to, const QString &kindLabel);

    WindowFixture m_f;
    int m_steps = 0;
};

Id TestBuildByGestures::addByPalette(NodeKind kind, const QString &name)
{
    auto *palette = m_f.window->findChild<PaletteWidget *>();
    QListWidgetItem *item = nullptr;
    for (int i = 0; i < palette->count(); ++i)
        if (palette->item(i)->data(Qt::UserRole).toString() == toString(kind))
            item = palette->item(i);
    if (!item)
        return Id();
    const QList<Id> before = m_f.document()->nodes().isEmpty() ? QList<Id>() : [this] {
        QList<Id> ids;
        for (const Node &n : m_f.document()->nodes())
            ids << n.id;
        return ids;
    }();
    palette->scrollToItem(item);
    QTest::mouseClick(palette->viewport(), Qt::LeftButton, {}, palette->visualItemRect(item).center());
    step();
    Id added;
    for (const Node &n : m_f.document()->nodes())
        if (!before.contains(n.id))
            added = n.id;
    if (added.isEmpty())
        return added;
    // Name it: double-click the card, type, Enter.
    m_f.view()->ensureVisible(m_f.scene()->nodeItem(added));
    QTest::mouseDClick(m_f.view()->viewport(), Qt::LeftButton, {}, onMap(added));
    step();
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget()); // the one just opened
    if (!editor || editor->objectName() != QLatin1String("renameEditor"))
        return Id();
    QTest::keyClicks(editor, name);
    QTest::keyClick(editor, Qt::Key_Return);
    step();
    return added;
}

void TestBuildByGestures::connect(const Id &from, const Id &to, const QString &kindLabel)
{
    whenOpen([kindLabel](QWidget *w) {
        auto *menu = qobject_cast<QMenu *>(w);
        if (!menu)
            return;
        for (QAction *a : menu->actions())
            if (a->text() == kindLabel)
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
    });
    drag(m_f.view(), m_f.centreOf(from), m_f.centreOf(to), Qt::ShiftModifier);
    step(); // the drag
    step(); // the click in the menu
}

void TestBuildByGestures::twelveServicesAFlowAndACheck()
{
    struct Card
    {
        NodeKind kind;
        const char *name;
    };
    const Card cards[] = { { NodeKind::Screen, "storefront" }, { NodeKind::Api, "POST /checkout" },
        { NodeKind::Service, "checkoutservice" }, { NodeKind::Service, "cartservice" },
        { NodeKind::Cache, "redis-cart" }, { NodeKind::Service, "paymentservice" },
        { NodeKind::External, "payment gateway" }, { NodeKind::Service, "shippingservice" },
        { NodeKind::Service, "emailservice" }, { NodeKind::Queue, "order events" },
        { NodeKind::Table, "orders" }, { NodeKind::Job, "nightly report" } };
    QList<Id> ids;
    for (const Card &c : cards) {
        const Id id = addByPalette(c.kind, QString::fromUtf8(c.name));
        QVERIFY2(!id.isEmpty(), c.name);
        ids << id;
    }
    QCOMPARE(m_f.document()->nodeCount(), 12);
    for (int i = 0; i < 12; ++i)
        QCOMPARE(m_f.document()->node(ids.at(i))->name, QString::fromUtf8(cards[i].name));
    // New cards land on free spots: no two overlap.
    for (int i = 0; i < 12; ++i)
        for (int j = i + 1; j < 12; ++j)
            QVERIFY(!m_f.scene()->nodeItem(ids.at(i))->sceneBoundingRect().intersects(
                m_f.scene()->nodeItem(ids.at(j))->sceneBoundingRect()));

    // The checkout path: storefront → POST /checkout → checkoutservice → paymentservice.
    m_f.trigger("actionFit");
    QTest::qWait(50);
    connect(ids.at(0), ids.at(1), QStringLiteral("calls"));
    connect(ids.at(1), ids.at(2), QStringLiteral("calls"));
    connect(ids.at(2), ids.at(5), QStringLiteral("calls"));
    QCOMPARE(m_f.document()->edgeCount(), 3);

    // Flows ▸ New flow…, its name, then the cards in order and Enter.
    whenOpen([](QWidget *w) {
        auto *line = w->findChild<QLineEdit *>();
        if (!line)
            return;
        line->selectAll();
        QTest::keyClicks(line, QStringLiteral("Checkout"));
        QTest::keyClick(line, Qt::Key_Return);
    });
    auto *newFlow = m_f.window->findChild<QPushButton *>(QStringLiteral("newFlowButton"));
    QVERIFY(newFlow);
    QTest::mouseClick(newFlow, Qt::LeftButton);
    step(); // the button
    step(); // the name
    // A desktop gives the window back its focus when the dialog closes; offscreen, ask.
    m_f.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_f.window.get()));
    for (int i : { 0, 1, 2, 5 }) {
        QTest::mouseClick(m_f.view()->viewport(), Qt::LeftButton, {}, onMap(ids.at(i)));
        step();
    }
    QVERIFY(m_f.window->flowsPanel()->isPicking());
    QCOMPARE(m_f.window->flowsPanel()->pickedPath().size(), 4);
    QTest::keyClick(m_f.view()->viewport(), Qt::Key_Return);
    step();
    QCOMPARE(m_f.document()->flows().size(), 1);
    const Flow flow = m_f.document()->flows().first();
    QCOMPARE(flow.name, QStringLiteral("Checkout"));
    QCOMPARE(flow.nodeIds, (QList<Id> { ids.at(0), ids.at(1), ids.at(2), ids.at(5) }));

    // A test case on POST /checkout with an HTTP step.
    QTest::mouseClick(m_f.view()->viewport(), Qt::LeftButton, {}, onMap(ids.at(1)));
    step();
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id> { ids.at(1) });
    QTest::keyClick(m_f.window.get(), Qt::Key_T, Qt::ControlModifier);
    step();
    TestCaseEditor *editor = m_f.window->testCaseEditor();
    QTRY_COMPARE(editor->testCases().size(), 1);
    QWidget *focused = QApplication::focusWidget();
    QVERIFY(focused && focused->objectName() == QLatin1String("title"));
    QTest::keyClicks(focused, QStringLiteral("Checkout answers 200"));
    QTest::keyClick(focused, Qt::Key_Return);
    step();
    whenOpen([](QWidget *w) {
        auto *menu = qobject_cast<QMenu *>(w);
        if (!menu)
            return;
        for (QAction *a : menu->actions())
            if (a->text().contains(QStringLiteral("HTTP")))
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(a).center());
    });
    auto *addStep = editor->findChild<QToolButton *>(QStringLiteral("addStep"));
    QVERIFY(addStep);
    QTest::mouseClick(addStep, Qt::LeftButton);
    step(); // the button
    step(); // HTTP request in its menu
    QTRY_COMPARE(editor->testCases().first().checks.size(), 1);
    m_f.window->activateWindow(); // as the desktop does when the menu closes
    QVERIFY(QTest::qWaitForWindowActive(m_f.window.get()));
    // The URL field of the step on show (other steps' form pages may hold one too).
    QTRY_VERIFY(editor->currentForm() && editor->currentForm()->isVisible());
    auto *url = editor->currentForm()->findChild<QLineEdit *>(QStringLiteral("url"));
    QVERIFY(url && url->isVisible());
    scrollTo(url);
    QTRY_VERIFY(m_f.window->isActiveWindow());
    // The step menu's popup must be gone, or it takes the click (as it would a person's).
    QTRY_VERIFY_WITH_TIMEOUT(!QApplication::activePopupWidget(), 5000);
    QTest::mouseClick(url, Qt::LeftButton);
    step();
    // Offscreen, the click right after the step menu closed is now and then lost (about
    // one run in four; the field is shown and enabled): click again, as a person would.
    if (!QTest::qWaitFor([url] { return url->hasFocus(); }, 1000)) {
        qInfo("the first click on the URL field did not take; clicking again");
        QTest::mouseClick(url, Qt::LeftButton);
        step();
    }
    QTRY_VERIFY(url->hasFocus());
    url->selectAll();
    QTest::keyClicks(url, QStringLiteral("{{base_url}}/checkout"));
    QTest::keyClick(url, Qt::Key_Return);
    step();
    auto *addAssertion = editor->findChild<QPushButton *>(QStringLiteral("addAssertion"));
    QVERIFY(addAssertion && addAssertion->isVisible());
    scrollTo(addAssertion);
    QTest::mouseClick(addAssertion, Qt::LeftButton);
    step();

    const TestCase t = editor->testCases().first();
    QCOMPARE(t.title, QStringLiteral("Checkout answers 200"));
    QCOMPARE(t.nodeId, ids.at(1));
    QCOMPARE(t.checks.first().type, QStringLiteral("http"));
    QCOMPARE(t.checks.first().spec.value(QStringLiteral("url")).toString(),
        QStringLiteral("{{base_url}}/checkout"));
    QCOMPARE(t.checks.first().assertions.size(), 1);
    // What the file holds is what the window shows.
    const Project file = m_f.file();
    QCOMPARE(file.nodes.size(), 12);
    QCOMPARE(file.edges.size(), 3);
    QCOMPARE(file.flows.size(), 1);
    QCOMPARE(file.testCases.size(), 1);
    QVERIFY2(m_steps < 60, qPrintable(QStringLiteral("%1 steps").arg(m_steps)));
    qInfo("built in %d steps", m_steps);

    // Ctrl+Z on the map until nothing is left to undo: an empty map again.
    m_f.view()->setFocus();
    QUndoStack *undo = m_f.document()->undoStack();
    for (int i = 0; i < 200 && undo->canUndo(); ++i)
        QTest::keyClick(m_f.window.get(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!undo->canUndo());
    QCOMPARE(m_f.document()->nodeCount(), 0);
    QCOMPARE(m_f.document()->edgeCount(), 0);
    QVERIFY(m_f.document()->flows().isEmpty());
    QVERIFY(m_f.document()->testCases().isEmpty());
    QCOMPARE(m_f.scene()->nodeItemCount(), 0);
    const Project empty = m_f.file();
    QVERIFY(
        empty.nodes.isEmpty() && empty.edges.isEmpty() && empty.flows.isEmpty() && empty.testCases.isEmpty());
}

QTEST_MAIN(TestBuildByGestures)
#include "tst_buildbygestures.moc"
