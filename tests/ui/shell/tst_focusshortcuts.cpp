// Keys act where the focus is. Ctrl+A, Del, Ctrl+C and Ctrl+V change the map only while the
// map has the focus; with the focus in a dock's list or field they do that widget's thing
// (before this, Ctrl+A in the test case list selected the whole map and Del then offered
// "Delete 5 nodes?"). Escape in a Properties field reverts what was typed there.
#include "panels/propertiespanel.h"
#include "testcases/testcaseeditor.h"
#include "ui/shell/keyboardfixture.h"

#include <QClipboard>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QTreeWidget>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
const QString kMapMime = QStringLiteral("application/x-flowbench-map+json");
}

class TestFocusShortcuts : public QObject, public KeyboardFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpProject(QStringLiteral("tst_focusshortcuts")); }
    void init() { openWindow(); }
    void cleanup() { closeWindow(); }
    void mapKeysStayOutOfDocks_data();
    void mapKeysStayOutOfDocks();
    void mapKeysActOnTheMap();
    void escapeRevertsAPropertiesEdit();

private:
    QWidget *dockWidget(const QString &which);
    // A key as the keyboard sends it: to the widget with the focus, shortcuts first.
    void type(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keyClick(focus, Qt::Key(key), modifiers);
    }
};

QWidget *TestFocusShortcuts::dockWidget(const QString &which)
{
    if (which == QLatin1String("test case list"))
        return m_window->testCaseEditor()->findChild<QListWidget *>(QStringLiteral("testCaseList"));
    if (which == QLatin1String("flow list"))
        return m_window->flowsPanel()->findChild<QTreeWidget *>(QStringLiteral("flowList"));
    if (which == QLatin1String("properties name"))
        return m_window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    if (which == QLatin1String("find field"))
        return m_window->findChild<QLineEdit *>(QStringLiteral("findEdit"));
    return nullptr;
}

void TestFocusShortcuts::mapKeysStayOutOfDocks_data()
{
    QTest::addColumn<QString>("which");
    for (const char *w : { "test case list", "flow list", "properties name", "find field" })
        QTest::newRow(w) << QString::fromLatin1(w);
}

void TestFocusShortcuts::mapKeysStayOutOfDocks()
{
    QFETCH(QString, which);
    MapScene *scene = m_window->mapScene();
    scene->selectNodes({ m_jsonApi }); // shows its test case and its properties
    QTRY_COMPARE(m_window->testCaseEditor()->nodeId(), m_jsonApi);
    QWidget *target = dockWidget(which);
    QVERIFY(target);
    target->setFocus();
    QTRY_VERIFY(target->hasFocus());
    QApplication::clipboard()->setText(QStringLiteral("plain text"));

    type(Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(scene->selectedNodeIds(), QList<Id> { m_jsonApi }); // not the whole map
    QCOMPARE(m_window->testCaseEditor()->nodeId(), m_jsonApi); // the editor is not blanked
    type(Qt::Key_C, Qt::ControlModifier);
    const QMimeData *copied = QApplication::clipboard()->mimeData();
    QVERIFY(!copied || !copied->hasFormat(kMapMime)); // no map nodes copied
    type(Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_window->document()->nodeCount(), int(m_project.nodes.size())); // nothing pasted on the map

    bool asked = false;
    QTimer::singleShot(200, [&asked] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            asked = true;
            QTest::keyClick(box, Qt::Key_Escape);
        }
    });
    type(Qt::Key_Delete);
    QTest::qWait(300);
    QVERIFY2(!asked, "Delete with the focus in a dock asked to delete map nodes");
    QCOMPARE(reopenProject(m_path).nodes.size(), m_project.nodes.size());
    QVERIFY(hasNode(reopenProject(m_path), m_jsonApi));

    // In a text field the keys edited the text.
    if (auto *edit = qobject_cast<QLineEdit *>(target)) {
        edit->setText(QStringLiteral("abc"));
        edit->setFocus();
        type(Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(edit->selectedText(), QStringLiteral("abc"));
        type(Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("abc"));
        type(Qt::Key_Delete);
        QVERIFY(edit->text().isEmpty());
        type(Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(edit->text(), QStringLiteral("abc"));
    }
}

void TestFocusShortcuts::mapKeysActOnTheMap()
{
    MapScene *scene = m_window->mapScene();
    m_window->mapView()->setFocus();
    QTRY_VERIFY(m_window->mapView()->hasFocus());
    type(Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(scene->selectedNodeIds().size(), m_project.nodes.size());
    scene->selectNodes({ m_ordersTable });
    type(Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QApplication::clipboard()->mimeData()->hasFormat(kMapMime));
    type(Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(m_window->document()->nodeCount(), int(m_project.nodes.size()) + 1);
    // The pasted copy is selected and has nothing attached: Delete takes it without a question.
    type(Qt::Key_Delete);
    QCOMPARE(m_window->document()->nodeCount(), int(m_project.nodes.size()));
    QCOMPARE(reopenProject(m_path).nodes.size(), m_project.nodes.size());
}

void TestFocusShortcuts::escapeRevertsAPropertiesEdit()
{
    m_window->mapScene()->selectNodes({ m_ordersTable });
    auto *name = m_window->propertiesPanel()->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QVERIFY(name);
    QTRY_COMPARE(name->text(), QStringLiteral("orders"));
    name->setFocus();
    QTRY_VERIFY(name->hasFocus());
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("order_lines"));
    QCOMPARE(name->text(), QStringLiteral("order_lines"));
    type(Qt::Key_Escape);
    QCOMPARE(name->text(), QStringLiteral("orders"));
    m_window->mapView()->setFocus(); // leaving the field commits nothing
    QTRY_VERIFY(m_window->mapView()->hasFocus());
    QCOMPARE(m_window->document()->node(m_ordersTable)->name, QStringLiteral("orders"));
    QVERIFY(!m_window->document()->undoStack()->canUndo());

    // Also while a flow is being picked (the window's Escape would cancel the pick): the
    // field's edit goes first, the next Escape ends the pick.
    m_window->flowsPanel()->startPicking(QStringLiteral("Returns"));
    QTRY_VERIFY(m_window->flowsPanel()->isPicking());
    m_window->mapScene()->selectNodes({ m_ordersTable }); // picking starts with none
    QTRY_COMPARE(name->text(), QStringLiteral("orders"));
    name->setFocus();
    QTRY_VERIFY(name->hasFocus());
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("x"));
    type(Qt::Key_Escape);
    QCOMPARE(name->text(), QStringLiteral("orders"));
    QVERIFY(m_window->flowsPanel()->isPicking());
    type(Qt::Key_Escape);
    QVERIFY(!m_window->flowsPanel()->isPicking());

    // A description typed and abandoned.
    auto *description
        = m_window->propertiesPanel()->findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"));
    QVERIFY(description);
    description->setFocus();
    QTRY_VERIFY(description->hasFocus());
    QTest::keyClicks(description, QStringLiteral("half a thought"));
    type(Qt::Key_Escape);
    QCOMPARE(description->toPlainText(), m_window->document()->node(m_ordersTable)->description);
    QVERIFY(!description->toPlainText().contains(QStringLiteral("half a thought")));
}

QTEST_MAIN(TestFocusShortcuts)
#include "tst_focusshortcuts.moc"
