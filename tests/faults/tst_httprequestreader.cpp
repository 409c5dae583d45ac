// How the fault proxy splits a client's bytes into HTTP requests (for the HTTP faults and
// the control API): bodies by Content-Length or chunked, requests split anywhere across
// reads, and what it refuses.
#include "faults/httprequestreader.h"

#include <QtTest>

using namespace flowbench;

class TestHttpRequestReader : public QObject
{
    Q_OBJECT
private slots:
    void readsRequests_data();
    void readsRequests();
    void refuses_data();
    void refuses();
    void keepAlive_data();
    void keepAlive();
};

void TestHttpRequestReader::readsRequests_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArrayList>("expected"); // "METHOD target body" per request
    QTest::addColumn<bool>("idleAfter");
    QTest::addColumn<int>("strayBytes"); // blank lines between requests, in no request's raw bytes

    QTest::newRow("get") << QByteArray("GET /a HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArrayList { "GET /a " }
                         << true << 0;
    QTest::newRow("content-length body, then another")
        << QByteArray("POST /o HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n")
        << QByteArrayList { "POST /o hello", "GET /b " } << true << 0;
    QTest::newRow("chunked body with extension and trailer")
        << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n")
        << QByteArrayList { "POST /c hello world" } << true << 0;
    QTest::newRow("chunked body, no trailer")
        << QByteArray("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        << QByteArrayList { "POST /c abc" } << true << 0;
    QTest::newRow("incomplete body waits") << QByteArray("POST /o HTTP/1.1\r\nContent-Length: 9\r\n\r\nhello")
                                           << QByteArrayList {} << false << 0;
    QTest::newRow("incomplete head waits")
        << QByteArray("GET /a HTTP/1.1\r\nHo") << QByteArrayList {} << false << 0;
    QTest::newRow("blank lines between requests")
        << QByteArray("\r\nGET /a HTTP/1.0\r\n\r\n\r\n") << QByteArrayList { "GET /a " } << true << 4;
}

void TestHttpRequestReader::readsRequests()
{
    QFETCH(QByteArray, stream);
    QFETCH(QByteArrayList, expected);
    QFETCH(bool, idleAfter);
    QFETCH(int, strayBytes);
    // Byte by byte and all at once must give the same requests.
    for (const int step : { 1, 7, int(stream.size()) }) {
        HttpRequestReader reader;
        QByteArrayList got;
        QByteArray raw;
        for (int i = 0; i < stream.size(); i += step) {
            QVERIFY2(reader.feed(stream.mid(i, step)), qPrintable(reader.errorString()));
            while (reader.hasRequest()) {
                const HttpRequest r = reader.take();
                got << r.method + ' ' + r.target + ' ' + r.body;
                raw += r.raw;
            }
        }
        QCOMPARE(got, expected);
        QCOMPARE(reader.idle(), idleAfter);
        if (idleAfter) // forwarded unchanged: every byte of a request is in its raw bytes
            QCOMPARE(raw.size(), stream.size() - strayBytes);
    }
}

void TestHttpRequestReader::refuses_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("message");
    QTest::newRow("not http") << QByteArray("\x16\x03\x01 hello\r\n\r\n") << "not an HTTP/1.x request line";
    QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
                                    << "not an HTTP/1.x request line";
    QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nnocolon\r\n\r\n")
                                << "malformed HTTP header line";
    QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n")
                                << "malformed Content-Length";
    QTest::newRow("huge length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
                                 << "larger than";
    QTest::newRow("bad chunk") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                               << "malformed chunk size";
    QTest::newRow("endless head") << QByteArray(70000, 'a') << "head longer than";
}

void TestHttpRequestReader::refuses()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, message);
    HttpRequestReader reader;
    QVERIFY(!reader.feed(stream));
    QVERIFY2(reader.errorString().contains(message), qPrintable(reader.errorString()));
    QVERIFY(!reader.feed("GET / HTTP/1.1\r\n\r\n")); // takes nothing more
    QVERIFY(!reader.takeBuffered().isEmpty()); // what came can still be passed on as it is
}

void TestHttpRequestReader::keepAlive_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
    QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false;
    QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << true;
}

void TestHttpRequestReader::keepAlive()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, keepAlive);
    HttpRequestReader reader;
    QVERIFY(reader.feed(head));
    QVERIFY(reader.hasRequest());
    QCOMPARE(reader.take().keepAlive(), keepAlive);
}

QTEST_GUILESS_MAIN(TestHttpRequestReader)
#include "tst_httprequestreader.moc"
