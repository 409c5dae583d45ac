// The example project as shipped, run whole in its "local" environment against the demo
// servers started the way scripts/run-example.sh starts them (gateway, backend charging
// through the environment's fault proxy): every automated test case passes except the
// planted defects — the refund amount, and the second charge only a slow gateway shows —
// and the failure-mode test cases fail exactly where the demo README says.
#include "run/runner.h"
#include "support/exampleproject.h"
#include "support/exampleservers.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

const QString kSlow = QStringLiteral("Payment gateway slow: order stays pending and is not charged twice");
const QString kDown
    = QStringLiteral("Payment gateway down: order fails cleanly and the outbox keeps the event");
const QString kRefund = QStringLiteral("Refund of a discounted order stores the amount paid");

} // namespace

class TestExampleRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_results.clear(); }
    void onlyThePlantedDefectsFail();
    void slowGatewayFailsOnTheSecondCharge();
    void downGatewayPasses();

private:
    QList<CheckResult> resultsOf(const QString &title) const;
    QString describe(const QList<CheckResult> &results) const;

    QTemporaryDir m_dir;
    ExampleServers m_servers;
    QNetworkAccessManager m_network;
    Project m_project;
    QList<CheckResult> m_results;
};

void TestExampleRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_servers.start(m_dir.path()), qPrintable(m_servers.errorString()));
    Result<Project> example = exampleProject();
    QVERIFY2(example, qPrintable(example.error()));
    m_project = example.value();
    m_servers.pointAt(m_project);

    RunOptions options;
    options.environment = QStringLiteral("local");
    options.projectDir = m_dir.path();
    Runner runner(&m_network);
    QSignalSpy finished(&runner, &Runner::finished);
    const Status started = runner.start(m_project, options);
    QVERIFY2(started.ok(), qPrintable(started.error()));
    QVERIFY2(finished.wait(180000), "the example's run did not finish in 3 minutes");
    m_results = runner.results();
}

QList<CheckResult> TestExampleRun::resultsOf(const QString &title) const
{
    QList<CheckResult> found;
    for (const TestCase &t : m_project.testCases)
        if (t.title == title)
            for (const CheckResult &r : m_results)
                if (r.testCaseId == t.id)
                    found << r;
    return found;
}

QString TestExampleRun::describe(const QList<CheckResult> &results) const
{
    QStringList lines;
    for (const CheckResult &r : results)
        lines << QStringLiteral("%1: %2 %3").arg(toString(r.status), r.message, r.evidence.left(300));
    return lines.join(QLatin1Char('\n'));
}

void TestExampleRun::onlyThePlantedDefectsFail()
{
    QVERIFY(!m_results.isEmpty());
    QStringList failed;
    for (const TestCase &t : m_project.testCases) {
        const QList<CheckResult> results = resultsOf(t.title);
        for (const CheckResult &r : results) {
            QVERIFY2(r.status != ResultStatus::Error,
                qPrintable(t.title + QStringLiteral(": ") + describe(results)));
            if (r.status == ResultStatus::Fail && !failed.contains(t.title))
                failed << t.title;
        }
    }
    failed.sort();
    QVERIFY2(failed == QStringList({ kSlow, kRefund }),
        qPrintable(QStringLiteral("failed: ") + failed.join(u'|')));
}

void TestExampleRun::slowGatewayFailsOnTheSecondCharge()
{
    const QList<CheckResult> results = resultsOf(kSlow);
    QCOMPARE(results.size(), 5);
    // Right: the order service gave up waiting and left the order pending...
    for (int i = 0; i < 3; ++i)
        QVERIFY2(results[i].status == ResultStatus::Pass, qPrintable(describe(results)));
    // ...wrong (the planted defect): its retries carried new keys, so three charges.
    QVERIFY2(results[3].status == ResultStatus::Fail, qPrintable(describe(results)));
    QVERIFY2(results[3].evidence.contains(QLatin1String("\"count\":3")), qPrintable(describe(results)));
    // The results say which fault held.
    QCOMPARE(
        results[3].faults, QStringLiteral("Order service → Payment gateway: latency=3000,name=slow gateway"));
    // The order it created is deleted again, whatever the steps found.
    QVERIFY2(results[4].cleanup && results[4].status == ResultStatus::Pass, qPrintable(describe(results)));
}

void TestExampleRun::downGatewayPasses()
{
    const QList<CheckResult> results = resultsOf(kDown);
    QCOMPARE(results.size(), 6);
    QVERIFY2(results.last().cleanup, qPrintable(describe(results)));
    for (const CheckResult &r : results) {
        QVERIFY2(r.status == ResultStatus::Pass, qPrintable(describe(results)));
        QCOMPARE(r.faults, QStringLiteral("Order service → Payment gateway: down,name=gateway down"));
    }
}

QTEST_GUILESS_MAIN(TestExampleRun)
#include "tst_examplerun.moc"
