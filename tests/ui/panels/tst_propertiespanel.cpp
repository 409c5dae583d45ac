// The selected node's fields in the Properties dock: each edit is one command on the
// document, saved at once; a spin box stepped several times is one undo step.
#include "panels/propertiespanel.h"
#include "ui/windowfixture.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestPropertiesPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_propertiespanel")); }
    void init();
    void cleanup() { m_f.stop(); }
    void editsAreSaved();
    void riskStepsAreOneUndoStep();

private:
    WindowFixture m_f;
};

void TestPropertiesPanel::init()
{
    QString error;
    QVERIFY2(m_f.start(&error), qPrintable(error));
}

void TestPropertiesPanel::editsAreSaved()
{
    const Id a = m_f.add(NodeKind::Api, 0, 0);
    QWidget *panel = m_f.window->propertiesPanel();
    auto *group = child<QLineEdit>(panel, "groupEdit");
    auto *impact = child<QSpinBox>(panel, "impactSpin");
    auto *method = child<QLineEdit>(panel, "property_method");
    QVERIFY(group && impact && method);
    group->setText(QStringLiteral("Checkout"));
    emit group->editingFinished();
    impact->setValue(4);
    method->setText(QStringLiteral("POST"));
    emit method->editingFinished();
    const Node stored = *m_f.file().node(a);
    QCOMPARE(stored.group, QStringLiteral("Checkout"));
    QCOMPARE(stored.risk.impact, 4);
    QCOMPARE(stored.properties.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    // A cluster appears behind the grouped node.
    QTRY_COMPARE_WITH_TIMEOUT(m_f.scene()->clusterItems().size(), 1, 5000);
    // Pinned from the panel; the panel follows an undo.
    auto *pinned = child<QCheckBox>(panel, "pinnedCheck");
    pinned->setChecked(true);
    QVERIFY(m_f.file().node(a)->pinned);
    m_f.trigger("actionUndo");
    QVERIFY(!m_f.file().node(a)->pinned);
    QVERIFY(!pinned->isChecked());
}

void TestPropertiesPanel::riskStepsAreOneUndoStep()
{
    const Id a = m_f.add(NodeKind::Table, 0, 0);
    QWidget *panel = m_f.window->propertiesPanel();
    auto *likelihood = child<QSpinBox>(panel, "likelihoodSpin");
    auto *owner = child<QLineEdit>(panel, "ownerEdit");
    QUndoStack *stack = m_f.document()->undoStack();
    const int steps = stack->count();
    likelihood->stepUp();
    likelihood->stepUp();
    likelihood->stepUp();
    QCOMPARE(m_f.file().node(a)->risk.likelihood, 4);
    QCOMPARE(stack->count(), steps + 1);
    owner->setText(QStringLiteral("core"));
    emit owner->editingFinished();
    QCOMPARE(stack->count(), steps + 2);
    m_f.trigger("actionUndo");
    m_f.trigger("actionUndo");
    QCOMPARE(m_f.file().node(a)->risk.likelihood, 1);
    QCOMPARE(likelihood->value(), 1);
    QVERIFY(m_f.file().node(a)->owner.isEmpty());
}

QTEST_MAIN(TestPropertiesPanel)
#include "tst_propertiespanel.moc"
