#include "sampleproject.h"
#include "store/checkjson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace flowbench;
using namespace flowbench::testing;

class TestCheckJson : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void defaultsOmitted();
    void errorsNameTheField_data();
    void errorsNameTheField();
};

void TestCheckJson::roundTrip()
{
    QList<Check> checks = {sampleCheck(QStringLiteral("http")), sampleCheck(QStringLiteral("log"))};
    checks[1].eventually = Eventually{0, 100}; // an interval alone survives too
    checks[1].assertions[0].expected = QJsonValue(QJsonValue::Undefined);
    const QJsonArray json = checksToJson(checks);
    // Through text, as the store and the exporter keep it.
    const QJsonArray reread = QJsonDocument::fromJson(QJsonDocument(json).toJson()).array();
    const auto back = checksFromJson(reread, QStringLiteral("checks"));
    QVERIFY2(back.ok(), qPrintable(back.error()));
    QCOMPARE(back.value(), checks);
}

void TestCheckJson::defaultsOmitted()
{
    Check c;
    c.id = newId();
    c.type = QStringLiteral("sql");
    const QJsonObject o = checksToJson({c}).first().toObject();
    QVERIFY(!o.contains(QStringLiteral("eventually")));
    QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("sql"));

    // Optional fields may be left out when reading.
    const auto minimal = checksFromJson(
        QJsonArray{QJsonObject{{QStringLiteral("id"), c.id}, {QStringLiteral("type"), QStringLiteral("sql")}}},
        QStringLiteral("checks"));
    QVERIFY2(minimal.ok(), qPrintable(minimal.error()));
    QCOMPARE(minimal->first(), c);
}

void TestCheckJson::errorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    const QByteArray ok = R"({"id":"a","type":"http")";
    QTest::newRow("not an object") << QByteArray(R"([{"id":"a","type":"http"}, 3])") << QStringLiteral("checks[1]: must be an object");
    QTest::newRow("missing type") << QByteArray(R"([{"id":"a"}])") << QStringLiteral("checks[0].type: is missing");
    QTest::newRow("id not a string") << QByteArray(R"([{"id":7,"type":"http"}])") << QStringLiteral("checks[0].id: must be a string");
    QTest::newRow("spec not an object") << QByteArray("[" + ok + R"(,"spec":[]}])") << QStringLiteral("checks[0].spec: must be an object");
    QTest::newRow("unknown field") << QByteArray("[" + ok + R"(,"retries":3}])") << QStringLiteral("checks[0].retries: unknown field");
    QTest::newRow("captures not an array") << QByteArray("[" + ok + R"(,"captures":{}}])") << QStringLiteral("checks[0].captures: must be an array");
    QTest::newRow("capture without name") << QByteArray("[" + ok + R"(,"captures":[{"expression":".id"}]}])")
                                          << QStringLiteral("checks[0].captures[0].name: is missing");
    QTest::newRow("assertion kind") << QByteArray("[" + ok + R"(,"assertions":[{"kind":"status"},{"kind":5}]}])")
                                    << QStringLiteral("checks[0].assertions[1].kind: must be a string");
    QTest::newRow("timeout not a number")
        << QByteArray(R"([{"id":"a","type":"http"},{"id":"b","type":"sql"},{"id":"c","type":"sql","eventually":{"timeout_ms":"5s"}}])")
        << QStringLiteral("checks[2].eventually.timeout_ms: must be a number");
    QTest::newRow("negative interval") << QByteArray("[" + ok + R"(,"eventually":{"timeout_ms":10,"interval_ms":-1}}])")
                                       << QStringLiteral("checks[0].eventually.interval_ms: must be a whole number");
    QTest::newRow("fractional timeout") << QByteArray("[" + ok + R"(,"eventually":{"timeout_ms":1.5}}])")
                                        << QStringLiteral("checks[0].eventually.timeout_ms: must be a whole number");
    QTest::newRow("misspelt eventually key") << QByteArray("[" + ok + R"(,"eventually":{"timeout":1000}}])")
                                             << QStringLiteral("checks[0].eventually.timeout: unknown field");
}

void TestCheckJson::errorsNameTheField()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    QVERIFY2(parse.error == QJsonParseError::NoError, qPrintable(parse.errorString()));
    const auto checks = checksFromJson(doc.array(), QStringLiteral("checks"));
    QVERIFY(!checks.ok());
    QVERIFY2(checks.error().startsWith(error), qPrintable(checks.error()));

    // The path prefix is the caller's.
    const auto nested = checksFromJson(doc.array(), QStringLiteral("testCases[4].checks"));
    QVERIFY2(nested.error().startsWith(QStringLiteral("testCases[4].") + error), qPrintable(nested.error()));
}

QTEST_GUILESS_MAIN(TestCheckJson)
#include "tst_checkjson.moc"
