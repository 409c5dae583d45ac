// The assertion evaluator shared by every check type, on hand-made observations.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/assertionevaluator.h"
#include "support/checkharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

Q_DECLARE_METATYPE(flowbench::Assertion)

class TestAssertions : public QObject
{
    Q_OBJECT

    static Observation observation()
    {
        Observation o;
        o.status = 200;
        o.headers = {{"Content-Type", "application/json"}, {"X-Count", "3"}};
        o.body = R"([{"id":1,"status":"paid","amount":27.5,"code":"0042"},{"id":2,"status":"open","amount":3,"code":"x"}])";
        o.json = QJsonDocument::fromJson(o.body).array();
        o.latencyMs = 120;
        o.count = 2;
        return o;
    }

private slots:
    void evaluate_data()
    {
        QTest::addColumn<Assertion>("check");
        QTest::addColumn<QString>("failure"); // empty: holds

        QTest::newRow("row_count ==") << assertion("row_count", {}, "==", 2) << "";
        QTest::newRow("row_count == wrong") << assertion("row_count", {}, "==", 1) << "row_count: expected 1, got 2";
        QTest::newRow("row_count >") << assertion("row_count", {}, ">", 0) << "";
        QTest::newRow("count >= wrong") << assertion("count", {}, ">=", 3) << "count: expected >= 3, got 2";
        QTest::newRow("count !=") << assertion("count", {}, "!=", 2) << "count: expected anything but 2, got 2";
        QTest::newRow("count <=") << assertion("count", {}, "<=", 2) << "";
        QTest::newRow("status !=") << assertion("status", {}, "!=", 500) << "";
        QTest::newRow("status >") << assertion("status", {}, ">", 200) << "status: expected > 200, got 200";
        QTest::newRow("latency <=") << assertion("latency_ms", {}, "<=", 120) << "";
        QTest::newRow("latency < wrong") << assertion("latency_ms", {}, "<", 100) << "latency_ms: expected < 100, got 120";
        QTest::newRow("header number as text") << assertion("header", "x-count", "==", 3) << "";
        QTest::newRow("header !=") << assertion("header", "Content-Type", "!=", "text/html") << "";
        QTest::newRow("header matches wrong") << assertion("header", "Content-Type", "matches", "^text/")
                                              << "header Content-Type: expected to match \"^text/\", got \"application/json\"";
        QTest::newRow("header not_exists wrong") << assertion("header", "X-Count", "not_exists", {})
                                                 << "header X-Count: expected to be absent, got \"3\"";
        QTest::newRow("path ==") << assertion("json_path", "[0].status", "==", "paid") << "";
        QTest::newRow("path == wrong") << assertion("json_path", "[1].status", "==", "paid")
                                       << "json_path [1].status: expected \"paid\", got \"open\"";
        QTest::newRow("path fraction") << assertion("json_path", "[0].amount", "==", 27.5) << "";
        QTest::newRow("path numeric text") << assertion("json_path", "[0].code", "==", 42) << "";
        QTest::newRow("path text vs text") << assertion("json_path", "[0].code", "==", "42")
                                           << "json_path [0].code: expected \"42\", got \"0042\"";
        QTest::newRow("path <") << assertion("json_path", "[1].amount", "<", 10) << "";
        QTest::newRow("path >= wrong") << assertion("json_path", "[1].amount", ">=", 10)
                                       << "json_path [1].amount: expected >= 10, got 3";
        QTest::newRow("path cannot order") << assertion("json_path", "[0]", ">", 1)
                                           << "json_path [0]: expected > 1, got {\"amount\":27.5,\"code\":\"0042\",\"id\":1,\"status\":\"paid\"} which cannot be compared with it";
        QTest::newRow("path != ") << assertion("json_path", "[0].id", "!=", 2) << "";
        QTest::newRow("path contains text") << assertion("json_path", "[0].status", "contains", "ai") << "";
        QTest::newRow("path contains key") << assertion("json_path", "[0]", "contains", "amount") << "";
        QTest::newRow("path length text") << assertion("json_path", "[0].code", "length", 4) << "";
        QTest::newRow("path length object") << assertion("json_path", "[0]", "length", 4) << "";
        QTest::newRow("path length of number") << assertion("json_path", "[0].id", "length", 1)
                                               << "json_path [0].id: expected length 1, got 1 which has no length";
        QTest::newRow("path matches number") << assertion("json_path", "[1].id", "matches", "^2$") << "";
        QTest::newRow("path exists missing") << assertion("json_path", "[5]", "exists", {})
                                             << "json_path [5]: expected to exist, but it is missing";
        QTest::newRow("body_contains") << assertion("body_contains", {}, "==", "\"open\"") << "";
        QTest::newRow("body_regex") << assertion("body_regex", {}, "==", "\"amount\":\\d+\\.\\d") << "";
        QTest::newRow("jq") << assertion("jq", "map(.amount) | add == 30.5", "==", {}) << "";
        QTest::newRow("jq not a bool") << assertion("jq", ".[0].status", "==", {}) << "jq .[0].status: expected true, got \"paid\"";
        QTest::newRow("jq runtime error") << assertion("jq", ".[0].status.x", "==", {})
                                          << "jq .[0].status.x: Cannot index string with string \"x\"";
        QTest::newRow("interpolated expected") << assertion("json_path", "[0].status", "==", "{{paid}}") << "";
    }

    void evaluate()
    {
        QFETCH(Assertion, check);
        QFETCH(QString, failure);
        VariableScope scope;
        scope.set("paid", "paid");
        const auto failures = AssertionEvaluator::evaluate({check}, observation(), scope);
        QVERIFY2(failures.ok(), qPrintable(failures.error()));
        if (failure.isEmpty())
            QVERIFY2(failures->isEmpty(), qPrintable(failures->join("; ")));
        else
            QCOMPARE(failures->join("; "), failure);
    }

    void everyFailureIsReported()
    {
        const QList<Assertion> list{assertion("row_count", {}, "==", 5), assertion("json_path", "[0].id", "==", 1),
                                    assertion("status", {}, "==", 201)};
        const auto failures = AssertionEvaluator::evaluate(list, observation(), VariableScope());
        QCOMPARE(*failures, QStringList({"row_count: expected 5, got 2", "status: expected 201, got 200"}));
    }

    void unknownVariableInExpected()
    {
        const auto failures = AssertionEvaluator::evaluate({assertion("json_path", "[0].id", "==", "{{order}}")},
                                                           observation(), VariableScope());
        QVERIFY(!failures.ok());
        QCOMPARE(failures.error(), QStringLiteral("unknown variable {{order}} in assertions[0].expected"));
    }

    void noJsonToLookInto()
    {
        Observation o;
        o.body = "<html>";
        o.jsonError = "the response body is not JSON (illegal value at offset 0)";
        const auto failures = AssertionEvaluator::evaluate({assertion("jq", ". == 1", "==", {})}, o, VariableScope());
        QCOMPARE(failures->join(""), QStringLiteral("jq . == 1: the response body is not JSON (illegal value at offset 0)"));
    }

    void captures_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("value");
        QTest::newRow("column") << "column" << "status" << "paid";
        QTest::newRow("column number") << "column" << "amount" << "27.5";
        QTest::newRow("path") << "path" << "[1].id" << "2";
        QTest::newRow("path object") << "path" << "[1]" << R"({"amount":3,"code":"x","id":2,"status":"open"})";
        QTest::newRow("jq") << "jq" << "map(.id) | join(\",\")" << "1,2";
        QTest::newRow("header") << "header" << "x-count" << "3";
        QTest::newRow("regex group") << "regex" << "\"status\":\"(\\w+)\"" << "paid";
        QTest::newRow("regex whole") << "regex" << "pa\\w+" << "paid";
    }

    void captures()
    {
        QFETCH(QString, source);
        QFETCH(QString, expression);
        QFETCH(QString, value);
        const auto values = AssertionEvaluator::capture({{"v", source, expression}}, observation());
        QVERIFY2(values.ok(), qPrintable(values.error()));
        QCOMPARE(values->value("v"), value);
    }

    void judge()
    {
        Check check = makeCheck("sql", {}, {assertion("row_count", {}, "==", 2)}, {{"first", "column", "id"}});
        CheckOutcome o = AssertionEvaluator::judge(check, observation(), VariableScope());
        FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Pass);
        QCOMPARE(o.message, QStringLiteral("1 assertion held"));
        QCOMPARE(o.captures.value("first"), QStringLiteral("1"));

        check.assertions.append(assertion("row_count", {}, "==", 3));
        o = AssertionEvaluator::judge(check, observation(), VariableScope());
        FLOWBENCH_COMPARE_STATUS(o, ResultStatus::Fail);
        QCOMPARE(o.message, QStringLiteral("row_count: expected 3, got 2"));
        QVERIFY(o.captures.isEmpty());
    }

    void evidenceTruncation()
    {
        QCOMPARE(truncateEvidence("short", 100), QStringLiteral("short"));
        QCOMPARE(truncateEvidence("0123456789", 4), QStringLiteral("0123\n… (6 more bytes not shown)"));
        QCOMPARE(truncateEvidence("0123", 4, 1000), QStringLiteral("0123\n… (996 more bytes not shown)"));
        // Never cuts a character in half: "é" is two bytes.
        QCOMPARE(truncateEvidence(QString("aé").toUtf8(), 2), QStringLiteral("a\n… (2 more bytes not shown)"));
    }
};

QTEST_GUILESS_MAIN(TestAssertions)
#include "tst_assertions.moc"
