// Resolved secrets never leave a run: a token from ${env:...} that a real HTTP server
// (Qt HTTP Server on 127.0.0.1) reflects in its response body and in a response header is
// masked in the results, the stored run, the JSON report, JUnit XML, CSV, the HTML report
// and the Markdown summary. (The GUI's results panel and response viewer show these same
// results and resolve no variable.)
#include "support/shopproject.h"

#include "document/projectdocument.h"
#include "io/csvresultsexporter.h"
#include "io/htmlreport.h"
#include "io/jsonreport.h"
#include "io/junitreport.h"
#include "io/markdownsummary.h"
#include "run/evidence.h"
#include "run/runsession.h"
#include "store/projectstore.h"
#include "support/freeport.h"

#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace flowbench;
using namespace flowbench::testing;

namespace {
// Characters that change under percent-encoding, yet valid in a URL's query as they are
// (JSON escaping is covered by maskForms: a quote is not valid in a URL).
const QString kSecret = QStringLiteral("s3cr3t-Tok/en+42=");
const char *const kSecretVariable = "FLOWBENCH_TEST_SECRET_TOKEN";
const QString kMask = QStringLiteral("${secret:api_token}");
} // namespace

class SecretMaskingTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void maskForms_data();
    void maskForms();
    void runOutputsNeverCarryTheSecret();
    void basicAuthCredentialsAreMasked();

private:
    QTemporaryDir m_dir;
    QHttpServer m_server;
    quint16 m_port = 0;
};

void SecretMaskingTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Reflects the caller's Authorization header in a response header and in the body,
    // as a misbehaving API might: the run's evidence holds both.
    m_server.route(
        QStringLiteral("/whoami"), [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            QByteArray auth;
            for (const auto &h : request.headers())
                if (h.first.compare("authorization", Qt::CaseInsensitive) == 0)
                    auth = h.second;
            const QJsonObject body { { QStringLiteral("authorization"), QString::fromUtf8(auth) },
                { QStringLiteral("query"), request.url().query(QUrl::FullyEncoded) } };
            responder.write(QJsonDocument(body),
                { { "X-Echo-Authorization", auth }, { "Content-Type", "application/json" } });
        });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    QVERIFY2(m_port != 0, "the test HTTP server could not listen on 127.0.0.1");
    qputenv(kSecretVariable, kSecret.toUtf8());
}

void SecretMaskingTest::maskForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("masked");
    const QString m = QStringLiteral("${secret:t}");
    QTest::newRow("as is") << QStringLiteral("Bearer abc/d e+f\"g\"!")
                           << QStringLiteral("Bearer ") + m + QStringLiteral("!");
    QTest::newRow("percent-encoded") << QStringLiteral("?key=abc%2Fd%20e%2Bf%22g%22&x=1")
                                     << QStringLiteral("?key=") + m + QStringLiteral("&x=1");
    QTest::newRow("JSON-escaped") << QStringLiteral(R"({"k":"abc/d e+f\"g\""})")
                                  << QStringLiteral(R"({"k":")") + m + QStringLiteral(R"("})");
    QTest::newRow("cut by truncation")
        << QStringLiteral("token: abc/d e\n… (truncated, 14 of 90 bytes shown)")
        << QStringLiteral("token: ") + m + QStringLiteral("\n… (truncated, 14 of 90 bytes shown)");
    QTest::newRow("short tail before truncation kept")
        << QStringLiteral("x abc\n… (truncated, 5 of 9 bytes shown)")
        << QStringLiteral("x abc\n… (truncated, 5 of 9 bytes shown)");
    QTest::newRow("twice") << QStringLiteral("abc/d e+f\"g\" and abc/d e+f\"g\"")
                           << m + QStringLiteral(" and ") + m;
    QTest::newRow("nothing secret") << QStringLiteral("status is 200") << QStringLiteral("status is 200");
}

void SecretMaskingTest::maskForms()
{
    QFETCH(QString, text);
    QFETCH(QString, masked);
    SecretMask mask;
    mask.add(QStringLiteral("t"), QStringLiteral("abc/d e+f\"g\""));
    mask.add(QStringLiteral("empty"), QString()); // an empty value masks nothing
    QCOMPARE(mask.apply(text), masked);
}

void SecretMaskingTest::runOutputsNeverCarryTheSecret()
{
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_port);
    Project project;
    project.name = QStringLiteral("Secrets");
    const Node api = makeNode(NodeKind::Api, QStringLiteral("GET /whoami"));
    project.nodes << api;
    Check call = httpCheck(QStringLiteral("who am I"), QStringLiteral("GET"),
        QStringLiteral("{{base}}/whoami?key={{api_token}}"));
    call.spec.insert(QStringLiteral("headers"),
        QJsonObject { { QStringLiteral("Authorization"), QStringLiteral("Bearer {{api_token}}") } });
    // Fails, so the evidence (headers and body) is kept and the message quotes the text.
    call.assertions = { expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 201),
        expect(QStringLiteral("body_contains"), QString(), QStringLiteral("contains"),
            QStringLiteral("nope {{api_token}}")) };
    TestCase reflected = makeCase(api.id, QStringLiteral("token reflected"), {}, { call });
    // Cannot connect: the message of an error names the URL.
    TestCase refused = makeCase(api.id, QStringLiteral("refused"), {},
        { httpCheck(QStringLiteral("refused"), QStringLiteral("GET"),
            QStringLiteral("http://127.0.0.1:%1/x?key={{api_token}}").arg(freeLoopbackPort())) });
    project.testCases << reflected << refused;
    Environment env;
    env.id = newId();
    env.name = QStringLiteral("local");
    env.variables.insert(QStringLiteral("base"), base);
    env.variables.insert(
        QStringLiteral("api_token"), QStringLiteral("${env:%1}").arg(QLatin1String(kSecretVariable)));
    project.environments << env;

    const QString path = m_dir.filePath(QStringLiteral("secrets.flowbench"));
    {
        auto store = ProjectStore::create(path, project.name);
        QVERIFY2(store, qPrintable(store.error()));
        const Status replaced = store.value()->replaceContents(project);
        QVERIFY2(replaced, qPrintable(replaced.error()));
    }
    auto opened = ProjectDocument::open(path);
    QVERIFY2(opened, qPrintable(opened.error()));
    RunOptions options;
    options.environment = env.name;
    RunSession session(opened.value().get(), options);
    QSignalSpy finished(&session, &RunSession::finished);
    const Status started = session.start();
    QVERIFY2(started, qPrintable(started.error()));
    QVERIFY(finished.wait(30000));
    QVERIFY(session.storage() == RunSession::Storage::Stored);

    const QList<CheckResult> results = session.results();
    QCOMPARE(results.size(), 2);
    QString all;
    for (const CheckResult &r : results)
        all += r.message + QLatin1Char('\n') + r.evidence + QLatin1Char('\n');
    // The server did reflect it: the header and the body are there, masked.
    QVERIFY2(all.contains(QStringLiteral("X-Echo-Authorization: Bearer ") + kMask), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("\"authorization\": \"Bearer ") + kMask), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("key=") + kMask), qPrintable(all));

    const auto containsSecret = [](const QByteArray &bytes) {
        for (const QByteArray &form :
            { kSecret.toUtf8(), QUrl::toPercentEncoding(kSecret), QByteArray("s3cr3t") })
            if (bytes.contains(form))
                return true;
        return false;
    };
    QVERIFY2(!containsSecret(all.toUtf8()), qPrintable(all));

    const Run run = session.run();
    const QByteArray json = QJsonDocument(JsonReport::toJson(session.project(), run, results)).toJson();
    QVERIFY(json.contains(kMask.toUtf8()));
    QVERIFY2(!containsSecret(json), json.constData());
    const QByteArray junit = JUnitReport::toXml(session.project(), run, results);
    QVERIFY(junit.contains(kMask.toUtf8()));
    QVERIFY2(!containsSecret(junit), junit.constData());

    const QByteArray summary = MarkdownSummary::toMarkdown(session.project(), run, results);
    QVERIFY(summary.contains(kMask.toUtf8()));
    QVERIFY2(!containsSecret(summary), summary.constData());

    // What the store kept, read back through a fresh store, and the CSV made from it.
    auto reopened = ProjectStore::open(path);
    QVERIFY2(reopened, qPrintable(reopened.error()));
    const auto stored = reopened.value()->results(run.id);
    QVERIFY2(stored, qPrintable(stored.error()));
    QCOMPARE(stored.value(), results);
    Project withResults = session.project();
    withResults.runs = { run };
    withResults.results = stored.value();
    const auto csv = CsvResultsExporter().write(withResults, ExportOptions());
    QVERIFY2(csv, qPrintable(csv.error()));
    QVERIFY(csv.value().contains(kMask.toUtf8()));
    QVERIFY2(!containsSecret(csv.value()), csv.value().constData());
    // The HTML report of the stored run, evidence of its failures included.
    const auto reportInput = HtmlReportInput::fromHistory(withResults, run.id);
    QVERIFY2(reportInput, qPrintable(reportInput.error()));
    const QByteArray html = HtmlReport::toHtml(reportInput.value());
    QVERIFY(html.contains(kMask.toHtmlEscaped().toUtf8()) || html.contains(kMask.toUtf8()));
    QVERIFY(html.contains("X-Echo-Authorization"));
    QVERIFY2(!containsSecret(html), html.constData());
    // Nor anywhere in the project file's bytes (and its write-ahead log).
    opened.value().reset();
    reopened.value().reset();
    for (const QString &file : QDir(m_dir.path()).entryList(QDir::Files)) {
        QFile f(m_dir.filePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!containsSecret(f.readAll()), qPrintable(file));
    }
}

// An http check's basic auth with the password a direct ${env:…} reference (no variable
// for forEnvironment to find): the password and the header's base64 form are masked too.
void SecretMaskingTest::basicAuthCredentialsAreMasked()
{
    Project project;
    project.name = QStringLiteral("Basic");
    const Node api = makeNode(NodeKind::Api, QStringLiteral("GET /whoami"));
    project.nodes << api;
    Check call = httpCheck(QStringLiteral("who am I"), QStringLiteral("GET"),
        QStringLiteral("http://127.0.0.1:%1/whoami").arg(m_port));
    call.spec.insert(QStringLiteral("auth"),
        QJsonObject { { QStringLiteral("type"), QStringLiteral("basic") },
            { QStringLiteral("user"), QStringLiteral("qa") },
            { QStringLiteral("password"),
                QStringLiteral("${env:%1}").arg(QLatin1String(kSecretVariable)) } });
    call.assertions
        = { expect(QStringLiteral("status"), QString(), QStringLiteral("=="), 201) }; // keeps evidence
    project.testCases << makeCase(api.id, QStringLiteral("basic"), {}, { call });
    const QString path = m_dir.filePath(QStringLiteral("basic.flowbench"));
    {
        auto store = ProjectStore::create(path, project.name);
        QVERIFY2(store, qPrintable(store.error()));
        QVERIFY(store.value()->replaceContents(project));
    }
    auto opened = ProjectDocument::open(path);
    QVERIFY2(opened, qPrintable(opened.error()));
    RunSession session(opened.value().get(), RunOptions());
    QSignalSpy finished(&session, &RunSession::finished);
    const Status started = session.start();
    QVERIFY2(started, qPrintable(started.error()));
    QVERIFY(finished.wait(30000));
    const QList<CheckResult> results = session.results();
    QCOMPARE(results.size(), 1);
    const QString all = results.first().message + QLatin1Char('\n') + results.first().evidence;
    QVERIFY2(
        all.contains(QStringLiteral("X-Echo-Authorization: Basic ${secret:auth.basic}")), qPrintable(all));
    const QString base64 = QString::fromLatin1(("qa:" + kSecret.toUtf8()).toBase64());
    QVERIFY2(!all.contains(base64) && !all.contains(kSecret), qPrintable(all));
}

QTEST_GUILESS_MAIN(SecretMaskingTest)
#include "tst_secretmasking.moc"
