// OpenAPI 3.0 / 3.1 and Swagger 2.0 import over fixtures in tests/data/openapi/: api
// nodes, service nodes, smoke test cases with status and json_schema assertions, the
// report of what was not taken, and malformed files refused whole. One imported smoke
// test runs against a real HTTP server and sees json_schema pass and fail.
#undef QT_NO_CAST_FROM_ASCII
#include "checks/checkregistry.h"
#include "io/formatregistry.h"
#include "io/projectimport.h"
#include "support/checkharness.h"
#include "support/httptestserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>

using namespace flowbench;
using namespace flowbench::testing;

namespace {

QString fixture(const QString &name)
{
    return QFINDTESTDATA("data/openapi/" + name);
}

Result<Import> importFile(const QString &name, const Project &target = Project())
{
    const Importer *importer = FormatRegistry::instance().importer("openapi");
    if (!importer)
        return Result<Import>::failure("no openapi importer registered");
    const QString path = fixture(name);
    if (path.isEmpty())
        return Result<Import>::failure("fixture not found: " + name);
    return readImportFile(*importer, path, target);
}

const TestCase *caseFor(const Project &p, const QString &source)
{
    for (const TestCase &t : p.testCases)
        if (t.source == source)
            return &t;
    return nullptr;
}

QString compact(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QString notes(const ImportReport &report)
{
    QStringList out;
    for (const ImportNote &n : report.notTaken)
        out.append(n.toString());
    return out.join('\n');
}

} // namespace

class TestOpenApiImport : public QObject
{
    Q_OBJECT

private slots:
    void imports_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("apis");
        QTest::addColumn<int>("services");
        QTest::addColumn<int>("automated");
        QTest::addColumn<int>("manual");
        QTest::addColumn<QString>("source"); // a test case to look at
        QTest::addColumn<QString>("url"); // its request URL
        QTest::addColumn<QString>("extra"); // its body JSON or a header, compact
        QTest::addColumn<QString>("status"); // its status assertions "op expected, …"
        QTest::addColumn<QString>("schemaHas"); // text its json_schema contains
        QTest::addColumn<QString>("note"); // text one report note contains

        // $ref chain (Limit -> LimitChained) with a default value; tags as groups.
        QTest::newRow("3.0 ref chain, default")
            << "petstore30.yaml" << 5 << 2 << 4 << 1 << "openapi:GET /pets"
            << "{{base_url}}/pets?limit=20"
            << ""
            << "== 200"
            << "\"items\":{\"$ref\":\"#/definitions/Pet\"}"
            << "#/servers/1: server http://127.0.0.1:8080 became a service node";
        // A body built from example + enum, a recursive schema kept finite by definitions.
        QTest::newRow("3.0 body from examples and enum")
            << "petstore30.yaml" << 5 << 2 << 4 << 1 << "openapi:POST /pets"
            << "{{base_url}}/pets"
            << "{\"kind\":\"dog\",\"name\":\"Rex\"}"
            << "== 201"
            << "\"parent\":{\"$ref\":\"#/definitions/Pet\"}"
            << "#/paths/~1pets/post/security: POST /pets: security bearerAuth not applied";
        // A YAML alias reuses the anchored path parameter.
        QTest::newRow("3.0 YAML anchor")
            << "petstore30.yaml" << 5 << 2 << 4 << 1 << "openapi:GET /pets/{petId}/photos"
            << "{{base_url}}/pets/7/photos"
            << ""
            << "== 200"
            << "\"type\":\"string\""
            << "";
        // A required input without example, default or enum: a manual test case.
        QTest::newRow("3.0 manual")
            << "petstore30.yaml" << 5 << 2 << 4 << 1 << "openapi:DELETE /pets/{petId}"
            << ""
            << ""
            << ""
            << ""
            << "#/paths/~1pets~1{petId}/delete: DELETE /pets/{petId} became a manual test "
               "case: query parameter \"reason\" has no example, default or enum";
        QTest::newRow("3.1 examples, enum header, 2XX")
            << "petstore31.json" << 1 << 1 << 1 << 0 << "openapi:GET /orders/{id}"
            << "{{base_url}}/orders/o-1"
            << "{\"X-Tenant\":\"acme\"}"
            << ">= 200, < 300"
            << "\"type\":[\"string\",\"null\"]"
            << "#/webhooks: webhooks are not imported";
        QTest::newRow("swagger 2 body parameter")
            << "swagger2.json" << 2 << 1 << 2 << 0 << "openapi:POST /items"
            << "{{base_url}}/items"
            << "{\"price\":9.5,\"sku\":\"A-1\"}"
            << "== 200"
            << "\"x-nullable\":true"
            << "";
        QTest::newRow("swagger 2 query default")
            << "swagger2.json" << 2 << 1 << 2 << 0 << "openapi:GET /items"
            << "{{base_url}}/items?page=1"
            << ""
            << "== 200"
            << "\"definitions\":{\"Item\""
            << "";
        // Path item, schema and nested schema in other files, relative to each other.
        QTest::newRow("relative files") << "split/main.yaml" << 1 << 1 << 1 << 0 << "openapi:GET /users/{id}"
                                        << "{{base_url}}/users/u-1"
                                        << ""
                                        << "== 200"
                                        << "\"address\":{\"$ref\":\"#/definitions/address\"}"
                                        << "";
    }

    void imports()
    {
        QFETCH(QString, file);
        QFETCH(int, apis);
        QFETCH(int, services);
        QFETCH(int, automated);
        QFETCH(int, manual);
        QFETCH(QString, source);
        QFETCH(QString, url);
        QFETCH(QString, extra);
        QFETCH(QString, status);
        QFETCH(QString, schemaHas);
        QFETCH(QString, note);

        const auto import = importFile(file);
        QVERIFY2(import, qPrintable(import.error()));
        const Project p = appliedTo(Project(), import->changes);
        QVERIFY2(importProblems(Project(), import->changes).isEmpty(),
            qPrintable(importProblems(Project(), import->changes).join('\n')));
        int apiCount = 0, serviceCount = 0;
        for (const Node &n : p.nodes) {
            apiCount += n.kind == NodeKind::Api;
            serviceCount += n.kind == NodeKind::Service;
        }
        QCOMPARE(apiCount, apis);
        QCOMPARE(serviceCount, services);
        int automatedCount = 0, manualCount = 0;
        for (const TestCase &t : p.testCases)
            (t.automated ? automatedCount : manualCount)++;
        QCOMPARE(automatedCount, automated);
        QCOMPARE(manualCount, manual);
        // Every api node is linked from every service node.
        QCOMPARE(p.edges.size(), apis * services);

        const TestCase *t = caseFor(p, source);
        QVERIFY2(t, qPrintable("no test case " + source));
        const Node *node = p.node(t->nodeId);
        QVERIFY(node);
        QVERIFY(node->kind == NodeKind::Api);
        QCOMPARE("openapi:" + node->properties.value("method").toString() + ' '
                + node->properties.value("path").toString(),
            source);
        if (url.isEmpty()) {
            QVERIFY(!t->automated);
            QVERIFY(t->checks.isEmpty());
            QVERIFY(!t->reviewNote.isEmpty());
        } else {
            QCOMPARE(t->checks.size(), 1);
            const Check &c = t->checks.first();
            QCOMPARE(c.spec.value("url").toString(), url);
            if (extra.startsWith("{\"X-"))
                QCOMPARE(compact(c.spec.value("headers")), extra);
            else if (!extra.isEmpty())
                QCOMPARE(compact(c.spec.value("body").toObject().value("json")), extra);
            else
                QVERIFY(!c.spec.contains("body"));
            QStringList statuses;
            QString schema;
            for (const Assertion &a : c.assertions) {
                if (a.kind == "status")
                    statuses.append(a.op + ' ' + compact(a.expected));
                if (a.kind == "json_schema")
                    schema = compact(a.expected);
            }
            QCOMPARE(statuses.join(", "), status);
            QVERIFY2(schema.contains(schemaHas), qPrintable(schema));
            // The assertion compiles: the check passes validation as a user's would.
            const Status valid = CheckRegistry::instance().type("http")->validate(c);
            QVERIFY2(valid, qPrintable(valid.error()));
        }
        if (!note.isEmpty())
            QVERIFY2(notes(import->report).contains(note), qPrintable(notes(import->report)));
    }

    void refusesWhole_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("error");
        QTest::newRow("$ref cycle") << "cycle.yaml"
                                    << "$ref cycle: ";
        QTest::newRow("missing $ref target") << "missingref.yaml"
                                             << "missingref.yaml#/paths/~1a/get/parameters/0: $ref "
                                                "\"#/components/parameters/Nope\": ";
        QTest::newRow("null schema") << "nullschema.yaml"
                                     << "nullschema.yaml#/paths/~1a/get/responses/200/content/"
                                        "application~1json/schema: the JSON Schema cannot be read";
        QTest::newRow("malformed YAML") << "malformed.yaml"
                                        << "malformed.yaml:3:1: ";
        QTest::newRow("malformed JSON") << "malformed.json"
                                        << "malformed.json:1: ";
        QTest::newRow("not a spec") << "noversion.json"
                                    << "noversion.json: not an OpenAPI or Swagger document";
        QTest::newRow("unknown version") << "version4.json"
                                         << "version4.json#/openapi: version \"4.0.0\" is not read";
    }

    void refusesWhole()
    {
        QFETCH(QString, file);
        QFETCH(QString, error);
        const auto import = importFile(file);
        QVERIFY(!import);
        QVERIFY2(import.error().contains(error), qPrintable(import.error()));
        QVERIFY2(import.error().contains(file.section('/', -1)), qPrintable(import.error()));
    }

    void cycleNamesEachStep()
    {
        const auto import = importFile("cycle.yaml");
        QVERIFY(!import);
        const QString e = import.error();
        QVERIFY2(e.contains("cycle.yaml#/components/schemas/A -> ")
                && e.contains("cycle.yaml#/components/schemas/B -> ")
                && e.endsWith("cycle.yaml#/components/schemas/A"),
            qPrintable(e));
    }

    // Relative $refs need a folder: bytes from nowhere say so instead of guessing.
    void relativeRefWithoutFolderIsAnError()
    {
        QFile file(fixture("split/main.yaml"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto import = FormatRegistry::instance().importer("openapi")->read(
            ImportSource::inMemory(file.readAll(), "main.yaml"), Project());
        QVERIFY(!import);
        QVERIFY2(
            import.error().contains("relative references cannot be resolved"), qPrintable(import.error()));
    }

    // A second import of the same spec finds its nodes and test cases by source identity.
    void reimportKeepsIdentity()
    {
        const auto first = importFile("petstore30.yaml");
        QVERIFY(first);
        const Project project = appliedTo(Project(), first->changes);
        const auto second = importFile("petstore30.yaml", project);
        QVERIFY(second);
        QCOMPARE(ProjectChangeSet::describe(second->changes.added), QString("nothing"));
        const Project after = appliedTo(project, second->changes);
        QCOMPARE(after.nodes.size(), project.nodes.size());
        QCOMPARE(after.testCases.size(), project.testCases.size());
        QCOMPARE(after.edges.size(), project.edges.size());
    }

    // An imported smoke test against a real server: the schema holds for /json and is
    // broken by /status/200, whose "status" is a number where the spec says string.
    void smokeTestAgainstRealServer()
    {
        HttpTestServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QNetworkAccessManager network;
        const auto import = importFile("server.yaml");
        QVERIFY2(import, qPrintable(import.error()));
        const Project p = appliedTo(Project(), import->changes);
        CheckContext context;
        context.network = &network;
        context.variables.set("base_url", server.baseUrl());

        const TestCase *json = caseFor(p, "openapi:GET /json");
        QVERIFY(json && json->checks.size() == 1);
        CheckRegistry::instance().type("http")->prepare(json->checks.first());
        FLOWBENCH_COMPARE_STATUS(runCheck(json->checks.first(), context), ResultStatus::Pass);

        const TestCase *status = caseFor(p, "openapi:GET /status/{code}");
        QVERIFY(status && status->checks.size() == 1);
        QCOMPARE(status->checks.first().spec.value("url").toString(), QString("{{base_url}}/status/200"));
        const CheckOutcome outcome = runCheck(status->checks.first(), context);
        FLOWBENCH_COMPARE_STATUS(outcome, ResultStatus::Fail);
        QCOMPARE(outcome.message, QString("json_schema: /status: type: expected string or null, got number"));
    }
};

QTEST_GUILESS_MAIN(TestOpenApiImport)
#include "tst_openapiimport.moc"
