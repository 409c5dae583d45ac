// http checks against a real HTTP server on 127.0.0.1 (Qt HTTP Server in this process).
// Test tables read better with plain string literals than with QStringLiteral everywhere.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "checks/httpconnectionpool.h"
#include "checks/httpexecution.h"
#include "checks/jqprogram.h"
#include "support/checkharness.h"
#include "support/freeport.h"
#include "support/httptestserver.h"
#include "support/rawhttpserver.h"
#include "support/tlstestserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

Q_DECLARE_METATYPE(flowbench::Assertion)
Q_DECLARE_METATYPE(flowbench::ResultStatus)

class TestHttpCheck : public QObject
{
    Q_OBJECT

private:
    HttpTestServer m_server;
    QNetworkAccessManager m_network;

    CheckContext context()
    {
        CheckContext c;
        c.network = &m_network;
        c.variables.set(QStringLiteral("base_url"), m_server.baseUrl());
        c.variables.setRunId(QStringLiteral("run-1"));
        return c;
    }
    QJsonObject get(const QString &path)
    {
        return QJsonObject{{QStringLiteral("url"), QStringLiteral("{{base_url}}") + path}};
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    }

    void assertions_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<Assertion>("check");
        QTest::addColumn<ResultStatus>("status");
        QTest::addColumn<QString>("message");
        const auto pass = ResultStatus::Pass;
        const auto fail = ResultStatus::Fail;
        const QString json = QStringLiteral("/json");
        QTest::newRow("status ==") << json << assertion("status", {}, "==", 200) << pass << "";
        QTest::newRow("status == wrong") << json << assertion("status", {}, "==", 201) << fail
                                         << "status: expected 201, got 200";
        QTest::newRow("status 500") << "/status/500" << assertion("status", {}, "<", 400) << fail
                                    << "status: expected < 400, got 500";
        QTest::newRow("status >=") << "/status/404" << assertion("status", {}, ">=", 400) << pass << "";
        QTest::newRow("redirect not followed") << "/redirect" << assertion("status", {}, "==", 302) << pass << "";
        QTest::newRow("header ==") << json << assertion("header", "x-request-id", "==", "req-123") << pass << "";
        QTest::newRow("header == wrong") << json << assertion("header", "X-Request-Id", "==", "req-9") << fail
                                         << "header X-Request-Id: expected \"req-9\", got \"req-123\"";
        QTest::newRow("header contains") << json << assertion("header", "Content-Type", "contains", "json") << pass << "";
        QTest::newRow("header matches") << json << assertion("header", "X-Request-Id", "matches", "^req-\\d+$") << pass << "";
        QTest::newRow("header exists missing") << json << assertion("header", "X-Missing", "exists", {}) << fail
                                               << "header X-Missing: expected to exist, but it is missing";
        QTest::newRow("header not_exists") << json << assertion("header", "X-Missing", "not_exists", {}) << pass << "";
        QTest::newRow("body_contains") << json << assertion("body_contains", {}, "==", "second") << pass << "";
        QTest::newRow("body_contains wrong") << json << assertion("body_contains", {}, "==", "third") << fail
                                             << "body: expected to contain \"third\"";
        QTest::newRow("body_regex") << "/text" << assertion("body_regex", {}, "==", "order \\d+ confirmed") << pass << "";
        QTest::newRow("body_regex wrong") << "/text" << assertion("body_regex", {}, "==", "order \\d+ cancelled") << fail
                                          << "body: expected to match /order \\d+ cancelled/";
        QTest::newRow("latency") << json << assertion("latency_ms", {}, "<", 60000) << pass << "";
        QTest::newRow("latency too slow") << "/slow/200" << assertion("latency_ms", {}, "<", 100) << fail
                                          << "latency_ms: expected < 100, got";
        QTest::newRow("json_path ==") << json << assertion("json_path", "data.items[0].id", "==", 7) << pass << "";
        QTest::newRow("json_path == wrong") << json << assertion("json_path", "data.total", "==", 27) << fail
                                            << "json_path data.total: expected 27, got 2";
        QTest::newRow("json_path $ string") << json << assertion("json_path", "$.status", "==", "ok") << pass << "";
        QTest::newRow("json_path missing") << json << assertion("json_path", "data.items[5].id", "==", 1) << fail
                                           << "json_path data.items[5].id: expected 1, but it is missing";
        QTest::newRow("json_path exists") << json << assertion("json_path", "data.items[1].name", "exists", {}) << pass << "";
        QTest::newRow("json_path not_exists") << json << assertion("json_path", "data.nope", "not_exists", {}) << pass << "";
        QTest::newRow("json_path contains array") << json << assertion("json_path", "tags", "contains", "b") << pass << "";
        QTest::newRow("json_path contains wrong") << json << assertion("json_path", "tags", "contains", "z") << fail
                                                  << "json_path tags: expected to contain \"z\", got [\"a\",\"b\"]";
        QTest::newRow("json_path matches") << json << assertion("json_path", "data.items[1].name", "matches", "^sec") << pass << "";
        QTest::newRow("json_path length") << json << assertion("json_path", "data.items", "length", 2) << pass << "";
        QTest::newRow("json_path length wrong") << json << assertion("json_path", "data.items", "length", 3) << fail
                                                << "json_path data.items: expected length 3, got length 2";
        QTest::newRow("json_path on text") << "/text" << assertion("json_path", "a", "exists", {}) << fail
                                           << "json_path a: the response body is not JSON";
        QTest::newRow("jq") << json << assertion("jq", ".data.items | length == 2", "==", {}) << pass << "";
        QTest::newRow("jq false") << json << assertion("jq", ".data.items | map(.id) | add == 16", "==", {}) << fail
                                  << "jq .data.items | map(.id) | add == 16: expected true, got false";
    }

    void assertions()
    {
        QFETCH(QString, path);
        QFETCH(Assertion, check);
        QFETCH(ResultStatus, status);
        QFETCH(QString, message);
        const CheckOutcome outcome = runCheck(makeCheck("http", get(path), {check}), context());
        FLOWBENCH_COMPARE_STATUS(outcome, status);
        if (!message.isEmpty())
            QVERIFY2(outcome.message.startsWith(message), qPrintable(outcome.message));
        QVERIFY(outcome.evidence.startsWith(QLatin1String("HTTP ")));
    }

    void captures()
    {
        const QList<Capture> captures{{QStringLiteral("first_id"), QStringLiteral("path"), QStringLiteral("data.items[0].id")},
                                      {QStringLiteral("names"), QStringLiteral("jq"), QStringLiteral("[.data.items[].name] | join(\",\")")},
                                      {QStringLiteral("request"), QStringLiteral("header"), QStringLiteral("x-request-id")},
                                      {QStringLiteral("total"), QStringLiteral("regex"), QStringLiteral("\"total\":\\s*(\\d+)")}};
        const CheckOutcome outcome = runCheck(makeCheck("http", get("/json"), {}, captures), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(outcome.captures.value("first_id"), QStringLiteral("7"));
        QCOMPARE(outcome.captures.value("names"), QStringLiteral("first,second"));
        QCOMPARE(outcome.captures.value("request"), QStringLiteral("req-123"));
        QCOMPARE(outcome.captures.value("total"), QStringLiteral("2"));
    }

    void captureMissingFails()
    {
        const QList<Capture> captures{{QStringLiteral("id"), QStringLiteral("path"), QStringLiteral("data.order.id")}};
        const CheckOutcome outcome = runCheck(makeCheck("http", get("/json"), {}, captures), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QCOMPARE(outcome.message, QStringLiteral("capture id (path data.order.id): not found"));
    }

    void jsonBodyHeadersAndVariables()
    {
        CheckContext ctx = context();
        ctx.variables.set("customer", "Ada");
        ctx.variables.set("token", "t-42");
        const QJsonObject spec{
            {"method", "POST"},
            {"url", "{{base_url}}/echo?run={{$runId}}"},
            {"headers", QJsonObject{{"X-Token", "Bearer {{token}}"}}},
            {"body", QJsonObject{{"mode", "json"},
                                 {"json", QJsonObject{{"customer", "{{customer}}"}, {"ref", "{{$uuid}}"},
                                                      {"at", "{{$timestamp}}"}, {"qty", 3}}}}}};
        const CheckOutcome outcome = runCheck(
            makeCheck("http", spec,
                      {assertion("status", {}, "==", 201), assertion("json_path", "json.customer", "==", "Ada"),
                       assertion("json_path", "json.qty", "==", 3),
                       assertion("json_path", "headers.x-token", "==", "Bearer {{token}}"),
                       assertion("json_path", "headers.content-type", "==", "application/json"),
                       assertion("json_path", "query", "==", "run=run-1"),
                       assertion("json_path", "json.ref", "matches", "^[0-9a-f]{8}-[0-9a-f]{4}-"),
                       assertion("json_path", "json.at", "matches", "^1[0-9]{9}$")}),
            ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    void formAndRawBodies()
    {
        const QJsonObject form{{"method", "PUT"},
                               {"url", "{{base_url}}/echo"},
                               {"body", QJsonObject{{"mode", "form"}, {"form", QJsonObject{{"name", "a b&c"}, {"n", "{{$runId}}"}}}}}};
        CheckOutcome outcome = runCheck(
            makeCheck("http", form,
                      {assertion("json_path", "method", "==", "PUT"), assertion("json_path", "body", "==", "n=run-1&name=a%20b%26c"),
                       assertion("json_path", "headers.content-type", "==", "application/x-www-form-urlencoded")}),
            context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);

        const QJsonObject raw{{"method", "PATCH"},
                              {"url", "{{base_url}}/echo"},
                              {"headers", QJsonObject{{"Content-Type", "text/plain"}}},
                              {"body", QJsonObject{{"mode", "raw"}, {"raw", "run {{$runId}}"}}}};
        outcome = runCheck(makeCheck("http", raw, {assertion("json_path", "body", "==", "run run-1")}), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    // A multipart body as a server takes it apart: text fields and files in order, the
    // file streamed whole (3 MiB), relative paths from the project's folder.
    void multipartBodyWithTextAndFiles()
    {
        QTemporaryDir dir;
        QByteArray photo(3 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < photo.size(); ++i)
            photo[i] = char((i * 131 + i / 7) & 0xff);
        QFile f(dir.filePath("photo.bin"));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(photo) == photo.size());
        f.close();
        QFile n(dir.filePath("notes.txt"));
        QVERIFY(n.open(QIODevice::WriteOnly) && n.write("line one\r\n--not a boundary\r\n") > 0);
        n.close();
        CheckContext ctx = context();
        ctx.projectDir = dir.path();
        ctx.variables.set("upload", "notes.txt");
        const QJsonObject spec{
            {"method", "POST"},
            {"url", "{{base_url}}/multipart"},
            {"body", QJsonObject{{"mode", "multipart"},
                                 {"multipart", QJsonArray{QJsonObject{{"name", "title"}, {"value", "Run {{$runId}}"}},
                                                          QJsonObject{{"name", "photo"}, {"file", "photo.bin"}, {"content_type", "image/png"}},
                                                          QJsonObject{{"name", "notes"}, {"file", dir.filePath("{{upload}}")}, {"filename", "n.txt"}},
                                                          QJsonObject{{"name", "quote\"d"}, {"value", ""}}}}}}};
        const QString sha1 = QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha1).toHex());
        const CheckOutcome outcome = runCheck(
            makeCheck("http", spec,
                      {assertion("status", {}, "==", 200), assertion("json_path", "closed", "==", true),
                       assertion("json_path", "parts", "length", 4),
                       assertion("json_path", "parts[0].name", "==", "title"),
                       assertion("json_path", "parts[0].text", "==", "Run run-1"),
                       assertion("json_path", "parts[1].filename", "==", "photo.bin"),
                       assertion("json_path", "parts[1].content_type", "==", "image/png"),
                       assertion("json_path", "parts[1].size", "==", 3 * 1024 * 1024),
                       assertion("json_path", "parts[1].sha1", "==", sha1),
                       assertion("json_path", "parts[2].filename", "==", "n.txt"),
                       assertion("json_path", "parts[2].content_type", "==", "application/octet-stream"),
                       assertion("json_path", "parts[2].size", "==", 28),
                       assertion("json_path", "parts[3].name", "==", "quote%22d"),
                       assertion("json_path", "parts[3].text", "==", "")}),
            ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    void multipartMissingFileIsAnErrorNamingIt()
    {
        QTemporaryDir dir;
        CheckContext ctx = context();
        ctx.projectDir = dir.path();
        const QJsonObject spec{
            {"method", "POST"},
            {"url", "{{base_url}}/multipart"},
            {"body", QJsonObject{{"mode", "multipart"}, {"multipart", QJsonArray{QJsonObject{{"name", "f"}, {"file", "gone.png"}}}}}}};
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, "spec.body.multipart[0].file: " + dir.filePath("gone.png") + ": no such file");
    }

    // Basic auth: the header is built at run time from a variable or a secret reference.
    void basicAuthHeaderIsBuiltAtRunTime()
    {
        CheckContext ctx = context();
        ctx.variables.set("api_user", "ada");
        ctx.variables.set("api_password", "s3cret:with colon");
        QJsonObject spec = get("/echo");
        spec.insert("auth", QJsonObject{{"type", "basic"}, {"user", "{{api_user}}"}, {"password", "{{api_password}}"}});
        QCOMPARE(CheckRegistry::instance().validate(makeCheck("http", spec)).ok(), true);
        CheckOutcome outcome = runCheck(
            makeCheck("http", spec,
                      {assertion("json_path", "headers.authorization", "==",
                                 "Basic " + QString::fromLatin1(QByteArray("ada:s3cret:with colon").toBase64()))}),
            ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);

        qputenv("FLOWBENCH_TEST_BASIC_PASSWORD", "from-env");
        spec.insert("auth", QJsonObject{{"type", "basic"}, {"user", "bob"}, {"password", "${env:FLOWBENCH_TEST_BASIC_PASSWORD}"}});
        outcome = runCheck(makeCheck("http", spec,
                                     {assertion("json_path", "headers.authorization", "==",
                                                "Basic " + QString::fromLatin1(QByteArray("bob:from-env").toBase64()))}),
                           ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        qunsetenv("FLOWBENCH_TEST_BASIC_PASSWORD");
        outcome = runCheck(makeCheck("http", spec), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith("spec.auth.password: ") && outcome.message.contains("FLOWBENCH_TEST_BASIC_PASSWORD"),
                 qPrintable(outcome.message));
    }

    void unknownVariableIsAnError()
    {
        const CheckOutcome outcome = runCheck(makeCheck("http", get("/{{nope}}")), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("unknown variable {{nope}} in spec.url"));
    }

    void connectionRefused()
    {
        const quint16 port = freeLoopbackPort();
        const QJsonObject spec{{"url", QStringLiteral("http://127.0.0.1:%1/x").arg(port)}};
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("connection refused by 127.0.0.1:%1 (is the service running?)").arg(port));
    }

    void timeoutSaysHowLongItWaited()
    {
        QJsonObject spec = get("/slow/4000");
        spec.insert("timeout_ms", 300);
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("no complete response from 127.0.0.1:%1 within 300 ms (timeout_ms)").arg(m_server.port()));
        QVERIFY(outcome.durationMs >= 300);
    }

    void oversizedBody_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("streamed without length") << "/huge";
        QTest::newRow("declared length") << "/huge-declared";
    }

    void oversizedBody()
    {
        QFETCH(QString, path);
        const CheckOutcome outcome = runCheck(makeCheck("http", get(path)), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith(
                     QStringLiteral("response from 127.0.0.1:%1 is larger than 10 MB (the response size cap)")
                         .arg(m_server.port())),
            qPrintable(outcome.message));
    }

    // What a person reads when the server is broken or is no HTTP server at all.
    void faultyReplies_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<QString>("message"); // %1: 127.0.0.1:PORT
        QTest::newRow("ssh banner")
            << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
            << "%1 did not answer in HTTP: its reply began with \"SSH-2.0-OpenSSH_9.2p1 Debian-2\" "
               "(is %1 an HTTP server?)";
        QTest::newRow("garbage") << QByteArray("\x00\x01garbage\xff\r\n\r\n", 15)
                                 << "%1 did not answer in HTTP: its reply began with "
                                    "\"\\x00\\x01garbage\\xff\" (is %1 an HTTP server?)";
        QTest::newRow("invalid chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
            << "%1 sent an invalid chunked body (Transfer-Encoding: chunked): chunk size \"zz\" is "
               "not a hexadecimal number";
        QTest::newRow("chunk longer than its size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY\r\n0\r\n\r\n")
            << "%1 sent an invalid chunked body (Transfer-Encoding: chunked): a chunk of 3 "
               "bytes is followed by \"X\" instead of a line end (the chunk is longer than its size says)";
        QTest::newRow("body cut short")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            << "%1 closed the connection after 10 of 100 body bytes (Content-Length): the response is "
               "truncated";
        QTest::newRow("chunked body cut short")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc")
            << "%1 closed the connection in the middle of a chunked body (after 3 body bytes, "
               "before the last chunk): the response is truncated";
        QTest::newRow("headers cut short")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Le")
            << "%1 closed the connection in the middle of the response headers (after 27 bytes)";
        QTest::newRow("no answer") << QByteArray() << "%1 closed the connection before answering";
        QTest::newRow("bad content length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n")
            << "%1 sent a malformed HTTP response: its Content-Length \"12a\" is not a number";
    }

    void faultyReplies()
    {
        QFETCH(QByteArray, reply);
        QFETCH(QString, message);
        RawHttpServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.answerWith(reply);
        QJsonObject spec { { "url", server.baseUrl() + "/x" }, { "timeout_ms", 5000 } };
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, message.arg(QStringLiteral("127.0.0.1:%1").arg(server.port())));
        QCOMPARE(server.connections(), 1); // asked once, never silently retried
    }

    // Bodies that end with the connection (HTTP/1.0) and interim 100 responses are fine.
    void unusualButValidReplies_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("status");
        QTest::newRow("http 1.0 until close") << QByteArray("HTTP/1.0 200 OK\r\n\r\n{\"a\":1}") << 200;
        QTest::newRow("100 continue first") << QByteArray(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 7\r\n\r\n{\"a\":1}")
                                            << 201;
    }

    void unusualButValidReplies()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, status);
        RawHttpServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.answerWith(reply);
        const CheckOutcome outcome
            = runCheck(makeCheck("http", QJsonObject { { "url", server.baseUrl() + "/x" } },
                           { assertion("status", {}, "==", status), assertion("json_path", "a", "==", 1) }),
                context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    // Many requests to one host at once: none waits for a connection while its timeout
    // runs (Qt's QNetworkAccessManager opened 6 per host and queued the rest).
    void parallelRequestsDoNotSpendTheirTimeoutWaiting()
    {
        const CheckType *type = CheckRegistry::instance().type("http");
        std::vector<std::unique_ptr<CheckExecution>> executions;
        QList<CheckOutcome> outcomes;
        QJsonObject spec = get("/slow/1000");
        spec.insert("timeout_ms", 3000);
        for (int i = 0; i < 20; ++i) {
            executions.push_back(type->create(makeCheck("http", spec), context()));
            connect(executions.back().get(), &CheckExecution::finished, this,
                [&outcomes](const CheckOutcome &o) { outcomes.append(o); });
        }
        QElapsedTimer clock;
        clock.start();
        for (auto &e : executions)
            e->start();
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 20, 30000);
        qint64 slowest = 0;
        for (const CheckOutcome &o : std::as_const(outcomes)) {
            FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Pass);
            slowest = qMax(slowest, o.durationMs);
        }
        qInfo("20 requests of 1 s at once: all done after %lld ms, the slowest took %lld ms", clock.elapsed(),
            slowest);
        QVERIFY2(slowest < 2500, qPrintable(QString::number(slowest)));
    }

    void keepAliveReusesAndRetriesADroppedConnection()
    {
        RawHttpServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        // Answers the first request on a connection, then drops it when the next arrives.
        server.answerWith("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true);
        CheckOutcome outcome;
        const Check check = makeCheck("http", QJsonObject { { "url", server.baseUrl() + "/a" } },
            { assertion("body_contains", {}, "==", "ok") });
        outcome = runCheck(check, context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(server.connections(), 1);
        QCOMPARE(HttpConnectionPool::of(&m_network)->idleCount(server.baseUrl()), 1);
        // On the kept connection, which the server drops: sent again on a new one.
        outcome = runCheck(check, context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(server.connections(), 2);
        // A POST never goes on a kept connection (it must not be sent twice).
        const Check post
            = makeCheck("http", QJsonObject { { "method", "POST" }, { "url", server.baseUrl() + "/a" } });
        outcome = runCheck(post, context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QCOMPARE(server.connections(), 3);
    }

    void headerValuesCannotSplitTheRequest()
    {
        CheckContext ctx = context();
        ctx.variables.set("token", "t\r\nX-Admin: yes");
        const QJsonObject spec { { "url", "{{base_url}}/echo" },
            { "headers", QJsonObject { { "X-Token", "{{token}}" } } } };
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message,
            QStringLiteral("spec.headers.X-Token: the value contains a line break or NUL, which would split "
                           "the request (after {{variables}} were filled in)"));
    }

    void redirectsAreFollowedWhenAsked()
    {
        QJsonObject spec = get("/redirect");
        spec.insert("follow_redirects", true);
        const CheckOutcome outcome = runCheck(
            makeCheck("http", spec,
                { assertion("status", {}, "==", 200), assertion("json_path", "data.total", "==", 2) }),
            context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        const QString host = QStringLiteral("127.0.0.1:%1").arg(m_server.port());
        QCOMPARE(outcome.message, QStringLiteral("GET %1 (after 1 redirect): 2 assertions held").arg(host));
        QVERIFY2(outcome.evidence.startsWith(
                     QStringLiteral("redirected: GET http://%1/redirect -> 302\nHTTP 200 OK\n").arg(host)),
            qPrintable(outcome.evidence));
    }

    void redirectLimitAndSchemes_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<int>("maxRedirects"); // -1: not set
        QTest::addColumn<QString>("message"); // %1: http://127.0.0.1:PORT
        QTest::newRow("loop past the default limit")
            << QByteArray("HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n") << -1
            << "more than 10 redirects (max_redirects): GET %1/start -> 302, GET %1/again -> 302, GET "
               "%1/again -> 302, "
               "GET %1/again -> 302, GET %1/again -> 302, GET %1/again -> 302, GET %1/again -> 302, GET "
               "%1/again -> 302, "
               "GET %1/again -> 302, GET %1/again -> 302, GET %1/again -> 302 -> %1/again";
        QTest::newRow("max_redirects 2")
            << QByteArray("HTTP/1.1 307 Temporary Redirect\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n")
            << 2
            << "more than 2 redirects (max_redirects): GET %1/start -> 307, GET %1/again -> 307, "
               "GET %1/again -> 307 -> %1/again";
        QTest::newRow("not http") << QByteArray(
            "HTTP/1.1 301 Moved\r\nLocation: ftp://127.0.0.1/file\r\nContent-Length: 0\r\n\r\n")
                                  << -1
                                  << "%1/start answered 301 with Location \"ftp://127.0.0.1/file\", which is "
                                     "not an http or https URL";
    }

    void redirectLimitAndSchemes()
    {
        QFETCH(QByteArray, reply);
        QFETCH(int, maxRedirects);
        QFETCH(QString, message);
        RawHttpServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.answerWith(reply);
        QJsonObject spec { { "url", server.baseUrl() + "/start" }, { "follow_redirects", true } };
        if (maxRedirects >= 0)
            spec.insert("max_redirects", maxRedirects);
        QVERIFY(CheckRegistry::instance().validate(makeCheck("http", spec)).ok());
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, message.arg(server.baseUrl()));
    }

    // 303 turns a POST into a GET without its body; credentials stay with their host.
    void redirectToAnotherHostDropsCredentials()
    {
        RawHttpServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        server.answerWith(QStringLiteral(
            "HTTP/1.1 303 See Other\r\nLocation: http://localhost:%1/echo\r\nContent-Length: 0\r\n\r\n")
                              .arg(m_server.port())
                              .toLatin1());
        const QJsonObject spec { { "method", "POST" }, { "url", server.baseUrl() + "/orders" },
            { "follow_redirects", true },
            { "headers", QJsonObject { { "Authorization", "Bearer secret" }, { "X-Trace", "t-1" } } },
            { "body", QJsonObject { { "mode", "json" }, { "json", QJsonObject { { "a", 1 } } } } } };
        const CheckOutcome outcome = runCheck(
            makeCheck("http", spec,
                { assertion("json_path", "method", "==", "GET"), assertion("json_path", "body", "==", ""),
                    assertion("json_path", "headers.authorization", "not_exists", {}),
                    assertion("json_path", "headers.x-trace", "==", "t-1") }),
            context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
    }

    void dnsFailure()
    {
        const QJsonObject spec{{"url", "http://nonexistent.invalid:8080/"}, {"timeout_ms", 20000}};
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QCOMPARE(outcome.message, QStringLiteral("host nonexistent.invalid not found (DNS lookup failed) for nonexistent.invalid:8080"));
    }

    void tlsFailureNamesHostAndCause()
    {
        // https to a plain-HTTP port: the TLS handshake fails; verification stays on.
        const QJsonObject spec{{"url", QStringLiteral("https://127.0.0.1:%1/json").arg(m_server.port())}};
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        qInfo("%s", qPrintable(outcome.message));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith(QStringLiteral("TLS handshake with 127.0.0.1:%1 failed: ").arg(m_server.port())),
                 qPrintable(outcome.message));
    }

    void untrustedCertificateIsRefused()
    {
        TlsTestServer tls;
        if (!tls.start())
            QSKIP(qPrintable(tls.errorString()));
        const QJsonObject spec{{"url", QStringLiteral("https://127.0.0.1:%1/").arg(tls.port())}};
        const CheckOutcome outcome = runCheck(makeCheck("http", spec), context());
        qInfo("%s", qPrintable(outcome.message));
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Error);
        QVERIFY2(outcome.message.startsWith(QStringLiteral("TLS handshake with 127.0.0.1:%1 failed: ").arg(tls.port())),
                 qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains("self-signed", Qt::CaseInsensitive), qPrintable(outcome.message));
    }

    void evidenceIsTruncated()
    {
        CheckContext ctx = context();
        ctx.maxEvidenceBytes = 120;
        const CheckOutcome outcome = runCheck(makeCheck("http", get("/json")), ctx);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Pass);
        QVERIFY2(outcome.evidence.startsWith(QLatin1String("HTTP 200 OK\n")), qPrintable(outcome.evidence));
        QVERIFY2(outcome.evidence.contains(QLatin1String("more bytes not shown")), qPrintable(outcome.evidence));
        QVERIFY(outcome.evidence.toUtf8().size() < 200);
    }

    void targetIsHostAndPort()
    {
        const CheckType *type = CheckRegistry::instance().type("http");
        QVERIFY(type);
        auto exec = type->create(makeCheck("http", QJsonObject{{"url", "http://127.0.0.1:8081/a"}}), context());
        QCOMPARE(exec->target(), QStringLiteral("127.0.0.1:8081"));
        exec = type->create(makeCheck("http", QJsonObject{{"url", "https://example.test/a"}}), context());
        QCOMPARE(exec->target(), QStringLiteral("example.test:443"));
        exec = type->create(makeCheck("http", get("/json")), context()); // known before start()
        QCOMPARE(exec->target(), QStringLiteral("127.0.0.1:%1").arg(m_server.port()));
    }

    void jqIsCompiledOnceNotPerResponse()
    {
        const Check check = makeCheck("http", get("/json"), {assertion("jq", ".data.total == 2 # compile-once probe", "==", {})},
                                      {{"n", "jq", ".data.items | length # compile-once probe"}});
        const int before = JqProgram::compileCount();
        for (int i = 0; i < 4; ++i)
            FLOWBENCH_COMPARE_STATUS(runCheck(check, context()), ResultStatus::Pass);
        QCOMPARE(JqProgram::compileCount(), before + 2); // two distinct programs, each once
    }

    void concurrentRequestsShareTheNetworkAccessManager()
    {
        const CheckType *type = CheckRegistry::instance().type("http");
        std::vector<std::unique_ptr<CheckExecution>> executions;
        QList<CheckOutcome> outcomes;
        for (int i = 0; i < 12; ++i) {
            QJsonObject spec = get(QStringLiteral("/echo?i=%1").arg(i));
            executions.push_back(type->create(makeCheck("http", spec, {assertion("json_path", "query", "==", QStringLiteral("i=%1").arg(i))}),
                                              context()));
            connect(executions.back().get(), &CheckExecution::finished, this,
                    [&outcomes](const CheckOutcome &o) { outcomes.append(o); });
        }
        for (auto &e : executions)
            e->start();
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 12, 30000);
        for (const CheckOutcome &o : std::as_const(outcomes))
            FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Pass);
    }

    void cancelFinishesOnce()
    {
        const CheckType *type = CheckRegistry::instance().type("http");
        auto exec = type->create(makeCheck("http", get("/slow/3000")), context());
        QSignalSpy spy(exec.get(), &CheckExecution::finished);
        exec->start();
        QTest::qWait(100);
        exec->cancel();
        QVERIFY(spy.wait(5000));
        QTest::qWait(200);
        QCOMPARE(spy.count(), 1);
        FLOWBENCH_COMPARE_STATUS(spy.first().first().value<CheckOutcome>(), ResultStatus::Skipped);
    }

    void validation_data()
    {
        QTest::addColumn<QJsonObject>("spec");
        QTest::addColumn<Assertion>("check");
        QTest::addColumn<QString>("error");
        const Assertion ok = assertion("status", {}, "==", 200);
        QTest::newRow("empty url") << QJsonObject{{"url", ""}} << ok << "spec.url: must not be empty";
        QTest::newRow("bad body mode") << QJsonObject{{"url", "http://x/"}, {"body", QJsonObject{{"mode", "xml"}}}} << ok
                                       << "spec.body.mode: \"xml\" is not raw, json, form or multipart";
        QTest::newRow("multipart not a list")
            << QJsonObject{{"url", "http://x/"}, {"body", QJsonObject{{"mode", "multipart"}, {"multipart", "a=b"}}}} << ok
            << "spec.body.multipart: must be a list of parts";
        QTest::newRow("multipart part with value and file")
            << QJsonObject{{"url", "http://x/"},
                           {"body", QJsonObject{{"mode", "multipart"},
                                                {"multipart", QJsonArray{QJsonObject{{"name", "a"}, {"value", "1"}, {"file", "x"}}}}}}}
            << ok << "spec.body.multipart[0]: needs either \"value\" (text) or \"file\" (a path)";
        QTest::newRow("multipart part without name")
            << QJsonObject{{"url", "http://x/"},
                           {"body", QJsonObject{{"mode", "multipart"}, {"multipart", QJsonArray{QJsonObject{{"value", "1"}}}}}}}
            << ok << "spec.body.multipart[0].name: must not be empty";
        QTest::newRow("basic auth with a plaintext password")
            << QJsonObject{{"url", "http://x/"}, {"auth", QJsonObject{{"type", "basic"}, {"user", "ada"}, {"password", "hunter2"}}}}
            << ok
            << "spec.auth.password: must be a secret reference (${env:NAME}, ${keychain:ENTRY}) or one {{variable}} that "
               "holds one; a password is never written into the project";
        QTest::newRow("auth of another type")
            << QJsonObject{{"url", "http://x/"}, {"auth", QJsonObject{{"type", "digest"}}}} << ok
            << "spec.auth.type: \"digest\" is not basic";
        QTest::newRow("basic auth without user")
            << QJsonObject{{"url", "http://x/"}, {"auth", QJsonObject{{"type", "basic"}, {"password", "{{pw}}"}}}} << ok
            << "spec.auth.user: must not be empty";
        QTest::newRow("bad timeout") << QJsonObject{{"url", "http://x/"}, {"timeout_ms", -5}} << ok
                                     << "spec.timeout_ms: must be a positive number of milliseconds";
        QTest::newRow("unknown kind") << QJsonObject{{"url", "http://x/"}} << assertion("row_count", {}, "==", 1)
                                      << "assertions[0]: kind \"row_count\" is not known to http checks (known: status, header, body_contains, body_regex, latency_ms, json_path, jq, json_schema)";
        QTest::newRow("bad op") << QJsonObject{{"url", "http://x/"}} << assertion("status", {}, "contains", 1)
                                << "assertions[0] (status): op \"contains\" is not known (known: ==, !=, <, <=, >, >=)";
        QTest::newRow("status not a number") << QJsonObject{{"url", "http://x/"}} << assertion("status", {}, "==", "ok")
                                             << "assertions[0] (status): expected must be a number";
        QTest::newRow("bad path") << QJsonObject{{"url", "http://x/"}} << assertion("json_path", "a[x]", "==", 1)
                                  << "assertions[0] (json_path): JSON path \"a[x]\": \"[x]\" is not an array index";
        QTest::newRow("bad regex") << QJsonObject{{"url", "http://x/"}} << assertion("body_regex", {}, "==", "(")
                                   << "assertions[0] (body_regex): regex \"(\" is invalid: missing closing parenthesis";
        QTest::newRow("follow_redirects not a bool") << QJsonObject { { "url", "http://x/" },
            { "follow_redirects", "yes" } } << ok << "spec.follow_redirects: must be true or false";
        QTest::newRow("max_redirects fraction")
            << QJsonObject { { "url", "http://x/" }, { "follow_redirects", true }, { "max_redirects", 2.5 } }
            << ok << "spec.max_redirects: must be a whole number from 0 to 50";
        QTest::newRow("max_redirects too many")
            << QJsonObject { { "url", "http://x/" }, { "follow_redirects", true }, { "max_redirects", 99 } }
            << ok << "spec.max_redirects: must be a whole number from 0 to 50";
        QTest::newRow("max_redirects without following")
            << QJsonObject { { "url", "http://x/" }, { "max_redirects", 3 } } << ok
            << "spec.max_redirects: only applies with \"follow_redirects\": true";
        QTest::newRow("bad header name")
            << QJsonObject { { "url", "http://x/" }, { "headers", QJsonObject { { "X Token", "a" } } } } << ok
            << "spec.headers: \"X Token\" is not a valid header name";
    }

    void validation()
    {
        QFETCH(QJsonObject, spec);
        QFETCH(Assertion, check);
        QFETCH(QString, error);
        const Status s = CheckRegistry::instance().validate(makeCheck("http", spec, {check}));
        QVERIFY(!s.ok());
        QCOMPARE(s.error(), error);
    }

    void jqCompileErrorNamesTheExpression()
    {
        const Status s = CheckRegistry::instance().validate(
            makeCheck("http", QJsonObject{{"url", "http://x/"}}, {assertion("jq", ".items | lenght", "==", {})}));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().startsWith(QLatin1String("assertions[0] (jq): jq .items | lenght: ")), qPrintable(s.error()));
        QVERIFY2(s.error().contains(QLatin1String("lenght/0 is not defined")), qPrintable(s.error()));
    }

    void unknownCheckType()
    {
        const Status s = CheckRegistry::instance().validate(makeCheck("ftp", QJsonObject{}));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().startsWith(QLatin1String("check type \"ftp\" is not known (known: ")), qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(TestHttpCheck)
#include "tst_httpcheck.moc"
