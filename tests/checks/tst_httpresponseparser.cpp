// HttpResponseParser on plain bytes: every row is fed at once and byte by byte, and must
// end the same way (the parser never depends on how the network cuts the stream).
#undef QT_NO_CAST_FROM_ASCII
#include "checks/httpresponseparser.h"

#include <QTest>

using namespace flowbench;
using Failure = HttpResponseParser::Failure;

Q_DECLARE_METATYPE(flowbench::HttpResponseParser::Failure)

namespace {

struct Parsed
{
    bool done = false;
    Failure failure = Failure::None;
    QString detail;
    int status = -1;
    QByteArray body;
    bool keepAlive = false;
};

Parsed parseBytes(const QByteArray &bytes, bool closeAtEnd, qint64 cap, bool byteByByte, bool head = false)
{
    HttpResponseParser parser(cap, head);
    if (byteByByte) {
        for (char c : bytes)
            if (parser.feed(&c, 1) == 0)
                break;
    } else {
        parser.feed(bytes);
    }
    if (closeAtEnd)
        parser.closed();
    return { parser.isDone(), parser.failure(), parser.failureDetail(), parser.status(), parser.body(),
        parser.keepAlive() };
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("closeAtEnd"); // the server closes after the bytes
        QTest::addColumn<Failure>("failure");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");

        const auto none = Failure::None;
        QTest::newRow("content length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
                                        << false << none << "" << 200 << QByteArray("hello") << true;
        QTest::newRow("no reason phrase")
            << QByteArray("HTTP/1.1 204\r\n\r\n") << false << none << "" << 204 << QByteArray() << true;
        QTest::newRow("connection close")
            << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok") << false
            << none << "" << 200 << QByteArray("ok") << false;
        QTest::newRow("http 1.0 until close") << QByteArray("HTTP/1.0 200 OK\r\n\r\nhello") << true << none
                                              << "" << 200 << QByteArray("hello") << false;
        QTest::newRow("chunked") << QByteArray(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=1\r\n world\r\n0\r\nX-T: "
            "1\r\n\r\n") << false << none
                                 << "" << 200 << QByteArray("hello world") << true;
        QTest::newRow("chunked upper hex, bare LF")
            << QByteArray("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\nA\n0123456789\n0\n\n") << false
            << none << "" << 200 << QByteArray("0123456789") << true;
        QTest::newRow("chunked wins over length") << QByteArray(
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
                                                  << false << none << "" << 200 << QByteArray("ok") << true;
        QTest::newRow("interim 100 continue")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
            << false << none << "" << 201 << QByteArray() << true;
        QTest::newRow("304 has no body")
            << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n") << false << none << ""
            << 304 << QByteArray() << true;

        QTest::newRow("ssh banner") << QByteArray("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n") << true
                                    << Failure::NotHttp << "SSH-2.0-OpenSSH_9.2p1 Debian-2" << -1
                                    << QByteArray() << false;
        QTest::newRow("binary garbage")
            << QByteArray("\x00\x01garbage\xff\r\n\r\n", 15) << true << Failure::NotHttp
            << "\\x00\\x01garbage\\xff" << -1 << QByteArray() << false;
        QTest::newRow("bad status code")
            << QByteArray("HTTP/1.1 abc OK\r\n\r\n") << true << Failure::BadHead
            << "its status line \"HTTP/1.1 abc OK\" is malformed" << -1 << QByteArray() << false;
        QTest::newRow("bad header line")
            << QByteArray("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n") << true << Failure::BadHead
            << "its header line \"no colon here\" is malformed" << 200 << QByteArray() << false;
        QTest::newRow("bad content length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n") << true << Failure::BadHead
            << "its Content-Length \"1x\" is not a number" << 200 << QByteArray() << false;
        QTest::newRow("content lengths differ")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << true
            << Failure::BadHead << "its Content-Length values differ (1, 2)" << 200 << QByteArray() << false;
        QTest::newRow("invalid chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
            << true << Failure::BadChunk << "chunk size \"zz\" is not a hexadecimal number" << 200
            << QByteArray() << false;
        QTest::newRow("negative chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n0\r\n\r\n")
            << true << Failure::BadChunk << "chunk size \"-5\" is not a hexadecimal number" << 200
            << QByteArray() << false;
        QTest::newRow("chunk longer than its size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY\r\n0\r\n\r\n")
            << true << Failure::BadChunk
            << "a chunk of 3 bytes is followed by \"X\" instead of a line end "
               "(the chunk is longer than its size says)"
            << 200 << QByteArray() << false;
        QTest::newRow("truncated body")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n0123456789") << true
            << Failure::TruncatedBody << "10 of 50 body bytes" << 200 << QByteArray() << false;
        QTest::newRow("truncated chunked")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc") << true
            << Failure::TruncatedChunked << "after 3 body bytes, before the last chunk" << 200 << QByteArray()
            << false;
        QTest::newRow("closed in headers")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Le") << true << Failure::ClosedInHead
            << "after 27 bytes" << 200 << QByteArray() << false;
        QTest::newRow("closed before answering")
            << QByteArray() << true << Failure::ClosedBeforeAnswer << "" << -1 << QByteArray() << false;
        QTest::newRow("over the cap by length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 65\r\n\r\n") << false << Failure::BodyTooLarge
            << "Content-Length 65" << 200 << QByteArray() << false;
        QTest::newRow("over the cap chunked")
            << (QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n")
                   + QByteArray(65, 'x'))
            << false << Failure::BodyTooLarge << "" << 200 << QByteArray() << false;
        QTest::newRow("headers too large")
            << (QByteArray("HTTP/1.1 200 OK\r\nX: ") + QByteArray(70 * 1024, 'a')) << false
            << Failure::HeadTooLarge << "its status line and headers passed 64 KB" << 200 << QByteArray()
            << false;
    }

    void parse()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, closeAtEnd);
        QFETCH(Failure, failure);
        QFETCH(QString, detail);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        for (bool byteByByte : { false, true }) {
            const Parsed p = parseBytes(bytes, closeAtEnd, 64, byteByByte);
            QCOMPARE(int(p.failure), int(failure));
            QCOMPARE(p.detail, detail);
            QCOMPARE(p.done, failure == Failure::None);
            QCOMPARE(p.status, status);
            QCOMPARE(p.body, body);
            QCOMPARE(p.keepAlive, keepAlive);
        }
    }

    void headResponseHasNoBody()
    {
        const Parsed p
            = parseBytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", false, 64, false, true);
        QVERIFY(p.done);
        QVERIFY(p.keepAlive);
    }

    void bytesPastTheResponseAreLeft()
    {
        HttpResponseParser parser(64);
        const QByteArray bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n");
        QCOMPARE(parser.feed(bytes), qint64(bytes.indexOf("okHTTP") + 2));
        QVERIFY(parser.isDone());
        QCOMPARE(parser.header("content-length"), QByteArray("2"));
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
