#include "io/postman/postmanrequest.h"

#include "checks/httpcheck.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace flowbench {

bool isPostmanSecretName(const QString &name)
{
    static const QRegularExpression secret(
        QStringLiteral("(token|password|passwd|pwd|secret|api[_-]?key|credential|private[_-]?key|session)"),
        QRegularExpression::CaseInsensitiveOption);
    return secret.match(name).hasMatch();
}

QString postmanVariableOnly(const QString &value)
{
    static const QRegularExpression only(QStringLiteral(R"(^\{\{\s*([^{}\s]+)\s*\}\}$)"));
    const auto m = only.match(value.trimmed());
    return m.hasMatch() ? m.captured(1) : QString();
}

QString PostmanSecrets::referenceFor(const QString &name, const QString &why)
{
    if (const auto it = references.constFind(name); it != references.constEnd())
        return *it;
    QString env = name.toUpper();
    env.replace(QRegularExpression(QStringLiteral("[^A-Z0-9]+")), QStringLiteral("_"));
    if (env.isEmpty() || env.front().isDigit())
        env.prepend(QStringLiteral("POSTMAN_"));
    const QString ref = QStringLiteral("${env:%1}").arg(env);
    references.insert(name, ref);
    toSet << QStringLiteral("%1 (%2)").arg(env, why);
    return ref;
}

namespace {

// An auth parameter's value as the project may hold it: a {{variable}} stays (the
// variable becomes a secret reference), a literal secret becomes a generated variable.
QString secretValue(const QString &value, const QString &variableName, PostmanRequestContext &c)
{
    const QString var = postmanVariableOnly(value);
    if (!var.isEmpty()) {
        c.secrets->referenceFor(
            var, QStringLiteral("Postman variable \"%1\", used as a credential").arg(var));
        return value;
    }
    if (value.isEmpty())
        return value;
    c.secrets->referenceFor(variableName, QStringLiteral("a credential written in the collection's auth"));
    return QStringLiteral("{{%1}}").arg(variableName);
}

void addQuery(QString &url, const QString &key, const QString &value)
{
    url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + key
        + (value.isNull() ? QString() : QLatin1Char('=') + value);
}

Status applyAuth(const PostmanAuth &auth, QJsonObject &headers, QString &url, QJsonObject &authField,
    PostmanRequestContext &c)
{
    const QString type = auth.type;
    if (type == QLatin1String("inherit") || type == QLatin1String("noauth") || type.isEmpty())
        return success();
    if (type == QLatin1String("bearer")) {
        headers.insert(QStringLiteral("Authorization"),
            QStringLiteral("Bearer ")
                + secretValue(
                    auth.params.value(QStringLiteral("token")), QStringLiteral("postman_bearer_token"), c));
    } else if (type == QLatin1String("basic")) {
        // The http check's basic-auth field: the user as written, the password a variable
        // holding a secret reference (the header is built at run time).
        QString user = auth.params.value(QStringLiteral("username"));
        // No user in the collection: a variable a person sets, never an empty field that
        // validate() would refuse (found by fuzz_postmanimport).
        if (user.trimmed().isEmpty())
            user = QStringLiteral("{{postman_basic_user}}");
        QString password = secretValue(
            auth.params.value(QStringLiteral("password")), QStringLiteral("postman_basic_password"), c);
        if (password.isEmpty()) {
            // No password at all: still a reference, so the project never holds one.
            c.secrets->referenceFor(QStringLiteral("postman_basic_password"),
                QStringLiteral("the basic-auth password at %1 (empty in the collection)").arg(auth.pointer));
            password = QStringLiteral("{{postman_basic_password}}");
        }
        authField = QJsonObject { { QStringLiteral("type"), QStringLiteral("basic") },
            { QStringLiteral("user"), user }, { QStringLiteral("password"), password } };
    } else if (type == QLatin1String("apikey")) {
        const QString key = auth.params.value(QStringLiteral("key"), QStringLiteral("X-API-Key"));
        const QString value
            = secretValue(auth.params.value(QStringLiteral("value")), QStringLiteral("postman_api_key"), c);
        static const QRegularExpression headerName(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        if (auth.params.value(QStringLiteral("in")) == QLatin1String("query")) {
            addQuery(url, key, value);
        } else if (headerName.match(key).hasMatch()) {
            headers.insert(key, value);
        } else {
            c.report->leaveOut(0, auth.pointer,
                QStringLiteral(
                    "api key header \"%1\" is not a valid header name: the request is sent without it")
                    .arg(key));
            c.needsReview = true;
            c.reviewReasons << QStringLiteral("api key header \"%1\" left out (%2)").arg(key, auth.pointer);
        }
    } else {
        c.report->leaveOut(0, auth.pointer,
            QStringLiteral("auth type \"%1\" is not supported: the request is sent without it").arg(type));
        c.needsReview = true;
        c.reviewReasons << QStringLiteral("auth \"%1\" not carried over (%2)").arg(type, auth.pointer);
    }
    return success();
}

QString contentTypeFor(const QString &language)
{
    if (language == QLatin1String("json"))
        return QStringLiteral("application/json");
    if (language == QLatin1String("xml"))
        return QStringLiteral("application/xml");
    if (language == QLatin1String("html"))
        return QStringLiteral("text/html");
    if (language == QLatin1String("javascript"))
        return QStringLiteral("application/javascript");
    return QStringLiteral("text/plain");
}

Result<QJsonValue> body(const PostmanItem &r, QJsonObject &headers, PostmanRequestContext &c)
{
    using R = Result<QJsonValue>;
    const QJsonObject &b = r.body;
    if (b.isEmpty() || b.value(QLatin1String("disabled")).toBool())
        return QJsonValue(QJsonValue::Null);
    const QString mode = b.value(QLatin1String("mode")).toString();
    const QString p = r.bodyPointer;
    auto hasHeader = [&](const QString &name) {
        for (auto it = headers.begin(); it != headers.end(); ++it)
            if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    if (mode == QLatin1String("raw")) {
        const QString language = b.value(QLatin1String("options"))
                                     .toObject()
                                     .value(QLatin1String("raw"))
                                     .toObject()
                                     .value(QLatin1String("language"))
                                     .toString();
        if (!hasHeader(QStringLiteral("Content-Type")) && !language.isEmpty())
            headers.insert(QStringLiteral("Content-Type"), contentTypeFor(language));
        return QJsonValue(QJsonObject { { QStringLiteral("mode"), QStringLiteral("raw") },
            { QStringLiteral("raw"), b.value(QLatin1String("raw")).toString() } });
    }
    if (mode == QLatin1String("formdata")) {
        // multipart/form-data, as Postman sends it: text and file fields in order.
        QJsonArray parts;
        const QJsonArray fields = b.value(mode).toArray();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QJsonObject f = fields[i].toObject();
            const QString fp = QStringLiteral("%1/%2/%3").arg(p, mode).arg(i);
            const QString key = f.value(QLatin1String("key")).toString();
            if (f.value(QLatin1String("disabled")).toBool()) {
                c.report->leaveOut(0, fp, QStringLiteral("disabled %1 field \"%2\" left out").arg(mode, key));
                continue;
            }
            if (key.isEmpty()) {
                // A multipart part must have a name (RFC 7578 4.2); Postman's trailing blank row has none.
                c.report->leaveOut(0, fp, QStringLiteral("form-data field without a key left out"));
                c.needsReview = true;
                c.reviewReasons << QStringLiteral("form-data field without a key left out (%1)").arg(fp);
                continue;
            }
            QJsonObject part { { QStringLiteral("name"), key } };
            const QString contentType = f.value(QLatin1String("contentType")).toString();
            if (f.value(QLatin1String("type")).toString() == QLatin1String("file")) {
                const QJsonValue src = f.value(QLatin1String("src"));
                const QString path = src.isArray() ? src.toArray().at(0).toString() : src.toString();
                if (c.baseDirectory.isEmpty() && QFileInfo(path).isRelative())
                    return R::failure(QStringLiteral(
                        "%1: form-data file \"%2\" is relative and the collection is not in a folder")
                                          .arg(fp, path));
                // Where Postman reads it: relative to the collection's folder.
                const QString resolved
                    = QFileInfo(path).isRelative() ? QDir(c.baseDirectory).absoluteFilePath(path) : path;
                part.insert(QStringLiteral("file"), resolved);
                if (!QFileInfo::exists(resolved)) {
                    c.report->leaveOut(0, fp,
                        QStringLiteral("form-data file field \"%1\": %2 does not exist (a run will say so)")
                            .arg(key, resolved));
                    c.needsReview = true;
                    c.reviewReasons
                        << QStringLiteral("form-data file field \"%1\" = %2 missing").arg(key, resolved);
                }
            } else {
                part.insert(QStringLiteral("value"), f.value(QLatin1String("value")).toString());
            }
            if (!contentType.isEmpty())
                part.insert(QStringLiteral("content_type"), contentType);
            parts.append(part);
        }
        return QJsonValue(QJsonObject { { QStringLiteral("mode"), QStringLiteral("multipart") },
            { QStringLiteral("multipart"), parts } });
    }
    if (mode == QLatin1String("urlencoded")) {
        QJsonObject form;
        const QJsonArray fields = b.value(mode).toArray();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QJsonObject f = fields[i].toObject();
            const QString fp = QStringLiteral("%1/%2/%3").arg(p, mode).arg(i);
            const QString key = f.value(QLatin1String("key")).toString();
            if (f.value(QLatin1String("disabled")).toBool()) {
                c.report->leaveOut(0, fp, QStringLiteral("disabled %1 field \"%2\" left out").arg(mode, key));
                continue;
            }
            form.insert(key, f.value(QLatin1String("value")).toString());
        }
        return QJsonValue(QJsonObject {
            { QStringLiteral("mode"), QStringLiteral("form") }, { QStringLiteral("form"), form } });
    }
    if (mode == QLatin1String("graphql")) {
        const QJsonObject g = b.value(QLatin1String("graphql")).toObject();
        QJsonObject payload { { QStringLiteral("query"), g.value(QLatin1String("query")).toString() } };
        const QString variables = g.value(QLatin1String("variables")).toString().trimmed();
        if (!variables.isEmpty()) {
            const QJsonDocument doc = QJsonDocument::fromJson(variables.toUtf8());
            if (doc.isObject())
                payload.insert(QStringLiteral("variables"), doc.object());
            else
                return R::failure(QStringLiteral("%1/graphql/variables: not a JSON object").arg(p));
        }
        return QJsonValue(QJsonObject {
            { QStringLiteral("mode"), QStringLiteral("json") }, { QStringLiteral("json"), payload } });
    }
    if (mode == QLatin1String("file")) {
        c.report->leaveOut(
            0, p, QStringLiteral("binary file body not sent: the http check has no file body"));
        c.needsReview = true;
        c.reviewReasons << QStringLiteral("binary file body not sent (%1)").arg(p);
        return QJsonValue(QJsonValue::Null);
    }
    if (mode.isEmpty())
        return QJsonValue(QJsonValue::Null);
    return R::failure(QStringLiteral("%1/mode: \"%2\" is not a Postman body mode").arg(p, mode));
}

} // namespace

Result<QJsonObject> postmanHttpSpec(const PostmanItem &r, PostmanRequestContext &c)
{
    using R = Result<QJsonObject>;
    QString url = r.url.trimmed();
    // ":id" path segments take their values as Postman sends them.
    if (!r.pathVariables.isEmpty()) {
        QStringList segments = url.split(QLatin1Char('/'));
        for (QString &segment : segments)
            if (segment.startsWith(QLatin1Char(':')))
                for (const PostmanKeyValue &v : r.pathVariables)
                    if (!v.key.isEmpty() && segment.mid(1) == v.key)
                        segment = v.value;
        url = segments.join(QLatin1Char('/'));
    }
    for (const PostmanKeyValue &q : r.query) {
        if (q.disabled) {
            c.report->leaveOut(
                0, q.pointer, QStringLiteral("disabled query parameter \"%1\" left out").arg(q.key));
            continue;
        }
        addQuery(url, q.key, q.value);
    }
    QJsonObject headers;
    for (const PostmanKeyValue &h : r.headers) {
        if (h.disabled) {
            c.report->leaveOut(0, h.pointer, QStringLiteral("disabled header \"%1\" left out").arg(h.key));
            continue;
        }
        static const QRegularExpression headerName(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        if (!headerName.match(h.key).hasMatch() || h.value.contains(QLatin1Char('\n'))
            || h.value.contains(QLatin1Char('\r'))) {
            c.report->leaveOut(0, h.pointer,
                QStringLiteral(
                    "header \"%1\" left out: not a valid header name or its value holds a line break")
                    .arg(h.key));
            c.needsReview = true;
            c.reviewReasons << QStringLiteral("header \"%1\" left out (%2)").arg(h.key, h.pointer);
            continue;
        }
        QString value = h.value;
        if (isPostmanSecretName(h.key)
            || h.key.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0)
            value = secretValue(value,
                QStringLiteral("postman_header_%1")
                    .arg(h.key.toLower().replace(QLatin1Char('-'), QLatin1Char('_'))),
                c);
        headers.insert(h.key, value);
    }
    QJsonObject authField;
    if (c.auth)
        if (const Status s = applyAuth(*c.auth, headers, url, authField, c); !s)
            return R::failure(s.error());
    const Result<QJsonValue> b = body(r, headers, c);
    if (!b)
        return R::failure(b.error());
    // Postman sends a URL without a scheme as http://.
    if (!url.startsWith(QLatin1String("{{")) && !url.contains(QLatin1String("://")))
        url.prepend(QStringLiteral("http://"));
    static const QRegularExpression method(QStringLiteral("^[A-Za-z]+$"));
    if (!method.match(r.method).hasMatch())
        return R::failure(
            QStringLiteral("%1/request/method: \"%2\" is not an HTTP method").arg(r.pointer, r.method));
    if (const QString problem = HttpCheck::urlProblem(url); !problem.isEmpty())
        return R::failure(QStringLiteral("%1/request/url: \"%2\": %3").arg(r.pointer, url, problem));
    QJsonObject spec { { QStringLiteral("method"), r.method }, { QStringLiteral("url"), url } };
    if (!headers.isEmpty())
        spec.insert(QStringLiteral("headers"), headers);
    if (!b->isNull())
        spec.insert(QStringLiteral("body"), *b);
    if (!authField.isEmpty())
        spec.insert(QStringLiteral("auth"), authField);
    // Postman's dynamic variables Flowbench has under another name.
    QByteArray text = QJsonDocument(spec).toJson(QJsonDocument::Compact);
    if (text.contains("{{$")) {
        for (const char *uuid : { "{{$guid}}", "{{$randomUUID}}" })
            text.replace(uuid, "{{$uuid}}");
        spec = QJsonDocument::fromJson(text).object();
    }
    return spec;
}

} // namespace flowbench
