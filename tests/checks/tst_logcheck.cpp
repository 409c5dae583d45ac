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

    // Log rotation during the run, with real files. `ops` run in order; "run" is when
    // the run begins (the baseline is taken). The check counts every line (": "), so a
    // line from before the run that is counted, or a line counted twice, shows.
    //   append FILE TEXT   one line at the end (the file is created if missing)
    //   rename FROM TO     rename(2): the same file under another name
    //   copy FROM TO       a new file with the same bytes
    //   truncate FILE      to 0 bytes, in place (the same file)
    //   remove FILE
    void rotation_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("ops");
        QTest::addColumn<int>("count"); // lines written during the run

        const QString old = "append logs/app.log old: before the run";
        QTest::newRow("appended") << "logs/app.log"
                                  << QStringList { old, "run", "append logs/app.log new: 1",
                                         "append logs/app.log new: 2" }
                                  << 2;
        QTest::newRow("renamed away, new file at the old name")
            << "logs/app.log"
            << QStringList { old, "run", "append logs/app.log new: 1", "rename logs/app.log logs/app.log.1",
                   "append logs/app.log new: 2" }
            << 2;
        QTest::newRow("renamed away, glob over the rotated files")
            << "logs/app.log*"
            << QStringList { "append logs/app.log.1 old: rotated before the run, longer", old, "run",
                   "append logs/app.log new: 1", "rename logs/app.log.1 logs/app.log.2",
                   "rename logs/app.log logs/app.log.1", "append logs/app.log new: 2",
                   "append logs/app.log new: 3" }
            << 3;
        QTest::newRow("rotated twice, glob")
            << "logs/app.log*"
            << QStringList { old, "run", "append logs/app.log new: 1", "rename logs/app.log logs/app.log.1",
                   "append logs/app.log new: 2", "rename logs/app.log.1 logs/app.log.2",
                   "rename logs/app.log logs/app.log.1", "append logs/app.log new: 3" }
            << 3;
        // A file made and rotated away during the run is only found by a glob.
        QTest::newRow("rotated twice, one name")
            << "logs/app.log"
            << QStringList { old, "run", "append logs/app.log new: 1", "rename logs/app.log logs/app.log.1",
                   "append logs/app.log new: 2", "rename logs/app.log.1 logs/app.log.2",
                   "rename logs/app.log logs/app.log.1", "append logs/app.log new: 3" }
            << 2;
        QTest::newRow("renamed away and removed")
            << "logs/app.log"
            << QStringList { old, "run", "append logs/app.log new: 1", "rename logs/app.log logs/app.log.1",
                   "remove logs/app.log.1", "append logs/app.log new: 2" }
            << 2;
        QTest::newRow("truncated in place") << "logs/app.log"
                                            << QStringList { old, "run", "append logs/app.log new: 1",
                                                   "truncate logs/app.log", "append logs/app.log new: 2" }
                                            << 1;
        // copytruncate: what came before the truncation is in the copy; a glob reads it there.
        QTest::newRow("copytruncate, one name")
            << "logs/app.log"
            << QStringList { old, "run", "append logs/app.log new: 1", "copy logs/app.log logs/app.log.1",
                   "truncate logs/app.log", "append logs/app.log new: 2" }
            << 1;
        QTest::newRow("copytruncate, glob")
            << "logs/app.log*"
            << QStringList { old, "run", "append logs/app.log new: 1", "copy logs/app.log logs/app.log.1",
                   "truncate logs/app.log", "append logs/app.log new: 2" }
            << 2;
        QTest::newRow("copytruncate, regrown past its old size")
            << "logs/app.log"
            << QStringList { "append logs/app.log o: ", "run", "copy logs/app.log logs/app.log.1",
                   "truncate logs/app.log", "append logs/app.log new: a line longer than the file was" }
            << 1;
        QTest::newRow("lines before the run never count")
            << "logs/app.log*"
            << QStringList { "append logs/app.log.2 old: rotated", "append logs/app.log.1 old: 1", old,
                   "run" }
            << 0;
        // The new file begins like the old one did: still new, not taken for a copy.
        QTest::newRow("new file with the old first line")
            << "logs/app.log"
            << QStringList { old, "run", "rename logs/app.log logs/app.log.1", old,
                   "append logs/app.log new: 1" }
            << 2;
    }

    void rotation()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, ops);
        QFETCH(int, count);
        QVERIFY(QFile::remove(path("logs/app.log"))); // init() wrote one; each row writes its own
        const Check c = logCheck(pattern, ": ", { assertion("count", {}, "==", count) });
        CheckContext ctx;
        for (const QString &op : std::as_const(ops)) {
            const QStringList w = op.split(' ');
            if (w[0] == "run") {
                ctx = beginRun({ c });
            } else if (w[0] == "append") {
                append(w[1], w.mid(2).join(' ').toUtf8() + '\n');
            } else if (w[0] == "rename") {
                QVERIFY2(QFile::rename(path(w[1]), path(w[2])), qPrintable(op));
            } else if (w[0] == "copy") {
                QVERIFY2(QFile::copy(path(w[1]), path(w[2])), qPrintable(op));
            } else if (w[0] == "truncate") {
                QFile f(path(w[1]));
                QVERIFY2(f.resize(0), qPrintable(op));
            } else if (w[0] == "remove") {
                QVERIFY2(QFile::remove(path(w[1])), qPrintable(op));
            } else {
                QFAIL(qPrintable("unknown op " + op));
            }
        }
        const CheckOutcome outcome = runCheck(c, ctx);
        QVERIFY2(outcome.status == ResultStatus::Pass, qPrintable(outcome.message + "\n" + outcome.evidence));
    }

    void rotatedFileIsNamedInTheEvidence()
    {
        const Check c = logCheck("logs/app.log", "^new");
        const CheckContext ctx = beginRun({ c });
        append("logs/app.log", "new: 1\n");
        QVERIFY(QFile::rename(path("logs/app.log"), path("logs/app.log.1")));
        append("logs/app.log", "new: 2\n");
        const CheckOutcome outcome = runCheck(c, ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY2(outcome.evidence.startsWith(
                     QStringLiteral("2 new matching line(s) of /^new/ in %1 (%2 when the run began), %2\n")
                         .arg(path("logs/app.log.1"), path("logs/app.log"))),
            qPrintable(outcome.evidence));
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
