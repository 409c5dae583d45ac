// {{variable}} interpolation and secret references.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checktype.h"
#include "checks/secretresolver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace flowbench;

class TestVariables : public QObject
{
    Q_OBJECT

    static VariableScope scope()
    {
        VariableScope s;
        s.set("base_url", "http://127.0.0.1:8080");
        s.set("order_id", "42");
        s.set("empty", "");
        s.setRunId("run-7");
        return s;
    }

private slots:
    void interpolate_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("result");
        QTest::newRow("no variables") << "plain text" << "plain text";
        QTest::newRow("one") << "{{base_url}}/orders" << "http://127.0.0.1:8080/orders";
        QTest::newRow("two and blanks") << "{{ base_url }}/orders/{{order_id}}" << "http://127.0.0.1:8080/orders/42";
        QTest::newRow("empty value") << "a{{empty}}b" << "ab";
        QTest::newRow("run id") << "run={{$runId}}" << "run=run-7";
        QTest::newRow("single braces stay") << "{order_id} {{order_id}}" << "{order_id} 42";
        QTest::newRow("value not re-expanded") << "{{order_id}}" << "42";
    }

    void interpolate()
    {
        QFETCH(QString, text);
        QFETCH(QString, result);
        const auto r = scope().interpolate(text);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(*r, result);
    }

    void valuesAreNotReinterpolated()
    {
        VariableScope s;
        s.set("a", "{{b}}");
        QCOMPARE(*s.interpolate("x{{a}}"), QStringLiteral("x{{b}}"));
    }

    void builtIns()
    {
        const VariableScope s = scope();
        const QString a = *s.interpolate("{{$uuid}}");
        const QString b = *s.interpolate("{{$uuid}}");
        QCOMPARE(a.size(), 36);
        QVERIFY(a != b); // fresh per use
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const qint64 stamp = s.interpolate("{{$timestamp}}")->toLongLong();
        QVERIFY(stamp >= before && stamp <= before + 5);
    }

    void unknownVariable()
    {
        const auto r = scope().interpolate("{{base_url}}/{{nope}}", "spec.url");
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), QStringLiteral("unknown variable {{nope}} in spec.url"));
        VariableScope noRun;
        QCOMPARE(noRun.interpolate("{{$runId}}").error(), QStringLiteral("unknown variable {{$runId}}"));
    }

    void interpolateJson()
    {
        const QJsonObject body{{"id", "{{order_id}}"}, {"n", 3}, {"list", QJsonArray{"{{order_id}}", true}}};
        const auto r = scope().interpolateJson(QJsonValue(body), "spec.body.json");
        QVERIFY(r.ok());
        QCOMPARE(r->toObject(), (QJsonObject{{"id", "42"}, {"n", 3}, {"list", QJsonArray{"42", true}}}));
        const auto bad = scope().interpolateJson(QJsonValue(QJsonObject{{"a", QJsonArray{1, "{{x}}"}}}), "spec.body.json");
        QCOMPARE(bad.error(), QStringLiteral("unknown variable {{x}} in spec.body.json.a[1]"));
    }

    void envSecret()
    {
        qputenv("FLOWBENCH_TEST_SECRET", "s3cr3t");
        QCOMPARE(*SecretResolver::resolve("${env:FLOWBENCH_TEST_SECRET}"), QStringLiteral("s3cr3t"));
        QCOMPARE(*SecretResolver::resolve("not a reference"), QStringLiteral("not a reference"));
        qunsetenv("FLOWBENCH_TEST_SECRET_MISSING");
        const auto missing = SecretResolver::resolve("${env:FLOWBENCH_TEST_SECRET_MISSING}");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error(),
                 QStringLiteral("environment variable FLOWBENCH_TEST_SECRET_MISSING is not set (referenced as ${env:FLOWBENCH_TEST_SECRET_MISSING})"));
    }

    void environmentVariablesWithSecrets()
    {
        qputenv("FLOWBENCH_TEST_TOKEN", "tok-1");
        Environment env;
        env.name = "staging";
        env.variables = {{"base_url", "http://127.0.0.1:1"}, {"token", "${env:FLOWBENCH_TEST_TOKEN}"}};
        VariableScope s;
        QVERIFY(SecretResolver::addVariables(env, s).ok());
        QCOMPARE(*s.interpolate("{{base_url}} {{token}}"), QStringLiteral("http://127.0.0.1:1 tok-1"));
        env.variables.insert("missing", "${env:FLOWBENCH_TEST_NOT_SET}");
        qunsetenv("FLOWBENCH_TEST_NOT_SET");
        const Status st = SecretResolver::addVariables(env, s);
        QCOMPARE(st.error(), QStringLiteral("environment staging, variable missing: environment variable FLOWBENCH_TEST_NOT_SET "
                                            "is not set (referenced as ${env:FLOWBENCH_TEST_NOT_SET})"));
    }

    void keychainNeverHangs()
    {
        // Test machines have no keychain service (or no such entry): the read must fail
        // with a message naming the entry, within its bound.
        QElapsedTimer clock;
        clock.start();
        const auto r = SecretResolver::resolve("${keychain:flowbench-test-entry-that-does-not-exist}", 3000);
        QVERIFY(!r.ok());
        qInfo("%s", qPrintable(r.error()));
        QVERIFY2(r.error().startsWith("keychain entry \"flowbench-test-entry-that-does-not-exist\""), qPrintable(r.error()));
        QVERIFY2(clock.elapsed() < 30000, "the keychain read is bounded");
    }
};

QTEST_GUILESS_MAIN(TestVariables)
#include "tst_variables.moc"
