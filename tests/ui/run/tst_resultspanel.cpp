// The Results dock: filters, search, details of a row, a double-click jumps to the node,
// results of the run in progress appended live.
#include "run/resultspanel.h"

#include <QSignalSpy>
#include <QTableView>
#include "ui/panelfixture.h"
#include "ui/screenshots.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestResultsPanel : public QObject
{
    Q_OBJECT
private slots:
    void resultsPanelFiltersAndJumps();
    void resultsPanelLiveAppend();
};

void TestResultsPanel::resultsPanelFiltersAndJumps()
{
    PanelFixture f;
    const Run run = f.run(QStringLiteral("flow Checkout"), 1);
    const QList<CheckResult> results {
        f.result(run.id, f.cCreate, ResultStatus::Pass, {}, 35),
        f.result(run.id, f.cRow, ResultStatus::Fail,
            QStringLiteral("[0].status: expected \"PAID\", got \"NEW\""), 120),
        f.result(run.id, f.cRow, ResultStatus::Error,
            QStringLiteral("cannot connect to 127.0.0.1:5432: refused"), 5),
    };
    ResultsPanel panel;
    panel.resize(1000, 480);
    panel.setRun(run, results, f.project);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTableView *view = panel.view();
    QCOMPARE(view->model()->rowCount(), 3);
    QCOMPARE(view->model()->index(1, ResultsModel::TestCaseColumn).data().toString(),
        QStringLiteral("Order row written"));
    QCOMPARE(
        view->model()->index(1, ResultsModel::NodeColumn).data().toString(), QStringLiteral("orders table"));
    QVERIFY(panel.summaryText().contains(QStringLiteral("passed 1 · failed 1 · errors 1")));

    panel.setFilter(ResultsFilter::Problems);
    QCOMPARE(view->model()->rowCount(), 2);
    for (int row = 0; row < 2; ++row)
        QVERIFY(view->model()->index(row, ResultsModel::StatusColumn).data().toString()
            != QStringLiteral("pass"));
    panel.setFilter(ResultsFilter::Passed);
    QCOMPARE(view->model()->rowCount(), 1);
    panel.setFilter(ResultsFilter::All);
    panel.setSearchText(QStringLiteral("5432"));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ResultsModel::StatusColumn).data().toString(), QStringLiteral("error"));
    panel.setSearchText(QString());
    panel.setFilter(ResultsFilter::Problems);

    // Selecting a row shows its message and evidence; double-click jumps to its node.
    QSignalSpy activated(&panel, &ResultsPanel::nodeActivated);
    const QRect cell = view->visualRect(view->model()->index(0, ResultsModel::TestCaseColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QVERIFY(panel.detailsText().contains(QStringLiteral("expected \"PAID\", got \"NEW\"")));
    doubleClick(view->viewport(), cell.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), f.table);
    Screenshots shots;
    const QImage shot = shots.grab(&panel, QStringLiteral("resultspanel"));
    // The selected (fail) row highlighted, the error row's status word in its colour.
    const QRect rows = areaOf(view->viewport(), &panel);
    QVERIFY(countNear(shot, view->palette().color(QPalette::Highlight), 8, rows) > 200);
    QVERIFY(countNear(shot, ResultsModel::statusColor(ResultStatus::Error), 30, rows) > 10);

    panel.setSearchText(QStringLiteral("no such text"));
    const QImage empty = shots.grab(&panel, QStringLiteral("resultspanel-filtered-empty"));
    QCOMPARE(view->model()->rowCount(), 0);
    QCOMPARE(countNear(empty, ResultsModel::statusColor(ResultStatus::Error), 30, rows), 0);
}

void TestResultsPanel::resultsPanelLiveAppend()
{
    PanelFixture f;
    Run run = f.run(QStringLiteral("all"), 0);
    ResultsPanel panel;
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    Screenshots shots;
    const QImage empty = shots.grab(&panel, QStringLiteral("resultspanel-empty"));
    QVERIFY(!empty.isNull());
    panel.setRun(run, {}, f.project);
    QCOMPARE(panel.view()->model()->rowCount(), 0);
    panel.appendResult(f.result(run.id, f.cCreate, ResultStatus::Pass));
    QCOMPARE(panel.view()->model()->rowCount(), 1);
    panel.appendResult(f.result(newId(), f.cRow, ResultStatus::Fail)); // another run's: ignored
    QCOMPARE(panel.view()->model()->rowCount(), 1);
    panel.appendResult(f.result(run.id, f.cRow, ResultStatus::Fail));
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    QVERIFY(panel.summaryText().contains(QStringLiteral("passed 1 · failed 1 ·")));
    const QImage filled = shots.grab(&panel, QStringLiteral("resultspanel-live"));
    QCOMPARE(countNear(empty, ResultsModel::statusColor(ResultStatus::Pass), 30), 0);
    QVERIFY(countNear(filled, ResultsModel::statusColor(ResultStatus::Pass), 30) > 10);
}

QTEST_MAIN(TestResultsPanel)
#include "tst_resultspanel.moc"
