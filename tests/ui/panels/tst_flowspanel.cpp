// A flow made by picking its nodes on the map: clicks pick, Enter finishes, the new flow
// is saved, selected and highlighted.
#include "panels/flowspanel.h"
#include "ui/windowfixture.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestFlowsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_flowspanel")); }
    void init();
    void cleanup() { m_f.stop(); }
    void flowByPicking();

private:
    WindowFixture m_f;
};

void TestFlowsPanel::init()
{
    QString error;
    QVERIFY2(m_f.start(&error), qPrintable(error));
}

void TestFlowsPanel::flowByPicking()
{
    const Id a = m_f.add(NodeKind::Screen, 0, 0);
    const Id b = m_f.add(NodeKind::Api, 300, 0);
    const Id c = m_f.add(NodeKind::Table, 600, 0);
    m_f.scene()->connectNodes(a, b, EdgeKind::Calls);
    m_f.view()->resetZoom();
    m_f.view()->centerOn(QPointF(400, 30));
    m_f.window->flowsPanel()->startPicking(QStringLiteral("Checkout"));
    for (const Id &id : { a, b, c }) {
        const QPoint p = m_f.view()->mapFromScene(m_f.centreOf(id) - QPointF(30, 0));
        QTest::mouseClick(m_f.view()->viewport(), Qt::LeftButton, {}, p);
    }
    QCOMPARE(m_f.window->flowsPanel()->pickedPath(), QList<Id>({ a, b, c }));
    QTest::keyClick(m_f.window.get(), Qt::Key_Return);
    const Project file = m_f.file();
    QCOMPARE(file.flows.size(), 1);
    QCOMPARE(file.flows.first().name, QStringLiteral("Checkout"));
    QCOMPARE(file.flows.first().nodeIds, QList<Id>({ a, b, c }));
    // The new flow is selected and highlighted: its path numbered, its edge accented.
    QCOMPARE(m_f.scene()->highlightedFlow(), file.flows.first().id);
    QVERIFY(!m_f.scene()->pickMode());
    // Nodes were not moved by the clicks.
    QCOMPARE(file.node(b)->x, 300.0);
}

QTEST_MAIN(TestFlowsPanel)
#include "tst_flowspanel.moc"
