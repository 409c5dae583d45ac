// File ▸ Compare with… in the workbench window: the open project compared with another
// version (the golden pair's "before"), the map of both beside the list of changes, a
// click on a change selecting its node on that map.
#include "io/canonicaljson.h"
#include "map/export/comparewindow.h"
#include "map/mapoverlay.h"
#include "support/projectfile.h"
#include "ui/windowfixture.h"

#include <QListWidget>

using namespace flowbench;
using namespace flowbench::testing;


class TestCompareWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { setUpWindowTests(QStringLiteral("tst_comparewindow")); }

    void compareWithShowsBothVersionsAndSelectsAChange()
    {
        WindowFixture f;
        QString error;
        QVERIFY2(f.start(&error), qPrintable(error));
        // The open project is the golden pair's "after".
        const Project after = readJson(QFINDTESTDATA("data/diff/shop-edits/b.json"));
        ProjectDocument *doc = f.window->document();
        Project cards;
        cards.nodes = after.nodes;
        cards.edges = after.edges;
        QVERIFY(doc->restoreNodes(cards));
        for (Flow flow : after.flows)
            QVERIFY(doc->addFlow(flow));
        Project attached;
        attached.testCases = after.testCases;
        QVERIFY(doc->restoreNodes(attached));

        // File ▸ Compare with… is there, and enabled with a project open.
        auto *action = f.window->findChild<QAction *>(QStringLiteral("actionCompareWith"));
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        auto *compare = f.window->findChild<CompareWithAction *>();
        QVERIFY(compare);
        QCOMPARE(compare->action(), action);

        const QString beforePath = QFINDTESTDATA("data/diff/shop-edits/a.json");
        const Result<CompareWindow *> opened = compare->compareWith(beforePath);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error()));
        CompareWindow *w = opened.value();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QVERIFY(w->windowTitle().contains(QLatin1String("a.json")));

        // The same changes as `flowbench-cli diff a.json b.json`, one entry each.
        const ProjectDiff expected = diffProjects(readJson(beforePath), after);
        QCOMPARE(w->changes()->count(), expected.entries.size());
        QVERIFY(w->changes()->item(0)->text().startsWith(QLatin1String("+ node \"refund_audit\"")));

        // Both versions on the map: the removed node too, in the Changes overlay.
        MapScene *scene = w->view()->mapScene();
        QVERIFY(scene);
        QCOMPARE(scene->nodeItemCount(), after.nodes.size() + 1);
        QVERIFY(scene->overlay());
        QCOMPARE(scene->overlay()->mode(), MapOverlay::Mode::Diff);

        // A click on "- node Nightly cache warm-up" selects that card and shows it.
        int row = -1;
        for (int i = 0; i < w->changes()->count(); ++i)
            if (w->changes()->item(i)->text().startsWith(QStringLiteral("− node \"Nightly cache warm-up\"")))
                row = i;
        QVERIFY(row >= 0);
        QListWidget *list = w->changes();
        list->scrollToItem(list->item(row));
        QTest::mouseClick(
            list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
        const Id removed = readJson(beforePath).nodeByName(QStringLiteral("Nightly cache warm-up"))->id;
        NodeItem *item = scene->nodeItem(removed);
        QVERIFY(item);
        QTRY_VERIFY(item->isSelected());
        QCOMPARE(scene->selectedItems().size(), 1);
        const QRectF visible = w->view()->mapToScene(w->view()->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(item->sceneBoundingRect()));
        QVERIFY(w->view()->zoom() >= 0.99); // readable, at 100 %
        QCOMPARE(scene->overlay()->nodeDiff(removed), MapOverlay::DiffState::Removed);

        // FLOWBENCH_COMPARE_SCREENSHOT=FILE keeps a picture of the window to look at.
        if (qEnvironmentVariableIsSet("FLOWBENCH_COMPARE_SCREENSHOT"))
            QVERIFY(w->grab().save(qEnvironmentVariable("FLOWBENCH_COMPARE_SCREENSHOT")));

        // Read-only: the open project is untouched by comparing.
        QCOMPARE(doc->snapshot().nodes.size(), after.nodes.size());
        w->close();
        f.stop();
    }
};

QTEST_MAIN(TestCompareWindow)
#include "tst_comparewindow.moc"
