#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace flowbench {

// Reads one object of a JSON file format field by field. Every problem is recorded with
// the path of the field ("nodes[3].risk.likelihood: must be a number 1..5"), and
// finish() reports fields nobody read: in a lossless format an unknown field is a typo
// or data this program would silently drop. Absent optional fields take the fallback.
class JsonObjectReader
{
public:
    enum Presence { Optional, Required };

    JsonObjectReader(const QJsonValue &value, QString path, QStringList *problems);

    bool isObject() const { return m_isObject; }
    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }
    QString path(const char *key) const;

    QString string(const char *key, Presence presence = Optional);
    // One of `allowed`; anything else is reported as "unknown <what> "x" (expected one of: ...)".
    // Returns `fallback` when absent and an empty string on a problem.
    QString choice(const char *key, const QStringList &allowed, const char *what, Presence presence,
        const QString &fallback = QString());
    // A string or null (both empty when absent or null).
    QString stringOrNull(const char *key);
    int integer(const char *key, int min, int max, int fallback);
    qint64 integer64(const char *key, qint64 fallback);
    double number(const char *key, double fallback);
    bool boolean(const char *key, bool fallback);
    // ISO 8601 text or null (an invalid QDateTime).
    QDateTime dateTime(const char *key);
    QStringList stringList(const char *key);
    QMap<QString, QString> stringMap(const char *key);
    // Free-form content, kept as is.
    QJsonObject object(const char *key);
    QJsonArray array(const char *key, Presence presence = Optional);
    QJsonValue value(const char *key);

    void finish();

private:
    bool take(const char *key, Presence presence, QJsonValue *out);
    void problem(const char *key, const QString &message);

    QJsonObject m_object;
    QString m_path;
    QStringList *m_problems;
    QSet<QString> m_read;
    bool m_isObject = false;
};

} // namespace flowbench
