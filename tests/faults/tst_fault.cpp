// The fault model: the text form a tester types (`--fault latency=3000,jitter=200`) and
// the JSON form the control API takes (Toxiproxy's toxic shape).
#include "faults/fault.h"

#include <QJsonDocument>
#include <QtTest>

using namespace flowbench;

class TestFault : public QObject
{
    Q_OBJECT
private slots:
    void parsesText_data();
    void parsesText();
    void refusesText_data();
    void refusesText();
    void textRoundTrips_data();
    void textRoundTrips();
    void parsesJson_data();
    void parsesJson();
    void jsonRoundTrips();
};

void TestFault::parsesText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("json"); // what faultToJson gives

    QTest::newRow("latency")
        << "latency=3000,jitter=200"
        << R"({"name":"latency_downstream","type":"latency","stream":"downstream","toxicity":1,
                                   "attributes":{"latency":3000,"jitter":200}})";
    QTest::newRow("latency upstream, named")
        << "latency=10,stream=upstream,name=slow"
        << R"({"name":"slow","type":"latency","stream":"upstream","toxicity":1,
                                                   "attributes":{"latency":10,"jitter":0}})";
    QTest::newRow("direction is a synonym of stream") << "bandwidth=64,direction=upstream"
                                                      << R"({"name":"bandwidth_upstream","type":"bandwidth",
                                                            "stream":"upstream","toxicity":1,"attributes":{"rate":64}})";
    QTest::newRow("down") << "down"
                          << R"({"name":"down","type":"down","toxicity":1,"attributes":{}})";
    QTest::newRow("reset_peer without a value resets at once")
        << "reset_peer"
        << R"({"name":"reset_peer_downstream","type":"reset_peer","stream":"downstream",
                              "toxicity":1,"attributes":{"timeout":0}})";
    QTest::newRow("timeout 0 holds forever")
        << "timeout=0"
        << R"({"name":"timeout_downstream","type":"timeout","stream":"downstream",
                                                   "toxicity":1,"attributes":{"timeout":0}})";
    QTest::newRow("slow_close")
        << "slow_close=500"
        << R"({"name":"slow_close_downstream","type":"slow_close","stream":"downstream",
                                      "toxicity":1,"attributes":{"delay":500}})";
    QTest::newRow("limit_data, spaces, toxicity") << " limit_data = 1024 , toxicity=0.5"
                                                  << R"({"name":"limit_data_downstream","type":"limit_data",
                                                        "stream":"downstream","toxicity":0.5,"attributes":{"bytes":1024}})";
    QTest::newRow("http_status") << "http_status=503,count=3"
                                 << R"({"name":"http_status","type":"http_status","toxicity":1,
                                       "attributes":{"status":503,"count":3}})";
    QTest::newRow("http_empty defaults to 200, every request") << "http_empty"
                                                               << R"({"name":"http_empty","type":"http_empty",
                                                                     "toxicity":1,"attributes":{"status":200,"count":0}})";
}

void TestFault::parsesText()
{
    QFETCH(QString, text);
    QFETCH(QString, json);
    const Result<Fault> fault = parseFault(text);
    QVERIFY2(fault.ok(), qPrintable(fault.error()));
    QCOMPARE(faultToJson(fault.value()), QJsonDocument::fromJson(json.toUtf8()).object());
}

void TestFault::refusesText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << ""
                           << "empty fault: expected one of latency, down";
    QTest::newRow("unknown kind") << "slicer=10"
                                  << "unknown kind \"slicer\"; expected one of latency";
    QTest::newRow("missing value") << "latency"
                                   << "latency needs a value: latency=<latency>";
    QTest::newRow("negative") << "latency=-5"
                              << "latency must be a whole number, 0 or more (got -5)";
    QTest::newRow("not a number") << "latency=3s"
                                  << "latency must be a number (got \"3s\")";
    QTest::newRow("foreign attribute") << "latency=5,rate=3"
                                       << "latency has no attribute \"rate\"";
    QTest::newRow("down takes no value") << "down=1"
                                         << "down takes no value";
    QTest::newRow("down has no stream") << "down,stream=upstream"
                                        << "down has no stream";
    QTest::newRow("http has no stream") << "http_status=500,stream=upstream"
                                        << "http_status has no stream";
    QTest::newRow("bad stream") << "latency=5,stream=sideways"
                                << "stream must be upstream or downstream (got \"sideways\")";
    QTest::newRow("status out of range") << "http_status=99"
                                         << "status must be an HTTP status 100-599 (got 99)";
    QTest::newRow("toxicity above 1") << "latency=5,toxicity=2"
                                      << "toxicity must be between 0 and 1 (got 2)";
    QTest::newRow("zero bandwidth") << "bandwidth=0"
                                    << "bandwidth needs a rate above 0 KB/s";
    QTest::newRow("fraction") << "limit_data=1.5"
                              << "bytes must be a whole number";
}

void TestFault::refusesText()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const Result<Fault> fault = parseFault(text);
    QVERIFY(!fault.ok());
    QVERIFY2(fault.error().contains(message), qPrintable(fault.error()));
}

void TestFault::textRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    for (const char *t : { "latency=300,jitter=20,stream=upstream", "down", "reset_peer=100", "timeout=0",
             "bandwidth=5,toxicity=0.25", "slow_close=9", "limit_data=7", "http_status=500,count=2",
             "http_empty,count=1,name=empty" })
        QTest::newRow(t) << QString::fromLatin1(t);
}

void TestFault::textRoundTrips()
{
    QFETCH(QString, text);
    const Result<Fault> fault = parseFault(text);
    QVERIFY2(fault.ok(), qPrintable(fault.error()));
    const Result<Fault> again = parseFault(faultToText(fault.value()));
    QVERIFY2(again.ok(), qPrintable(faultToText(fault.value()) + QStringLiteral(": ") + again.error()));
    QCOMPARE(faultToText(again.value()), faultToText(fault.value()));
    QVERIFY(again.value() == fault.value());
}

void TestFault::parsesJson_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("textOrError"); // faultToText, or "!" + part of the message
    QTest::newRow("toxiproxy toxic") << R"({"name":"slow","type":"latency","stream":"upstream",
                                           "toxicity":1,"attributes":{"latency":100,"jitter":5}})"
                                     << "latency=100,jitter=5,stream=upstream,name=slow";
    QTest::newRow("defaults") << R"({"type":"bandwidth","attributes":{"rate":10}})"
                              << "bandwidth=10,stream=downstream,name=bandwidth_downstream";
    QTest::newRow("no type") << R"({"attributes":{"latency":1}})"
                             << "!\"type\" must be one of";
    QTest::newRow("unknown field") << R"({"type":"down","enabled":false})"
                                   << "!unknown field \"enabled\"";
    QTest::newRow("string attribute") << R"({"type":"latency","attributes":{"latency":"100"}})"
                                      << "!attribute \"latency\" must be a number";
    QTest::newRow("missing main attribute") << R"({"type":"limit_data","attributes":{}})"
                                            << "!attributes need \"bytes\"";
    QTest::newRow("attributes not an object") << R"({"type":"down","attributes":[]})"
                                              << "!\"attributes\" must be an object";
}

void TestFault::parsesJson()
{
    QFETCH(QString, json);
    QFETCH(QString, textOrError);
    const Result<Fault> fault = faultFromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (textOrError.startsWith(QLatin1Char('!'))) {
        QVERIFY(!fault.ok());
        QVERIFY2(fault.error().contains(textOrError.mid(1)), qPrintable(fault.error()));
        return;
    }
    QVERIFY2(fault.ok(), qPrintable(fault.error()));
    QCOMPARE(faultToText(fault.value()), textOrError);
}

void TestFault::jsonRoundTrips()
{
    for (const char *t : { "latency=300,jitter=20", "down", "reset_peer=100", "timeout=5", "bandwidth=5",
             "slow_close=9,stream=upstream", "limit_data=7,toxicity=0", "http_status=500,count=2",
             "http_empty,status=204" }) {
        const Result<Fault> fault = parseFault(QString::fromLatin1(t));
        QVERIFY2(fault.ok(), t);
        const Result<Fault> back = faultFromJson(faultToJson(fault.value()));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QVERIFY2(back.value() == fault.value(), t);
    }
}

QTEST_GUILESS_MAIN(TestFault)
#include "tst_fault.moc"
