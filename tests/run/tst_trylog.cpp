// The tries of an `eventually` step as its evidence lists them: each try that did not pass
// with when it started, what it said (first line), and a long poll cut in the middle.
#include "run/trylog.h"

#include <QtTest>

using namespace flowbench;

class TryLogTest : public QObject
{
    Q_OBJECT
private slots:
    void lines_data()
    {
        QTest::addColumn<int>("tries");
        QTest::addColumn<QString>("evidence");
        QTest::addColumn<QString>("expected");
        QTest::newRow("none") << 0 << QStringLiteral("rows: []") << QStringLiteral("rows: []");
        QTest::newRow("two, then the evidence")
            << 2 << QStringLiteral("rows: []")
            << QStringLiteral(
                   "Tries:\n  try 1 at 0.0 s: fail: count 0\n  try 2 at 0.5 s: fail: count 1\n\nrows: []");
        QTest::newRow("no evidence") << 1 << QString()
                                     << QStringLiteral("Tries:\n  try 1 at 0.0 s: fail: count 0");
        QTest::newRow("ten: all shown") << 10 << QString() << QString();
        QTest::newRow("eleven: first 3, a gap, last 6")
            << 11 << QString()
            << QStringLiteral("Tries:\n  try 1 at 0.0 s: fail: count 0\n  try 2 at 0.5 s: fail: count 1\n"
                              "  try 3 at 1.0 s: fail: count 2\n  … 2 more tries …\n"
                              "  try 6 at 2.5 s: fail: count 5\n  try 7 at 3.0 s: fail: count 6\n"
                              "  try 8 at 3.5 s: fail: count 7\n  try 9 at 4.0 s: fail: count 8\n"
                              "  try 10 at 4.5 s: fail: count 9\n  try 11 at 5.0 s: fail: count 10");
    }

    void lines()
    {
        QFETCH(int, tries);
        QFETCH(QString, evidence);
        QFETCH(QString, expected);
        TryLog log;
        for (int i = 0; i < tries; ++i)
            log.note(i + 1, i * 500, ResultStatus::Fail, QStringLiteral("count %1\nsecond line").arg(i));
        const QString text = log.above(evidence);
        if (expected.isEmpty()) {
            QCOMPARE(text.count(QLatin1String("\n  try ")), tries);
            QVERIFY(!text.contains(QLatin1String("more tries")));
        } else {
            QCOMPARE(text, expected);
        }
        QVERIFY(!text.contains(QLatin1String("second line")));
    }

    void stoppedAtTheBound()
    {
        TryLog log;
        log.note(1, 0, ResultStatus::Error, QStringLiteral("connection refused"));
        log.noteStopped(2, 800);
        QCOMPARE(log.above(QString()),
            QStringLiteral("Tries:\n  try 1 at 0.0 s: error: connection refused\n  try 2 at 0.8 s: stopped "
                           "at the bound"));
        log.clear();
        QVERIFY(log.isEmpty());
        // A long message is cut to one short line: the last try's evidence has the rest.
        log.note(1, 0, ResultStatus::Fail, QString(500, QLatin1Char('x')));
        const QString line = log.above(QString()).section(QLatin1Char('\n'), 1, 1);
        QVERIFY2(line.size() < 200 && line.endsWith(QStringLiteral("x…")), qPrintable(line));
    }
};

QTEST_GUILESS_MAIN(TryLogTest)
#include "tst_trylog.moc"
