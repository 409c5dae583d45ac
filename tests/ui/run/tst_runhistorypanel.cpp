// Run History: runs newest first, two compared check by check.
#include "run/resultspanel.h"
#include "run/runhistorypanel.h"

#include "ui/panelfixture.h"
#include "ui/screenshots.h"
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeWidget>

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestRunHistoryPanel : public QObject
{
    Q_OBJECT
private slots:
    void historyComparesTwoRuns();
    void partialShardedRunIsMarked();
};

void TestRunHistoryPanel::historyComparesTwoRuns()
{
    PanelFixture f;
    const Run older = f.run(QStringLiteral("flow Checkout"), 30);
    const Run newer = f.run(QStringLiteral("flow Checkout"), 5);
    // create: pass -> fail (newly failing), row: fail -> pass (recovered), queue-less third:
    // a check failing in both.
    Id cStuck;
    f.addTestCase(f.queue, QStringLiteral("Event has order id"), true, { &cStuck });
    const QList<CheckResult> results {
        f.result(older.id, f.cCreate, ResultStatus::Pass),
        f.result(older.id, f.cRow, ResultStatus::Fail),
        f.result(older.id, cStuck, ResultStatus::Error),
        f.result(newer.id, f.cCreate, ResultStatus::Fail),
        f.result(newer.id, f.cRow, ResultStatus::Pass),
        f.result(newer.id, cStuck, ResultStatus::Fail),
    };
    Run o = older, n = newer;
    o.passed = 1, o.failed = 1, o.errors = 1;
    n.passed = 1, n.failed = 2;

    RunHistoryPanel panel;
    panel.resize(900, 520);
    panel.setRuns({ o, n }, results, f.project);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeWidget *runs = panel.runList();
    QCOMPARE(runs->topLevelItemCount(), 2);
    QCOMPARE(runs->topLevelItem(0)->text(4), QStringLiteral("2")); // newest first
    auto *compare = panel.findChild<QPushButton *>(QStringLiteral("compare"));
    QVERIFY(!compare->isEnabled());
    runs->topLevelItem(0)->setSelected(true);
    runs->topLevelItem(1)->setSelected(true);
    QVERIFY(compare->isEnabled());
    QTest::mouseClick(compare, Qt::LeftButton);

    QCOMPARE(RunDiff::checkIds(panel.comparison().newFailures), QList<Id> { f.cCreate });
    QCOMPARE(RunDiff::checkIds(panel.comparison().fixed), QList<Id> { f.cRow });
    QCOMPARE(RunDiff::checkIds(panel.comparison().stillFailing), QList<Id> { cStuck });
    QTreeWidget *view = panel.comparisonView();
    QCOMPARE(view->topLevelItemCount(), 3);
    QCOMPARE(view->topLevelItem(0)->text(0), QStringLiteral("Newly failing (1)"));
    QCOMPARE(view->topLevelItem(0)->child(0)->text(0), QStringLiteral("Create order — Create order check"));
    QCOMPARE(view->topLevelItem(0)->child(0)->text(2), QStringLiteral("pass → fail"));
    QCOMPARE(view->topLevelItem(1)->child(0)->text(1), QStringLiteral("orders table"));
    QCOMPARE(view->topLevelItem(2)->child(0)->text(2), QStringLiteral("error → fail"));
    Screenshots shots;
    const QImage shot = shots.grab(&panel, QStringLiteral("runhistorypanel"));
    // "Newly failing" heads the comparison in the fail colour.
    QVERIFY(
        countNear(shot, ResultsModel::statusColor(ResultStatus::Fail), 30, areaOf(view->viewport(), &panel))
        > 10);

    QSignalSpy selected(&panel, &RunHistoryPanel::runSelected);
    const QRect olderRow = runs->visualItemRect(runs->topLevelItem(1));
    doubleClick(runs->viewport(), olderRow.center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), older.id);

    RunHistoryPanel empty;
    empty.resize(700, 260);
    empty.setRuns({}, {}, f.project);
    const QImage none = shots.grab(&empty, QStringLiteral("runhistorypanel-empty"));
    QCOMPARE(countNear(none, ResultsModel::statusColor(ResultStatus::Fail), 30), 0);
}

// A sharded run with a shard missing says so in the run list and the results panel;
// once every shard is in it is an ordinary run that names its shard count.
void TestRunHistoryPanel::partialShardedRunIsMarked()
{
    PanelFixture f;
    Run partial = f.run(QStringLiteral("all"), 5);
    partial.shardCount = 3;
    partial.shardsIn = { 1, 2 };
    partial.passed = 2;
    Run whole = f.run(QStringLiteral("all"), 30);
    whole.shardCount = 3;
    whole.shardsIn = { 1, 2, 3 };
    whole.passed = 3;
    const QList<CheckResult> results { f.result(partial.id, f.cCreate, ResultStatus::Pass),
        f.result(partial.id, f.cRow, ResultStatus::Pass) };

    RunHistoryPanel panel;
    panel.resize(900, 300);
    panel.setRuns({ whole, partial }, results, f.project);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeWidget *runs = panel.runList();
    QCOMPARE(runs->topLevelItemCount(), 2);
    QCOMPARE(runs->topLevelItem(0)->text(2), QStringLiteral("all (partial: shard 3 of 3 missing)"));
    QVERIFY(!runs->topLevelItem(0)->toolTip(2).isEmpty());
    QCOMPARE(runs->topLevelItem(1)->text(2), QStringLiteral("all (3 shards)"));
    Screenshots shots;
    QVERIFY(!shots.grab(&panel, QStringLiteral("runhistorypanel-partial")).isNull());

    ResultsPanel resultsPanel;
    resultsPanel.setRun(partial, results, f.project);
    QVERIFY2(resultsPanel.summaryText().endsWith(QStringLiteral("(partial: shard 3 of 3 missing)")),
        qPrintable(resultsPanel.summaryText()));
    resultsPanel.setRun(whole, {}, f.project);
    QVERIFY2(!resultsPanel.summaryText().contains(QStringLiteral("partial")),
        qPrintable(resultsPanel.summaryText()));
}

QTEST_MAIN(TestRunHistoryPanel)
#include "tst_runhistorypanel.moc"
