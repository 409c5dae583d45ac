#include "testcases/checkforms/expressionsupport.h"
#include "checks/jqprogram.h"
#include "checks/jsonpath.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace flowbench {

namespace {

QString trText(const char *text)
{
    return QCoreApplication::translate("ExpressionSupport", text);
}

} // namespace

QString ExpressionSupport::validateJq(const QString &program)
{
    if (program.trimmed().isEmpty())
        return trText("the jq program is empty");
    const auto compiled = JqProgram::compiled(program);
    return compiled.ok() ? QString() : compiled.error();
}

QString ExpressionSupport::validateJsonPath(const QString &path)
{
    if (path.trimmed().isEmpty())
        return trText("the JSON path is empty");
    const Result<JsonPath> parsed = JsonPath::parse(path);
    return parsed.ok() ? QString() : parsed.error();
}

Result<QJsonValue> ExpressionSupport::evaluate(
    const QString &kind, const QString &expression, const QByteArray &body)
{
    QJsonParseError error;
    // Wrapping lets scalars ("42", "\"OK\"") through as well as objects and arrays.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return Result<QJsonValue>::failure(
            trText("the last response is not JSON: %1").arg(error.errorString()));
    const QJsonValue root = doc.array().first();
    if (kind == QLatin1String("jq")) {
        const auto program = JqProgram::compiled(expression);
        if (!program.ok())
            return Result<QJsonValue>::failure(program.error());
        return (*program)->first(root);
    }
    const Result<JsonPath> path = JsonPath::parse(expression);
    if (!path.ok())
        return Result<QJsonValue>::failure(path.error());
    const std::optional<QJsonValue> value = path->evaluate(root);
    if (!value)
        return Result<QJsonValue>::failure(trText("nothing at %1 in the last response").arg(expression));
    return *value;
}

QJsonValue expectedFromText(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QJsonValue();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + t.toUtf8() + "]", &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().first();
    return text;
}

QString expectedToText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return QString();
    // Text that would read back as another type (or with other spaces) keeps its quotes.
    if (value.isString() && expectedFromText(value.toString()) == value)
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

} // namespace flowbench
