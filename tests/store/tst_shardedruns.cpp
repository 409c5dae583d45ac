// Sharded runs in the store, in a project file and in a shared project on a real
// PostgreSQL: shards claim one run (the first plan stays, also when they claim at once
// from two connections), add their results, and the run's counts, shards in and
// finished time follow; a shard twice, another shard count or an unsharded run id are
// refused; a copy of the project keeps which shards are in.
#undef QT_NO_CAST_FROM_ASCII
#include "io/canonicaljson.h"
#include "store/projectstore.h"
#include "support/sharedprojectserver.h"
#include "support/testenv.h"

#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

CheckResult result(const Id &testCase, ResultStatus status, qint64 ms, bool cleanup = false)
{
    CheckResult r;
    r.testCaseId = testCase;
    r.checkId = newId();
    r.status = status;
    r.durationMs = ms;
    r.cleanup = cleanup;
    r.finishedAt = QDateTime::currentDateTimeUtc();
    return r;
}

} // namespace

class TestShardedRuns : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SharedProjectServer m_pg;
    int m_made = 0;

    // A new empty project of this kind; its path or URL.
    QString make(const QString &kind)
    {
        const QString name = QStringLiteral("sharded_%1").arg(++m_made);
        if (kind == "file") {
            const QString path = m_dir.filePath(name + ".flowbench");
            return ProjectStore::create(path, name) ? path : QString();
        }
        const QString url = m_pg.url(name);
        const auto location = ProjectLocation::parse(url);
        return location && ProjectStore::create(location.value(), name) ? url : QString();
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_shardedruns");
        QVERIFY(m_dir.isValid());
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase() { QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString())); }

    void shardsMeetInOneRun_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("project file") << "file";
        QTest::newRow("shared project") << "shared";
    }
    void shardsMeetInOneRun()
    {
        QFETCH(QString, kind);
        if (kind == "shared" && !m_pg.started())
            QSKIP(m_pg.whyNot());
        const QString where = make(kind);
        QVERIFY(!where.isEmpty());

        Run run;
        run.id = newId();
        run.environment = "local";
        run.selection = "all";
        run.startedAt = QDateTime::currentDateTimeUtc();
        run.shardCount = 3;

        // Two shards claim at once, each on its own connection: both succeed, one plan.
        QString plans[2];
        QString errors[2];
        {
            std::thread claims[2];
            for (int i = 0; i < 2; ++i)
                claims[i] = std::thread([&, i] {
                    auto store = ProjectStore::open(where);
                    if (!store) {
                        errors[i] = store.error();
                        return;
                    }
                    const auto claim = store.value()->claimShardedRun(run, QStringLiteral("plan-%1").arg(i));
                    if (claim)
                        plans[i] = claim->plan;
                    else
                        errors[i] = claim.error();
                });
            for (std::thread &t : claims)
                t.join();
        }
        QVERIFY2(errors[0].isEmpty() && errors[1].isEmpty(), qPrintable(errors[0] + errors[1]));
        QCOMPARE(plans[0], plans[1]);
        QVERIFY(plans[0] == "plan-0" || plans[0] == "plan-1");

        auto store = ProjectStore::open(where);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        ProjectStore &s = *store.value();
        const auto again = s.claimShardedRun(run, "plan-late");
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->plan, plans[0]);
        QCOMPARE(again->run.shardCount, 3);
        QVERIFY(again->run.isPartial());
        QCOMPARE(again->run.partialNote(), QStringLiteral("partial: shards 1, 2, 3 of 3 missing"));

        // Shard 2 in: its counts; the run is partial, shards 1 and 3 missing.
        Run part = run;
        part.shardCount = 0;
        part.finishedAt = run.startedAt.addSecs(5);
        QVERIFY(s.addShardResults(
                     part, 2, { result("a", ResultStatus::Pass, 10), result("b", ResultStatus::Fail, 20) })
                    .ok());
        Run stored = s.runs().value().constLast();
        QCOMPARE(stored.id, run.id);
        QCOMPARE(stored.shardsIn, (QList<int> { 2 }));
        QCOMPARE(stored.missingShards(), (QList<int> { 1, 3 }));
        QCOMPARE(stored.passed, 1);
        QCOMPARE(stored.failed, 1);
        QCOMPARE(stored.finishedAt, part.finishedAt);

        // The same shard twice: refused, nothing changes.
        const Status twice = s.addShardResults(part, 2, { result("a", ResultStatus::Pass, 10) });
        QVERIFY(!twice);
        QVERIFY2(twice.error().contains(QStringLiteral("shard 2/3 of run %1 is in already").arg(run.id)),
            qPrintable(twice.error()));
        QCOMPARE(s.results(run.id).value().size(), 2);
        QVERIFY(!s.addShardResults(part, 4, {}));

        // Shards 3 (cancelled, finished last) and 1: counted from all results, as the
        // runner counts (a cleanup step only when it errored).
        Run third = part;
        third.cancelled = true;
        third.finishedAt = run.startedAt.addSecs(9);
        QVERIFY(s.addShardResults(third, 3,
                     { result("c", ResultStatus::Error, 30), result("c", ResultStatus::Skipped, 0) })
                    .ok());
        Run first = part;
        first.finishedAt = run.startedAt.addSecs(7);
        QVERIFY(s.addShardResults(first, 1,
                     { result("d", ResultStatus::Pass, 40), result("d", ResultStatus::Error, 5, true),
                         result("d", ResultStatus::Pass, 5, true) })
                    .ok());
        stored = s.runs().value().constLast();
        QCOMPARE(stored.shardsIn, (QList<int> { 1, 2, 3 }));
        QVERIFY(!stored.isPartial());
        QVERIFY(stored.partialNote().isEmpty());
        QCOMPARE(stored.passed, 2);
        QCOMPARE(stored.failed, 1);
        QCOMPARE(stored.errors, 2);
        QCOMPARE(stored.skipped, 1);
        QVERIFY(stored.cancelled);
        QCOMPARE(stored.finishedAt, third.finishedAt);
        QCOMPARE(stored.startedAt, run.startedAt);

        // Another shard count, or an id of an unsharded run: refused.
        Run four = run;
        four.shardCount = 4;
        const auto wrongCount = s.claimShardedRun(four, "x");
        QVERIFY(!wrongCount);
        QVERIFY2(
            wrongCount.error().contains("is split into 3 shards, not 4"), qPrintable(wrongCount.error()));
        Run plain;
        plain.id = newId();
        plain.startedAt = plain.finishedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(s.addRun(plain, {}).ok());
        Run claimPlain = run;
        claimPlain.id = plain.id;
        const auto notSharded = s.claimShardedRun(claimPlain, "x");
        QVERIFY(!notSharded);
        QVERIFY2(notSharded.error().contains("is not a sharded run"), qPrintable(notSharded.error()));
        QVERIFY(!s.addShardResults(plain, 1, {}));

        // Durations for the next plan: by test case, leaving out the run being planned.
        const auto durations = s.testCaseDurations(run.id);
        QVERIFY(durations.ok());
        QVERIFY(durations->isEmpty());
        const auto withRun = s.testCaseDurations(newId());
        QCOMPARE(withRun->value("a"), qint64(10));
        QCOMPARE(withRun->value("d"), qint64(50));

        // A copy keeps which shards are in.
        const auto loaded = s.load();
        QVERIFY(loaded.ok());
        const QString copy = m_dir.filePath(QStringLiteral("copy_%1.flowbench").arg(kind));
        auto copied = ProjectStore::create(copy, "copy");
        QVERIFY(copied.ok());
        QVERIFY2(copied.value()->replaceContents(loaded.value()).ok(), "copy");
        const QList<Run> copiedRuns = copied.value()->runs().value();
        QCOMPARE(copiedRuns, loaded->runs);
        QCOMPARE(copiedRuns.size(), 2);
        // And so does canonical JSON with the run history.
        const auto fromJson = fromCanonicalJson(toCanonicalJson(loaded.value(), { true }), "runs.json");
        QVERIFY2(fromJson.ok(), qPrintable(fromJson.error()));
        QCOMPARE(fromJson->runs, sortedCanonically(loaded.value()).runs);
        QVERIFY(toCanonicalJson(loaded.value(), { true }).contains("\"shardsIn\": [1, 2, 3]"));
    }
};

QTEST_GUILESS_MAIN(TestShardedRuns)
#include "tst_shardedruns.moc"
