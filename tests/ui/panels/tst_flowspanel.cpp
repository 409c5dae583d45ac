// A flow made by picking its nodes on the map: clicks pick, Enter finishes, the new flow
// is saved, selected and highlighted.
#include "panels/flowspanel.h"
#include "ui/windowfixture.h"

#include <QSignalSpy>
#include <QStatusBar>
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
    void pickRefusesAStepWithoutConnection();

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
    m_f.scene()->connectNodes(c, b, EdgeKind::Reads); // a flow steps along connections, either way
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

void TestFlowsPanel::pickRefusesAStepWithoutConnection()
{
    const Id a = m_f.add(NodeKind::Screen, 0, 0);
    const Id b = m_f.add(NodeKind::Api, 300, 0);
    const Id c = m_f.add(NodeKind::Table, 600, 0);
    m_f.scene()->connectNodes(a, b, EdgeKind::Calls);
    m_f.view()->resetZoom();
    m_f.view()->centerOn(QPointF(400, 30));
    FlowsPanel *flows = m_f.window->flowsPanel();
    auto click = [this](const Id &id) {
        const QPoint p = m_f.view()->mapFromScene(m_f.centreOf(id) - QPointF(30, 0));
        QTest::mouseClick(m_f.view()->viewport(), Qt::LeftButton, {}, p);
    };
    QSignalSpy refused(flows, &FlowsPanel::refused);
    flows->startPicking(QStringLiteral("Checkout"));
    click(a);
    // The path so far shows on the map while it is picked: a is step 1, the rest dimmed.
    QCOMPARE(m_f.scene()->nodeItem(a)->flowSteps(), QList<int> { 1 });
    QVERIFY(m_f.scene()->nodeItem(c)->isDimmed());

    click(c); // no connection from a: refused, with the reason
    QCOMPARE(flows->pickedPath(), QList<Id> { a });
    QCOMPARE(refused.size(), 1);
    const QString why = refused.first().first().toString();
    QVERIFY2(why.contains(QStringLiteral("not connected")) && why.contains(QStringLiteral("New screen")),
        qPrintable(why));
    QVERIFY(m_f.window->statusBar()->currentMessage().contains(QStringLiteral("not connected")));
    QVERIFY(m_f.scene()->nodeItem(c)->flowSteps().isEmpty());

    click(a); // the same node again is no step either
    QCOMPARE(flows->pickedPath(), QList<Id> { a });
    QCOMPARE(refused.size(), 2);

    click(b);
    QCOMPARE(flows->pickedPath(), (QList<Id> { a, b }));
    QCOMPARE(m_f.scene()->nodeItem(b)->flowSteps(), QList<int> { 2 });
    QVERIFY(!m_f.scene()->nodeItem(b)->isDimmed());
    flows->cancelPicking(); // nothing stays painted
    QVERIFY(m_f.scene()->nodeItem(a)->flowSteps().isEmpty());
    QVERIFY(!m_f.scene()->nodeItem(c)->isDimmed());
    QCOMPARE(m_f.file().flows.size(), 0);
}

QTEST_MAIN(TestFlowsPanel)
#include "tst_flowspanel.moc"
