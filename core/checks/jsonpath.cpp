#include "checks/jsonpath.h"

#include <QJsonArray>
#include <QJsonObject>

namespace flowbench {

Result<JsonPath> JsonPath::parse(const QString &text)
{
    auto fail = [&](const QString &why) {
        return Result<JsonPath>::failure(QStringLiteral("JSON path \"%1\": %2").arg(text, why));
    };
    JsonPath path;
    path.m_text = text;
    const QString s = text.trimmed();
    qsizetype i = 0;
    if (s.startsWith(QLatin1Char('$')))
        i = 1;
    bool expectKey = i == 0; // "a.b" starts with a key; "$.a" and "$[0]" need a separator
    while (i < s.size()) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('.')) {
            ++i;
            expectKey = true;
            if (i >= s.size())
                return fail(QStringLiteral("ends with '.'"));
            continue;
        }
        if (c == QLatin1Char('[')) {
            const qsizetype close = s.indexOf(QLatin1Char(']'), i);
            if (close < 0)
                return fail(QStringLiteral("'[' at position %1 is not closed").arg(i + 1));
            const QString inside = s.mid(i + 1, close - i - 1).trimmed();
            if (inside.size() >= 2
                && (inside.startsWith(QLatin1Char('"')) || inside.startsWith(QLatin1Char('\'')))
                && inside.endsWith(inside.at(0))) {
                path.m_steps.append(inside.mid(1, inside.size() - 2));
            } else {
                bool ok = false;
                const int index = inside.toInt(&ok);
                if (!ok)
                    return fail(QStringLiteral("\"[%1]\" is not an array index").arg(inside));
                path.m_steps.append(index);
            }
            i = close + 1;
            expectKey = false;
            continue;
        }
        if (!expectKey)
            return fail(QStringLiteral("expected '.' or '[' at position %1").arg(i + 1));
        qsizetype end = i;
        while (end < s.size() && s.at(end) != QLatin1Char('.') && s.at(end) != QLatin1Char('['))
            ++end;
        path.m_steps.append(s.mid(i, end - i));
        i = end;
        expectKey = false;
    }
    return path;
}

std::optional<QJsonValue> JsonPath::evaluate(const QJsonValue &root) const
{
    QJsonValue current = root;
    for (const Step &step : m_steps) {
        if (const QString *key = std::get_if<QString>(&step)) {
            if (!current.isObject())
                return std::nullopt;
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(*key);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        } else {
            if (!current.isArray())
                return std::nullopt;
            const QJsonArray array = current.toArray();
            int index = std::get<int>(step);
            if (index < 0)
                index += int(array.size());
            if (index < 0 || index >= array.size())
                return std::nullopt;
            current = array.at(index);
        }
    }
    return current;
}

} // namespace flowbench
