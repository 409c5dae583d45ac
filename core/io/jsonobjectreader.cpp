#include "io/jsonobjectreader.h"

#include <cmath>
#include <limits>

namespace flowbench {

JsonObjectReader::JsonObjectReader(const QJsonValue &value, QString path, QStringList *problems)
    : m_path(std::move(path)), m_problems(problems)
{
    m_isObject = value.isObject();
    if (m_isObject)
        m_object = value.toObject();
    else
        m_problems->append(QStringLiteral("%1: must be an object").arg(m_path.isEmpty() ? QStringLiteral("(top level)") : m_path));
}

QString JsonObjectReader::path(const char *key) const
{
    const QString name = QString::fromLatin1(key);
    return m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name;
}

void JsonObjectReader::problem(const char *key, const QString &message)
{
    m_problems->append(QStringLiteral("%1: %2").arg(path(key), message));
}

bool JsonObjectReader::take(const char *key, Presence presence, QJsonValue *out)
{
    if (!m_isObject)
        return false;
    const QString name = QString::fromLatin1(key);
    m_read.insert(name);
    const auto it = m_object.constFind(name);
    if (it == m_object.constEnd()) {
        if (presence == Required)
            problem(key, QStringLiteral("is missing"));
        return false;
    }
    *out = it.value();
    return true;
}

QString JsonObjectReader::string(const char *key, Presence presence)
{
    QJsonValue v;
    if (!take(key, presence, &v))
        return QString();
    if (!v.isString()) {
        problem(key, QStringLiteral("must be a string"));
        return QString();
    }
    return v.toString();
}

QString JsonObjectReader::choice(const char *key, const QStringList &allowed, const char *what,
                                 Presence presence, const QString &fallback)
{
    QJsonValue v;
    if (!take(key, presence, &v))
        return presence == Required ? QString() : fallback;
    if (!v.isString()) {
        problem(key, QStringLiteral("must be a string"));
        return QString();
    }
    if (!allowed.contains(v.toString())) {
        problem(key, QStringLiteral("unknown %1 \"%2\" (expected one of: %3)")
                         .arg(QLatin1String(what), v.toString(), allowed.join(QStringLiteral(", "))));
        return QString();
    }
    return v.toString();
}

QString JsonObjectReader::stringOrNull(const char *key)
{
    QJsonValue v;
    if (!take(key, Optional, &v) || v.isNull())
        return QString();
    if (!v.isString()) {
        problem(key, QStringLiteral("must be a string or null"));
        return QString();
    }
    return v.toString();
}

int JsonObjectReader::integer(const char *key, int min, int max, int fallback)
{
    QJsonValue v;
    if (!take(key, Optional, &v))
        return fallback;
    const double d = v.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!v.isDouble() || std::trunc(d) != d || d < min || d > max) {
        if (max == std::numeric_limits<int>::max())
            problem(key, QStringLiteral("must be a whole number >= %1").arg(min));
        else
            problem(key, QStringLiteral("must be a number %1..%2").arg(min).arg(max));
        return fallback;
    }
    return int(d);
}

qint64 JsonObjectReader::integer64(const char *key, qint64 fallback)
{
    QJsonValue v;
    if (!take(key, Optional, &v))
        return fallback;
    const double d = v.toDouble();
    if (!v.isDouble() || std::trunc(d) != d) {
        problem(key, QStringLiteral("must be a whole number"));
        return fallback;
    }
    return v.toInteger(qint64(d));
}

double JsonObjectReader::number(const char *key, double fallback)
{
    QJsonValue v;
    if (!take(key, Optional, &v))
        return fallback;
    if (!v.isDouble()) {
        problem(key, QStringLiteral("must be a number"));
        return fallback;
    }
    return v.toDouble();
}

bool JsonObjectReader::boolean(const char *key, bool fallback)
{
    QJsonValue v;
    if (!take(key, Optional, &v))
        return fallback;
    if (!v.isBool()) {
        problem(key, QStringLiteral("must be true or false"));
        return fallback;
    }
    return v.toBool();
}

QDateTime JsonObjectReader::dateTime(const char *key)
{
    QJsonValue v;
    if (!take(key, Optional, &v) || v.isNull())
        return QDateTime();
    const QDateTime t = v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
    if (!t.isValid()) {
        problem(key, QStringLiteral("must be an ISO 8601 date and time (2026-01-31T12:00:00.000Z) or null"));
        return QDateTime();
    }
    return t;
}

QStringList JsonObjectReader::stringList(const char *key)
{
    QJsonValue v;
    QStringList list;
    if (!take(key, Optional, &v))
        return list;
    if (!v.isArray()) {
        problem(key, QStringLiteral("must be an array of strings"));
        return list;
    }
    const QJsonArray array = v.toArray();
    for (int i = 0; i < array.size(); ++i) {
        if (!array[i].isString())
            m_problems->append(QStringLiteral("%1[%2]: must be a string").arg(path(key)).arg(i));
        list.append(array[i].toString());
    }
    return list;
}

QMap<QString, QString> JsonObjectReader::stringMap(const char *key)
{
    QJsonValue v;
    QMap<QString, QString> map;
    if (!take(key, Optional, &v))
        return map;
    if (!v.isObject()) {
        problem(key, QStringLiteral("must be an object of strings"));
        return map;
    }
    const QJsonObject object = v.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString())
            m_problems->append(QStringLiteral("%1.%2: must be a string").arg(path(key), it.key()));
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

QJsonObject JsonObjectReader::object(const char *key)
{
    QJsonValue v;
    if (!take(key, Optional, &v))
        return QJsonObject();
    if (!v.isObject()) {
        problem(key, QStringLiteral("must be an object"));
        return QJsonObject();
    }
    return v.toObject();
}

QJsonArray JsonObjectReader::array(const char *key, Presence presence)
{
    QJsonValue v;
    if (!take(key, presence, &v))
        return QJsonArray();
    if (!v.isArray()) {
        problem(key, QStringLiteral("must be an array"));
        return QJsonArray();
    }
    return v.toArray();
}

QJsonValue JsonObjectReader::value(const char *key)
{
    QJsonValue v;
    take(key, Optional, &v);
    return v;
}

void JsonObjectReader::finish()
{
    if (!m_isObject)
        return;
    for (auto it = m_object.begin(); it != m_object.end(); ++it)
        if (!m_read.contains(it.key()))
            m_problems->append(QStringLiteral("%1: unknown field").arg(m_path.isEmpty() ? it.key() : m_path + QLatin1Char('.') + it.key()));
}

} // namespace flowbench
