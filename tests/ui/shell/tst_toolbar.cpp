// The toolbars at the smallest supported window (1024 × 700): every button shows, none is
// pushed into an overflow menu; undo and redo keep a short text however long the command
// is (the full text is in the tooltip and the Edit menu); the main commands have icons.
#include "document/changevalue.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QLineEdit>
#include <QMenuBar>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestToolbar : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_toolbar")); }
    void init()
    {
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
    }
    void cleanup() { m_f.stop(); }
    void everyButtonShows_data();
    void everyButtonShows();
    void undoKeepsAShortText();

private:
    WindowFixture m_f;
    Screenshots m_shots;
};

void TestToolbar::everyButtonShows_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1366x768") << QSize(1366, 768);
}

void TestToolbar::everyButtonShows()
{
    QFETCH(QSize, size);
    m_f.window->resize(size);
    QTRY_COMPARE(m_f.window->size(), size);
    QCoreApplication::processEvents();
    const QRect window = m_f.window->rect();
    const QList<QToolBar *> bars = m_f.window->findChildren<QToolBar *>();
    QVERIFY(bars.size() >= 2); // main and run
    int buttons = 0;
    for (QToolBar *bar : bars) {
        QVERIFY2(bar->isVisible(), qPrintable(bar->objectName()));
        for (QAction *a : bar->actions()) {
            QWidget *w = bar->widgetForAction(a);
            if (!w || a->isSeparator() || w->sizePolicy().horizontalPolicy() == QSizePolicy::Expanding)
                continue; // the spacer
            const QRect shown(w->mapTo(m_f.window.get(), QPoint(0, 0)), w->size());
            QVERIFY2(w->isVisible() && window.contains(shown),
                qPrintable(QStringLiteral("%1 in %2 is cut off").arg(a->iconText(), bar->objectName())));
            if (qobject_cast<QToolButton *>(w)) {
                ++buttons;
                QVERIFY2(!a->icon().isNull(), qPrintable(a->iconText() + QStringLiteral(" has no icon")));
            }
        }
        for (QToolButton *ext : bar->findChildren<QToolButton *>(QStringLiteral("qt_toolbar_ext_button")))
            QVERIFY2(!ext->isVisible(), qPrintable(bar->objectName() + QStringLiteral(" overflows")));
    }
    QCOMPARE(buttons, 6); // Open, Undo, Redo, Layout, Fit, New Flow
    auto *find = child<QLineEdit>(m_f.window.get(), "findEdit");
    QVERIFY(find && find->isVisible());
    QVERIFY2(find->width() >= 120, qPrintable(QString::number(find->width())));
    m_shots.grab(m_f.window.get(), QStringLiteral("toolbar-%1x%2").arg(size.width()).arg(size.height()));
}

void TestToolbar::undoKeepsAShortText()
{
    m_f.window->resize(1024, 700);
    const Id id = m_f.add(NodeKind::Service, 0, 0);
    const QString longName = QStringLiteral("shoppingassistantservice-with-a-very-long-name-v2");
    m_f.document()->undoStack()->push(new ChangeValue<Node, QString>(
        m_f.document(), id, &Node::name, longName, QStringLiteral("Rename New service to %1").arg(longName)));
    QAction *undo = m_f.window->action(QStringLiteral("actionUndo"));
    QVERIFY(undo->text().contains(longName)); // the Edit menu says what would be undone
    QToolButton *button = nullptr;
    for (QToolButton *b : m_f.window->findChildren<QToolButton *>())
        if (b->defaultAction() && b->defaultAction()->objectName() == QLatin1String("actionUndoButton"))
            button = b;
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Undo"));
    QVERIFY2(button->toolTip().contains(longName), qPrintable(button->toolTip()));
    QVERIFY(button->isEnabled());
    QVERIFY2(button->width() < 120, qPrintable(QString::number(button->width())));

    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(m_f.file().nodes.first().name, m_f.document()->node(id)->name);
    QVERIFY(m_f.document()->node(id)->name != longName);
    QVERIFY(!button->toolTip().contains(longName)); // now it offers to undo adding the node
}

QTEST_MAIN(TestToolbar)
#include "tst_toolbar.moc"
