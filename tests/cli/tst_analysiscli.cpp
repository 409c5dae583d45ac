#include "store/projectstore.h"
#include "support/cliprocess.h"
#include "support/exampleproject.h"
#include "support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace flowbench;

namespace {

using Outcome = testing::CliOutcome;

Outcome cli(const QStringList &args) { return testing::runCli(args); }

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

QStringList namesOf(const QJsonArray &array, const char *key = "name")
{
    QStringList names;
    for (const QJsonValue &v : array)
        names << v.toObject().value(QLatin1String(key)).toString();
    return names;
}

QJsonObject parsed(const Outcome &o)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(o.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), qPrintable(o.out));
    return doc.object();
}

// The text between a line starting with `heading` and the next blank line.
QString section(const QString &text, const QString &heading)
{
    const int start = text.indexOf(QLatin1Char('\n') + heading);
    if (start < 0)
        return QString();
    const int end = text.indexOf(QStringLiteral("\n\n"), start + 1);
    return text.mid(start + 1, end < 0 ? -1 : end - start - 1);
}

} // namespace

class TestAnalysisCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project; // shop.json imported into a project database

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(testing::cliPath()),
            "FLOWBENCH_CLI must name the built flowbench-cli (ctest sets it)");
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("shop.flowbench"));
        const Outcome imported = cli({ QStringLiteral("import"),
            testing::exampleJsonPath(), m_project });
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    }

    void impactOfTableListsWritersReadersAndFlows()
    {
        const Outcome o = cli(
            { QStringLiteral("impact"), m_project, QStringLiteral("--node"), QStringLiteral("orders") });
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QString upstream = section(o.out, QStringLiteral("Upstream"));
        const QString downstream = section(o.out, QStringLiteral("Downstream"));
        // "Order service" writes orders and the worker marks it confirmed: both upstream.
        for (const char *writer : { "Order service", "Order confirmation worker" }) {
            QVERIFY2(upstream.contains(QLatin1String(writer)), writer);
            QVERIFY2(!downstream.contains(QLatin1String(writer)), writer);
        }
        // The refund service reads the amount paid from orders: downstream.
        QVERIFY2(downstream.contains(QLatin1String("Refund service")), qPrintable(o.out));
        QVERIFY(!upstream.contains(QLatin1String("Refund service")));
        QVERIFY(
            o.out.contains(QRegularExpression(QStringLiteral("Flows through it \\(\\d+\\): .*Checkout"))));
        QVERIFY(o.out.contains(QLatin1String("Place order writes the order row")));
    }

    void impactJsonMatchesText_data()
    {
        QTest::addColumn<QString>("direction");
        QTest::addColumn<bool>("hasUpstream");
        QTest::addColumn<bool>("hasDownstream");
        QTest::newRow("both") << "both" << true << true;
        QTest::newRow("up") << "up" << true << false;
        QTest::newRow("down") << "down" << false << true;
    }

    void impactJsonMatchesText()
    {
        QFETCH(QString, direction);
        QFETCH(bool, hasUpstream);
        QFETCH(bool, hasDownstream);
        const QStringList args { QStringLiteral("impact"), m_project, QStringLiteral("--node"),
            QStringLiteral("orders"), QStringLiteral("--direction"), direction };
        const Outcome text = cli(args);
        const Outcome json = cli(args + QStringList { QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(text.exitCode, 0);
        const QJsonObject root = parsed(json);
        QCOMPARE(root.value(QLatin1String("node")).toObject().value(QLatin1String("name")).toString(),
            QStringLiteral("orders"));
        QCOMPARE(root.value(QLatin1String("direction")).toString(), direction);

        const QJsonArray up = root.value(QLatin1String("upstream")).toArray();
        const QJsonArray down = root.value(QLatin1String("downstream")).toArray();
        QCOMPARE(!up.isEmpty(), hasUpstream);
        QCOMPARE(!down.isEmpty(), hasDownstream);
        QCOMPARE(namesOf(up).contains(QStringLiteral("Order service")), hasUpstream);
        QCOMPARE(namesOf(down).contains(QStringLiteral("Refund service")), hasDownstream);
        // Direct writers and readers are one hop away; the list is ordered by distance.
        for (const QJsonArray &list : { up, down }) {
            int last = 0;
            for (const QJsonValue &v : list) {
                const int distance = v.toObject().value(QLatin1String("distance")).toInt();
                QVERIFY(distance >= 1 && distance >= last);
                last = distance;
                const QString name = v.toObject().value(QLatin1String("name")).toString();
                if (name == QLatin1String("Order service") || name == QLatin1String("Refund service"))
                    QCOMPARE(distance, 1);
                // Every node in the JSON appears in the table too.
                QVERIFY2(
                    text.out.contains(QLatin1String("  ") + name + QLatin1String("  ")), qPrintable(name));
            }
        }
        QVERIFY(namesOf(root.value(QLatin1String("flowsThrough")).toArray())
                    .contains(QStringLiteral("Checkout")));

        // Test cases reached sit on the node or a reached node; their ids are the run selection.
        QSet<QString> reached {
            root.value(QLatin1String("node")).toObject().value(QLatin1String("id")).toString()
        };
        for (const QJsonArray &list : { up, down })
            for (const QJsonValue &v : list)
                reached.insert(v.toObject().value(QLatin1String("id")).toString());
        const QJsonArray testCases = root.value(QLatin1String("testCases")).toArray();
        QVERIFY(!testCases.isEmpty());
        for (const QJsonValue &v : testCases)
            QVERIFY(reached.contains(v.toObject().value(QLatin1String("nodeId")).toString()));
        const QJsonObject run = root.value(QLatin1String("run")).toObject();
        QCOMPARE(run.value(QLatin1String("testCases")).toInt(), int(testCases.size()));
        QCOMPARE(
            namesOf(testCases, "id"), run.value(QLatin1String("testCaseIds")).toVariant().toStringList());
        QVERIFY(
            text.out.contains(QStringLiteral("Run what touches this: %1 test case").arg(testCases.size())));
    }

    void coverageRanksUntestedHighRiskFirst()
    {
        const Outcome text = cli({ QStringLiteral("coverage"), m_project });
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        // Both score 20 (4 x 5): the untested service comes before the api that has tests.
        const int untested = text.out.indexOf(
            QRegularExpression(QStringLiteral("\\n +20  Order service +service +Orders +none ")));
        const int covered = text.out.indexOf(
            QRegularExpression(QStringLiteral("\\n +20  POST /orders +api +Orders +automated ")));
        QVERIFY2(untested >= 0 && covered >= 0, qPrintable(text.out));
        QVERIFY(untested < covered);
        QVERIFY(text.out.contains(QRegularExpression(QStringLiteral("\\n  Checkout +\\d+ +\\d+\\.\\d% "))));

        const Outcome json = cli({ QStringLiteral("coverage"), m_project, QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 0);
        const QJsonObject root = parsed(json);
        const QJsonArray nodes = root.value(QLatin1String("nodes")).toArray();
        QCOMPARE(nodes.size(), 29);
        const QStringList order = strings({ "none", "manual", "automated", "passing" });
        for (int i = 1; i < nodes.size(); ++i) {
            const QJsonObject a = nodes[i - 1].toObject();
            const QJsonObject b = nodes[i].toObject();
            const int sa = a.value(QLatin1String("risk")).toObject().value(QLatin1String("score")).toInt();
            const int sb = b.value(QLatin1String("risk")).toObject().value(QLatin1String("score")).toInt();
            QVERIFY(sa >= sb);
            if (sa == sb)
                QVERIFY(order.indexOf(a.value(QLatin1String("coverage")).toString())
                    <= order.indexOf(b.value(QLatin1String("coverage")).toString()));
        }
        QCOMPARE(
            nodes.first().toObject().value(QLatin1String("coverage")).toString(), QStringLiteral("none"));
        QCOMPARE(root.value(QLatin1String("total")).toObject().value(QLatin1String("nodes")).toInt(), 29);
    }

    void coverageCountsLatestPassingResults()
    {
        // Record a run in which every check of the "orders" table passed.
        const QString path = m_dir.filePath(QStringLiteral("with-run.flowbench"));
        QVERIFY(QFile::copy(m_project, path));
        {
            auto store = ProjectStore::open(path);
            QVERIFY2(store, qPrintable(store.error()));
            const Result<Project> project = store.value()->load();
            QVERIFY(project);
            const Node *orders = project.value().nodeByName(QStringLiteral("orders"));
            QVERIFY(orders);
            Run run;
            run.id = newId();
            run.startedAt = QDateTime::currentDateTimeUtc();
            run.finishedAt = run.startedAt;
            QList<CheckResult> results;
            for (const TestCase &t : project.value().testCases)
                if (t.nodeId == orders->id)
                    for (const Check &c : t.checks) {
                        CheckResult r;
                        r.testCaseId = t.id;
                        r.checkId = c.id;
                        r.nodeId = t.nodeId;
                        r.status = ResultStatus::Pass;
                        r.finishedAt = run.finishedAt;
                        results.append(r);
                    }
            QVERIFY(!results.isEmpty());
            run.passed = int(results.size());
            QVERIFY(store.value()->addRun(run, results));
        }
        const Outcome json = cli({ QStringLiteral("coverage"), path, QStringLiteral("--json"),
            QStringLiteral("--flow"), QStringLiteral("Checkout") });
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject root = parsed(json);
        QString ordersCoverage;
        for (const QJsonValue &v : root.value(QLatin1String("nodes")).toArray())
            if (v.toObject().value(QLatin1String("name")).toString() == QLatin1String("orders"))
                ordersCoverage = v.toObject().value(QLatin1String("coverage")).toString();
        QCOMPARE(ordersCoverage, QStringLiteral("passing"));
        const QJsonArray flows = root.value(QLatin1String("flows")).toArray();
        QCOMPARE(namesOf(flows), QStringList { QStringLiteral("Checkout") });
        QCOMPARE(flows.first().toObject().value(QLatin1String("passing")).toInt(), 1);
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args"); // after "PROJECT"
        QTest::addColumn<QStringList>("inMessage");
        QTest::newRow("case differs") << strings({ "impact", "--node", "ORDERS" })
                                      << strings({ "no node named \"ORDERS\"", "\"orders\" (table" });
        QTest::newRow("part of names") << strings({ "impact", "--node", "refund" })
                                       << strings({ "did you mean", "\"Refund service\"", "\"refunds\"",
                                              "\"POST /orders/{id}/refund\"" });
        QTest::newRow("nothing close") << strings({ "impact", "--node", "zzz" })
                                       << strings({ "no node named \"zzz\" (and no name contains it)" });
        QTest::newRow("unknown id") << strings(
            { "impact", "--node-id", "00000000-0000-4000-8000-000000000000" })
                                    << strings({ "no node with id" });
        QTest::newRow("no node option")
            << strings({ "impact" }) << strings({ "--node NAME or --node-id ID" });
        QTest::newRow("bad direction") << strings({ "impact", "--node", "orders", "--direction", "sideways" })
                                       << strings({ "up, down or both" });
        QTest::newRow("unknown flow")
            << strings({ "coverage", "--flow", "Checkot" })
            << strings({ "no flow named \"Checkot\"", "\"Checkout\"", "\"Refund\"", "\"Sign-up\"" });
        QTest::newRow("bad min-risk")
            << strings({ "coverage", "--min-risk", "26" }) << strings({ "--min-risk expects" });
    }

    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, inMessage);
        const Outcome o = cli(QStringList { args.first(), m_project } + args.mid(1));
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.out.isEmpty());
        for (const QString &part : inMessage)
            QVERIFY2(o.err.contains(part), qPrintable(o.err));
    }

    void missingFileExitsTwo()
    {
        const QString absent = m_dir.filePath(QStringLiteral("absent.flowbench"));
        for (const QStringList &args : { QStringList { QStringLiteral("coverage"), absent },
                 QStringList {
                     QStringLiteral("impact"), absent, QStringLiteral("--node"), QStringLiteral("x") } }) {
            const Outcome o = cli(args);
            QCOMPARE(o.exitCode, 2);
            QVERIFY2(o.err.contains(QLatin1String("absent.flowbench: no such file")), qPrintable(o.err));
        }
    }

    void sharedNodeNameAsksForId()
    {
        const auto uid = [](int n) {
            return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
        };
        const auto node = [&](int n, const char *kind) {
            return QJsonObject { { QStringLiteral("id"), uid(n) },
                { QStringLiteral("kind"), QLatin1String(kind) },
                { QStringLiteral("name"), QStringLiteral("events") } };
        };
        const QJsonObject doc { { QStringLiteral("format"), QStringLiteral("flowbench") },
            { QStringLiteral("formatVersion"), 1 }, { QStringLiteral("name"), QStringLiteral("twins") },
            { QStringLiteral("nodes"), QJsonArray { node(1, "table"), node(2, "queue") } } };
        const QString path = m_dir.filePath(QStringLiteral("twins.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(doc).toJson());
        f.close();

        const Outcome ambiguous
            = cli({ QStringLiteral("impact"), path, QStringLiteral("--node"), QStringLiteral("events") });
        QCOMPARE(ambiguous.exitCode, 2);
        for (const QString &part :
            { QStringLiteral("2 nodes are named \"events\""), QStringLiteral("--node-id"), uid(1), uid(2) })
            QVERIFY2(ambiguous.err.contains(part), qPrintable(ambiguous.err));

        const Outcome chosen = cli({ QStringLiteral("impact"), path, QStringLiteral("--node-id"), uid(2),
            QStringLiteral("--json") });
        QCOMPARE(chosen.exitCode, 0);
        const QJsonObject subject = parsed(chosen).value(QLatin1String("node")).toObject();
        QCOMPARE(subject.value(QLatin1String("kind")).toString(), QStringLiteral("queue"));
    }
};

QTEST_GUILESS_MAIN(TestAnalysisCli)
#include "tst_analysiscli.moc"
