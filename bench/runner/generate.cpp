// Writes a Flowbench project with N http checks (status == 200 and one JSON path each)
// against one endpoint, and an equivalent Postman Collection v2.1 for newman.
//   flowbench-bench-runner-gen --url http://127.0.0.1:PORT/health --count 1000
//       --project bench.flowbench --postman bench.postman_collection.json
#include "model/project.h"
#include "store/projectstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace flowbench;

namespace {

// Test cases of `perCase` checks each: steps run in order inside a case, cases in parallel.
Project makeProject(const QString &url, int count, int perCase)
{
    Project p;
    p.name = QStringLiteral("runner benchmark");
    Node node;
    node.id = newId();
    node.kind = NodeKind::Api;
    node.name = QStringLiteral("GET /health");
    p.nodes << node;
    Environment env;
    env.id = newId();
    env.name = QStringLiteral("bench");
    env.variables.insert(QStringLiteral("url"), url);
    p.environments << env;
    for (int i = 0; i < count; i += perCase) {
        TestCase t;
        t.id = newId();
        t.nodeId = node.id;
        t.title = QStringLiteral("health %1").arg(i / perCase, 4, 10, QLatin1Char('0'));
        t.automated = true;
        t.position = i / perCase;
        for (int s = i; s < qMin(count, i + perCase); ++s) {
            Check c;
            c.id = newId();
            c.type = QStringLiteral("http");
            c.name = QStringLiteral("health check %1").arg(s);
            c.spec = QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")}, {QStringLiteral("url"), QStringLiteral("{{url}}")}};
            Assertion status;
            status.kind = QStringLiteral("status");
            status.expected = 200;
            Assertion path;
            path.kind = QStringLiteral("json_path");
            path.target = QStringLiteral("status");
            path.expected = QStringLiteral("ok");
            c.assertions << status << path;
            t.checks << c;
        }
        p.testCases << t;
    }
    return p;
}

QJsonObject makeCollection(const QString &url, int count)
{
    const QJsonArray exec{
        QStringLiteral("pm.test('status', function () { pm.response.to.have.status(200); });"),
        QStringLiteral("pm.test('body', function () { pm.expect(pm.response.json().status).to.eql('ok'); });")};
    QJsonArray items;
    for (int i = 0; i < count; ++i) {
        items.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("health check %1").arg(i)},
            {QStringLiteral("request"), QJsonObject{{QStringLiteral("method"), QStringLiteral("GET")},
                                                   {QStringLiteral("url"), QStringLiteral("{{url}}")}}},
            {QStringLiteral("event"), QJsonArray{QJsonObject{
                 {QStringLiteral("listen"), QStringLiteral("test")},
                 {QStringLiteral("script"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text/javascript")},
                                                        {QStringLiteral("exec"), exec}}}}}},
        });
    }
    return QJsonObject{
        {QStringLiteral("info"), QJsonObject{{QStringLiteral("name"), QStringLiteral("runner benchmark")},
                                            {QStringLiteral("schema"),
                                             QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}}},
        {QStringLiteral("variable"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("url")},
                                                            {QStringLiteral("value"), url}}}},
        {QStringLiteral("item"), items},
    };
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Endpoint answering {\"status\":\"ok\"}."), QStringLiteral("url"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Number of checks."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption perCase(QStringLiteral("per-case"), QStringLiteral("Checks per test case."), QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption project(QStringLiteral("project"), QStringLiteral("Project file to create."), QStringLiteral("path"));
    const QCommandLineOption postman(QStringLiteral("postman"), QStringLiteral("Postman collection to write."), QStringLiteral("path"));
    parser.addOptions({url, count, perCase, project, postman});
    parser.process(app);
    QTextStream err(stderr);
    const int n = parser.value(count).toInt();
    const int k = parser.value(perCase).toInt();
    if (!parser.isSet(url) || !parser.isSet(project) || !parser.isSet(postman) || n < 1 || k < 1) {
        err << "need --url, --project, --postman and positive --count/--per-case\n";
        return 2;
    }
    QFile::remove(parser.value(project));
    auto store = ProjectStore::create(parser.value(project), QStringLiteral("runner benchmark"));
    if (!store) {
        err << store.error() << '\n';
        return 1;
    }
    const Status replaced = store.value()->replaceContents(makeProject(parser.value(url), n, k));
    if (!replaced) {
        err << replaced.error() << '\n';
        return 1;
    }
    QFile file(parser.value(postman));
    if (!file.open(QIODevice::WriteOnly)) {
        err << "cannot write " << file.fileName() << ": " << file.errorString() << '\n';
        return 1;
    }
    file.write(QJsonDocument(makeCollection(parser.value(url), n)).toJson(QJsonDocument::Compact));
    return 0;
}
