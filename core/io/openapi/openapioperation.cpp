#include "io/openapi/openapioperation.h"

#include "checks/assertionevaluator.h"
#include "checks/jsonschema.h"
#include "io/openapi/openapischema.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace flowbench {

namespace {

bool isJson(const QString &mediaType)
{
    const QString m = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return m == QLatin1String("application/json") || m.endsWith(QLatin1String("+json"))
        || m == QLatin1String("*/*");
}

// An example of a parameter or media type: example, first of examples, then its schema's.
std::optional<QJsonValue> exampleOf(
    OperationContext &c, const LocatedValue &holder, const QString &where, QString *missing)
{
    const QJsonObject o = holder.value.toObject();
    if (o.contains(QLatin1String("example")))
        return o.value(QLatin1String("example"));
    const QJsonObject examples = o.value(QLatin1String("examples")).toObject();
    for (auto it = examples.begin(); it != examples.end(); ++it) {
        const auto ex = c.source.resolve(LocatedValue { it.value(), holder.file,
            holder.pointer + QStringLiteral("/examples/") + OpenApiSource::escapePointer(it.key()) });
        if (ex && ex->value.toObject().contains(QLatin1String("value")))
            return ex->value.toObject().value(QLatin1String("value"));
    }
    if (o.contains(QLatin1String("schema")))
        return exampleFor(c.source,
            LocatedValue {
                o.value(QLatin1String("schema")), holder.file, holder.pointer + QStringLiteral("/schema") },
            where, missing);
    // Swagger 2 non-body parameters carry the schema keywords themselves.
    return exampleFor(c.source, holder, where, missing);
}

struct Parameter
{
    QString name;
    QString in;
    bool required = false;
    LocatedValue located;
};

Result<QList<Parameter>> parametersOf(OperationContext &c, const LocatedValue &list)
{
    QList<Parameter> out;
    const QJsonArray items = list.value.toArray();
    for (int i = 0; i < items.size(); ++i) {
        const auto p = c.source.resolve(
            LocatedValue { items.at(i), list.file, list.pointer + QStringLiteral("/%1").arg(i) });
        if (!p)
            return Result<QList<Parameter>>::failure(p.error());
        const QJsonObject o = p->value.toObject();
        if (o.value(QLatin1String("name")).toString().isEmpty()
            || o.value(QLatin1String("in")).toString().isEmpty())
            return Result<QList<Parameter>>::failure(
                QStringLiteral("%1: a parameter needs a \"name\" and an \"in\"").arg(p->place()));
        Parameter parameter { o.value(QLatin1String("name")).toString(),
            o.value(QLatin1String("in")).toString(),
            o.value(QLatin1String("required")).toBool(false)
                || o.value(QLatin1String("in")).toString() == QLatin1String("path"),
            *p };
        out.append(parameter);
    }
    return out;
}

QString successStatus(const QJsonObject &responses)
{
    QString best;
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        const QString code = it.key();
        if (code.size() == 3 && code.startsWith(QLatin1Char('2')) && code.at(1).isDigit()
            && (best.isEmpty() || code < best))
            best = code;
    }
    if (best.isEmpty() && responses.contains(QStringLiteral("2XX")))
        best = QStringLiteral("2XX");
    return best;
}

} // namespace

Result<BuiltOperation> buildOperation(OperationContext &c, const QString &path, const QString &method,
    const LocatedValue &operationRef, const LocatedValue &pathParameters)
{
    using R = Result<BuiltOperation>;
    const auto resolved = c.source.resolve(operationRef);
    if (!resolved)
        return R::failure(resolved.error());
    const LocatedValue operation = *resolved;
    const QJsonObject op = operation.value.toObject();
    const QString route = method + QLatin1Char(' ') + path;
    const QString place = QLatin1Char('#') + operation.pointer;
    BuiltOperation built;

    Node &node = built.node;
    node.kind = NodeKind::Api;
    node.name = route;
    const QJsonArray tags = op.value(QLatin1String("tags")).toArray();
    node.group = tags.isEmpty() ? QString() : tags.at(0).toString();
    const QString summary = op.value(QLatin1String("summary")).toString();
    const QString operationId = op.value(QLatin1String("operationId")).toString();
    node.description = op.value(QLatin1String("description")).toString();
    if (node.description.isEmpty())
        node.description = summary;
    node.properties = QJsonObject { { QStringLiteral("method"), method }, { QStringLiteral("path"), path } };
    if (!operationId.isEmpty())
        node.properties.insert(QStringLiteral("operationId"), operationId);
    if (!summary.isEmpty())
        node.properties.insert(QStringLiteral("summary"), summary);
    if (tags.size() > 1)
        c.report.leaveOut(0, place + QStringLiteral("/tags"),
            QStringLiteral("%1 is grouped under its first tag \"%2\" only").arg(route, node.group));

    // Parameters: the operation's override the path item's of the same name and place.
    auto pathLevel = parametersOf(c, pathParameters);
    if (!pathLevel)
        return R::failure(pathLevel.error());
    auto own = parametersOf(c,
        LocatedValue { op.value(QLatin1String("parameters")), operation.file,
            operation.pointer + QStringLiteral("/parameters") });
    if (!own)
        return R::failure(own.error());
    QList<Parameter> parameters = *own;
    for (const Parameter &p : *pathLevel) {
        bool overridden = false;
        for (const Parameter &o : *own)
            overridden = overridden || (o.name == p.name && o.in == p.in);
        if (!overridden)
            parameters.append(p);
    }

    QStringList missing;
    QString url = QStringLiteral("{{base_url}}") + path;
    QJsonObject headers;
    QUrlQuery query;
    QJsonValue body(QJsonValue::Undefined);
    QJsonObject form;
    for (const Parameter &p : parameters) {
        if (!p.required)
            continue;
        if (p.in == QLatin1String("body")) { // Swagger 2
            QString where;
            const auto value = exampleOf(c, p.located, QStringLiteral("body"), &where);
            if (!value)
                missing.append(
                    QStringLiteral("request body (%1 has no example, default or enum)").arg(where));
            else
                body = *value;
            continue;
        }
        QString where;
        const auto value = exampleOf(c, p.located, p.name, &where);
        if (!value) {
            missing.append(
                QStringLiteral("%1 parameter \"%2\" has no example, default or enum").arg(p.in, p.name));
            continue;
        }
        const QString text = AssertionEvaluator::asText(*value);
        if (p.in == QLatin1String("path"))
            url.replace(QLatin1Char('{') + p.name + QLatin1Char('}'),
                QString::fromUtf8(QUrl::toPercentEncoding(text)));
        else if (p.in == QLatin1String("query"))
            query.addQueryItem(p.name, QString::fromUtf8(QUrl::toPercentEncoding(text)));
        else if (p.in == QLatin1String("header")
            && QRegularExpression(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")).match(p.name).hasMatch())
            headers.insert(p.name, text);
        else if (p.in == QLatin1String("cookie"))
            headers.insert(QStringLiteral("Cookie"), p.name + QLatin1Char('=') + text);
        else if (p.in == QLatin1String("formData"))
            form.insert(p.name, text);
        else
            c.report.leaveOut(0, QLatin1Char('#') + p.located.pointer,
                QStringLiteral("parameter \"%1\" in \"%2\" is not sent").arg(p.name, p.in));
    }
    if (!query.isEmpty())
        url += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);

    // OpenAPI 3 request body.
    if (op.contains(QLatin1String("requestBody"))) {
        const auto rb = c.source.resolve(LocatedValue { op.value(QLatin1String("requestBody")),
            operation.file, operation.pointer + QStringLiteral("/requestBody") });
        if (!rb)
            return R::failure(rb.error());
        const QJsonObject requestBody = rb->value.toObject();
        if (requestBody.value(QLatin1String("required")).toBool(false)) {
            const QJsonObject content = requestBody.value(QLatin1String("content")).toObject();
            QString jsonType;
            for (auto it = content.begin(); it != content.end(); ++it)
                if (isJson(it.key()) && jsonType.isEmpty())
                    jsonType = it.key();
            if (jsonType.isEmpty()) {
                missing.append(QStringLiteral("request body: only JSON bodies are built (%1)")
                                   .arg(content.keys().join(QStringLiteral(", "))));
            } else {
                QString where;
                const auto value = exampleOf(c,
                    LocatedValue { content.value(jsonType), rb->file,
                        rb->pointer + QStringLiteral("/content/") + OpenApiSource::escapePointer(jsonType) },
                    QStringLiteral("body"), &where);
                if (!value)
                    missing.append(
                        QStringLiteral("request body (%1 has no example, default or enum)").arg(where));
                else
                    body = *value;
            }
        }
    }

    // The documented success and its JSON schema.
    const QJsonObject responses = op.value(QLatin1String("responses")).toObject();
    const QString success = successStatus(responses);
    QList<Assertion> assertions;
    if (success == QLatin1String("2XX")) {
        assertions.append(Assertion { QStringLiteral("status"), QString(), QStringLiteral(">="), 200 });
        assertions.append(Assertion { QStringLiteral("status"), QString(), QStringLiteral("<"), 300 });
    } else if (!success.isEmpty()) {
        assertions.append(
            Assertion { QStringLiteral("status"), QString(), QStringLiteral("=="), success.toInt() });
    } else {
        c.report.leaveOut(0, place + QStringLiteral("/responses"),
            QStringLiteral("%1 documents no 2xx response: the smoke test asserts no status").arg(route));
    }
    if (!success.isEmpty()) {
        const auto response = c.source.resolve(LocatedValue { responses.value(success), operation.file,
            operation.pointer + QStringLiteral("/responses/") + success });
        if (!response)
            return R::failure(response.error());
        const QJsonObject r = response->value.toObject();
        std::optional<LocatedValue> schema;
        if (c.swagger && r.contains(QLatin1String("schema"))) {
            schema = LocatedValue { r.value(QLatin1String("schema")), response->file,
                response->pointer + QStringLiteral("/schema") };
        } else {
            const QJsonObject content = r.value(QLatin1String("content")).toObject();
            for (auto it = content.begin(); it != content.end() && !schema; ++it)
                if (isJson(it.key()) && it.value().toObject().contains(QLatin1String("schema")))
                    schema
                        = LocatedValue { it.value().toObject().value(QLatin1String("schema")), response->file,
                              response->pointer + QStringLiteral("/content/")
                                  + OpenApiSource::escapePointer(it.key()) + QStringLiteral("/schema") };
        }
        if (schema) {
            const auto bundled = bundleSchema(c.source, *schema);
            if (!bundled)
                return R::failure(bundled.error());
            // A schema the assertion could not compile (a null where a schema belongs) is
            // the spec's error, named here rather than at run time (found by fuzzing).
            if (const auto compiled = JsonSchema::compiled(*bundled); !compiled)
                return R::failure(QStringLiteral("%1: %2").arg(schema->place(), compiled.error()));
            assertions.append(
                Assertion { QStringLiteral("json_schema"), QString(), QStringLiteral("=="), *bundled });
        }
    }

    const QJsonValue security = op.contains(QLatin1String("security"))
        ? op.value(QLatin1String("security"))
        : c.root.value(QLatin1String("security"));
    QStringList schemes;
    for (const QJsonValue &requirement : security.toArray())
        for (const QString &name : requirement.toObject().keys())
            if (!schemes.contains(name))
                schemes.append(name);

    TestCase &testCase = built.testCase;
    testCase.source = QStringLiteral("openapi:") + route;
    testCase.title = route + QStringLiteral(" smoke");
    testCase.description = summary.isEmpty() ? QStringLiteral("Smoke test from the OpenAPI operation.")
                                             : QStringLiteral("Smoke test: %1").arg(summary);
    testCase.tags = QStringList { QStringLiteral("smoke"), QStringLiteral("openapi") };
    if (!missing.isEmpty()) {
        testCase.automated = false;
        testCase.description
            += QStringLiteral("\nManual: the spec gives no value for what the request needs: ")
            + missing.join(QStringLiteral("; ")) + QLatin1Char('.');
        testCase.reviewNote
            = QStringLiteral("needs inputs the spec does not give: ") + missing.join(QStringLiteral("; "));
        c.report.leaveOut(0, place,
            QStringLiteral("%1 became a manual test case: %2")
                .arg(route, missing.join(QStringLiteral("; "))));
        return built;
    }
    Check check;
    check.id = newId();
    check.type = QStringLiteral("http");
    check.name = route;
    QJsonObject spec { { QStringLiteral("url"), url }, { QStringLiteral("method"), method } };
    if (!headers.isEmpty())
        spec.insert(QStringLiteral("headers"), headers);
    if (!body.isUndefined())
        spec.insert(QStringLiteral("body"),
            QJsonObject {
                { QStringLiteral("mode"), QStringLiteral("json") }, { QStringLiteral("json"), body } });
    else if (!form.isEmpty())
        spec.insert(QStringLiteral("body"),
            QJsonObject {
                { QStringLiteral("mode"), QStringLiteral("form") }, { QStringLiteral("form"), form } });
    check.spec = spec;
    check.assertions = assertions;
    testCase.automated = true;
    testCase.checks = { check };
    if (!schemes.isEmpty()) {
        testCase.reviewNote
            = QStringLiteral("the operation needs credentials (%1); the smoke test sends none")
                  .arg(schemes.join(QStringLiteral(", ")));
        c.report.leaveOut(0, place + QStringLiteral("/security"),
            QStringLiteral("%1: security %2 not applied; add the credentials to the test case")
                .arg(route, schemes.join(QStringLiteral(", "))));
    }
    return built;
}

} // namespace flowbench
