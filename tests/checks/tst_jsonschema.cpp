// The json_schema assertion: JSON Schema (draft 7, OpenAPI 3.0 and Swagger 2 dialects)
// validated with valijson, failures naming the JSON pointer and the rule.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/assertionevaluator.h"
#include "checks/checkregistry.h"
#include "checks/jsonschema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace flowbench;

namespace {

QJsonValue json(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test: %s", qPrintable(text));
    return doc.array().at(0);
}

Check httpCheckWith(const QJsonValue &schema)
{
    Check check;
    check.type = QStringLiteral("http");
    check.spec = QJsonObject { { QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/") } };
    check.assertions
        = { Assertion { QStringLiteral("json_schema"), QString(), QStringLiteral("=="), schema } };
    return check;
}

} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT

private slots:
    void violations_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("failure"); // empty: valid

        const QString items = QStringLiteral(
            R"({"type":"object","required":["items"],"properties":{"items":{"type":"array",)"
            R"("items":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string"},)"
            R"("price":{"type":"number","minimum":0}}}}}})");
        QTest::newRow("valid") << items << R"({"items":[{"sku":"a","price":2.5}]})"
                               << "";
        QTest::newRow("type deep") << items << R"({"items":[{"sku":"a","price":"2"}]})"
                                   << "/items/0/price: type: expected number, got string";
        QTest::newRow("required") << items << R"({"things":[]})"
                                  << "(root): required: property \"items\" is missing";
        QTest::newRow("required deep") << items << R"({"items":[{"sku":"a"},{"price":1}]})"
                                       << "/items/1: required: property \"sku\" is missing";
        QTest::newRow("minimum")
            << items << R"({"items":[{"sku":"a","price":-1}]})"
            << "/items/0/price: minimum: expected number greater than or equal to 0, got -1";
        QTest::newRow("root type") << items << R"([1,2])"
                                   << "(root): type: expected object, got array";
        QTest::newRow("enum") << R"({"properties":{"status":{"enum":["paid","open"]}}})"
                              << R"({"status":"lost"})"
                              << "/status: enum: expected one of [\"paid\",\"open\"], got \"lost\"";
        QTest::newRow("integer") << R"({"type":"integer"})"
                                 << "3"
                                 << "";
        QTest::newRow("integer fraction") << R"({"type":"integer"})"
                                          << "3.5"
                                          << "(root): type: expected integer, got number";
        QTest::newRow("pattern")
            << R"({"properties":{"id":{"type":"string","pattern":"^[0-9]+$"}}})"
            << R"({"id":"x1"})"
            << "/id: pattern: failed to match regex specified by 'pattern' constraint, got \"x1\"";
        QTest::newRow("additionalProperties")
            << R"({"properties":{"a":{}},"additionalProperties":false})"
            << R"({"a":1,"b":2})"
            << "(root): additionalProperties: object contains a property that could "
               "not be validated using 'properties' or 'additionalProperties' "
               "constraints: 'b', got {\"a\":1,\"b\":2}";
        QTest::newRow("maxItems")
            << R"({"type":"array","maxItems":1})"
            << "[1,2]"
            << "(root): maxItems: array should contain no more than 1 elements, got [1,2]";
        QTest::newRow("pointer escapes") << R"({"properties":{"a/b":{"type":"string"}}})"
                                         << R"({"a/b":1})"
                                         << "/a~1b: type: expected string, got number";

        // OpenAPI 3.0: nullable, refs into components, boolean exclusiveMinimum.
        const QString oas30 = QStringLiteral(
            R"({"$ref":"#/components/schemas/Order","components":{"schemas":{"Order":{"type":"object",)"
            R"("properties":{"note":{"type":"string","nullable":true},"customer":{"$ref":"#/components/schemas/Customer"},)"
            R"("total":{"type":"number","minimum":0,"exclusiveMinimum":true}}},)"
            R"("Customer":{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}}}})");
        QTest::newRow("3.0 nullable null") << oas30 << R"({"note":null,"total":1})"
                                           << "";
        QTest::newRow("3.0 nullable wrong") << oas30 << R"({"note":5})"
                                            << "/note: type: expected string or null, got number";
        QTest::newRow("3.0 ref into components") << oas30 << R"({"customer":{"id":"x"}})"
                                                 << "/customer/id: type: expected integer, got string";
        QTest::newRow("3.0 exclusiveMinimum")
            << oas30 << R"({"total":0})"
            << "/total: exclusiveMinimum: expected number greater than 0, got 0";
        QTest::newRow("3.0 nullable ref")
            << R"({"properties":{"c":{"$ref":"#/definitions/C","nullable":true}},)"
               R"("definitions":{"C":{"type":"object"}}})"
            << R"({"c":null})"
            << "";
        QTest::newRow("3.0 nullable enum") << R"({"type":"string","enum":["a"],"nullable":true})"
                                           << "null"
                                           << "";
        QTest::newRow("3.0 not nullable") << R"({"type":"string"})"
                                          << "null"
                                          << "(root): type: expected string, got null";
        QTest::newRow("property named nullable") << R"({"properties":{"nullable":{"type":"boolean"}}})"
                                                 << R"({"nullable":"yes"})"
                                                 << "/nullable: type: expected boolean, got string";
        // Swagger 2: definitions and x-nullable.
        const QString swagger = QStringLiteral(
            R"({"type":"array","items":{"$ref":"#/definitions/Pet"},"definitions":{"Pet":{"type":"object",)"
            R"("required":["name"],"properties":{"name":{"type":"string"},"tag":{"type":"string","x-nullable":true}}}}})");
        QTest::newRow("swagger valid") << swagger << R"([{"name":"rex","tag":null}])"
                                       << "";
        QTest::newRow("swagger definitions") << swagger << R"([{"name":"rex"},{"tag":"x"}])"
                                             << "/1: required: property \"name\" is missing";
        // OpenAPI 3.1 is JSON Schema 2020-12: type lists and $defs.
        QTest::newRow("3.1 type list") << R"({"$ref":"#/$defs/N","$defs":{"N":{"type":["string","null"]}}})"
                                       << "7"
                                       << "(root): type: expected string or null, got number";
    }

    void violations()
    {
        QFETCH(QString, schema);
        QFETCH(QString, instance);
        QFETCH(QString, failure);
        const auto compiled = JsonSchema::compiled(json(schema));
        QVERIFY2(compiled, qPrintable(compiled.error()));
        const QStringList found = (*compiled)->violations(json(instance));
        QCOMPARE(found.value(0), failure);
    }

    void unreadableSchemasFailValidation_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("error");
        QTest::newRow("not an object") << R"("string")"
                                       << "must be an object";
        QTest::newRow("missing ref") << R"({"$ref":"#/definitions/Nope"})"
                                     << "cannot be read";
        QTest::newRow("remote ref") << R"({"$ref":"http://127.0.0.1:1/schema.json"})"
                                    << "cannot be read";
        QTest::newRow("bad type") << R"({"type":7})"
                                  << "cannot be read";
    }

    void unreadableSchemasFailValidation()
    {
        QFETCH(QString, schema);
        QFETCH(QString, error);
        const CheckType *http = CheckRegistry::instance().type(QStringLiteral("http"));
        QVERIFY(http);
        const Status status = http->validate(httpCheckWith(json(schema)));
        QVERIFY(!status);
        QVERIFY2(status.error().startsWith(QStringLiteral("assertions[0] (json_schema): ")),
            qPrintable(status.error()));
        QVERIFY2(status.error().contains(error), qPrintable(status.error()));
    }

    // Compiled once per distinct schema in prepare(), not per response.
    void compiledOncePerSchema()
    {
        const CheckType *http = CheckRegistry::instance().type(QStringLiteral("http"));
        const Check check = httpCheckWith(json(R"({"type":"object","title":"compiled once"})"));
        const int before = JsonSchema::compileCount();
        http->prepare(check);
        QCOMPARE(JsonSchema::compileCount(), before + 1);
        Observation o;
        o.status = 200;
        for (const char *body : { R"({"a":1})", "[1]", R"({})" }) {
            o.body = body;
            o.json = json(QString::fromLatin1(body));
            AssertionEvaluator::judge(check, o, VariableScope());
        }
        QCOMPARE(JsonSchema::compileCount(), before + 1);
        o.json = json(QStringLiteral("[1]"));
        const CheckOutcome outcome = AssertionEvaluator::judge(check, o, VariableScope());
        QVERIFY(outcome.status == ResultStatus::Fail);
        QCOMPARE(outcome.message, QStringLiteral("json_schema: (root): type: expected object, got array"));
    }

    void bodyThatIsNotJsonFails()
    {
        const Check check = httpCheckWith(json(R"({"type":"object"})"));
        Observation o;
        o.status = 200;
        o.body = "<html>";
        o.jsonError = QStringLiteral("the body is not JSON");
        const CheckOutcome outcome = AssertionEvaluator::judge(check, o, VariableScope());
        QVERIFY(outcome.status == ResultStatus::Fail);
        QCOMPARE(outcome.message, QStringLiteral("json_schema: the body is not JSON"));
    }
};

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
