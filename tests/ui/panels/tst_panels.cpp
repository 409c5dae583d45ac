#include "analysis/coveragepanel.h"
#include "dialogs/environmentdialog.h"
#include "run/resultspanel.h"
#include "run/runbar.h"
#include "run/runhistorypanel.h"
#include "io/canonicaljson.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/projectfile.h"

#include <QCheckBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace flowbench;

namespace {

struct Fixture
{
    Project project;
    Id api, table, queue, email;
    Id cCreate, cRow, cQueue;
    Id tcCreate, tcRow;

    Fixture()
    {
        api = addNode(QStringLiteral("POST /orders"), QStringLiteral("orders"), { 5, 4 });
        table = addNode(QStringLiteral("orders table"), QStringLiteral("orders"), { 3, 5 });
        queue = addNode(QStringLiteral("order-events"), QStringLiteral("messaging"), { 4, 4 });
        email = addNode(QStringLiteral("email service"), QString(), { 1, 2 });
        tcCreate = addTestCase(api, QStringLiteral("Create order"), true, { &cCreate });
        tcRow = addTestCase(table, QStringLiteral("Order row written"), true, { &cRow });
        Id unused;
        addTestCase(queue, QStringLiteral("Event published (manual)"), false, {});
        Q_UNUSED(unused);
        Flow f;
        f.id = newId();
        f.name = QStringLiteral("Checkout");
        f.nodeIds = { api, table, queue };
        project.flows.append(f);
        Environment local;
        local.id = newId();
        local.name = QStringLiteral("local");
        local.variables.insert(QStringLiteral("base_url"), QStringLiteral("http://127.0.0.1:8080"));
        Environment prod = local;
        prod.id = newId();
        prod.name = QStringLiteral("production");
        prod.isProtected = true;
        prod.variables.insert(QStringLiteral("api_token"), QStringLiteral("${env:SHOP_TOKEN}"));
        prod.connections.append(
            Connection { QStringLiteral("shop"), QStringLiteral("QPSQL"), QStringLiteral("db.internal"), 5432,
                QStringLiteral("shop"), QStringLiteral("qa"), QStringLiteral("${env:PG_PASSWORD}"), {} });
        project.environments = { local, prod };
    }
    Id addNode(const QString &name, const QString &group, Risk risk)
    {
        Node n;
        n.id = newId();
        n.name = name;
        n.group = group;
        n.risk = risk;
        project.nodes.append(n);
        return n.id;
    }
    Id addTestCase(const Id &node, const QString &title, bool automated, QList<Id *> checks)
    {
        TestCase t;
        t.id = newId();
        t.nodeId = node;
        t.title = title;
        t.automated = automated;
        for (Id *id : checks) {
            Check c;
            c.id = newId();
            c.type = QStringLiteral("http");
            c.name = title + QStringLiteral(" check");
            *id = c.id;
            t.checks.append(c);
        }
        project.testCases.append(t);
        return t.id;
    }
    CheckResult result(const Id &run, const Id &check, ResultStatus status,
        const QString &message = QString(), qint64 ms = 20) const
    {
        CheckResult r;
        r.id = newId();
        r.runId = run;
        r.checkId = check;
        r.status = status;
        r.durationMs = ms;
        r.attempts = 1;
        r.message = message;
        r.finishedAt = QDateTime::currentDateTimeUtc();
        for (const TestCase &t : project.testCases)
            for (const Check &c : t.checks)
                if (c.id == check) {
                    r.testCaseId = t.id;
                    r.nodeId = t.nodeId;
                }
        return r;
    }
    Run run(const QString &selection, int minutesAgo) const
    {
        Run r;
        r.id = newId();
        r.environment = QStringLiteral("local");
        r.selection = selection;
        r.startedAt = QDateTime::currentDateTime().addSecs(-60 * minutesAgo);
        r.finishedAt = r.startedAt.addMSecs(2400);
        return r;
    }
};

void grab(QWidget *widget, const QString &name)
{
    QDir().mkpath(QStringLiteral("/tmp/flowbench-panels"));
    QCoreApplication::processEvents(); // pending layout requests, as a shown window would have had
    QVERIFY(widget->grab().save(QStringLiteral("/tmp/flowbench-panels/%1.png").arg(name)));
}

// What a real double-click delivers: a click, then the double-click event.
void doubleClick(QWidget *viewport, const QPoint &pos)
{
    QTest::mouseClick(viewport, Qt::LeftButton, {}, pos);
    QTest::mouseDClick(viewport, Qt::LeftButton, {}, pos);
}

} // namespace

class TestPanels : public QObject
{
    Q_OBJECT

private slots:
    void resultsPanelFiltersAndJumps();
    void resultsPanelLiveAppend();
    void historyComparesTwoRuns();
    void environmentDialogRefusesPlaintextPasswords();
    void environmentDialogSecretGoesToKeychainOnly();
    void environmentDialogValidatesOnAccept();
    void runBarShowsProtectedBadgeAndConfirms();
    void runBarProgress();
    void protectedRunConfirmationDefaultsToCancel();
    void coverageOrdersHighRiskUncoveredFirst();
    void coverageShowsTheNumbersOfTheCli();
};

void TestPanels::resultsPanelFiltersAndJumps()
{
    Fixture f;
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
    grab(&panel, QStringLiteral("resultspanel"));

    panel.setSearchText(QStringLiteral("no such text"));
    grab(&panel, QStringLiteral("resultspanel-filtered-empty"));
}

void TestPanels::resultsPanelLiveAppend()
{
    Fixture f;
    Run run = f.run(QStringLiteral("all"), 0);
    ResultsPanel panel;
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    grab(&panel, QStringLiteral("resultspanel-empty"));
    panel.setRun(run, {}, f.project);
    QCOMPARE(panel.view()->model()->rowCount(), 0);
    panel.appendResult(f.result(run.id, f.cCreate, ResultStatus::Pass));
    QCOMPARE(panel.view()->model()->rowCount(), 1);
    panel.appendResult(f.result(newId(), f.cRow, ResultStatus::Fail)); // another run's: ignored
    QCOMPARE(panel.view()->model()->rowCount(), 1);
    panel.appendResult(f.result(run.id, f.cRow, ResultStatus::Fail));
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    QVERIFY(panel.summaryText().contains(QStringLiteral("passed 1 · failed 1 ·")));
}

void TestPanels::historyComparesTwoRuns()
{
    Fixture f;
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

    QCOMPARE(panel.comparison().newlyFailing, QList<Id> { f.cCreate });
    QCOMPARE(panel.comparison().recovered, QList<Id> { f.cRow });
    QCOMPARE(panel.comparison().stillFailing, QList<Id> { cStuck });
    QTreeWidget *view = panel.comparisonView();
    QCOMPARE(view->topLevelItemCount(), 3);
    QCOMPARE(view->topLevelItem(0)->text(0), QStringLiteral("Newly failing (1)"));
    QCOMPARE(view->topLevelItem(0)->child(0)->text(0), QStringLiteral("Create order — Create order check"));
    QCOMPARE(view->topLevelItem(0)->child(0)->text(2), QStringLiteral("pass → fail"));
    QCOMPARE(view->topLevelItem(1)->child(0)->text(1), QStringLiteral("orders table"));
    QCOMPARE(view->topLevelItem(2)->child(0)->text(2), QStringLiteral("error → fail"));
    grab(&panel, QStringLiteral("runhistorypanel"));

    QSignalSpy selected(&panel, &RunHistoryPanel::runSelected);
    const QRect olderRow = runs->visualItemRect(runs->topLevelItem(1));
    doubleClick(runs->viewport(), olderRow.center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toString(), older.id);

    RunHistoryPanel empty;
    empty.resize(700, 260);
    empty.setRuns({}, {}, f.project);
    grab(&empty, QStringLiteral("runhistorypanel-empty"));
}

void TestPanels::environmentDialogRefusesPlaintextPasswords()
{
    Fixture f;
    EnvironmentDialog dialog(f.project.environments);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectEnvironment(1);
    QVERIFY(dialog.protectedBox()->isChecked());
    QTableWidget *connections = dialog.connectionsTable();
    QCOMPARE(connections->rowCount(), 1);
    QTableWidgetItem *password = connections->item(0, EnvironmentDialog::PasswordColumn);
    QCOMPARE(password->text(), QStringLiteral("${env:PG_PASSWORD}"));

    password->setText(QStringLiteral("hunter2"));
    QCOMPARE(password->text(), QStringLiteral("${env:PG_PASSWORD}"));
    QVERIFY2(dialog.messageText().contains(QStringLiteral("reference")), qPrintable(dialog.messageText()));
    grab(&dialog, QStringLiteral("environmentdialog-refused"));
    password->setText(QStringLiteral("${keychain:shop-prod}"));
    QVERIFY(dialog.messageText().isEmpty());

    // A variable holding an ${env:X} reference is kept as typed.
    QTableWidget *variables = dialog.variablesTable();
    dialog.addVariable();
    const int row = variables->rowCount() - 1;
    variables->item(row, 0)->setText(QStringLiteral("admin_password"));
    variables->item(row, 1)->setText(QStringLiteral("${env:ADMIN_PW}"));

    const QList<Environment> edited = dialog.environments();
    QCOMPARE(edited.size(), 2);
    QCOMPARE(edited.at(1).connections.at(0).passwordRef, QStringLiteral("${keychain:shop-prod}"));
    QCOMPARE(
        edited.at(1).variables.value(QStringLiteral("admin_password")), QStringLiteral("${env:ADMIN_PW}"));
    QCOMPARE(edited.at(1).variables.value(QStringLiteral("api_token")), QStringLiteral("${env:SHOP_TOKEN}"));
    QCOMPARE(edited.at(0), f.project.environments.at(0)); // untouched environment unchanged
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestPanels::environmentDialogSecretGoesToKeychainOnly()
{
    Fixture f;
    EnvironmentDialog dialog(f.project.environments);
    QHash<QString, QString> keychain;
    dialog.setSecretStore([&keychain](const QString &entry, const QString &secret) {
        keychain.insert(entry, secret);
        return success();
    });
    dialog.selectEnvironment(1);
    const int tokenRow = [&] {
        for (int r = 0; r < dialog.variablesTable()->rowCount(); ++r)
            if (dialog.variablesTable()->item(r, 0)->text() == QStringLiteral("api_token"))
                return r;
        return -1;
    }();
    QVERIFY(tokenRow >= 0);
    QVERIFY(dialog
                .applySecret(
                    tokenRow, false, QStringLiteral("production/api_token"), QStringLiteral("s3cr3t-token"))
                .ok());
    QVERIFY(dialog.applySecret(0, true, QStringLiteral("production/shop"), QStringLiteral("pg-pass")).ok());
    QCOMPARE(keychain.value(QStringLiteral("production/api_token")), QStringLiteral("s3cr3t-token"));

    const QList<Environment> edited = dialog.environments();
    QCOMPARE(edited.at(1).variables.value(QStringLiteral("api_token")),
        QStringLiteral("${keychain:production/api_token}"));
    QCOMPARE(edited.at(1).connections.at(0).passwordRef, QStringLiteral("${keychain:production/shop}"));
    for (const Environment &e : edited) {
        for (const QString &value : e.variables)
            QVERIFY(!value.contains(QStringLiteral("s3cr3t")) && !value.contains(QStringLiteral("pg-pass")));
    }

    // A keychain failure changes nothing and says why.
    dialog.setSecretStore(
        [](const QString &, const QString &) { return Status::failure(QStringLiteral("locked")); });
    const Status failed = dialog.applySecret(tokenRow, false, QStringLiteral("x"), QStringLiteral("y"));
    QVERIFY(!failed.ok());
    QCOMPARE(dialog.environments().at(1).variables.value(QStringLiteral("api_token")),
        QStringLiteral("${keychain:production/api_token}"));
#ifndef FLOWBENCH_HAVE_KEYCHAIN
    QVERIFY(storeKeychainSecret(QStringLiteral("e"), QStringLiteral("s"))
                .error()
                .contains(QStringLiteral("${env:")));
#endif
}

void TestPanels::environmentDialogValidatesOnAccept()
{
    Fixture f;
    EnvironmentDialog dialog(f.project.environments);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectEnvironment(1);
    grab(&dialog, QStringLiteral("environmentdialog"));
    // Two variables with one name: neither switching away nor OK drops one silently.
    dialog.addVariable();
    const int row = dialog.variablesTable()->rowCount() - 1;
    dialog.variablesTable()->item(row, 0)->setText(QStringLiteral("base_url"));
    dialog.variablesTable()->item(row, 1)->setText(QStringLiteral("http://127.0.0.1:9090"));
    dialog.selectEnvironment(0);
    QCOMPARE(dialog.environmentList()->currentRow(), 1);
    QVERIFY(dialog.messageText().contains(QStringLiteral("\"base_url\" is defined twice")));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    dialog.variablesTable()->item(row, 0)->setText(QStringLiteral("admin_url"));
    dialog.selectEnvironment(0);
    QCOMPARE(dialog.environmentList()->currentRow(), 0);
    QCOMPARE(dialog.environments().at(1).variables.value(QStringLiteral("admin_url")),
        QStringLiteral("http://127.0.0.1:9090"));
    QCOMPARE(dialog.environments().at(1).variables.value(QStringLiteral("base_url")),
        QStringLiteral("http://127.0.0.1:8080"));

    dialog.environmentList()->item(1)->setText(QStringLiteral("local")); // a duplicate name
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.messageText().contains(QStringLiteral("\"local\"")));
    dialog.removeEnvironment();
    QCOMPARE(dialog.environments().size(), 1);
    dialog.removeEnvironment();
    QCOMPARE(dialog.environments().size(), 0);
    grab(&dialog, QStringLiteral("environmentdialog-empty"));
    dialog.accept();
    QVERIFY(!dialog.isVisible());
}

void TestPanels::runBarShowsProtectedBadgeAndConfirms()
{
    Fixture f;
    RunBar bar;
    bar.setEnvironments(f.project.environments);
    bar.setFlows(f.project.flows);
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QCOMPARE(bar.currentEnvironment(), QStringLiteral("local"));
    QVERIFY(!bar.protectedBadge()->isVisible());
    grab(&bar, QStringLiteral("runbar"));

    QSignalSpy envChanged(&bar, &RunBar::environmentChanged);
    bar.setCurrentEnvironment(QStringLiteral("production"));
    QCOMPARE(envChanged.count(), 1);
    QCOMPARE(envChanged.at(0).at(0).toString(), QStringLiteral("production"));
    QVERIFY(bar.protectedBadge()->isVisible());
    QCOMPARE(bar.protectedBadge()->text(), QStringLiteral("PROTECTED"));
    grab(&bar, QStringLiteral("runbar-protected"));

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

void TestPanels::runBarProgress()
{
    Fixture f;
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
    grab(&bar, QStringLiteral("runbar-running"));
    bar.requestRun({ RunScope::Everything, Id() }); // ignored while running
    QCOMPARE(requested.count(), 0);
    QTest::mouseClick(bar.cancelButton(), Qt::LeftButton);
    QCOMPARE(cancel.count(), 1);
    QVERIFY(!bar.cancelButton()->isEnabled());
    bar.runFinished();
    QVERIFY(!bar.cancelButton()->isVisible());
    QVERIFY(bar.progressText().isEmpty());
}

void TestPanels::protectedRunConfirmationDefaultsToCancel()
{
    // Enter on the question must not start a run on production.
    QString text;
    QTimer::singleShot(0, [&text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        text = box->text();
        grab(box, QStringLiteral("runbar-confirm"));
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

void TestPanels::coverageOrdersHighRiskUncoveredFirst()
{
    Fixture f;
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
    grab(&panel, QStringLiteral("coveragepanel"));

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
    grab(&empty, QStringLiteral("coveragepanel-empty"));
}

// The leading count of a summary cell, "3 (100%)" -> 3.
int countIn(const QString &cell)
{
    return cell.section(QLatin1Char(' '), 0, 0).toInt();
}

void TestPanels::coverageShowsTheNumbersOfTheCli()
{
    // The example project with a run: most checks passed, some failed, some never ran.
    QFile json(QStringLiteral(FLOWBENCH_SOURCE_DIR "/resources/examples/shop.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    Result<Project> example = fromCanonicalJson(json.readAll(), json.fileName());
    QVERIFY2(example, qPrintable(example.error()));
    Fixture shop;
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

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
