// JUnit XML results from pytest and Maven Surefire (tests/data/junitresults/) matched to
// test cases by junit name pattern, else by title, and stored as a run of the project
// whose source is the file; `flowbench-cli import --format junit` adds it to an existing
// project file.
#undef QT_NO_CAST_FROM_ASCII
#include "io/canonicaljson.h"
#include "io/formatregistry.h"
#include "io/junitresultsimporter.h"
#include "io/projectimport.h"
#include "support/cliprocess.h"
#include "support/projectfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

QString fixture(const QString &name)
{
    return QFINDTESTDATA("data/junitresults/" + name);
}

TestCase testCase(const QString &title, const QString &junitName, const Id &nodeId, bool withCheck = true)
{
    TestCase t;
    t.id = newId();
    t.nodeId = nodeId;
    t.title = title;
    t.junitName = junitName;
    if (withCheck) {
        Check c;
        c.id = newId();
        c.type = "http";
        c.name = title;
        c.spec = QJsonObject { { "url", "http://127.0.0.1:1/" } };
        t.checks = { c };
        t.automated = true;
    }
    return t;
}

Project shop()
{
    Project p;
    p.name = "shop";
    Node checkout;
    checkout.id = newId();
    checkout.kind = NodeKind::Api;
    checkout.name = "POST /checkout";
    Node payments;
    payments.id = newId();
    payments.kind = NodeKind::Service;
    payments.name = "payments";
    p.nodes = { checkout, payments };
    p.testCases = {
        testCase("Checkout adds up", "tests.test_checkout.*", checkout.id), // pattern: two testcases
        testCase("Order listing", "*test_order_listing", checkout.id),
        testCase("test_legacy_export", "", checkout.id), // by title = name
        testCase("com.shop.PaymentIT.refundsAPayment", "", payments.id), // by title = classname.name
        testCase("Expired cards", "com.shop.PaymentIT.declinesAn?xpiredCard", payments.id),
        testCase("Pays an order", "", payments.id, false), // matched, but no check to paint
    };
    return p;
}

QString statusOf(const Import &import, const Project &p, const QString &title)
{
    for (const TestCase &t : p.testCases)
        if (t.title == title) {
            QStringList out;
            for (const CheckResult &r : import.changes.added.results)
                if (r.testCaseId == t.id)
                    out.append(toString(r.status));
            return out.join(",");
        }
    return "no such test case";
}

QString notes(const ImportReport &report)
{
    QStringList out;
    for (const ImportNote &n : report.notTaken)
        out.append(n.toString());
    return out.join('\n');
}

} // namespace

class TestJunitResultsImport : public QObject
{
    Q_OBJECT

private slots:
    void patterns_data()
    {
        QTest::addColumn<QString>("patterns");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << "a.b"
                               << "a.b" << true;
        QTest::newRow("star") << "*.test_checkout*"
                              << "tests.test_checkout_total" << true;
        QTest::newRow("star crosses dots and slashes") << "tests*total"
                                                       << "tests/a.b.total" << true;
        QTest::newRow("question mark is one char") << "a.?"
                                                   << "a.bc" << false;
        QTest::newRow("dot is literal") << "a.b"
                                        << "axb" << false;
        QTest::newRow("anchored") << "checkout"
                                  << "tests.checkout_total" << false;
        QTest::newRow("list") << "x, tests.*"
                              << "tests.y" << true;
        QTest::newRow("regex chars literal") << "a(b)+"
                                             << "a(b)+" << true;
    }

    void patterns()
    {
        QFETCH(QString, patterns);
        QFETCH(QString, name);
        QFETCH(bool, matches);
        QCOMPARE(JunitResultsImporter::matches(patterns, name), matches);
    }

    void results_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("statuses");
        QTest::newRow("pytest pattern matching two testcases") << "pytest.xml"
                                                               << "Checkout adds up"
                                                               << "pass,fail";
        QTest::newRow("pytest error") << "pytest.xml"
                                      << "Order listing"
                                      << "error";
        QTest::newRow("pytest skipped by title") << "pytest.xml"
                                                 << "test_legacy_export"
                                                 << "skipped";
        QTest::newRow("surefire by classname.name") << "surefire.xml"
                                                    << "com.shop.PaymentIT.refundsAPayment"
                                                    << "pass";
        QTest::newRow("surefire ? pattern failure") << "surefire.xml"
                                                    << "Expired cards"
                                                    << "fail";
        QTest::newRow("surefire no check") << "surefire.xml"
                                           << "Pays an order"
                                           << "";
    }

    void results()
    {
        QFETCH(QString, file);
        QFETCH(QString, title);
        QFETCH(QString, statuses);
        const Project p = shop();
        const auto import = readImportFile(*FormatRegistry::instance().importer("junit"), fixture(file), p);
        QVERIFY2(import, qPrintable(import.error()));
        QCOMPARE(import->changes.added.runs.size(), 1);
        QCOMPARE(import->changes.added.runs.first().source, fixture(file));
        QCOMPARE(statusOf(*import, p, title), statuses);
        // Nothing but the run: the map and test cases stay as they are.
        QVERIFY(import->changes.added.nodes.isEmpty() && import->changes.added.testCases.isEmpty());
        QVERIFY(import->changes.changed.nodes.isEmpty() && import->changes.changed.testCases.isEmpty());
    }

    void failureMessageIsKept()
    {
        const Project p = shop();
        const auto import
            = readImportFile(*FormatRegistry::instance().importer("junit"), fixture("surefire.xml"), p);
        QVERIFY(import);
        bool found = false;
        for (const CheckResult &r : import->changes.added.results)
            if (r.status == ResultStatus::Fail) {
                QCOMPARE(r.message,
                    QString("JUnit com.shop.PaymentIT.declinesAnExpiredCard: expected:<402> but was:<200>"));
                QCOMPARE(r.durationMs, qint64(301));
                found = true;
            }
        QVERIFY(found);
    }

    void reportListsWhatMatchedNothing()
    {
        const Project p = shop();
        const auto pytest
            = readImportFile(*FormatRegistry::instance().importer("junit"), fixture("pytest.xml"), p);
        QVERIFY(pytest);
        QCOMPARE(notes(pytest->report),
            fixture("pytest.xml")
                + ":9: testcase \"tests.test_misc.test_unmatched\": matches no test case (by junit name or "
                  "title)");
        QCOMPARE(pytest->report.taken,
            QStringList { "matched 4 of 5 testcases: 4 results (1 passed, 1 failed, 1 errors, 1 skipped)" });
        const auto surefire
            = readImportFile(*FormatRegistry::instance().importer("junit"), fixture("surefire.xml"), p);
        QVERIFY(surefire);
        QVERIFY2(notes(surefire->report)
                     .contains("testcase \"com.shop.PaymentIT.Pays an order\": matches test case "
                               "\"Pays an order\", which has no checks to show the result on"),
            qPrintable(notes(surefire->report)));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        QTest::newRow("not junit") << "notjunit.xml"
                                   << "notjunit.xml:2: not JUnit XML (the root is <html>";
        QTest::newRow("broken xml") << "broken.xml"
                                    << "broken.xml:4: ";
    }

    void malformed()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        const auto import
            = readImportFile(*FormatRegistry::instance().importer("junit"), fixture(file), shop());
        QVERIFY(!import);
        QVERIFY2(import.error().contains(error), qPrintable(import.error()));
    }

    // The command line adds the run to an existing project file; a missing one is refused.
    void cliAddsRunToExistingProject()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("shop.json");
        const QString project = dir.filePath("shop.flowbench");
        QFile file(json);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toCanonicalJson(shop()));
        file.close();
        const CliOutcome created = runCli({ "import", json, project });
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));

        const CliOutcome missing = runCli(
            { "import", "--format", "junit", fixture("pytest.xml"), dir.filePath("none.flowbench") });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("none.flowbench: no such project"), qPrintable(missing.err));

        const CliOutcome imported
            = runCli({ "import", "--format", "junit", fixture("surefire.xml"), project });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY2(imported.out.contains("matched 3 of 3 testcases: 2 results (1 passed, 1 failed"),
            qPrintable(imported.out));
        const Project after = reopenProject(project);
        QCOMPARE(after.runs.size(), 1);
        QCOMPARE(after.runs.first().source, fixture("surefire.xml"));
        QCOMPARE(after.results.size(), 2);
        QCOMPARE(after.testCases.size(), shop().testCases.size());
    }
};

QTEST_GUILESS_MAIN(TestJunitResultsImport)
#include "tst_junitresultsimport.moc"
