// Native JSON paths (no jq): parsing and evaluation.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace flowbench;

class TestJsonPath : public QObject
{
    Q_OBJECT

    static QJsonValue doc()
    {
        return QJsonDocument::fromJson(R"({"data":{"items":[{"id":7,"tags":["x"]},{"id":8,"note":null}],
            "total":2,"a.b":"dotted"},"list":[[1,2],[3]],"flag":false})").object();
    }

private slots:
    void evaluate_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("value"); // compact JSON of the value
        QTest::newRow("nested key and index") << "data.items[0].id" << true << "7";
        QTest::newRow("leading $.") << "$.data.total" << true << "2";
        QTest::newRow("whole value $") << "$.flag" << true << "false";
        QTest::newRow("negative index") << "data.items[-1].id" << true << "8";
        QTest::newRow("index chain") << "list[0][1]" << true << "2";
        QTest::newRow("quoted key with dot") << "data[\"a.b\"]" << true << "\"dotted\"";
        QTest::newRow("array value") << "data.items[0].tags" << true << "[\"x\"]";
        QTest::newRow("present null") << "data.items[1].note" << true << "null";
        QTest::newRow("missing key") << "data.items[0].note" << false << "";
        QTest::newRow("index out of range") << "data.items[2]" << false << "";
        QTest::newRow("index into object") << "data[0]" << false << "";
        QTest::newRow("key into array") << "data.items.id" << false << "";
        QTest::newRow("spaces trimmed") << "  data.total " << true << "2";
    }

    void evaluate()
    {
        QFETCH(QString, path);
        QFETCH(bool, found);
        QFETCH(QString, value);
        const auto parsed = JsonPath::parse(path);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error()));
        const auto result = parsed->evaluate(doc());
        QCOMPARE(result.has_value(), found);
        if (found) {
            const QByteArray json = QJsonDocument(QJsonArray{*result}).toJson(QJsonDocument::Compact);
            QCOMPARE(QString::fromUtf8(json.mid(1, json.size() - 2)), value);
        }
    }

    void rootPaths()
    {
        const QJsonArray rows{QJsonObject{{"status", "paid"}}};
        QCOMPARE(JsonPath::parse("[0].status")->evaluate(rows), std::optional<QJsonValue>(QJsonValue("paid")));
        QCOMPARE(JsonPath::parse("$[0].status")->evaluate(rows), std::optional<QJsonValue>(QJsonValue("paid")));
        QCOMPARE(JsonPath::parse("$")->evaluate(rows), std::optional<QJsonValue>(QJsonValue(rows)));
        QCOMPARE(JsonPath::parse("")->evaluate(rows), std::optional<QJsonValue>(QJsonValue(rows)));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("error");
        QTest::newRow("unclosed bracket") << "items[0" << "JSON path \"items[0\": '[' at position 6 is not closed";
        QTest::newRow("not an index") << "items[first]" << "JSON path \"items[first]\": \"[first]\" is not an array index";
        QTest::newRow("trailing dot") << "data." << "JSON path \"data.\": ends with '.'";
        QTest::newRow("missing separator") << "items[0]id" << "JSON path \"items[0]id\": expected '.' or '[' at position 9";
        QTest::newRow("$ then key") << "$data" << "JSON path \"$data\": expected '.' or '[' at position 2";
    }

    void parseErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, error);
        const auto parsed = JsonPath::parse(path);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error(), error);
    }
};

QTEST_GUILESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
