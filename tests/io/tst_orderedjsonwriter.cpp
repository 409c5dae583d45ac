#include "io/orderedjsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flowbench;

class TestOrderedJsonWriter : public QObject
{
    Q_OBJECT
private slots:
    void keysKeepTheirOrder();
    void values_data();
    void values();
    void inlineArraysStayOnOneLine();
};

void TestOrderedJsonWriter::keysKeepTheirOrder()
{
    OrderedJsonWriter w;
    w.beginObject();
    w.field("zeta", 1);
    w.field("alpha", QStringLiteral("a"));
    w.key("list");
    w.beginArray();
    w.endArray();
    w.key("object");
    w.beginObject();
    w.endObject();
    w.endObject();
    QCOMPARE(w.finish(), QByteArray("{\n    \"zeta\": 1,\n    \"alpha\": \"a\",\n    \"list\": [],\n    \"object\": {}\n}\n"));
}

void TestOrderedJsonWriter::values_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("integer") << QJsonValue(250) << QByteArray("250\n");
    QTest::newRow("shortest double") << QJsonValue(0.1 + 0.2) << QByteArray("0.30000000000000004\n");
    QTest::newRow("negative fraction") << QJsonValue(-12.125) << QByteArray("-12.125\n");
    QTest::newRow("escapes") << QJsonValue(QStringLiteral("a\"b\\c\nd\te")) << QByteArray("\"a\\\"b\\\\c\\nd\\te\"\n");
    QTest::newRow("unicode stays UTF-8") << QJsonValue(QStringLiteral("Ü–€")) << QStringLiteral("\"Ü–€\"\n").toUtf8();
    QTest::newRow("null") << QJsonValue() << QByteArray("null\n");
    QTest::newRow("bool") << QJsonValue(false) << QByteArray("false\n");
    QTest::newRow("object keys sorted, nested array")
        << QJsonValue(QJsonObject{{QStringLiteral("b"), QJsonArray{1, QJsonArray{}}}, {QStringLiteral("a"), QJsonObject{}}})
        << QByteArray("{\n    \"a\": {},\n    \"b\": [\n        1,\n        []\n    ]\n}\n");
}

void TestOrderedJsonWriter::values()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);
    OrderedJsonWriter w;
    w.value(value);
    const QByteArray text = w.finish();
    QCOMPARE(text, expected);
    // What is written reads back as the same value.
    const QJsonDocument back = QJsonDocument::fromJson("[" + text + "]");
    QVERIFY(back.isArray());
    QCOMPARE(back.array().first(), value);
}

void TestOrderedJsonWriter::inlineArraysStayOnOneLine()
{
    OrderedJsonWriter w;
    w.beginObject();
    w.key("at");
    w.inlineArray(QJsonArray{12.5, 0.1 + 0.2});
    w.key("points");
    w.beginArray();
    w.inlineArray(QJsonArray{1, -2});
    w.inlineArray(QJsonArray{});
    w.endArray();
    w.endObject();
    const QByteArray text = w.finish();
    QCOMPARE(text, QByteArray("{\n    \"at\": [12.5, 0.30000000000000004],\n    \"points\": [\n        [1, -2],\n"
                              "        []\n    ]\n}\n"));
    QCOMPARE(QJsonDocument::fromJson(text).object().value(QStringLiteral("at")).toArray(), (QJsonArray{12.5, 0.1 + 0.2}));
}

QTEST_GUILESS_MAIN(TestOrderedJsonWriter)
#include "tst_orderedjsonwriter.moc"
