// The run bar: the environment with its PROTECTED badge, a protected run confirmed first
// (Enter on the question does not run), progress and Cancel.
#include "run/runbar.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QToolButton>
#include "ui/panelfixture.h"
#include "ui/screenshots.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestRunBar : public QObject
{
    Q_OBJECT
private slots:
    void runBarShowsProtectedBadgeAndConfirms();
    void runBarProgress();
    void protectedRunConfirmationDefaultsToCancel();
};

void TestRunBar::runBarShowsProtectedBadgeAndConfirms()
{
    PanelFixture f;
    RunBar bar;
    bar.setEnvironments(f.project.environments);
    bar.setFlows(f.project.flows);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QCOMPARE(bar.currentEnvironment(), QStringLiteral("local"));
    QVERIFY(!bar.protectedBadge()->isVisible());
    Screenshots shots;
    const QColor badgeRed(0xc6, 0x28, 0x28);
    QCOMPARE(countNear(shots.grab(&bar, QStringLiteral("runbar")), badgeRed, 20), 0);

    QSignalSpy envChanged(&bar, &RunBar::environmentChanged);
    bar.setCurrentEnvironment(QStringLiteral("production"));
    QCOMPARE(envChanged.count(), 1);
    QCOMPARE(envChanged.at(0).at(0).toString(), QStringLiteral("production"));
    QVERIFY(bar.protectedBadge()->isVisible());
    QCOMPARE(bar.protectedBadge()->text(), QStringLiteral("PROTECTED"));
    // The badge: white on red, where the label is.
    const QImage protectedShot = shots.grab(&bar, QStringLiteral("runbar-protected"));
    const QRect badge = areaOf(bar.protectedBadge(), &bar);
    QVERIFY(countNear(protectedShot, badgeRed, 20, badge) > badge.width() * badge.height() / 3);

    // A protected run is confirmed first; refusing it runs nothing.
    int asked = 0;
    bool answer = false;
    bar.setConfirmation([&](QWidget *, const QString &env) {
        ++asked;
        return env == QStringLiteral("production") && answer;
    });
    QSignalSpy requested(&bar, &RunBar::runRequested);
    bar.setSelection(true, false);
    QTest::mouseClick(bar.runButton(), Qt::LeftButton, {}, QPoint(10, bar.runButton()->height() / 2));
    QCOMPARE(asked, 1);
    QCOMPARE(requested.count(), 0);
    answer = true;
    QTest::mouseClick(bar.runButton(), Qt::LeftButton, {}, QPoint(10, bar.runButton()->height() / 2));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).value<RunScope>().kind, RunScope::SelectedNode);

    // The flow entry of the menu carries the flow's id.
    QMenu *flows = nullptr;
    for (QAction *a : bar.runButton()->menu()->actions())
        if (a->menu())
            flows = a->menu();
    QVERIFY(flows);
    flows->actions().first()->trigger();
    QCOMPARE(requested.count(), 2);
    QCOMPARE(
        requested.at(1).at(0).value<RunScope>(), (RunScope { RunScope::Flow, f.project.flows.first().id }));
    // Back to an unprotected environment: no question asked.
    bar.setCurrentEnvironment(QStringLiteral("local"));
    QVERIFY(!bar.protectedBadge()->isVisible());
    bar.requestRun({ RunScope::Everything, Id() });
    QCOMPARE(asked, 3);
    QCOMPARE(requested.count(), 3);
}

void TestRunBar::runBarProgress()
{
    PanelFixture f;
    RunBar bar;
    bar.setEnvironments(f.project.environments);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QSignalSpy requested(&bar, &RunBar::runRequested);
    QSignalSpy cancel(&bar, &RunBar::cancelRequested);
    bar.runStarted(40);
    QVERIFY(bar.cancelButton()->isVisible());
    bar.setProgress(12, 40, 2);
    QCOMPARE(bar.progressText(), QStringLiteral("12 / 40 — 2 failed"));
    // A run with failures shows its progress in the failure colour.
    Screenshots shots;
    const QImage running = shots.grab(&bar, QStringLiteral("runbar-running"));
    QVERIFY(countNear(running, QColor(0xe5, 0x73, 0x73), 20) > 20);
    bar.requestRun({ RunScope::Everything, Id() }); // ignored while running
    QCOMPARE(requested.count(), 0);
    QTest::mouseClick(bar.cancelButton(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QVERIFY(!bar.cancelButton()->isEnabled());
    bar.runFinished();
    QVERIFY(!bar.cancelButton()->isVisible());
    QVERIFY(bar.progressText().isEmpty());
}

void TestRunBar::protectedRunConfirmationDefaultsToCancel()
{
    // Enter on the question must not start a run on production.
    QString text;
    QTimer::singleShot(0, [&text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        text = box->text();
        Screenshots shots;
        const QImage shot = shots.grab(box, QStringLiteral("runbar-confirm"));
        QVERIFY(!shot.isNull());
        QTest::keyClick(box, Qt::Key_Return);
    });
    QVERIFY(!RunBar::confirmProtectedRun(nullptr, QStringLiteral("production")));
    QVERIFY(text.contains(QStringLiteral("\"production\" is a protected environment")));

    QTimer::singleShot(0, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        for (QAbstractButton *b : box->buttons())
            if (b->text() == QStringLiteral("Run on production"))
                b->click();
    });
    QVERIFY(RunBar::confirmProtectedRun(nullptr, QStringLiteral("production")));
}

QTEST_MAIN(TestRunBar)
#include "tst_runbar.moc"
