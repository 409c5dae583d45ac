#include "checks/httpcheck.h"

#include "checks/assertionevaluator.h"
#include "checks/commonvocabulary.h"
#include "checks/httpexecution.h"
#include "checks/httpmultipart.h"
#include "model/environment.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace flowbench {

namespace {

constexpr int kMaxRedirectsLimit = 50;

std::optional<QJsonValue> headerValue(const Observation &o, const QString &name)
{
    const auto h = o.header(name);
    if (!h)
        return std::nullopt;
    return QJsonValue(QString::fromUtf8(*h));
}

QList<SpecField> specFields()
{
    SpecField url;
    url.name = QStringLiteral("url");
    url.label = QStringLiteral("URL");
    url.description = QStringLiteral("http:// or https:// URL, or one that starts with a {{variable}} holding its base");
    url.required = true;
    url.inNewCheck = true;
    url.check = [](const QJsonValue &v) {
        const QString problem = v.isString() ? HttpCheck::urlProblem(v.toString()) : QStringLiteral("must not be empty");
        return problem.isEmpty() ? success() : Status::failure(QStringLiteral("spec.url: ") + problem);
    };

    SpecField method;
    method.name = QStringLiteral("method");
    method.label = QStringLiteral("Method");
    method.description = QStringLiteral("the HTTP method; any token of letters is sent as written");
    method.defaultValue = QStringLiteral("GET");
    method.inNewCheck = true;
    for (const char *m : {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
        method.choices.append({QString::fromLatin1(m), QString()});
    method.check = [](const QJsonValue &v) {
        static const QRegularExpression token(QStringLiteral("^[A-Za-z]+$"));
        if (!v.isString() || !token.match(v.toString()).hasMatch())
            return Status::failure(QStringLiteral("spec.method: must be an HTTP method such as GET or POST"));
        return success();
    };

    SpecField headers;
    headers.name = QStringLiteral("headers");
    headers.kind = SpecField::Kind::Object;
    headers.label = QStringLiteral("Headers");
    headers.description = QStringLiteral("request headers, name -> text; a value may not hold a line break");
    headers.expects = QStringLiteral("an object of name -> text");
    headers.check = [](const QJsonValue &v) {
        if (!v.isObject())
            return Status::failure(QStringLiteral("spec.headers: must be an object of name -> text"));
        const QJsonObject h = v.toObject();
        static const QRegularExpression name(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        for (auto it = h.begin(); it != h.end(); ++it) {
            if (!name.match(it.key()).hasMatch())
                return Status::failure(QStringLiteral("spec.headers: \"%1\" is not a valid header name").arg(it.key()));
            if (!it.value().isString())
                return Status::failure(QStringLiteral("spec.headers.%1: must be text").arg(it.key()));
        }
        return success();
    };

    SpecField body;
    body.name = QStringLiteral("body");
    body.kind = SpecField::Kind::Object;
    body.label = QStringLiteral("Body");
    body.description = QStringLiteral("{\"mode\":\"raw\",\"raw\":text}, {\"mode\":\"json\",\"json\":value}, "
                                      "{\"mode\":\"form\",\"form\":{name: text}} or "
                                      "{\"mode\":\"multipart\",\"multipart\":[{\"name\",\"value\"} | "
                                      "{\"name\",\"file\",\"content_type\"?,\"filename\"?}]} (files relative "
                                      "to the project's folder, streamed); absent or null: no body");
    body.expects = QStringLiteral("an object with a mode");
    body.check = [](const QJsonValue &v) {
        if (v.isNull())
            return success();
        if (!v.isObject())
            return Status::failure(QStringLiteral("spec.body: must be an object with a mode"));
        const QJsonObject b = v.toObject();
        const QString mode = b.value(QLatin1String("mode")).toString();
        if (mode == QLatin1String("raw")) {
            if (!b.value(QLatin1String("raw")).isString())
                return Status::failure(QStringLiteral("spec.body.raw: must be text"));
        } else if (mode == QLatin1String("json")) {
            if (b.value(QLatin1String("json")).isUndefined())
                return Status::failure(QStringLiteral("spec.body.json: must be given"));
        } else if (mode == QLatin1String("form")) {
            if (!b.value(QLatin1String("form")).isObject())
                return Status::failure(QStringLiteral("spec.body.form: must be an object of name -> text"));
        } else if (mode == QLatin1String("multipart")) {
            return HttpMultipartBody::check(b.value(QLatin1String("multipart")));
        } else {
            return Status::failure(
                QStringLiteral("spec.body.mode: \"%1\" is not raw, json, form or multipart").arg(mode));
        }
        return success();
    };

    SpecField auth;
    auth.name = QStringLiteral("auth");
    auth.kind = SpecField::Kind::Object;
    auth.label = QStringLiteral("Auth");
    auth.description = QStringLiteral(
        "{\"type\":\"basic\",\"user\":text,\"password\":a secret reference (${env:NAME}, "
        "${keychain:ENTRY}) or a {{variable}} holding one}: the Authorization header is built at run time "
        "and the password masked in results; a header \"Authorization\" in headers replaces it");
    auth.expects = QStringLiteral("an object with a type");
    auth.check = [](const QJsonValue &v) {
        if (v.isNull())
            return success();
        if (!v.isObject())
            return Status::failure(QStringLiteral("spec.auth: must be an object with a type"));
        const QJsonObject a = v.toObject();
        const QString type = a.value(QLatin1String("type")).toString();
        if (type != QLatin1String("basic"))
            return Status::failure(QStringLiteral("spec.auth.type: \"%1\" is not basic").arg(type));
        if (!a.value(QLatin1String("user")).isString() || a.value(QLatin1String("user")).toString().isEmpty())
            return Status::failure(QStringLiteral("spec.auth.user: must not be empty"));
        const QString password = a.value(QLatin1String("password")).toString().trimmed();
        static const QRegularExpression variable(QStringLiteral("^\\{\\{[^{}]+\\}\\}$"));
        if (!isSecretReference(password) && !variable.match(password).hasMatch())
            return Status::failure(QStringLiteral(
                "spec.auth.password: must be a secret reference (${env:NAME}, ${keychain:ENTRY}) or one "
                "{{variable}} that holds one; a password is never written into the project"));
        for (auto it = a.begin(); it != a.end(); ++it)
            if (it.key() != QLatin1String("type") && it.key() != QLatin1String("user")
                && it.key() != QLatin1String("password"))
                return Status::failure(
                    QStringLiteral("spec.auth: \"%1\" is not a field of basic auth (user, password)").arg(it.key()));
        return success();
    };

    SpecField follow;
    follow.name = QStringLiteral("follow_redirects");
    follow.kind = SpecField::Kind::Bool;
    follow.label = QStringLiteral("Follow redirects");
    follow.description = QStringLiteral("follow 301, 302, 303, 307 and 308 (never from https to http); "
                                        "otherwise the assertions see the 3xx");
    follow.defaultValue = false;

    SpecField maxRedirects;
    maxRedirects.name = QStringLiteral("max_redirects");
    maxRedirects.kind = SpecField::Kind::Number;
    maxRedirects.whole = true;
    maxRedirects.minimum = 0;
    maxRedirects.maximum = kMaxRedirectsLimit;
    maxRedirects.label = QStringLiteral("Max redirects");
    maxRedirects.description = QStringLiteral("how many redirects to follow at most; only with follow_redirects");
    maxRedirects.defaultValue = 10;

    return {url, method, headers, body, auth, follow, maxRedirects,
            CommonVocabulary::timeoutMs(10000, QStringLiteral("bound on connecting, sending and the whole "
                                                              "response, redirects included"))};
}

QList<AssertionKind> assertionKinds()
{
    AssertionKind status;
    status.name = QStringLiteral("status");
    status.label = QStringLiteral("status");
    status.description = QStringLiteral("the HTTP status code of the (last) response");
    status.ops = CommonVocabulary::comparisonOps();
    status.expected = Operand::Number;
    status.newExpected = 200;
    status.read = [](const Observation &o, const QString &) -> KindReading {
        return KindReading(o.status >= 0 ? std::optional<QJsonValue>(o.status) : std::nullopt);
    };

    AssertionKind header;
    header.name = QStringLiteral("header");
    header.label = QStringLiteral("header");
    header.description = QStringLiteral("a response header, by case-insensitive name");
    header.target = Operand::Text;
    header.targetHint = QStringLiteral("header name, e.g. Content-Type");
    for (const char *op : {"==", "!=", "contains", "matches", "exists", "not_exists"})
        header.ops.append(CommonVocabulary::op(QString::fromLatin1(op)));
    header.expected = Operand::Value;
    header.read = [](const Observation &o, const QString &target) -> KindReading { return KindReading(headerValue(o, target)); };

    AssertionKind contains;
    contains.name = QStringLiteral("body_contains");
    contains.label = QStringLiteral("body contains");
    contains.description = QStringLiteral("the response body contains the expected text");
    contains.expected = Operand::Text;
    contains.subject = QStringLiteral("body");
    contains.judge = [](const Observation &o, const QString &, const QJsonValue &expected) -> std::optional<QString> {
        const QString needle = AssertionEvaluator::asText(expected);
        if (QString::fromUtf8(o.body).contains(needle))
            return std::nullopt;
        return QStringLiteral("expected to contain %1").arg(AssertionEvaluator::describe(needle));
    };

    AssertionKind regex;
    regex.name = QStringLiteral("body_regex");
    regex.label = QStringLiteral("body regex");
    regex.description = QStringLiteral("the response body matches the expected regex");
    regex.expected = Operand::Regex;
    regex.subject = QStringLiteral("body");
    regex.judge = [](const Observation &o, const QString &, const QJsonValue &expected) -> std::optional<QString> {
        const QRegularExpression re(AssertionEvaluator::asText(expected));
        if (re.match(QString::fromUtf8(o.body)).hasMatch())
            return std::nullopt;
        return QStringLiteral("expected to match /%1/").arg(AssertionEvaluator::asText(expected));
    };

    AssertionKind latency = CommonVocabulary::latencyMs();
    latency.description = QStringLiteral("milliseconds from sending the request to the whole response");

    return {status, header, contains, regex, latency, CommonVocabulary::jsonPath(), CommonVocabulary::jq(),
            CommonVocabulary::jsonSchema()};
}

QList<CaptureSource> captureSources()
{
    CaptureSource header;
    header.name = QStringLiteral("header");
    header.description = QStringLiteral("a response header's value, by name");
    header.expression = Operand::Text;
    header.hint = QStringLiteral("Location");
    header.read = [](const Observation &o, const QString &expression) -> Result<QString> {
        const auto h = o.header(expression);
        if (!h)
            return Result<QString>::failure(QStringLiteral("the response has no such header"));
        return QString::fromUtf8(*h);
    };
    return {CommonVocabulary::path(), CommonVocabulary::jqCapture(), header,
            CommonVocabulary::regex(QStringLiteral("the response body"))};
}

} // namespace

const CheckVocabulary &HttpCheck::vocabulary() const
{
    static const CheckVocabulary v = [] {
        CheckVocabulary v;
        v.title = QStringLiteral("HTTP request");
        v.summary = QStringLiteral("One HTTP/1.1 request; the assertions judge the response (the last one "
                                   "when redirects are followed). JSON kinds read the body parsed as JSON.");
        v.fields = specFields();
        v.assertions = assertionKinds();
        v.captures = captureSources();
        return v;
    }();
    return v;
}

QString HttpCheck::urlProblem(const QString &text)
{
    const QString url = text.trimmed();
    if (url.isEmpty())
        return QStringLiteral("must not be empty");
    if (url.startsWith(QLatin1String("{{")))
        return QString(); // the variable decides; the run checks the URL it becomes
    const bool http = url.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || url.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
    if (!http)
        return QStringLiteral("must start with http://, https:// or a {{variable}}");
    // A host is there unless the authority is empty ("http:///x", "http://").
    const QString rest = url.mid(url.indexOf(QLatin1String("://")) + 3);
    if (rest.isEmpty() || rest.startsWith(QLatin1Char('/')) || rest.startsWith(QLatin1Char('?'))
        || rest.startsWith(QLatin1Char('#')))
        return QStringLiteral("has no host after the scheme");
    return QString();
}

Status HttpCheck::validateRules(const Check &check) const
{
    const QJsonObject &spec = check.spec;
    if (spec.contains(QLatin1String("max_redirects")) && !spec.value(QLatin1String("follow_redirects")).toBool(false))
        return Status::failure(QStringLiteral("spec.max_redirects: only applies with \"follow_redirects\": true"));
    return success();
}

std::unique_ptr<CheckExecution> HttpCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<HttpExecution>(check, context);
}

} // namespace flowbench
