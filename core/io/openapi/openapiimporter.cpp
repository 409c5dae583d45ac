#include "io/openapi/openapiimporter.h"

#include "io/openapi/openapioperation.h"
#include "io/openapi/openapischema.h"
#include "io/openapi/openapisource.h"
#include "io/projectimport.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace flowbench {

namespace {

const QStringList &methods()
{
    static const QStringList list = { QStringLiteral("get"), QStringLiteral("put"), QStringLiteral("post"),
        QStringLiteral("delete"), QStringLiteral("options"), QStringLiteral("head"), QStringLiteral("patch"),
        QStringLiteral("trace") };
    return list;
}

struct Server
{
    QString url; // "https://api.example.com/v1"; may be relative ("/v1")
    QString pointer;
};

QList<Server> serversOf(const QJsonObject &root, bool swagger, ImportReport &report)
{
    QList<Server> servers;
    if (swagger) {
        const QString host = root.value(QLatin1String("host")).toString();
        const QString basePath = root.value(QLatin1String("basePath")).toString();
        const QJsonArray schemes = root.value(QLatin1String("schemes")).toArray();
        const QString scheme = schemes.isEmpty() ? QStringLiteral("https") : schemes.at(0).toString();
        if (!host.isEmpty())
            servers.append({ scheme + QStringLiteral("://") + host + basePath, QStringLiteral("/host") });
        else if (!basePath.isEmpty())
            servers.append({ basePath, QStringLiteral("/basePath") });
        return servers;
    }
    const QJsonArray list = root.value(QLatin1String("servers")).toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject server = list.at(i).toObject();
        QString url = server.value(QLatin1String("url")).toString();
        // Server variables take their defaults: "https://{region}.example.com".
        const QJsonObject variables = server.value(QLatin1String("variables")).toObject();
        for (auto it = variables.begin(); it != variables.end(); ++it)
            url.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'),
                it.value().toObject().value(QLatin1String("default")).toString());
        if (url.isEmpty()) {
            report.leaveOut(
                0, QStringLiteral("#/servers/%1").arg(i), QStringLiteral("server without a url left out"));
            continue;
        }
        while (url.endsWith(QLatin1Char('/')) && url.size() > 1)
            url.chop(1);
        servers.append({ url, QStringLiteral("/servers/%1").arg(i) });
    }
    return servers;
}

} // namespace

Result<Import> OpenApiImporter::read(const ImportSource &input, const Project &target) const
{
    using R = Result<Import>;
    const auto parsed = parseJsonOrYaml(input.data, input.name);
    if (!parsed)
        return R::failure(parsed.error());
    if (!parsed->isObject())
        return R::failure(
            QStringLiteral("%1: not an OpenAPI or Swagger document (the top level is not an object)")
                .arg(input.name));
    const QJsonObject root = parsed->toObject();
    const QString openapi = root.value(QLatin1String("openapi")).toString();
    const QString swaggerVersion = root.value(QLatin1String("swagger")).toString();
    const bool swagger = swaggerVersion == QLatin1String("2.0");
    if (!swagger && !openapi.startsWith(QLatin1String("3.0")) && !openapi.startsWith(QLatin1String("3.1"))) {
        if (!swaggerVersion.isEmpty() || !openapi.isEmpty())
            return R::failure(
                QStringLiteral("%1#/%2: version \"%3\" is not read (OpenAPI 3.0, 3.1 or Swagger 2.0)")
                    .arg(input.name,
                        swaggerVersion.isEmpty() ? QStringLiteral("openapi") : QStringLiteral("swagger"),
                        swaggerVersion.isEmpty() ? openapi : swaggerVersion));
        return R::failure(
            QStringLiteral("%1: not an OpenAPI or Swagger document (no \"openapi\" or \"swagger\" field)")
                .arg(input.name));
    }
    if (!root.value(QLatin1String("paths")).isObject() && !root.contains(QLatin1String("webhooks")))
        return R::failure(
            QStringLiteral("%1#/paths: must be an object of path -> operations").arg(input.name));

    Import result;
    ImportReport &report = result.report;
    report.source = input.name;
    OpenApiSource source(*parsed, input.name, input.baseDirectory);
    const QString title
        = root.value(QLatin1String("info")).toObject().value(QLatin1String("title")).toString();

    // Entities the target has keep their ids: a second import changes them in place.
    QHash<QString, const Node *> apiByRoute;
    QHash<QString, const Node *> serviceByName;
    QHash<QString, const TestCase *> caseBySource;
    for (const Node &n : target.nodes) {
        if (n.kind == NodeKind::Api)
            apiByRoute.insert(n.properties.value(QLatin1String("method")).toString().toUpper()
                    + QLatin1Char(' ') + n.properties.value(QLatin1String("path")).toString(),
                &n);
        else if (n.kind == NodeKind::Service)
            serviceByName.insert(n.name, &n);
    }
    for (const TestCase &t : target.testCases)
        if (!t.source.isEmpty())
            caseBySource.insert(t.source, &t);
    QSet<QString> existingEdges;
    for (const Edge &e : target.edges)
        existingEdges.insert(e.from + QLatin1Char('>') + e.to);

    Project imported;
    imported.name = title.isEmpty() ? QFileInfo(input.name).completeBaseName() : title;

    QList<Server> servers = serversOf(root, swagger, report);
    if (servers.isEmpty())
        servers.append({ QString(), QString() });
    QList<Id> serviceIds;
    for (const Server &server : servers) {
        const QString name
            = server.url.isEmpty() ? (title.isEmpty() ? QStringLiteral("API") : title) : server.url;
        Node service;
        if (const Node *current = serviceByName.value(name))
            service = *current;
        else
            service.id = newId();
        service.kind = NodeKind::Service;
        service.name = name;
        serviceIds.append(service.id);
        imported.nodes.append(service);
    }
    // Runs reach the first server through {{base_url}}; another is a change of that variable.
    Environment environment;
    environment.name = imported.name;
    if (const Environment *current = target.environmentByName(environment.name))
        environment = *current;
    else
        environment.id = newId();
    const QString firstUrl = servers.first().url;
    environment.variables.insert(QStringLiteral("base_url"), firstUrl);
    imported.environments.append(environment);
    if (firstUrl.isEmpty() || firstUrl.startsWith(QLatin1Char('/')))
        report.leaveOut(0, QStringLiteral("#/servers"),
            QStringLiteral("no absolute server URL: set base_url in environment \"%1\" before running")
                .arg(environment.name));
    for (int i = 1; i < servers.size(); ++i)
        report.leaveOut(0, QStringLiteral("#") + servers.at(i).pointer,
            QStringLiteral("server %1 became a service node; smoke tests run against base_url (%2)")
                .arg(servers.at(i).url, firstUrl));

    OperationContext context { source, swagger, root, report };
    const QJsonObject paths = root.value(QLatin1String("paths")).toObject();
    int position = 0;
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        const QString pathPointer = QStringLiteral("/paths/") + OpenApiSource::escapePointer(p.key());
        const auto item = source.resolve(LocatedValue { p.value(), input.name, pathPointer });
        if (!item)
            return R::failure(item.error());
        const QJsonObject pathItem = item->value.toObject();
        for (auto k = pathItem.begin(); k != pathItem.end(); ++k) {
            const QString key = k.key();
            if (methods().contains(key) || key == QLatin1String("parameters")
                || key == QLatin1String("summary") || key == QLatin1String("description")
                || key.startsWith(QLatin1String("x-")))
                continue;
            report.leaveOut(0, QStringLiteral("#%1/%2").arg(pathPointer, key),
                QStringLiteral("\"%1\" of a path is not read").arg(key));
        }
        for (const QString &method : methods()) {
            if (!pathItem.contains(method))
                continue;
            const LocatedValue operation { pathItem.value(method), item->file,
                item->pointer + QLatin1Char('/') + method };
            const auto built = buildOperation(context, p.key(), method.toUpper(), operation,
                LocatedValue { pathItem.value(QLatin1String("parameters")), item->file,
                    item->pointer + QStringLiteral("/parameters") });
            if (!built)
                return R::failure(built.error());
            const QString route = method.toUpper() + QLatin1Char(' ') + p.key();
            Node api = built->node;
            if (const Node *current = apiByRoute.value(route)) {
                const Node fresh = api;
                api = *current;
                api.name = fresh.name;
                api.description = fresh.description;
                api.properties = fresh.properties;
                if (!fresh.group.isEmpty())
                    api.group = fresh.group;
            } else {
                api.id = newId();
            }
            imported.nodes.append(api);
            for (const Id &serviceId : serviceIds) {
                if (existingEdges.contains(serviceId + QLatin1Char('>') + api.id)) {
                    for (const Edge &e : target.edges)
                        if (e.from == serviceId && e.to == api.id)
                            imported.edges.append(e);
                    continue;
                }
                Edge edge;
                edge.id = newId();
                edge.from = serviceId;
                edge.to = api.id;
                edge.kind = EdgeKind::Calls;
                edge.label = QStringLiteral("serves");
                imported.edges.append(edge);
            }
            TestCase testCase = built->testCase;
            if (const TestCase *current = caseBySource.value(testCase.source)) {
                const TestCase fresh = testCase;
                testCase = *current;
                testCase.title = fresh.title;
                testCase.description = fresh.description;
                testCase.automated = fresh.automated;
                testCase.reviewNote = fresh.reviewNote;
                // The smoke step is the spec's; steps added by hand stay after it.
                QList<Check> checks = fresh.checks;
                for (int i = 1; i < current->checks.size(); ++i)
                    checks.append(current->checks.at(i));
                if (!current->checks.isEmpty() && !checks.isEmpty()) {
                    checks.first().id = current->checks.first().id;
                    // Assertions added by hand to the smoke step survive too.
                    checks.first().assertions = mergeHandAssertions(
                        checks.first().assertions, current->checks.first().assertions);
                }
                testCase.checks = checks;
            } else {
                testCase.id = newId();
                testCase.position = position;
            }
            testCase.nodeId = api.id;
            ++position;
            imported.testCases.append(testCase);
        }
    }
    for (const char *unread : { "webhooks", "callbacks" })
        if (root.contains(QLatin1String(unread)))
            report.leaveOut(0, QStringLiteral("#/%1").arg(QLatin1String(unread)),
                QStringLiteral("%1 are not imported").arg(QLatin1String(unread)));

    for (const Node &n : imported.nodes)
        result.described.insert(n.id);
    for (const Edge &e : imported.edges)
        result.described.insert(e.id);
    for (const TestCase &t : imported.testCases)
        result.described.insert(t.id);
    for (const Environment &e : imported.environments)
        result.described.insert(e.id);
    result.changes = ProjectChangeSet::between(target, imported);
    result.changes.name = imported.name;
    const ImportReport summary = summarizeImport(input.name, result.changes);
    report.taken = summary.taken;
    return result;
}

} // namespace flowbench
