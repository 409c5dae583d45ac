// log checks on real files: only lines written since the run began count.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/logbaseline.h"
#include "support/checkharness.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestLogCheck : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString &relative) const { return QDir(m_dir->path()).filePath(relative); }
    void append(const QString &relative, const QByteArray &text)
    {
        QFile f(path(relative));
        QVERIFY(f.open(QIODevice::Append));
        f.write(text);
    }
    static Check logCheck(const QString &file, const QString &regex, const QList<Assertion> &assertions = {},
                          const QList<Capture> &captures = {})
    {
        return makeCheck("log", QJsonObject{{"file", file}, {"regex", regex}}, assertions, captures);
    }
    // A run that began now, with a baseline over the given checks.
    CheckContext beginRun(const QList<Check> &checks)
    {
        CheckContext c;
        c.projectDir = m_dir->path();
        c.runStartedAt = QDateTime::currentDateTimeUtc();
        c.variables.set("order_id", "42");
        c.logBaseline = std::make_shared<LogBaseline>(LogBaseline::take(checks, c.projectDir, c.variables));
        return c;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(QDir(m_dir->path()).mkdir("logs"));
        append("logs/app.log", "old: order 42 confirmed\nold: order 41 confirmed\nold: order 7 failed\n");
    }

    void onlyNewLinesCount()
    {
        const Check once = logCheck("logs/app.log", "order {{order_id}} confirmed", {assertion("count", {}, "==", 1)});
        const CheckContext ctx = beginRun({once});
        append("logs/app.log", "new: order 42 confirmed\nnew: order 43 failed\n");
        CheckOutcome outcome = runCheck(once, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(outcome.message, QStringLiteral("logs/app.log: 1 new matching line(s); 1 assertion held"));
        QVERIFY2(outcome.evidence.contains("new: order 42 confirmed") && !outcome.evidence.contains("old:"), qPrintable(outcome.evidence));

        const Check twice = logCheck("logs/app.log", "order {{order_id}} confirmed", {assertion("count", {}, "==", 2)});
        outcome = runCheck(twice, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QCOMPARE(outcome.message, QStringLiteral("count: expected 2, got 1"));
    }

    void defaultIsAtLeastOne()
    {
        const Check c = logCheck("logs/app.log", "order 7 failed");
        const CheckContext ctx = beginRun({c});
        append("logs/app.log", "new: order 8 failed\n");
        const CheckOutcome outcome = runCheck(c, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QCOMPARE(outcome.message, QStringLiteral("count: expected >= 1, got 0"));
        append("logs/app.log", "new: order 7 failed\n");
        FLOWBENCH_COMPARE_STATUS(runCheck(c, ctx), ResultStatus::Pass);
    }

    void globCoversFilesCreatedDuringTheRun()
    {
        const Check c = logCheck("logs/*.log", "confirmed", {assertion("count", {}, "==", 3)});
        const CheckContext ctx = beginRun({c});
        append("logs/app.log", "new: order 42 confirmed\n");
        append("logs/worker.log", "worker: order 42 confirmed\nworker: order 43 confirmed\n");
        append("logs/ignored.txt", "order 1 confirmed\n");
        const CheckOutcome outcome = runCheck(c, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY2(outcome.evidence.contains("worker.log"), qPrintable(outcome.evidence));
    }

    void rotatedFileIsReadFromTheStart()
    {
        const Check c = logCheck("logs/app.log", "started", {assertion("count", {}, "==", 1)});
        const CheckContext ctx = beginRun({c});
        QFile f(path("logs/app.log"));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("started\n");
        f.close();
        FLOWBENCH_COMPARE_STATUS(runCheck(c, ctx), ResultStatus::Pass);
    }

    void variablesAreLiteralInTheRegex()
    {
        const Check c = logCheck("logs/app.log", "order {{order_id}} confirmed", {assertion("count", {}, "==", 0)});
        CheckContext ctx = beginRun({c});
        ctx.variables.set("order_id", "4.");
        append("logs/app.log", "new: order 42 confirmed\n");
        // "4." is the text "4." here, not "4 and any character".
        FLOWBENCH_COMPARE_STATUS(runCheck(c, ctx), ResultStatus::Pass);
    }

    void regexCapture()
    {
        const Check c = logCheck("logs/app.log", "failed", {}, {{"failed_order", "regex", "order (\\d+) failed"}});
        const CheckContext ctx = beginRun({c});
        append("logs/app.log", "new: order 43 failed\nnew: order 44 failed\n");
        const CheckOutcome outcome = runCheck(c, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(outcome.captures.value("failed_order"), QStringLiteral("43"));
    }

    void baselineCoversPatternsWithUnknownVariables()
    {
        // The file name depends on a capture that does not exist when the run begins.
        const Check c = logCheck("logs/job-{{job_id}}.log", "done");
        append("logs/job-9.log", "done (old)\n");
        CheckContext ctx = beginRun({c});
        ctx.variables.set("job_id", "9");
        FLOWBENCH_COMPARE_STATUS(runCheck(c, ctx), ResultStatus::Fail);
        append("logs/job-9.log", "done (new)\n");
        FLOWBENCH_COMPARE_STATUS(runCheck(c, ctx), ResultStatus::Pass);
    }

    void withoutBaseline()
    {
        const Check c = logCheck("logs/app.log", "confirmed");
        CheckContext ctx;
        ctx.projectDir = m_dir->path();
        // The file was last written before the run began: nothing new to count.
        ctx.runStartedAt = QDateTime::currentDateTimeUtc().addSecs(60);
        CheckOutcome outcome = runCheck(c, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QCOMPARE(outcome.message, QStringLiteral("count: expected >= 1, got 0"));
        // Written during the run, but no size was recorded: an error, not a guess.
        ctx.runStartedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        outcome = runCheck(c, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith(path("logs/app.log") + " changed since the run began"), qPrintable(outcome.message));
    }

    void withoutBaselineLineTimesDecide()
    {
        const QDateTime start = QDateTime::currentDateTimeUtc();
        const QDateTime before = start.addSecs(-3600);
        const QDateTime after = start.addSecs(2);
        QByteArray text;
        text += before.toString(Qt::ISODateWithMs).toUtf8() + " order 42 confirmed\n";
        text += "[" + before.toOffsetFromUtc(3600).toString(Qt::ISODate).toUtf8() + "] order 42 confirmed\n";
        text += after.toString(Qt::ISODateWithMs).toUtf8() + " order 42 confirmed\n";
        text += "  continuation: order 42 confirmed\n"; // belongs to the line above: new
        text += "[" + after.toOffsetFromUtc(-7200).toString(Qt::ISODate).toUtf8() + "] order 42 confirmed\n";
        text += after.toLocalTime().toString("yyyy-MM-dd HH:mm:ss,zzz").toUtf8() + " order 42 confirmed\n";
        // Whole seconds: the second the run began in may hold new lines.
        text += start.toString(Qt::ISODate).toUtf8() + " order 42 confirmed\n";
        append("logs/timed.log", text);
        CheckContext ctx;
        ctx.projectDir = m_dir->path();
        ctx.runStartedAt = start;
        ctx.variables.set("order_id", "42");
        const CheckOutcome outcome = runCheck(
            logCheck("logs/timed.log", "order {{order_id}} confirmed", {assertion("count", {}, "==", 5)}), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    void errors()
    {
        const CheckContext ctx = beginRun({});
        CheckOutcome outcome = runCheck(logCheck("logs/missing-*.log", "x"), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, "no log file matches " + path("logs/missing-*.log"));
        outcome = runCheck(logCheck("logs/app.log", "order {{nope}}"), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("unknown variable {{nope}} in spec.regex"));
    }

    void validation_data()
    {
        QTest::addColumn<QJsonObject>("spec");
        QTest::addColumn<QString>("error");
        QTest::newRow("no file") << QJsonObject{{"regex", "x"}} << "spec.file: must name a log file or glob";
        QTest::newRow("no regex") << QJsonObject{{"file", "a.log"}} << "spec.regex: must not be empty";
        QTest::newRow("bad regex") << QJsonObject{{"file", "a.log"}, {"regex", "a[b"}}
                                   << "spec.regex: \"a[b\" is invalid: missing terminating ] for character class";
    }

    void validation()
    {
        QFETCH(QJsonObject, spec);
        QFETCH(QString, error);
        const Status s = CheckRegistry::instance().validate(makeCheck("log", spec));
        QVERIFY(!s.ok());
        QCOMPARE(s.error(), error);
    }

    void onlyCountAssertions()
    {
        const Status s = CheckRegistry::instance().validate(
            logCheck("a.log", "x", {assertion("status", {}, "==", 200)}));
        QVERIFY(!s.ok());
        QCOMPARE(s.error(), QStringLiteral("assertions[0]: kind \"status\" is not known to log checks (known: count)"));
    }
};

QTEST_GUILESS_MAIN(TestLogCheck)
#include "tst_logcheck.moc"
