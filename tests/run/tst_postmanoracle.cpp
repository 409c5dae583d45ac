// Newman as the oracle: the same Postman collection (chained requests with captures,
// folder auth, an environment file, pm.test assertions passing and failing) run by
// newman and, after `flowbench-cli import --format postman`, by `flowbench-cli run`,
// fails the same assertions of the same requests.
#include "support/cliprocess.h"
#include "support/demobackend.h"
#include "support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace flowbench::testing;

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class PostmanOracleTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void flowbenchFailsWhatNewmanFails();

private:
    QTemporaryDir m_dir;
    DemoBackend m_backend;
    QString m_newman;
    QString m_collection;
    QString m_environment;
};

void PostmanOracleTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_collection = QFINDTESTDATA("data/postman/oracle/shop.postman_collection.json");
    QVERIFY(!m_collection.isEmpty());
    // tests/data/postman/oracle -> the repository's tools/node (scripts/install-deps.sh --tests).
    const QDir root(QFileInfo(m_collection).absolutePath() + QStringLiteral("/../../../.."));
    m_newman = root.absoluteFilePath(QStringLiteral("tools/node/node_modules/.bin/newman"));
    if (!QFileInfo::exists(m_newman) || QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()) {
        const QString problem
            = QStringLiteral("newman is not installed (%1; run scripts/install-deps.sh --tests)")
                  .arg(m_newman);
        if (serversRequired())
            QFAIL(qPrintable(problem));
        QSKIP(qPrintable(problem));
    }
    QVERIFY2(m_backend.start(m_dir.path(), 100, 200), qPrintable(m_backend.errorString()));

    // The environment file of the fixture, pointed at this backend.
    QFile in(QFINDTESTDATA("data/postman/oracle/local.postman_environment.json"));
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray env = in.readAll();
    env.replace("http://127.0.0.1:8765", m_backend.baseUrl().toUtf8());
    m_environment = m_dir.filePath(QStringLiteral("local.postman_environment.json"));
    QFile out(m_environment);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(env);
}

void PostmanOracleTest::cleanupTestCase()
{
    m_backend.stop();
}

void PostmanOracleTest::flowbenchFailsWhatNewmanFails()
{
    // newman: failures per request.
    const QString newmanReport = m_dir.filePath(QStringLiteral("newman.json"));
    QProcess newman;
    newman.start(m_newman,
        { QStringLiteral("run"), m_collection, QStringLiteral("-e"), m_environment, QStringLiteral("-r"),
            QStringLiteral("json"), QStringLiteral("--reporter-json-export"), newmanReport });
    QVERIFY2(newman.waitForFinished(90000), "newman did not finish within 90 s");
    QMap<QString, int> newmanFailed;
    QMap<QString, int> newmanAssertions;
    const QJsonArray executions = readJson(newmanReport)
                                      .value(QLatin1String("run"))
                                      .toObject()
                                      .value(QLatin1String("executions"))
                                      .toArray();
    QVERIFY2(!executions.isEmpty(),
        qPrintable(QString::fromUtf8(newman.readAllStandardError() + newman.readAllStandardOutput())));
    for (const QJsonValue &e : executions) {
        const QString name
            = e.toObject().value(QLatin1String("item")).toObject().value(QLatin1String("name")).toString();
        for (const QJsonValue &a : e.toObject().value(QLatin1String("assertions")).toArray()) {
            ++newmanAssertions[name];
            if (a.toObject().contains(QLatin1String("error")))
                ++newmanFailed[name];
            else
                newmanFailed[name] += 0;
        }
    }

    // Flowbench: import with the same environment file, run, failures per step.
    const QString project = m_dir.filePath(QStringLiteral("shop.flowbench"));
    const CliOutcome imported = runCli({ QStringLiteral("import"), QStringLiteral("--format"),
        QStringLiteral("postman"), m_collection, QStringLiteral("--environment"), m_environment, project });
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err + imported.out));
    // The secrets the import report asks for (the backend does not check them).
    qputenv("API_TOKEN", "oracle-token");
    qputenv("API_KEY", "oracle-key");
    qputenv("USER_PASSWORD", "oracle-password");
    const QString runReport = m_dir.filePath(QStringLiteral("run.json"));
    const CliOutcome ran = runCli({ QStringLiteral("run"), project, QStringLiteral("--env"),
        QStringLiteral("local"), QStringLiteral("--json"), runReport });
    QCOMPARE(ran.exitCode, 1); // some assertions fail, none errors
    QMap<QString, int> flowbenchFailed;
    for (const QJsonValue &tc : readJson(runReport).value(QLatin1String("test_cases")).toArray())
        for (const QJsonValue &c : tc.toObject().value(QLatin1String("checks")).toArray()) {
            const QJsonObject check = c.toObject();
            const QString status = check.value(QLatin1String("status")).toString();
            QVERIFY2(status == QLatin1String("pass") || status == QLatin1String("fail"),
                qPrintable(check.value(QLatin1String("name")).toString() + QStringLiteral(": ") + status
                    + QStringLiteral(" ") + check.value(QLatin1String("message")).toString()));
            // One "; "-separated message per failed assertion.
            flowbenchFailed[check.value(QLatin1String("name")).toString()] = status == QLatin1String("pass")
                ? 0
                : int(check.value(QLatin1String("message")).toString().split(QStringLiteral("; ")).size());
        }

    QCOMPARE(flowbenchFailed.keys(), newmanFailed.keys());
    QCOMPARE(flowbenchFailed, newmanFailed);
    // The fixture has failing assertions in three requests, so this comparison can fail.
    int failures = 0;
    for (int n : newmanFailed)
        failures += n;
    QCOMPARE(failures, 4);
    QCOMPARE(newmanAssertions.value(QStringLiteral("Health")), 4);
}

QTEST_GUILESS_MAIN(PostmanOracleTest)
#include "tst_postmanoracle.moc"
