// `flowbench-cli import IN --into PROJECT [--dry-run] [--delete-removed]`: a newer spec
// merged into a project holding an earlier import. The plan is printed (exit 0); a dry run
// leaves the file as it was; the real run applies it, keeping what v2 no longer has
// marked for review unless --delete-removed.
#undef QT_NO_CAST_FROM_ASCII
#include "support/cliprocess.h"
#include "support/projectfile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestImportInto : public QObject
{
    Q_OBJECT
private slots:
    void dryRunPrintsThePlanAndChangesNothing();
    void appliesKeepingOrDeletingRemoved_data();
    void appliesKeepingOrDeletingRemoved();
    void refusesWhatDoesNotFit();

private:
    QString importV1(QTemporaryDir &dir);
};

QString TestImportInto::importV1(QTemporaryDir &dir)
{
    const QString project = dir.filePath("pets.flowbench");
    const CliOutcome made = runCli(
        { "import", "--format", "openapi", QFINDTESTDATA("data/reimport/openapi-v1.yaml"), project });
    if (made.exitCode != 0)
        qFatal("%s", qPrintable(made.err));
    return project;
}

void TestImportInto::dryRunPrintsThePlanAndChangesNothing()
{
    QTemporaryDir dir;
    const QString project = importV1(dir);
    const Project before = reopenProject(project);
    const CliOutcome plan = runCli({ "import", "--format", "openapi",
        QFINDTESTDATA("data/reimport/openapi-v2.yaml"), "--into", project, "--dry-run" });
    QCOMPARE(plan.exitCode, 0);
    QVERIFY2(
        plan.out.contains("test cases: 1 added, 3 changed, 1 removed, 0 untouched"), qPrintable(plan.out));
    QVERIFY(plan.out.contains("+ test case \"GET /owners smoke\""));
    QVERIFY(plan.out.contains("- test case \"DELETE /pets/{petId} smoke\": kept, marked for review"));
    QVERIFY(plan.out.contains("    spec.url: \"{{base_url}}/pets/1\" → \"{{base_url}}/pets/7\""));
    const Project after = reopenProject(project);
    QCOMPARE(after.testCases, before.testCases);
    QCOMPARE(after.nodes, before.nodes);
}

void TestImportInto::appliesKeepingOrDeletingRemoved_data()
{
    QTest::addColumn<bool>("deleteRemoved");
    QTest::newRow("keep") << false;
    QTest::newRow("delete") << true;
}

void TestImportInto::appliesKeepingOrDeletingRemoved()
{
    QFETCH(bool, deleteRemoved);
    QTemporaryDir dir;
    const QString project = importV1(dir);
    QStringList args { "import", "--format", "openapi", QFINDTESTDATA("data/reimport/openapi-v2.yaml"),
        "--into", project, "--report", dir.filePath("report.json") };
    if (deleteRemoved)
        args << "--delete-removed";
    const CliOutcome applied = runCli(args);
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QVERIFY(applied.out.contains("Applied."));
    const Project after = reopenProject(project);
    QCOMPARE(after.testCases.size(), deleteRemoved ? 4 : 5);
    QCOMPARE(after.nodeByName("DELETE /pets/{petId}") != nullptr, !deleteRemoved);
    QVERIFY(after.nodeByName("GET /owners"));
    QFile report(dir.filePath("report.json"));
    QVERIFY(report.open(QIODevice::ReadOnly));
    QVERIFY(report.readAll().contains("\"plan\""));
}

void TestImportInto::refusesWhatDoesNotFit()
{
    QTemporaryDir dir;
    const QString v2 = QFINDTESTDATA("data/reimport/openapi-v2.yaml");
    const CliOutcome missing
        = runCli({ "import", "--format", "openapi", v2, "--into", dir.filePath("none.flowbench") });
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("none.flowbench: no such project"), qPrintable(missing.err));
    const CliOutcome dryAlone
        = runCli({ "import", "--format", "openapi", v2, dir.filePath("x.flowbench"), "--dry-run" });
    QCOMPARE(dryAlone.exitCode, 2);
    QVERIFY2(dryAlone.err.contains("--into"), qPrintable(dryAlone.err));
}

QTEST_GUILESS_MAIN(TestImportInto)
#include "tst_importinto.moc"
