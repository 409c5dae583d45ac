// Run details a user meets after a run: a JSON response shown indented in the evidence, the
// results of a deleted node leave the list, Escape clears a flow highlight, a node's
// context menu offers "Run Checks", and closing the project clears the Overview.
#include "map/mapeditor.h"
#include "map/mapstyle.h"
#include "map/overview/overviewwidget.h"
#include "ui/screenshots.h"
#include "ui/shell/keyboardfixture.h"

#include "analysis/impactpanel.h"
#include "run/responseviewer.h"
#include "run/runhistorypanel.h"
#include "testcases/checkforms/assertiontable.h"
#include "testcases/checkforms/checkform.h"
#include "testcases/testcaseeditor.h"
#include "testcases/testcaseform.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>
#include <functional>
#include <memory>

using namespace flowbench;
using namespace flowbench::testing;

class TestRunDetails : public QObject, public KeyboardFixture
{
    Q_OBJECT
private slots:
    void initTestCase() { setUpProject(QStringLiteral("tst_rundetails")); }
    void init() { openWindow(); }
    void cleanup() { closeWindow(); }
    void jsonEvidenceIsIndented();
    void resultsOfADeletedNodeLeave();
    void escapeClearsTheFlowHighlight();
    void nodeMenuOffersRunChecks();
    void closingClearsTheOverview();
    void checkEditorShowsTheLastResponse();
    void runStepRunsUpToTheStep();
    void resultsNameTheTestCaseByTitle();
    void emptyClickAndButtonClearTheFlowHighlight();
    void nodeMenuOffersImpactAndCopyName();
    void testCaseMenuRunsDuplicatesAndCopies();

private:
    void runNode(const Id &node)
    {
        m_window->mapScene()->selectNodes({ node });
        m_window->mapView()->setFocus();
        press(Qt::Key_F5);
        waitForRun();
    }
};

void TestRunDetails::jsonEvidenceIsIndented()
{
    runNode(m_jsonApi);
    ResultsPanel *results = m_window->runWorkspace()->resultsPanel();
    QCOMPARE(results->model()->rowCount(), 1);
    results->view()->setCurrentIndex(results->view()->model()->index(0, 0));
    auto *details = results->findChild<QPlainTextEdit *>(QStringLiteral("details"));
    QVERIFY(details);
    const QString text = details->toPlainText();
    QVERIFY2(text.contains(QStringLiteral("HTTP 200")), qPrintable(text)); // the status line stays
    QVERIFY2(text.contains(QStringLiteral("{\n    \"")), qPrintable(text)); // the body is indented
}

void TestRunDetails::resultsOfADeletedNodeLeave()
{
    m_window->mapScene()->selectNodes({ m_jsonApi, m_brokenApi });
    press(Qt::Key_F5);
    waitForRun();
    ResultsPanel *results = m_window->runWorkspace()->resultsPanel();
    QCOMPARE(results->model()->rowCount(), 4); // json 1, broken 3
    m_window->mapScene()->selectNodes({ m_brokenApi });
    m_window->mapEditor()->deleteSelection(false);
    QCOMPARE(results->model()->rowCount(), 1);
    for (const CheckResult &r : results->model()->results())
        QCOMPARE(r.nodeId, m_jsonApi);
}

void TestRunDetails::escapeClearsTheFlowHighlight()
{
    m_window->flowsPanel()->selectFlow(m_project.flows.first().id);
    QCOMPARE(m_window->mapScene()->highlightedFlow(), m_project.flows.first().id);
    m_window->mapView()->setFocus();
    press(Qt::Key_Escape);
    QVERIFY(m_window->mapScene()->highlightedFlow().isEmpty());
    QVERIFY(!m_window->mapScene()->nodeItem(m_slowApi)->isDimmed());
}

void TestRunDetails::nodeMenuOffersRunChecks()
{
    MapView *view = m_window->mapView();
    view->resetZoom();
    view->centerOn(m_window->mapScene()->nodeItem(m_jsonApi)->sceneBoundingRect().center());
    const QPoint at
        = view->mapFromScene(m_window->mapScene()->nodeItem(m_jsonApi)->sceneBoundingRect().center());
    bool offered = false;
    QTimer::singleShot(100, [&offered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *a : menu->actions())
            if (a->objectName() == QLatin1String("contextRunChecks") && a->isEnabled()) {
                offered = true;
                a->trigger();
            }
        menu->close();
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
    QVERIFY(offered);
    waitForRun();
    QCOMPARE(runs()->currentResults().size(), 1);
    QCOMPARE(runs()->currentResults().first().nodeId, m_jsonApi);
}

void TestRunDetails::closingClearsTheOverview()
{
    auto *overview = m_window->findChild<OverviewWidget *>();
    QVERIFY(overview);
    auto strayPixels = [overview] {
        const QImage shot = overview->grab().toImage();
        return countPixels(shot, [](const QColor &c) { return !near(c, MapStyle::canvasColor(), 8); });
    };
    QTRY_VERIFY(strayPixels() > 0); // the map's cards
    m_window->documents()->closeProject();
    // The same picture as an overview that never had a project: no cards of the old map.
    OverviewWidget fresh(overview->parentWidget());
    fresh.setGeometry(overview->geometry());
    fresh.setEnabled(overview->isEnabled());
    const QImage never = fresh.grab().toImage();
    const QImage closed = overview->grab().toImage();
    QCOMPARE(closed.size(), never.size());
    QVERIFY(closed == never);
}

void TestRunDetails::checkEditorShowsTheLastResponse()
{
    m_window->mapScene()->selectNodes({ m_jsonApi });
    TestCaseForm *form = m_window->testCaseEditor()->form();
    QTRY_COMPARE(form->testCaseId(), m_jsonCase);
    form->selectCheck(m_project.testCases.first().checks.first().id);
    QVERIFY(form->responseViewer()->parts().raw.isEmpty()); // nothing ran yet
    m_window->mapView()->setFocus();
    press(Qt::Key_F5);
    waitForRun();
    // The step that is open shows what it just got: status, headers, the JSON as a tree.
    const ResponseParts &parts = form->responseViewer()->parts();
    QCOMPARE(parts.httpStatus, 200);
    QVERIFY(form->responseViewer()->isTabShown(ResponseViewer::HeadersTab));
    QVERIFY(form->responseViewer()->jsonModel()->rowCount() > 0);
    // "Try it" evaluates against that response's body.
    AssertionTable *table = form->currentForm()->assertionTable();
    Assertion total;
    total.kind = QStringLiteral("json_path");
    total.target = QStringLiteral("data.total");
    total.op = QStringLiteral("==");
    total.expected = 2;
    table->setAssertions({ total });
    table->tryRow(0);
    QCOMPARE(table->tryResultText(), QStringLiteral("data.total → 2"));
}

void TestRunDetails::runStepRunsUpToTheStep()
{
    m_window->mapScene()->selectNodes({ m_brokenApi });
    TestCaseEditor *editor = m_window->testCaseEditor();
    QTRY_VERIFY(!editor->currentTestCaseId().isEmpty());
    editor->selectTestCase(m_otherBrokenCase);
    const TestCase *broken = m_window->document()->testCase(m_otherBrokenCase);
    QVERIFY(broken && broken->checks.size() == 2);
    TestCaseForm *form = editor->form();
    form->selectCheck(broken->checks.first().id);
    QPushButton *runStep = form->runStepButton();
    QVERIFY(runStep->isEnabled());
    QTest::mouseClick(runStep, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(runs()->isRunning() || !runs()->currentResults().isEmpty(), kRunTimeoutMs);
    waitForRun();
    // Only the first step ran; the second one (which would pass too) did not.
    QCOMPARE(runs()->currentResults().size(), 1);
    QCOMPARE(runs()->currentResults().first().checkId, broken->checks.first().id);
    QVERIFY(runs()->currentResults().first().status == ResultStatus::Pass);
    QCOMPARE(runStep->text(), QStringLiteral("Run Step"));
    QCOMPARE(form->findChild<QLabel *>(QStringLiteral("runStepState"))->text(), QStringLiteral("Step: pass"));
    QCOMPARE(form->responseViewer()->parts().httpStatus, 500);
    // The run names the test case and the step, not their ids.
    const QString summary = m_window->runWorkspace()->resultsPanel()->summaryText();
    QVERIFY2(
        summary.contains(QStringLiteral("test case “Status is 500”, up to step “500”")), qPrintable(summary));
}

void TestRunDetails::resultsNameTheTestCaseByTitle()
{
    m_window->mapScene()->selectNodes({ m_jsonApi });
    QTRY_COMPARE(m_window->testCaseEditor()->currentTestCaseId(), m_jsonCase);
    m_window->runWorkspace()->run(RunScope { RunScope::SelectedTestCase, {} });
    waitForRun();
    ResultsPanel *results = m_window->runWorkspace()->resultsPanel();
    QVERIFY2(results->summaryText().startsWith(QStringLiteral("test case “JSON answers” in local")),
        qPrintable(results->summaryText()));
    QVERIFY(!results->summaryText().contains(m_jsonCase));
    QCOMPARE(results->model()->index(0, ResultsModel::TestCaseColumn).data().toString(),
        QStringLiteral("JSON answers"));
    auto *history = m_window->runWorkspace()->runHistoryPanel();
    const QList<QTreeWidget *> trees = history->findChildren<QTreeWidget *>();
    bool named = false;
    for (QTreeWidget *tree : trees)
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            for (int c = 0; c < tree->columnCount(); ++c)
                named |= tree->topLevelItem(i)->text(c) == QStringLiteral("test case “JSON answers”");
    QVERIFY(named);
}

void TestRunDetails::emptyClickAndButtonClearTheFlowHighlight()
{
    const Id checkout = m_project.flows.first().id;
    m_window->flowsPanel()->selectFlow(checkout);
    QCOMPARE(m_window->mapScene()->highlightedFlow(), checkout);
    // A click on a card keeps it; a click on the empty canvas clears it.
    MapView *view = m_window->mapView();
    view->resetZoom();
    view->centerOn(m_window->mapScene()->nodeItem(m_jsonApi)->sceneBoundingRect().center());
    const QPoint onCard
        = view->mapFromScene(m_window->mapScene()->nodeItem(m_jsonApi)->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onCard);
    QCOMPARE(m_window->mapScene()->highlightedFlow(), checkout);
    QPoint empty(-1, -1);
    for (int y = 10; y < view->viewport()->height() && empty.x() < 0; y += 20)
        for (int x = 10; x < view->viewport()->width() && empty.x() < 0; x += 20)
            if (!view->itemAt(QPoint(x, y)))
                empty = QPoint(x, y);
    QVERIFY(empty.x() >= 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, empty);
    QVERIFY(m_window->mapScene()->highlightedFlow().isEmpty());
    // The Flows panel's button does the same.
    m_window->flowsPanel()->selectFlow(checkout);
    auto *showAll = m_window->flowsPanel()->findChild<QPushButton *>(QStringLiteral("clearHighlightButton"));
    QVERIFY(showAll && showAll->isEnabled());
    QTest::mouseClick(showAll, Qt::LeftButton);
    QVERIFY(m_window->mapScene()->highlightedFlow().isEmpty());
    QVERIFY(!showAll->isEnabled());
}

namespace {
// Runs `pick` on the next popup menu's action of that object name (false: none enabled).
void chooseInNextMenu(const QString &actionName, bool *chosen)
{
    *chosen = false;
    auto tries = std::make_shared<int>(0);
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [actionName, chosen, tries, poll] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu || !menu->isVisible()) {
            if (++*tries < 250)
                QTimer::singleShot(20, *poll);
            return;
        }
        QAction *found = nullptr;
        QStringList seen;
        for (QAction *a : menu->actions()) {
            seen << a->objectName();
            if (a->objectName() == actionName && a->isEnabled())
                found = a;
        }
        if (!found)
            qWarning() << "menu without" << actionName << seen;
        if (found) {
            *chosen = true;
            found->trigger();
        }
        menu->close();
    };
    QTimer::singleShot(20, *poll);
}
} // namespace

void TestRunDetails::nodeMenuOffersImpactAndCopyName()
{
    MapView *view = m_window->mapView();
    view->resetZoom();
    auto openMenu = [&] {
        m_window->mapScene()->selectNodes({ m_ordersTable });
        const QRectF card = m_window->mapScene()->nodeItem(m_ordersTable)->sceneBoundingRect();
        view->centerOn(card.center());
        const QPoint at = view->mapFromScene(card.center());
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &event);
    };
    bool chosen = false;
    chooseInNextMenu(QStringLiteral("contextCopyName"), &chosen);
    openMenu();
    QVERIFY(chosen);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("orders"));
    chooseInNextMenu(QStringLiteral("contextShowImpact"), &chosen);
    openMenu();
    QVERIFY(chosen);
    // The impact of the table, centred on it: the API that reads it is in it.
    QCOMPARE(m_window->runWorkspace()->overlay()->mode(), MapOverlay::Mode::Impact);
    const Impact &impact = m_window->runWorkspace()->impactPanel()->impact();
    QCOMPARE(impact.node, m_ordersTable);
    QVERIFY(impact.upstream.contains(m_jsonApi) || impact.downstream.contains(m_jsonApi));
}

void TestRunDetails::testCaseMenuRunsDuplicatesAndCopies()
{
    m_window->mapScene()->selectNodes({ m_brokenApi });
    TestCaseEditor *editor = m_window->testCaseEditor();
    QTRY_COMPARE(editor->testCases().size(), 2);
    auto *list = editor->findChild<QListWidget *>(QStringLiteral("testCaseList"));
    QVERIFY(list);
    list->show();
    QListWidgetItem *second = list->item(1);
    const QString title = second->text();
    const QPoint at = list->visualItemRect(second).center();
    auto openMenu = [&] {
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, list->viewport()->mapToGlobal(at));
        QApplication::sendEvent(list->viewport(), &event);
    };
    bool chosen = false;
    chooseInNextMenu(QStringLiteral("contextCopyTitle"), &chosen);
    openMenu();
    QVERIFY(chosen);
    QCOMPARE(editor->currentTestCaseId(), list->item(1)->data(Qt::UserRole).toString()); // the clicked one
    QVERIFY2(title.contains(QGuiApplication::clipboard()->text()), qPrintable(title));
    const Id clicked = editor->currentTestCaseId();
    chooseInNextMenu(QStringLiteral("contextRunTestCase"), &chosen);
    openMenu();
    QVERIFY(chosen);
    waitForRun();
    QVERIFY(!runs()->currentResults().isEmpty());
    for (const CheckResult &r : runs()->currentResults())
        QCOMPARE(r.testCaseId, clicked); // that test case only
    chooseInNextMenu(QStringLiteral("contextDuplicateTestCase"), &chosen);
    openMenu();
    QVERIFY(chosen);
    QCOMPARE(editor->testCases().size(), 3);
    chooseInNextMenu(QStringLiteral("contextDeleteTestCase"), &chosen);
    openMenu();
    QVERIFY(chosen);
    QTRY_COMPARE(editor->testCases().size(), 2);
}

QTEST_MAIN(TestRunDetails)
#include "tst_rundetails.moc"
