// A connection's properties in the Properties dock: shown on a click on its curve, kind
// and label edits one undo step each, deleted by button or key. The file is checked after
// each step.
#include "map/edgeitem.h"
#include "map/mapstyle.h"
#include "panels/propertiespanel.h"
#include "ui/screenshots.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestEdgePropertiesEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_edgepropertieseditor")); }
    void init();
    void cleanup() { m_f.stop(); }
    void clickedEdgeShowsItsProperties();
    void edgeKindAndLabelEditsAreOneUndoStepEach();
    void deleteEdgeByButtonAndByKey();
    void screenshotOfASelectedConnection();

private:
    Id connectedPair(Id *from = nullptr, Id *to = nullptr);
    void clickEdge(const Id &edgeId);
    WindowFixture m_f;
};

void TestEdgePropertiesEditor::init()
{
    QString error;
    QVERIFY2(m_f.start(&error, true), qPrintable(error));
}

Id TestEdgePropertiesEditor::connectedPair(Id *from, Id *to)
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    const Id b = m_f.add(NodeKind::Table, 400, 0);
    m_f.scene()->connectNodes(a, b, EdgeKind::Calls);
    if (from)
        *from = a;
    if (to)
        *to = b;
    return m_f.document()->edges().first().id;
}

// A real click on the middle of the connection's curve.
void TestEdgePropertiesEditor::clickEdge(const Id &edgeId)
{
    MapView *view = m_f.view();
    EdgeItem *item = m_f.scene()->edgeItem(edgeId);
    QVERIFY(item);
    view->resetZoom();
    const QPointF middle = item->mapToScene(item->path().pointAtPercent(0.5));
    view->centerOn(middle);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(middle));
}

void TestEdgePropertiesEditor::clickedEdgeShowsItsProperties()
{
    Id a, b;
    const Id edge = connectedPair(&a, &b);
    clickEdge(edge);
    QCOMPARE(m_f.scene()->selectedEdgeIds(), QList<Id>{edge});
    QVERIFY(m_f.scene()->selectedNodeIds().isEmpty());

    PropertiesPanel *panel = m_f.window->propertiesPanel();
    auto *kind = child<QComboBox>(panel, "edgeKindCombo");
    auto *from = child<QLabel>(panel, "edgeFromLabel");
    auto *to = child<QLabel>(panel, "edgeToLabel");
    QVERIFY(kind && from && to);
    QTRY_VERIFY_WITH_TIMEOUT(kind->isVisible(), 2000);
    QCOMPARE(kind->currentData().toString(), QStringLiteral("calls"));
    QCOMPARE(kind->count(), int(allEdgeKinds().size()));
    QVERIFY2(from->text().contains(QStringLiteral("New api endpoint")), qPrintable(from->text()));
    QVERIFY2(to->text().contains(QStringLiteral("New table")), qPrintable(to->text()));
    // The node fields are not on show for a connection.
    QVERIFY(!child<QLineEdit>(panel, "nameEdit")->isVisible());

    // Renaming an end shows at once.
    Node renamed = *m_f.document()->node(b);
    renamed.name = QStringLiteral("orders");
    QVERIFY(m_f.document()->updateNode(renamed));
    QVERIFY2(to->text().contains(QStringLiteral("orders")), qPrintable(to->text()));

    // Clicking an end selects that node (and shows the node's fields again).
    emit from->linkActivated(a);
    QCOMPARE(m_f.scene()->selectedNodeIds(), QList<Id>{a});
    QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>(panel, "nameEdit")->isVisible(), 2000);
    QVERIFY(!kind->isVisible());
}

void TestEdgePropertiesEditor::edgeKindAndLabelEditsAreOneUndoStepEach()
{
    const Id edge = connectedPair();
    clickEdge(edge);
    PropertiesPanel *panel = m_f.window->propertiesPanel();
    auto *kind = child<QComboBox>(panel, "edgeKindCombo");
    auto *label = child<QLineEdit>(panel, "edgeLabelEdit");
    QUndoStack *stack = m_f.document()->undoStack();
    const int steps = stack->count();

    kind->setCurrentIndex(kind->findData(QStringLiteral("writes")));
    QCOMPARE(stack->count(), steps + 1);
    Project file = m_f.file();
    QCOMPARE(file.edges.size(), 1);
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));
    QVERIFY(file.edges.first().label.isEmpty());

    label->setFocus();
    label->selectAll();
    QTest::keyClicks(label, QStringLiteral("order row"));
    QTest::keyClick(label, Qt::Key_Return);
    QCOMPARE(stack->count(), steps + 2);
    file = m_f.file();
    QCOMPARE(file.edges.first().label, QStringLiteral("order row"));
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));

    m_f.window->action(QStringLiteral("actionUndo"))->trigger();
    file = m_f.file();
    QVERIFY(file.edges.first().label.isEmpty());
    QCOMPARE(toString(file.edges.first().kind), QStringLiteral("writes"));
    QVERIFY(label->text().isEmpty()); // the panel follows the document

    m_f.window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(toString(m_f.file().edges.first().kind), QStringLiteral("calls"));
    QCOMPARE(kind->currentData().toString(), QStringLiteral("calls"));
    QCOMPARE(stack->count(), steps + 2); // undone steps stay for redo
    QCOMPARE(stack->index(), steps);

    m_f.window->action(QStringLiteral("actionRedo"))->trigger();
    QCOMPARE(toString(m_f.file().edges.first().kind), QStringLiteral("writes"));
}

void TestEdgePropertiesEditor::deleteEdgeByButtonAndByKey()
{
    const Id edge = connectedPair();
    clickEdge(edge);
    PropertiesPanel *panel = m_f.window->propertiesPanel();
    auto *remove = child<QPushButton>(panel, "deleteEdgeButton");
    QVERIFY(remove);
    QTRY_VERIFY_WITH_TIMEOUT(remove->isVisible(), 2000);
    remove->click();
    Project file = m_f.file();
    QVERIFY(file.edges.isEmpty());
    QCOMPARE(file.nodes.size(), 2); // the ends stay
    QCOMPARE(m_f.scene()->edgeItemCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!remove->isVisible(), 2000);

    m_f.window->action(QStringLiteral("actionUndo"))->trigger();
    QCOMPARE(m_f.file().edges.size(), 1);
    QCOMPARE(m_f.file().edges.first().id, edge);

    // The Delete key on the map removes the selected connection, without a question.
    clickEdge(edge);
    QCOMPARE(m_f.scene()->selectedEdgeIds(), QList<Id>{edge});
    m_f.view()->setFocus();
    QTest::keyClick(m_f.view(), Qt::Key_Delete);
    QVERIFY(m_f.file().edges.isEmpty());
    QCOMPARE(m_f.file().nodes.size(), 2);
    QTest::keyClick(m_f.view(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_f.file().edges.size(), 1);
}

void TestEdgePropertiesEditor::screenshotOfASelectedConnection()
{
    const Id api = m_f.add(NodeKind::Api, 0, 0);
    const Id service = m_f.add(NodeKind::Service, 320, 0);
    const Id table = m_f.add(NodeKind::Table, 640, 0);
    ProjectDocument *doc = m_f.document();
    for (auto [id, name] : { std::pair { api, "POST /orders" }, std::pair { service, "orders-service" },
             std::pair { table, "orders" } }) {
        Node n = *doc->node(id);
        n.name = QString::fromLatin1(name);
        QVERIFY(doc->updateNode(n));
    }
    m_f.scene()->connectNodes(api, service, EdgeKind::Calls);
    m_f.scene()->connectNodes(service, table, EdgeKind::Writes);
    m_f.view()->fitToContent();

    // A selected connection in the properties dock.
    const Id edge = doc->edgesOfNode(table).first().id;
    m_f.scene()->clearSelection();
    m_f.scene()->edgeItem(edge)->setSelected(true);
    child<QLineEdit>(m_f.window->propertiesPanel(), "edgeLabelEdit")->setText(QStringLiteral("insert order row"));
    emit child<QLineEdit>(m_f.window->propertiesPanel(), "edgeLabelEdit")->editingFinished();
    QCOMPARE(m_f.file().edges.size(), 2);
    QCOMPARE(m_f.file().edges.first().label + m_f.file().edges.last().label, QStringLiteral("insert order row"));
    QTest::qWait(100);
    Screenshots shots;
    const QImage window = shots.grab(m_f.window.get(), QStringLiteral("edge"));
    QVERIFY(!window.isNull());
    // The selected connection is drawn in the selection colour on the map.
    EdgeItem *item = m_f.scene()->edgeItem(edge);
    const QPointF quarter = item->mapToScene(item->path().pointAtPercent(0.25));
    const QPoint at = m_f.view()->viewport()->mapTo(m_f.window.get(), m_f.view()->mapFromScene(quarter));
    QVERIFY(countNear(window, MapStyle::selectionColor(), 40, QRect(at - QPoint(6, 6), QSize(13, 13))) > 0);
    // At 900 px the test case editor's tall minimum leaves the properties dock little
    // room: float it to see the whole editor, as a user may.
    auto *props = child<QDockWidget>(m_f.window.get(), "propertiesDock");
    props->setFloating(true);
    props->resize(440, 360);
    QTRY_VERIFY_WITH_TIMEOUT(child<QComboBox>(props, "edgeKindCombo")->isVisible(), 2000);
    QTest::qWait(100);
    const QImage panel = shots.grab(props, QStringLiteral("edge-panel"));
    // The kind combo shows the map's stroke for "writes".
    auto *kind = child<QComboBox>(props, "edgeKindCombo");
    QCOMPARE(kind->currentData().toString(), QStringLiteral("writes"));
    QVERIFY(countNear(panel, MapStyle::edgePen(EdgeKind::Writes).color(), 30, areaOf(kind, props)) > 5);
}

QTEST_MAIN(TestEdgePropertiesEditor)
#include "tst_edgepropertieseditor.moc"
