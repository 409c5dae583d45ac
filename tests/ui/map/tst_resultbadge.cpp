// The badge a card wears after a run, as a reviewer reads it at 100 %: words for one kind
// of result, the legend's symbols with counts when there are several (so it fits).
#include "map/mapoverlay.h"

#include <QtTest>

using namespace flowbench;

class TestResultBadge : public QObject
{
    Q_OBJECT
private slots:
    void badge_data()
    {
        QTest::addColumn<int>("failed");
        QTest::addColumn<int>("errors");
        QTest::addColumn<int>("passed");
        QTest::addColumn<int>("skipped");
        QTest::addColumn<bool>("stale");
        QTest::addColumn<QString>("badge");
        QTest::newRow("failed") << 2 << 0 << 0 << 0 << false << QStringLiteral("✗ 2 failed");
        QTest::newRow("one error") << 0 << 1 << 0 << 0 << false << QStringLiteral("! 1 error");
        QTest::newRow("errors") << 0 << 3 << 0 << 0 << false << QStringLiteral("! 3 errors");
        QTest::newRow("passed") << 0 << 0 << 5 << 1 << false << QStringLiteral("✓ 5 passed");
        QTest::newRow("skipped only") << 0 << 0 << 0 << 2 << false << QStringLiteral("2 skipped");
        QTest::newRow("mixed") << 1 << 1 << 2 << 0 << false << QStringLiteral("✗ 1 · ! 1 · ✓ 2");
        QTest::newRow("failed and passed") << 1 << 0 << 2 << 0 << false << QStringLiteral("✗ 1 · ✓ 2");
        QTest::newRow("stale") << 0 << 0 << 3 << 0 << true << QStringLiteral("✓ 3 passed · stale");
        QTest::newRow("not run") << 0 << 0 << 0 << 0 << false << QString();
    }

    void badge()
    {
        QFETCH(int, failed);
        QFETCH(int, errors);
        QFETCH(int, passed);
        QFETCH(int, skipped);
        QFETCH(bool, stale);
        QFETCH(QString, badge);
        NodeOutcome o;
        o.failed = failed;
        o.errors = errors;
        o.passed = passed;
        o.skipped = skipped;
        QCOMPARE(MapOverlay::resultBadge(o, stale), badge);
    }
};

QTEST_MAIN(TestResultBadge)
#include "tst_resultbadge.moc"
