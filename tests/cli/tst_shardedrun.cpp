// `flowbench-cli run --shard K/N --run-id ID` as CI machines run it: three shard
// processes against the demo backend write into one stored run, in a shared project on a
// real PostgreSQL (two shards at once) and in a project file (one after another). Until
// the last is in, the reports say which shard is missing; then the run is whole and gives
// the same results, test case by test case, as the same selection run unsharded.
#undef QT_NO_CAST_FROM_ASCII
#include "io/canonicaljson.h"
#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/demobackend.h"
#include "support/freeport.h"
#include "support/sharedprojectserver.h"
#include "support/shopproject.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

constexpr int kCliTimeoutMs = 120000;

// Every automated test case of the shop but the slow one: a pass, a failure, a skip and
// an error among them.
QStringList selection()
{
    return { "--env", "local", "--tag", "green", "--tag", "defect", "--tag", "skip", "--tag", "refused",
        "--tag", "health" };
}

QJsonObject readJson(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Test case id -> "status: check status, check status, ..." from a JSON report.
QMap<QString, QString> outcomes(const QJsonObject &report)
{
    QMap<QString, QString> out;
    for (const QJsonValue &v : report.value("test_cases").toArray()) {
        const QJsonObject t = v.toObject();
        QStringList checks;
        for (const QJsonValue &c : t.value("checks").toArray())
            checks << c.toObject().value("status").toString();
        out.insert(t.value("id").toString(), t.value("status").toString() + ": " + checks.join(", "));
    }
    return out;
}

QList<int> ints(const QJsonValue &array)
{
    QList<int> out;
    for (const QJsonValue &v : array.toArray())
        out << v.toInt();
    return out;
}

} // namespace

class TestShardedRun : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    DemoBackend m_backend;
    SharedProjectServer m_pg;
    Project m_shop;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    // The shop as a project file or a shared project named `name`.
    QString makeProject(const QString &kind, const QString &name)
    {
        if (kind == "sqlite") {
            const QString file = path(name + ".flowbench");
            auto store = ProjectStore::create(file, m_shop.name);
            if (!store || !store.value()->replaceContents(m_shop))
                return QString();
            return file;
        }
        const QString json = path(name + ".json");
        QFile f(json);
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(toCanonicalJson(m_shop));
        f.close();
        const CliOutcome pushed = runCli({ "push", json, m_pg.url(name) });
        return pushed.exitCode == 0 ? m_pg.url(name) : QString();
    }
    // The shop's relative SQLite and log paths resolve against where a run on a shared
    // project starts: the backend's folder, as for the project file beside them.
    CliOutcome cli(const QStringList &arguments) { return runCli(arguments, m_dir.path(), kCliTimeoutMs); }

    // Shards started at once, each its own process; their outcomes in the same order.
    QList<CliOutcome> together(const QList<QStringList> &argumentLists)
    {
        std::vector<std::unique_ptr<QProcess>> processes;
        for (const QStringList &arguments : argumentLists) {
            auto p = std::make_unique<QProcess>();
            p->setWorkingDirectory(m_dir.path());
            p->start(cliPath(), arguments);
            processes.push_back(std::move(p));
        }
        QList<CliOutcome> outcomes;
        for (auto &p : processes) {
            CliOutcome o;
            if (p->waitForStarted(30000) && p->waitForFinished(kCliTimeoutMs)) {
                o.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -2;
                o.out = QString::fromUtf8(p->readAllStandardOutput());
                o.err = QString::fromUtf8(p->readAllStandardError());
            } else {
                p->kill();
                p->waitForFinished(5000);
                o.err = "the shard did not finish in time";
            }
            outcomes << o;
        }
        return outcomes;
    }
    QStringList shard(const QString &project, int k, const QString &runId, const QString &json) const
    {
        return QStringList { "run", project } + selection()
            + QStringList { "--shard", QStringLiteral("%1/3").arg(k), "--run-id", runId, "--json", json };
    }
    static QString describe(const CliOutcome &o)
    {
        return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(o.exitCode).arg(o.out, o.err);
    }

private slots:
    void initTestCase()
    {
        isolateSettings("tst_shardedrun");
        QVERIFY(m_dir.isValid());
        // A shard takes its run id from CI variables when --run-id is missing: none here.
        qunsetenv("GITHUB_RUN_ID");
        qunsetenv("CI_PIPELINE_ID");
        QVERIFY2(m_backend.start(m_dir.path(), 0, 40), qPrintable(m_backend.errorString()));
        m_shop = makeShopProject(
            m_backend.baseUrl(), QStringLiteral("http://127.0.0.1:%1").arg(freeLoopbackPort()))
                     .project;
        if (!m_pg.start() && m_pg.isRequired())
            QFAIL(m_pg.whyNot());
    }
    void cleanupTestCase()
    {
        m_backend.stop();
        QVERIFY2(m_pg.stopIfRunning(), qPrintable(m_pg.errorString()));
    }

    void threeShardsGiveTheUnshardedResults_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("project file") << "sqlite";
        QTest::newRow("shared project") << "postgresql";
    }
    void threeShardsGiveTheUnshardedResults()
    {
        QFETCH(QString, kind);
        if (kind == "postgresql" && !m_pg.started())
            QSKIP(m_pg.whyNot());
        const QString project = makeProject(kind, "shop_" + kind);
        QVERIFY2(!project.isEmpty(), "the shop project could not be made");

        const QString wholeJson = path(kind + "-unsharded.json");
        const CliOutcome unsharded
            = cli(QStringList { "run", project } + selection() + QStringList { "--json", wholeJson });
        QVERIFY2(unsharded.exitCode == 2, qPrintable(describe(unsharded))); // the refused case errors
        const QJsonObject expected = readJson(wholeJson);
        QCOMPARE(outcomes(expected).size(), 5);

        // Shards 1 and 2: at once on PostgreSQL (both create the run), one after the
        // other in a file, as one machine runs them.
        const QString runId = "ci-pipeline-" + kind;
        const QString json1 = path(kind + "-shard1.json"), json2 = path(kind + "-shard2.json"),
                      json3 = path(kind + "-shard3.json");
        QList<CliOutcome> first;
        if (kind == "postgresql")
            first = together({ shard(project, 1, runId, json1), shard(project, 2, runId, json2) });
        else
            first = { cli(shard(project, 1, runId, json1)), cli(shard(project, 2, runId, json2)) };
        for (const CliOutcome &o : first) {
            QVERIFY2(
                o.exitCode >= 0 && o.exitCode <= 2 && !o.err.contains("could not"), qPrintable(describe(o)));
            QVERIFY2(!o.out.contains("all 3 shards are in"), qPrintable(o.out));
        }
        // The later of the two sees both in and names the missing one; the earlier saw
        // itself alone.
        int later = -1;
        for (int i = 0; i < 2; ++i) {
            const QJsonObject shards
                = readJson(i == 0 ? json1 : json2).value("run").toObject().value("shards").toObject();
            if (ints(shards.value("in")) == QList<int> { 1, 2 })
                later = i;
            QVERIFY2(first[i].out.contains("partial: shard"), qPrintable(describe(first[i])));
        }
        QVERIFY2(later >= 0, "one of the two shards sees both in");
        QVERIFY2(
            first[later].out.contains("partial: shard 3 of 3 missing"), qPrintable(describe(first[later])));
        const QJsonObject partial = readJson(later == 0 ? json1 : json2);
        const QJsonObject partialRun = partial.value("run").toObject();
        QCOMPARE(partialRun.value("partial").toBool(), true);
        QCOMPARE(ints(partialRun.value("shards").toObject().value("in")), (QList<int> { 1, 2 }));
        QCOMPARE(ints(partialRun.value("shards").toObject().value("missing")), (QList<int> { 3 }));
        QVERIFY(outcomes(partial).size() < 5);
        const QString storedId = partialRun.value("id").toString();
        QVERIFY(isValidId(storedId));

        // The HTML report of the stored run says it is partial, too.
        const CliOutcome report = cli({ "report", project, "--run", storedId, "-o", "-" });
        QVERIFY2(report.exitCode == 0, qPrintable(describe(report)));
        QVERIFY2(
            report.out.contains("partial: shard 3 of 3 missing"), "the HTML report names the missing shard");

        const CliOutcome last = cli(shard(project, 3, runId, json3));
        QVERIFY2(last.exitCode >= 0 && last.exitCode <= 2, qPrintable(describe(last)));
        QVERIFY2(last.out.contains("shard 3/3 of run " + storedId + ": all 3 shards are in"),
            qPrintable(describe(last)));
        const QJsonObject whole = readJson(json3);
        const QJsonObject wholeRun = whole.value("run").toObject();
        QCOMPARE(wholeRun.value("id").toString(), storedId);
        QCOMPARE(wholeRun.value("partial").toBool(), false);
        QCOMPARE(ints(wholeRun.value("shards").toObject().value("in")), (QList<int> { 1, 2, 3 }));
        QVERIFY(wholeRun.value("shards").toObject().value("missing").toArray().isEmpty());

        // The same results as the unsharded run, test case by test case, and counts.
        QCOMPARE(outcomes(whole), outcomes(expected));
        const QJsonObject expectedRun = expected.value("run").toObject();
        for (const char *count : { "passed", "failed", "errors", "skipped", "status" })
            QVERIFY2(wholeRun.value(count) == expectedRun.value(count), count);
        // Each shard exits for its own part; together they say what the unsharded run did.
        QCOMPARE(qMax(qMax(first[0].exitCode, first[1].exitCode), last.exitCode), unsharded.exitCode);

        // A shard that is in already, another shard count or another selection: refused.
        const CliOutcome again = cli(shard(project, 2, runId, path(kind + "-again.json")));
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(
            again.err.contains("shard 2/3 of run " + storedId + " is in already"), qPrintable(again.err));
        const CliOutcome otherCount
            = cli({ "run", project, "--env", "local", "--tag", "green", "--tag", "defect", "--tag", "skip",
                "--tag", "refused", "--tag", "health", "--shard", "1/4", "--run-id", runId });
        QCOMPARE(otherCount.exitCode, 2);
        QVERIFY2(otherCount.err.contains("is split into 3 shards, not 4"), qPrintable(otherCount.err));
        const CliOutcome otherSelection = cli(
            { "run", project, "--env", "local", "--tag", "health", "--shard", "3/3", "--run-id", runId });
        QCOMPARE(otherSelection.exitCode, 2);
        QVERIFY2(otherSelection.err.contains("was started with another selection"),
            qPrintable(otherSelection.err));
    }

    // More shards than test cases: the empty shard is in at once with no results, and
    // the run is whole when the other one is.
    void anEmptyShardCompletesTheRun()
    {
        const QString project = makeProject("sqlite", "small");
        QVERIFY(!project.isEmpty());
        const QString json = path("small.json");
        const QStringList base { "run", project, "--env", "local", "--tag", "health", "--run-id", "small-run",
            "--json", json };
        const CliOutcome empty = cli(base + QStringList { "--shard", "2/2" });
        QVERIFY2(empty.exitCode == 0, qPrintable(describe(empty)));
        QVERIFY2(empty.out.contains("partial: shard 1 of 2 missing"), qPrintable(empty.out));
        const CliOutcome full = cli(base + QStringList { "--shard", "1/2" });
        QVERIFY2(full.exitCode == 0, qPrintable(describe(full)));
        QVERIFY2(full.out.contains("all 2 shards are in: 1 passed"), qPrintable(full.out));
        const QJsonObject run = readJson(json).value("run").toObject();
        QCOMPARE(run.value("partial").toBool(), false);
        QCOMPARE(run.value("passed").toInt(), 1);
    }

    void badShardOptions_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("error");
        QTest::newRow("K is 0") << QStringList { "--shard", "0/3", "--run-id", "x" }
                                << "K must be from 1 to N (3)";
        QTest::newRow("K above N") << QStringList { "--shard", "4/3", "--run-id", "x" }
                                   << "K must be from 1 to N (3)";
        QTest::newRow("not K/N") << QStringList { "--shard", "half", "--run-id", "x" } << "expected K/N";
        QTest::newRow("no run id") << QStringList { "--shard", "1/3" } << "--shard needs --run-id ID";
        QTest::newRow("run id alone") << QStringList { "--run-id", "x" } << "pass --shard K/N too";
    }
    void badShardOptions()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, error);
        const QString project = path("bad.flowbench");
        if (!QFile::exists(project))
            QVERIFY(!makeProject("sqlite", "bad").isEmpty());
        const CliOutcome o
            = cli(QStringList { "run", project, "--env", "local", "--tag", "health" } + options);
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.contains(error), qPrintable(describe(o)));
        // Nothing ran and nothing was stored.
        auto store = ProjectStore::open(project);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QVERIFY(store.value()->runs().value().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestShardedRun)
#include "tst_shardedrun.moc"
