#include "checks/httpcheck.h"

#include "checks/assertionevaluator.h"
#include "checks/httpexecution.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace flowbench {

namespace {
constexpr int kMaxRedirectsLimit = 50;
} // namespace

QStringList HttpCheck::assertionKinds()
{
    return {QStringLiteral("status"),      QStringLiteral("header"),     QStringLiteral("body_contains"),
            QStringLiteral("body_regex"),  QStringLiteral("latency_ms"), QStringLiteral("json_path"),
            QStringLiteral("jq")};
}

QStringList HttpCheck::captureSources()
{
    return {QStringLiteral("path"), QStringLiteral("jq"), QStringLiteral("header"), QStringLiteral("regex")};
}

Status HttpCheck::validate(const Check &check) const
{
    const QJsonObject &spec = check.spec;
    const QJsonValue url = spec.value(QLatin1String("url"));
    if (!url.isString() || url.toString().trimmed().isEmpty())
        return Status::failure(QStringLiteral("spec.url: must not be empty"));
    const QJsonValue method = spec.value(QLatin1String("method"));
    if (!method.isUndefined()) {
        static const QRegularExpression token(QStringLiteral("^[A-Za-z]+$"));
        if (!method.isString() || !token.match(method.toString()).hasMatch())
            return Status::failure(QStringLiteral("spec.method: must be an HTTP method such as GET or POST"));
    }
    const QJsonValue headers = spec.value(QLatin1String("headers"));
    if (!headers.isUndefined()) {
        if (!headers.isObject())
            return Status::failure(QStringLiteral("spec.headers: must be an object of name -> text"));
        const QJsonObject h = headers.toObject();
        static const QRegularExpression name(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        for (auto it = h.begin(); it != h.end(); ++it) {
            if (!name.match(it.key()).hasMatch())
                return Status::failure(
                    QStringLiteral("spec.headers: \"%1\" is not a valid header name").arg(it.key()));
            if (!it.value().isString())
                return Status::failure(QStringLiteral("spec.headers.%1: must be text").arg(it.key()));
        }
    }
    const QJsonValue follow = spec.value(QLatin1String("follow_redirects"));
    if (!follow.isUndefined() && !follow.isBool())
        return Status::failure(QStringLiteral("spec.follow_redirects: must be true or false"));
    const QJsonValue maxRedirects = spec.value(QLatin1String("max_redirects"));
    if (!maxRedirects.isUndefined()) {
        const double n = maxRedirects.toDouble(-1);
        if (!maxRedirects.isDouble() || n != double(int(n)) || n < 0 || n > kMaxRedirectsLimit)
            return Status::failure(QStringLiteral("spec.max_redirects: must be a whole number from 0 to %1")
                                       .arg(kMaxRedirectsLimit));
        if (!follow.toBool(false))
            return Status::failure(
                QStringLiteral("spec.max_redirects: only applies with \"follow_redirects\": true"));
    }
    const QJsonValue body = spec.value(QLatin1String("body"));
    if (!body.isUndefined() && !body.isNull()) {
        if (!body.isObject())
            return Status::failure(QStringLiteral("spec.body: must be an object with a mode"));
        const QJsonObject b = body.toObject();
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
        } else {
            return Status::failure(QStringLiteral("spec.body.mode: \"%1\" is not raw, json or form").arg(mode));
        }
    }
    if (const Status timeout = validateTimeoutSpec(spec); !timeout)
        return timeout;
    return AssertionEvaluator::validate(check, assertionKinds(), captureSources());
}

void HttpCheck::prepare(const Check &check) const
{
    AssertionEvaluator::prepare(check);
}

std::unique_ptr<CheckExecution> HttpCheck::create(const Check &check, const CheckContext &context) const
{
    return std::make_unique<HttpExecution>(check, context);
}

} // namespace flowbench
