// The one Escape key of the window: it cancels a run, but ends a flow pick first (never
// both, never "ambiguous"), and steps aside for an inline editor's own Escape.
#include "ui/shell/keyboardfixture.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestEscapeShortcut : public QObject, public KeyboardFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpProject(QStringLiteral("tst_escapeshortcut")); }
    void init() { openWindow(); }
    void cleanup() { closeWindow(); }
    void shiftF5RunsEverythingAndEscapeCancels();
    void escapeEndsAPickBeforeItCancelsARun();
    void escapeEndsAPickWithoutARun();
    void escapeInARenameLeavesTheRunAlone();
};

void TestEscapeShortcut::shiftF5RunsEverythingAndEscapeCancels()
{
    QSignalSpy finished(runs(), &RunController::finished);
    press(Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(runs()->isRunning());
    QVERIFY(m_window->runWorkspace()->runBar()->isRunning());
    QVERIFY(m_window->runWorkspace()->overlay()->isRunning(m_slowApi));
    press(Qt::Key_Escape);
    QVERIFY(finished.wait(20000));
    const Run run = finished.first().first().value<Run>();
    QVERIFY(run.cancelled);
    QVERIFY(run.skipped > 0); // the slow steps still queued
    QVERIFY(!m_window->runWorkspace()->runBar()->isRunning());
    QVERIFY(reopenProject(m_path).runs.first().cancelled);
}

void TestEscapeShortcut::escapeEndsAPickBeforeItCancelsARun()
{
    FlowsPanel *flows = m_window->flowsPanel();
    press(Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(runs()->isRunning());
    flows->startPicking(QStringLiteral("Refund"));
    QVERIFY(flows->isPicking());
    QVERIFY(m_window->mapScene()->pickMode());

    press(Qt::Key_Escape); // the innermost first: the pick ends, the run goes on
    QVERIFY(!flows->isPicking());
    QVERIFY(!m_window->mapScene()->pickMode());
    QVERIFY(runs()->isRunning());
    QVERIFY(!runs()->currentRun().cancelled);

    press(Qt::Key_Escape); // then the run
    waitForRun();
    QVERIFY(runs()->currentRun().cancelled);
    QCOMPARE(reopenProject(m_path).flows.size(), 1); // the cancelled pick created nothing
}

void TestEscapeShortcut::escapeEndsAPickWithoutARun()
{
    FlowsPanel *flows = m_window->flowsPanel();
    flows->startPicking(QStringLiteral("Refund"));
    m_window->mapView()->setFocus();
    QVERIFY(m_window->escapeShortcut()->isEnabled());
    press(Qt::Key_Escape);
    QVERIFY(!flows->isPicking());
    QVERIFY(!m_window->escapeShortcut()->isEnabled()); // nothing left to cancel
    QVERIFY(!runs()->isRunning());

    // Enter still finishes a pick.
    flows->startPicking(QStringLiteral("Browse"));
    emit m_window->mapScene()->nodePicked(m_screen);
    emit m_window->mapScene()->nodePicked(m_jsonApi);
    press(Qt::Key_Return);
    QVERIFY(!flows->isPicking());
    const Project stored = reopenProject(m_path);
    QCOMPARE(stored.flows.size(), 2);
    QCOMPARE(stored.flowByName(QStringLiteral("Browse"))->nodeIds, (QList<Id> { m_screen, m_jsonApi }));
}

void TestEscapeShortcut::escapeInARenameLeavesTheRunAlone()
{
    press(Qt::Key_F5, Qt::ShiftModifier);
    QVERIFY(runs()->isRunning());
    m_window->mapScene()->selectNodes({ m_ordersTable });
    press(Qt::Key_F2);
    auto *editor = m_window->mapView()->findChild<QLineEdit *>(QStringLiteral("renameEditor"));
    QVERIFY(editor);
    QTRY_VERIFY(editor->hasFocus());
    editor->setText(QStringLiteral("orders v2"));
    QTest::keyClick(editor, Qt::Key_Escape); // where the focus is, as a real key press goes
    QTRY_VERIFY(!m_window->mapView()->findChild<QLineEdit *>(QStringLiteral("renameEditor")));
    QCOMPARE(m_window->document()->node(m_ordersTable)->name, QStringLiteral("orders"));
    QVERIFY(runs()->isRunning()); // the rename's Escape is not the run's
    QVERIFY(m_window->escapeShortcut()->isEnabled());
    press(Qt::Key_Escape);
    waitForRun();
    QVERIFY(runs()->currentRun().cancelled);
}

QTEST_MAIN(TestEscapeShortcut)
#include "tst_escapeshortcut.moc"
