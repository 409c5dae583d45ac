// Risk × Coverage: high-risk nodes without automated checks first, and the same numbers
// as `flowbench-cli coverage --json` on the example project.
#include "analysis/coveragepanel.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "support/projectfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include "ui/panelfixture.h"
#include "ui/screenshots.h"

#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
// The leading count of a summary cell, "3 (100%)" -> 3.
int countIn(const QString &cell)
{
    return cell.section(QLatin1Char(' '), 0, 0).toInt();
}
} // namespace

class TestCoveragePanel : public QObject
{
    Q_OBJECT
private slots:
    void coverageOrdersHighRiskUncoveredFirst();
    void coverageShowsTheNumbersOfTheCli();
};

void TestCoveragePanel::coverageOrdersHighRiskUncoveredFirst()
{
    PanelFixture f;
    // The api's check passed; the table's check failed last time (after passing earlier).
    const Run run = f.run(QStringLiteral("all"), 3);
    CheckResult old = f.result(run.id, f.cRow, ResultStatus::Pass);
    old.finishedAt = old.finishedAt.addSecs(-600);
    f.project.results = { f.result(run.id, f.cCreate, ResultStatus::Pass), old,
        f.result(run.id, f.cRow, ResultStatus::Fail) };
    CoveragePanel panel;
    panel.resize(700, 360);
    panel.setProject(f.project);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeWidget *risk = panel.riskList();
    QCOMPARE(risk->topLevelItemCount(), 4);
    // queue: risk 16, manual only -> first (high risk, no automated check), in bold.
    QCOMPARE(risk->topLevelItem(0)->text(1), QStringLiteral("order-events"));
    QCOMPARE(risk->topLevelItem(0)->text(3), QStringLiteral("manual only"));
    QVERIFY(risk->topLevelItem(0)->font(1).bold());
    QCOMPARE(risk->topLevelItem(1)->text(1), QStringLiteral("POST /orders")); // 20, passing
    QCOMPARE(risk->topLevelItem(1)->text(3), QStringLiteral("passing"));
    QVERIFY(!risk->topLevelItem(1)->font(1).bold());
    QCOMPARE(risk->topLevelItem(2)->text(1), QStringLiteral("orders table")); // 15
    QCOMPARE(risk->topLevelItem(2)->text(3), QStringLiteral("automated, failing"));
    QCOMPARE(risk->topLevelItem(3)->text(1), QStringLiteral("email service"));
    QCOMPARE(risk->topLevelItem(3)->text(3), QStringLiteral("no test case"));
    QCOMPARE(panel.flowSummary()->topLevelItem(0)->text(2), QStringLiteral("3 (100%)"));
    QCOMPARE(panel.flowSummary()->topLevelItem(0)->text(4), QStringLiteral("1 (33%)"));
    QCOMPARE(panel.groupSummary()->topLevelItemCount(), 3); // (no group), messaging, orders
    // Coverage words in their colours: the manual-only node orange, the failing one red,
    // the passing one green.
    Screenshots shots;
    const QImage shot = shots.grab(&panel, QStringLiteral("coveragepanel"));
    const QRect list = areaOf(risk->viewport(), &panel);
    for (const QColor &c : { QColor(0xef, 0x6c, 0x00), QColor(0xc6, 0x28, 0x28), QColor(0x2e, 0x7d, 0x32) })
        QVERIFY2(countNear(shot, c, 30, list) > 10, qPrintable(c.name()));

    QSignalSpy activated(&panel, &CoveragePanel::nodeActivated);
    const QRect rect = risk->visualItemRect(risk->topLevelItem(3));
    doubleClick(risk->viewport(), rect.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), f.email);
    risk->setFocus();
    risk->setCurrentItem(risk->topLevelItem(0));
    QTest::keyClick(risk, Qt::Key_Return);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toString(), f.queue);

    CoveragePanel empty;
    empty.resize(600, 240);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    const QImage none = shots.grab(&empty, QStringLiteral("coveragepanel-empty"));
    QCOMPARE(countNear(none, QColor(0xef, 0x6c, 0x00), 30), 0);
}

void TestCoveragePanel::coverageShowsTheNumbersOfTheCli()
{
    // The example project with a run: most checks passed, some failed, some never ran.
    Result<Project> example = exampleProject();
    QVERIFY2(example, qPrintable(example.error()));
    PanelFixture shop;
    shop.project = example.value();
    const Run run = shop.run(QStringLiteral("all"), 1);
    QList<CheckResult> results;
    int n = 0;
    for (const TestCase &t : example->testCases)
        for (const Check &c : t.checks) {
            if (++n % 7 != 0) // every 7th not run
                results << shop.result(run.id, c.id,
                    n % 5 == 0       ? ResultStatus::Fail
                        : n % 11 == 0 ? ResultStatus::Error
                                      : ResultStatus::Pass);
        }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.flowbench"));
    {
        auto store = ProjectStore::create(path, example->name);
        QVERIFY2(store, qPrintable(store.error()));
        QVERIFY(store.value()->replaceContents(example.value()).ok());
        QVERIFY(store.value()->addRun(run, results).ok());
    }
    const testing::CliOutcome cli = testing::runCli({ QStringLiteral("coverage"), QStringLiteral("--json"), path });
    QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
    const QJsonObject report = QJsonDocument::fromJson(cli.out.toUtf8()).object();

    CoveragePanel panel;
    panel.setProject(testing::reopenProject(path));

    // Every node with the CLI's risk, coverage and test-case count; the nodes that need
    // attention (risk >= 12, nothing automated) first, the rest in the CLI's order.
    const QJsonArray nodes = report.value(QStringLiteral("nodes")).toArray();
    QTreeWidget *risk = panel.riskList();
    QCOMPARE(risk->topLevelItemCount(), nodes.size());
    QList<QJsonObject> expected, rest;
    for (const QJsonValue &v : nodes) {
        QJsonObject o = v.toObject();
        const int score = o.value(QStringLiteral("risk")).toObject().value(QStringLiteral("score")).toInt();
        const QString coverage = o.value(QStringLiteral("coverage")).toString();
        const bool attention = score >= 12 && (coverage == QLatin1String("none") || coverage == QLatin1String("manual"));
        o.insert(QStringLiteral("attention"), attention);
        (attention ? expected : rest).append(o);
    }
    expected += rest;
    int failing = 0, passing = 0;
    for (int row = 0; row < expected.size(); ++row) {
        const QJsonObject &o = expected.at(row);
        const QTreeWidgetItem *item = risk->topLevelItem(row);
        QCOMPARE(item->data(0, Qt::UserRole).toString(), o.value(QStringLiteral("id")).toString());
        QCOMPARE(item->text(0), QString::number(o.value(QStringLiteral("risk")).toObject().value(QStringLiteral("score")).toInt()));
        QCOMPARE(item->text(1), o.value(QStringLiteral("name")).toString());
        QCOMPARE(item->text(4), QString::number(o.value(QStringLiteral("testCases")).toInt()));
        const QString coverage = o.value(QStringLiteral("coverage")).toString();
        const QString state = o.value(QStringLiteral("state")).toString();
        QString text;
        for (CoverageClass c : { CoverageClass::None, CoverageClass::Manual, CoverageClass::Automated, CoverageClass::Passing })
            if (toString(c) == coverage)
                text = CoveragePanel::coverageText(c);
        if (coverage == QLatin1String("automated") && (state == QLatin1String("fail") || state == QLatin1String("error"))) {
            text = QStringLiteral("automated, failing");
            ++failing;
        }
        passing += coverage == QLatin1String("passing") ? 1 : 0;
        QCOMPARE(item->text(3), text);
        QCOMPARE(item->font(1).bold(), o.value(QStringLiteral("attention")).toBool());
    }
    QVERIFY(failing > 0 && passing > 0); // the comparison covers every kind of row

    auto compareSummary = [](QTreeWidget *tree, const QJsonArray &rows, const QString &nameKey) {
        QCOMPARE(tree->topLevelItemCount(), rows.size());
        for (int i = 0; i < rows.size(); ++i) {
            const QJsonObject o = rows.at(i).toObject();
            const QTreeWidgetItem *item = tree->topLevelItem(i);
            const QString name = o.value(nameKey).toString();
            QCOMPARE(item->text(0), name.isEmpty() ? QStringLiteral("(no group)") : name);
            QCOMPARE(item->text(1).toInt(), o.value(QStringLiteral("nodes")).toInt());
            QCOMPARE(countIn(item->text(2)), o.value(QStringLiteral("covered")).toInt());
            QCOMPARE(countIn(item->text(3)), o.value(QStringLiteral("automated")).toInt());
            QCOMPARE(countIn(item->text(4)), o.value(QStringLiteral("passing")).toInt());
        }
    };
    compareSummary(panel.flowSummary(), report.value(QStringLiteral("flows")).toArray(), QStringLiteral("name"));
    compareSummary(panel.groupSummary(), report.value(QStringLiteral("groups")).toArray(), QStringLiteral("group"));
    const QJsonObject total = report.value(QStringLiteral("total")).toObject();
    const QString headline = panel.findChild<QLabel *>(QStringLiteral("headline"))->text();
    QVERIFY2(headline.startsWith(QStringLiteral("%1 of %2 nodes have test cases")
                                     .arg(total.value(QStringLiteral("covered")).toInt())
                                     .arg(total.value(QStringLiteral("nodes")).toInt())),
        qPrintable(headline));
}

QTEST_MAIN(TestCoveragePanel)
#include "tst_coveragepanel.moc"
