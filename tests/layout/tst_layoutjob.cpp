#include "layoutfixtures.h"

#include "layout/layoutjob.h"

#include <QSignalSpy>
#include <QtTest>

using namespace flowbench;

class TestLayoutJob : public QObject
{
    Q_OBJECT

private slots:
    void deliversOnTheOwningThread_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::newRow("graphviz dot") << int(LayoutStrategy::Graphviz);
        QTest::newRow("native layered") << int(LayoutStrategy::Layered);
    }
    void deliversOnTheOwningThread()
    {
        QFETCH(int, strategy);
        LayoutJob job;
        QSignalSpy finished(&job, &LayoutJob::finished);
        QSignalSpy failed(&job, &LayoutJob::failed);
        QSignalSpy progress(&job, &LayoutJob::progressChanged);
        LayoutRequest request = flowbench::testing::layeredMap(60, 3);
        request.strategy = LayoutStrategy(strategy);
        QThread *deliveredOn = nullptr;
        connect(&job, &LayoutJob::finished, this, [&] { deliveredOn = QThread::currentThread(); });
        job.start(request);
        QVERIFY(finished.wait(60000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(deliveredOn, QThread::currentThread());
        const LayoutResult result = finished.first().first().value<LayoutResult>();
        QCOMPARE(result.nodes.size(), 60);
        QCOMPARE(result.nodes.first().id, request.nodes.first().id);
        for (const QList<QVariant> &p : progress)
            QVERIFY(p.at(0).toInt() <= p.at(1).toInt());
        QVERIFY(!job.isRunning());
    }

    void cancelDiscardsTheResult()
    {
        LayoutJob job;
        QSignalSpy finished(&job, &LayoutJob::finished);
        QSignalSpy cancelled(&job, &LayoutJob::cancelled);
        LayoutRequest request = flowbench::testing::layeredMap(3000, 30);
        request.strategy = LayoutStrategy::Layered;
        job.start(request);
        job.cancel();
        QVERIFY(cancelled.wait(60000));
        // Give a late result every chance to arrive; it must not.
        QTest::qWait(200);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(cancelled.count(), 1);

        // The job is reusable afterwards.
        LayoutRequest small = flowbench::testing::layeredMap(12, 2);
        job.start(small);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().first().value<LayoutResult>().nodes.size(), 12);
    }

    void cancelAfterTheWorkerFinishedStillDiscards()
    {
        LayoutJob job;
        QSignalSpy finished(&job, &LayoutJob::finished);
        QSignalSpy cancelled(&job, &LayoutJob::cancelled);
        job.start(flowbench::testing::layeredMap(5, 1));
        // Let the worker finish without giving the job's thread a chance to see it.
        QThreadPool::globalInstance()->waitForDone(60000);
        QVERIFY(job.isRunning());
        job.cancel();
        QVERIFY(cancelled.wait(60000));
        QCOMPARE(finished.count(), 0);
        QVERIFY(!job.isRunning());
    }

    void restartCancelsThePreviousLayout()
    {
        LayoutJob job;
        QSignalSpy finished(&job, &LayoutJob::finished);
        QSignalSpy cancelled(&job, &LayoutJob::cancelled);
        LayoutRequest big = flowbench::testing::layeredMap(3000, 30);
        big.strategy = LayoutStrategy::Layered;
        job.start(big);
        job.start(flowbench::testing::layeredMap(10, 1));
        QVERIFY(finished.wait(60000));
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().value<LayoutResult>().nodes.size(), 10);
    }

    void badRequestFails()
    {
        LayoutJob job;
        QSignalSpy failed(&job, &LayoutJob::failed);
        LayoutRequest request;
        request.nodes = {flowbench::testing::layoutNode(QStringLiteral("a"))};
        request.edges = {{QStringLiteral("e"), QStringLiteral("a"), QStringLiteral("missing")}};
        job.start(request);
        QVERIFY(failed.wait(60000));
        QVERIFY(failed.first().first().toString().contains(QLatin1String("missing")));
    }

    void destroyingARunningJobIsSafe()
    {
        auto *job = new LayoutJob;
        LayoutRequest big = flowbench::testing::layeredMap(2000, 10);
        job->start(big);
        delete job;
        QThreadPool::globalInstance()->waitForDone(60000);
    }
};

QTEST_GUILESS_MAIN(TestLayoutJob)
#include "tst_layoutjob.moc"
