#include "checks/checktype.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace flowbench {

namespace {
const QString kUuid = QStringLiteral("$uuid");
const QString kTimestamp = QStringLiteral("$timestamp");
const QString kRunId = QStringLiteral("$runId");
} // namespace

bool VariableScope::contains(const QString &name) const
{
    return m_values.contains(name) || name == kUuid || name == kTimestamp
        || (name == kRunId && !m_runId.isEmpty());
}

QString VariableScope::value(const QString &name) const
{
    if (name == kUuid)
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == kTimestamp)
        return QString::number(QDateTime::currentSecsSinceEpoch());
    if (name == kRunId)
        return m_runId;
    return m_values.value(name);
}

Result<QString> VariableScope::interpolate(const QString &text) const
{
    if (!text.contains(QLatin1String("{{")))
        return text;
    // Names may carry surrounding blanks ({{ name }}); each occurrence of $uuid is fresh.
    static const QRegularExpression re(QStringLiteral(R"(\{\{\s*([^{}\s]+)\s*\}\})"));
    QString out;
    out.reserve(text.size());
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1);
        if (!contains(name))
            return Result<QString>::failure(QStringLiteral("unknown variable {{%1}}").arg(name));
        out += QStringView(text).mid(last, m.capturedStart() - last);
        out += value(name);
        last = m.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

Result<QString> VariableScope::interpolate(const QString &text, const QString &field) const
{
    Result<QString> r = interpolate(text);
    if (!r.ok())
        return Result<QString>::failure(r.error() + QStringLiteral(" in ") + field);
    return r;
}

Result<QJsonValue> VariableScope::interpolateJson(const QJsonValue &value, const QString &field) const
{
    using R = Result<QJsonValue>;
    if (value.isString()) {
        auto text = interpolate(value.toString(), field);
        if (!text)
            return R::failure(text.error());
        return QJsonValue(*text);
    }
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray in = value.toArray();
        for (qsizetype i = 0; i < in.size(); ++i) {
            auto item = interpolateJson(in.at(i), QStringLiteral("%1[%2]").arg(field).arg(i));
            if (!item)
                return item;
            out.append(*item);
        }
        return QJsonValue(out);
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject in = value.toObject();
        for (auto it = in.begin(); it != in.end(); ++it) {
            auto item = interpolateJson(it.value(), field + QLatin1Char('.') + it.key());
            if (!item)
                return item;
            out.insert(it.key(), *item);
        }
        return QJsonValue(out);
    }
    return value;
}

} // namespace flowbench
