// ShardPlan and ShardSpec: "--shard K/N" parsing, and the split every shard of a run
// computes: each test case in exactly one shard, the same plan whatever order the test
// cases come in, balanced by recorded durations.
#undef QT_NO_CAST_FROM_ASCII
#include "run/shardplan.h"

#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <limits>

using namespace flowbench;

namespace {

QList<Id> ids(int n)
{
    QList<Id> out;
    for (int i = 0; i < n; ++i)
        out << QStringLiteral("tc-%1").arg(i, 3, 10, QLatin1Char('0'));
    return out;
}

} // namespace

class TestShardPlan : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("index"); // 0: an error
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("error");
        QTest::newRow("first") << "1/3" << 1 << 3 << "";
        QTest::newRow("last") << "3/3" << 3 << 3 << "";
        QTest::newRow("one of one") << "1/1" << 1 << 1 << "";
        QTest::newRow("spaces") << " 2 / 4 " << 2 << 4 << "";
        QTest::newRow("zero K") << "0/3" << 0 << 0 << "K must be from 1 to N (3)";
        QTest::newRow("K above N") << "4/3" << 0 << 0 << "K must be from 1 to N (3)";
        QTest::newRow("zero N") << "1/0" << 0 << 0 << "N must be from 1 to 1000";
        QTest::newRow("no N") << "3" << 0 << 0 << "expected K/N";
        QTest::newRow("words") << "two/three" << 0 << 0 << "expected K/N";
        QTest::newRow("negative") << "-1/3" << 0 << 0 << "expected K/N";
        QTest::newRow("empty") << "" << 0 << 0 << "expected K/N";
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(int, index);
        QFETCH(int, count);
        QFETCH(QString, error);
        const Result<ShardSpec> spec = ShardSpec::parse(text);
        if (index == 0) {
            QVERIFY(!spec);
            QVERIFY2(spec.error().contains(error), qPrintable(spec.error()));
            QVERIFY2(
                spec.error().contains(QLatin1Char('"') + text + QLatin1Char('"')), qPrintable(spec.error()));
            return;
        }
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        QCOMPARE(spec->index, index);
        QCOMPARE(spec->count, count);
        QCOMPARE(spec->toString(), QStringLiteral("%1/%2").arg(index).arg(count));
    }

    void split_data()
    {
        QTest::addColumn<int>("cases");
        QTest::addColumn<int>("shards");
        QTest::addColumn<QList<qint64>>("durations"); // of the first cases; the rest have none
        QTest::newRow("no history, even") << 9 << 3 << QList<qint64>();
        QTest::newRow("no history, uneven") << 10 << 3 << QList<qint64>();
        QTest::newRow("one shard") << 7 << 1 << QList<qint64> { 5, 1, 9 };
        QTest::newRow("more shards than cases") << 2 << 5 << QList<qint64> { 100, 200 };
        QTest::newRow("one long case") << 6 << 3 << QList<qint64> { 60000, 10, 10, 10, 10, 10 };
        QTest::newRow("mixed") << 40 << 4
                               << QList<qint64> { 3000, 120, 4500, 800, 800, 800, 9000, 15, 0, 2200 };
        QTest::newRow("all equal") << 12 << 5 << QList<qint64>(12, 250);
        QTest::newRow("many") << 500 << 7 << QList<qint64> { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 5000 };
    }
    void split()
    {
        QFETCH(int, cases);
        QFETCH(int, shards);
        QFETCH(QList<qint64>, durations);
        const QList<Id> all = ids(cases);
        QHash<Id, qint64> recorded;
        for (int i = 0; i < durations.size(); ++i)
            recorded.insert(all.at(i), durations.at(i));
        const ShardPlan plan = ShardPlan::split(all, recorded, shards);
        QCOMPARE(plan.count(), shards);

        // Every test case in exactly one shard.
        QList<Id> seen;
        for (int k = 1; k <= shards; ++k)
            seen += plan.shard(k);
        std::sort(seen.begin(), seen.end());
        QCOMPARE(seen, all);
        QCOMPARE(plan.testCaseIds(), all);
        QVERIFY(plan.shard(0).isEmpty());
        QVERIFY(plan.shard(shards + 1).isEmpty());

        // The same plan whatever order the test cases come in (each shard sorts its own
        // selection differently: by node, by position...).
        QRandomGenerator random(20261203);
        for (int round = 0; round < 5; ++round) {
            QList<Id> shuffled = all;
            std::shuffle(shuffled.begin(), shuffled.end(), random);
            QVERIFY(ShardPlan::split(shuffled, recorded, shards) == plan);
        }
        // Duplicates change nothing.
        QVERIFY(ShardPlan::split(all + all.mid(0, 3), recorded, shards) == plan);

        // Balanced: longest first onto the lightest shard leaves the heaviest shard at
        // most one test case (the longest) above the lightest.
        qint64 longest = 0;
        for (const Id &id : all)
            longest = qMax(longest, recorded.value(id, ShardPlan::kDefaultDurationMs));
        if (durations.isEmpty() || durations.size() < cases) {
            QList<qint64> known = durations;
            std::sort(known.begin(), known.end());
            const qint64 median
                = known.isEmpty() ? ShardPlan::kDefaultDurationMs : known.at(known.size() / 2);
            longest = qMax(longest, median);
        }
        qint64 heaviest = 0, lightest = std::numeric_limits<qint64>::max();
        int most = 0, fewest = cases;
        for (int k = 1; k <= shards; ++k) {
            heaviest = qMax(heaviest, plan.estimatedMs(k));
            lightest = qMin(lightest, plan.estimatedMs(k));
            most = qMax(most, int(plan.shard(k).size()));
            fewest = qMin(fewest, int(plan.shard(k).size()));
        }
        QVERIFY2(heaviest - lightest <= longest,
            qPrintable(QStringLiteral("heaviest %1 ms, lightest %2 ms, longest case %3 ms")
                           .arg(heaviest)
                           .arg(lightest)
                           .arg(longest)));
        if (durations.isEmpty() || std::all_of(durations.begin(), durations.end(), [&](qint64 d) {
                return d == durations.first();
            }))
            QVERIFY2(most - fewest <= 1, "equal durations: the shards differ by one test case at most");

        // Stored with the run and read back by the other shards: the same plan.
        const Result<ShardPlan> read = ShardPlan::fromJson(plan.toJson());
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QVERIFY(read.value() == plan);
        for (int k = 1; k <= shards; ++k)
            QCOMPARE(read->estimatedMs(k), plan.estimatedMs(k));
    }

    // Longest first: the two long cases go to different shards, the short ones fill up
    // the lighter shard; a case without history weighs the median of the known ones.
    void longestFirstOntoTheLightest()
    {
        const QHash<Id, qint64> recorded { { "a", 5000 }, { "b", 4000 }, { "c", 1000 }, { "d", 1000 },
            { "e", 1000 } };
        const ShardPlan plan = ShardPlan::split({ "e", "d", "c", "b", "a" }, recorded, 2);
        QCOMPARE(plan.shard(1), (QList<Id> { "a", "d" }));
        QCOMPARE(plan.shard(2), (QList<Id> { "b", "c", "e" }));
        QCOMPARE(plan.estimatedMs(1), qint64(6000));
        QCOMPARE(plan.estimatedMs(2), qint64(6000));

        // "x" has no history: it counts as the median of a, b and c, 1000 ms.
        const ShardPlan withNew
            = ShardPlan::split({ "a", "b", "c", "x" }, { { "a", 3000 }, { "b", 1000 }, { "c", 500 } }, 2);
        QCOMPARE(withNew.shard(1), (QList<Id> { "a" }));
        QCOMPARE(withNew.shard(2), (QList<Id> { "b", "c", "x" }));
        QCOMPARE(withNew.estimatedMs(2), qint64(2500));
    }

    void damagedStoredPlan()
    {
        QVERIFY(!ShardPlan::fromJson(QStringLiteral("not json")));
        QVERIFY(!ShardPlan::fromJson(QStringLiteral("{\"shards\": 3}")));
    }
};

QTEST_GUILESS_MAIN(TestShardPlan)
#include "tst_shardplan.moc"
