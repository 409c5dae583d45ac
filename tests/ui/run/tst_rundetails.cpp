// Run details a user meets after a run: a JSON response shown indented in the evidence, the
// results of a deleted node leave the list, Escape clears a flow highlight, a node's
// context menu offers "Run Checks", and closing the project clears the Overview.
#include "map/mapeditor.h"
#include "map/mapstyle.h"
#include "map/overview/overviewwidget.h"
#include "ui/screenshots.h"
#include "ui/shell/keyboardfixture.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QPlainTextEdit>
#include <QTableView>
#include <QtTest>

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

QTEST_MAIN(TestRunDetails)
#include "tst_rundetails.moc"
