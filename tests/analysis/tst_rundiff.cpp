// Two runs of one project compared (analysis/rundiff.h): the groups check by check, the
// nodes' changes for the map, the run lookup by id or prefix, and `flowbench-cli diff
// PROJECT --runs` on a project with three runs (tests/data/rundiff/shop-runs/: the
// canonical JSON and golden texts), on the JSON and on a project file made from it.
#include "analysis/rundiff.h"
#include "io/canonicaljson.h"
#include "support/cliprocess.h"
#include "support/projectfile.h"
#include "support/testenv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

CheckResult result(const Id &check, ResultStatus status, const QString &message = QString())
{
    CheckResult r;
    r.id = newId();
    r.checkId = check;
    r.status = status;
    r.message = message;
    return r;
}

const QString kRun1 = QStringLiteral("a1000000-0000-4000-8000-000000000001");
const QString kRun2 = QStringLiteral("a2000000-0000-4000-8000-000000000002");
const QString kRun3 = QStringLiteral("b3000000-0000-4000-8000-000000000003");

} // namespace

class TestRunDiff : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void groupsCheckByCheck();
    void newAndGoneChecks();
    void nodeChangesTakeTheWorst();
    void findRunByIdOrPrefix_data();
    void findRunByIdOrPrefix();
    void goldenTexts_data();
    void goldenTexts();
    void errorsNameTheRun_data();
    void errorsNameTheRun();
    void cliOnJsonAndProjectFile_data();
    void cliOnJsonAndProjectFile();

private:
    QString m_dir;
};

void TestRunDiff::initTestCase()
{
    m_dir = QFINDTESTDATA("data/rundiff/shop-runs");
    QVERIFY2(!m_dir.isEmpty(), "tests/data/rundiff/shop-runs not found");
}

// Moved from tst_nodeoutcomes (compareRuns) with its assertions.
void TestRunDiff::groupsCheckByCheck()
{
    const Id c1 = newId(), c2 = newId(), c3 = newId(), c4 = newId();
    const QList<CheckResult> before { result(c1, ResultStatus::Pass), result(c2, ResultStatus::Fail),
        result(c3, ResultStatus::Error), result(c4, ResultStatus::Pass) };
    const QList<CheckResult> after { result(c1, ResultStatus::Fail), result(c2, ResultStatus::Pass),
        result(c3, ResultStatus::Fail), result(c4, ResultStatus::Pass) };
    const RunDiff d = RunDiff::compare(before, after);
    QCOMPARE(RunDiff::checkIds(d.newFailures), QList<Id> { c1 });
    QCOMPARE(RunDiff::checkIds(d.fixed), QList<Id> { c2 });
    QCOMPARE(RunDiff::checkIds(d.stillFailing), QList<Id> { c3 });
    QCOMPARE(RunDiff::checkIds(d.stillPassing), QList<Id> { c4 });
    QVERIFY(d.newChecks.isEmpty() && d.goneChecks.isEmpty());
    QVERIFY(d.hasNewFailures());
    QVERIFY(d.stillFailing.first().before->status == ResultStatus::Error);
    QVERIFY(d.stillFailing.first().after->status == ResultStatus::Fail);
    QVERIFY(!RunDiff::compare(after, after).hasNewFailures());
}

void TestRunDiff::newAndGoneChecks()
{
    const Id kept = newId(), added = newId(), addedPassing = newId(), gone = newId(), skipped = newId();
    const RunDiff d = RunDiff::compare(
        { result(kept, ResultStatus::Pass), result(gone, ResultStatus::Fail, QStringLiteral("boom")),
            result(skipped, ResultStatus::Fail) },
        { result(kept, ResultStatus::Pass), result(added, ResultStatus::Error),
            result(addedPassing, ResultStatus::Pass), result(skipped, ResultStatus::Skipped) });
    // A new check that fails is a new failure too; a skipped one neither fails nor passes.
    QCOMPARE(RunDiff::checkIds(d.newFailures), QList<Id> { added });
    QCOMPARE(RunDiff::checkIds(d.newChecks), (QList<Id> { added, addedPassing }));
    QCOMPARE(RunDiff::checkIds(d.goneChecks), QList<Id> { gone });
    QVERIFY(!d.goneChecks.first().after);
    QCOMPARE(d.goneChecks.first().latest().message, QStringLiteral("boom"));
    QVERIFY(d.fixed.isEmpty() && d.stillFailing.isEmpty());
}

void TestRunDiff::nodeChangesTakeTheWorst()
{
    const Project project = readJson(m_dir + QStringLiteral("/project.json"));
    const Result<RunDiff> d = diffRuns(project);
    QVERIFY2(d, qPrintable(d ? QString() : d.error()));
    const QHash<Id, RunDiff::NodeChange> changes = d->nodeChanges(project);
    auto change = [&](const QString &name) {
        const Node *n = project.nodeByName(name);
        return n && changes.contains(n->id) ? int(changes.value(n->id)) : -1;
    };
    QCOMPARE(change(QStringLiteral("POST /orders")), int(RunDiff::NodeChange::NewFailure));
    QCOMPARE(change(QStringLiteral("orders")), int(RunDiff::NodeChange::Fixed));
    QCOMPARE(change(QStringLiteral("users")), int(RunDiff::NodeChange::StillFailing));
    QCOMPARE(change(QStringLiteral("Product cache")), -1); // its only check did not run in B
    QCOMPARE(change(QStringLiteral("Payment gateway")), -1); // no checks
}

void TestRunDiff::findRunByIdOrPrefix_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<int>("index"); // -1: an error
    QTest::addColumn<QString>("error");
    QTest::newRow("whole id") << kRun2 << 1 << QString();
    QTest::newRow("unique prefix") << QStringLiteral("b3") << 2 << QString();
    QTest::newRow("ambiguous prefix")
        << QStringLiteral("a") << -1 << QStringLiteral("run a is ambiguous: 2 runs");
    QTest::newRow("unknown") << QStringLiteral("zz") << -1 << QStringLiteral("no run zz");
}

void TestRunDiff::findRunByIdOrPrefix()
{
    QFETCH(QString, given);
    QFETCH(int, index);
    QFETCH(QString, error);
    const Project project = readJson(m_dir + QStringLiteral("/project.json"));
    const Result<qsizetype> found = findRun(project.runs, given);
    if (index < 0) {
        QVERIFY(!found);
        QVERIFY2(found.error().contains(error), qPrintable(found.error()));
    } else {
        QVERIFY2(found, qPrintable(found ? QString() : found.error()));
        QCOMPARE(found.value(), qsizetype(index));
    }
}

void TestRunDiff::goldenTexts_data()
{
    QTest::addColumn<QString>("runA");
    QTest::addColumn<QString>("runB");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("newFailures");
    QTest::newRow("newest against the one before") << QString() << QString() << "expected-newest.txt" << true;
    QTest::newRow("first two by prefix") << "a1"
                                         << "a2"
                                         << "expected-first-two.txt" << false;
    QTest::newRow("first against the newest") << kRun1 << QString() << "expected-since-first.txt" << true;
}

void TestRunDiff::goldenTexts()
{
    QFETCH(QString, runA);
    QFETCH(QString, runB);
    QFETCH(QString, expected);
    QFETCH(bool, newFailures);
    const Project project = readJson(m_dir + QStringLiteral("/project.json"));
    const Result<RunDiff> d = diffRuns(project, runA, runB);
    QVERIFY2(d, qPrintable(d ? QString() : d.error()));
    QCOMPARE(d->toText(project), readText(m_dir + QLatin1Char('/') + expected));
    QCOMPARE(d->hasNewFailures(), newFailures);
}

void TestRunDiff::errorsNameTheRun_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("runA");
    QTest::addColumn<QString>("runB");
    QTest::addColumn<QString>("error");
    QTest::newRow("one run only") << "one-run.json" << QString() << QString()
                                  << "the project has 1 run in its history; a diff of runs needs two";
    QTest::newRow("unknown A") << "project.json"
                               << "nope" << QString() << "no run nope in the project's history";
    QTest::newRow("unknown B") << "project.json"
                               << "a1"
                               << "c0ffee"
                               << "no run c0ffee";
    QTest::newRow("ambiguous") << "project.json"
                               << "a" << QString() << "run a is ambiguous";
    QTest::newRow("newest alone") << "project.json"
                                  << "b3" << QString() << "compared with itself";
    QTest::newRow("first as B") << "project.json" << QString() << "a1"
                                << "there is none before it";
}

void TestRunDiff::errorsNameTheRun()
{
    QFETCH(QString, file);
    QFETCH(QString, runA);
    QFETCH(QString, runB);
    QFETCH(QString, error);
    const Result<RunDiff> d = diffRuns(readJson(m_dir + QLatin1Char('/') + file), runA, runB);
    QVERIFY(!d);
    QVERIFY2(d.error().contains(error), qPrintable(d.error()));
}

void TestRunDiff::cliOnJsonAndProjectFile_data()
{
    QTest::addColumn<QStringList>("runs");
    QTest::addColumn<QString>("expected"); // golden file, or what standard error says
    QTest::addColumn<int>("exitCode");
    QTest::newRow("default") << QStringList() << "expected-newest.txt" << 1;
    QTest::newRow("no new failure") << QStringList { QStringLiteral("a1"), QStringLiteral("a2") }
                                    << "expected-first-two.txt" << 0;
    QTest::newRow("A alone") << QStringList { QStringLiteral("a1") } << "expected-since-first.txt" << 1;
    QTest::newRow("unknown run") << QStringList { QStringLiteral("a1"), QStringLiteral("nope") }
                                 << "no run nope in the project's history" << 2;
    QTest::newRow("three runs given")
        << QStringList { QStringLiteral("a1"), QStringLiteral("a2"), QStringLiteral("b3") }
        << "at most two runs" << 2;
}

void TestRunDiff::cliOnJsonAndProjectFile()
{
    QFETCH(QStringList, runs);
    QFETCH(QString, expected);
    QFETCH(int, exitCode);
    QVERIFY(!cliPath().isEmpty());
    const QString json = m_dir + QStringLiteral("/project.json");
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shop.flowbench"));
    const CliOutcome imported = runCli({ QStringLiteral("import"), json, file });
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err + imported.out));
    for (const QString &project : { json, file }) {
        const CliOutcome out
            = runCli(QStringList { QStringLiteral("diff"), project, QStringLiteral("--runs") } + runs);
        QVERIFY2(out.exitCode == exitCode,
            qPrintable(QStringLiteral("%1 exit %2: %3").arg(project).arg(out.exitCode).arg(out.err)));
        if (exitCode == 2) {
            QVERIFY2(out.err.contains(expected), qPrintable(out.err));
            if (!expected.startsWith(QLatin1String("at most")))
                QVERIFY2(
                    out.err.startsWith(project + QLatin1Char(':')), qPrintable(out.err)); // names the file
        } else {
            QCOMPARE(out.out, readText(m_dir + QLatin1Char('/') + expected));
        }
    }
}

QTEST_GUILESS_MAIN(TestRunDiff)
#include "tst_rundiff.moc"
