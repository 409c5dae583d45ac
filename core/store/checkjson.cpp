#include "store/checkjson.h"

#include <QJsonObject>
#include <QSet>
#include <cmath>

namespace flowbench {

namespace {

QJsonObject captureToJson(const Capture &c)
{
    return QJsonObject{{QStringLiteral("name"), c.name},
                       {QStringLiteral("source"), c.source},
                       {QStringLiteral("expression"), c.expression}};
}

QJsonObject assertionToJson(const Assertion &a)
{
    QJsonObject o{{QStringLiteral("kind"), a.kind},
                  {QStringLiteral("target"), a.target},
                  {QStringLiteral("op"), a.op}};
    if (!a.expected.isUndefined())
        o.insert(QStringLiteral("expected"), a.expected);
    return o;
}

// Reads fields of one JSON object and remembers the first problem, named by its path.
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, QString path, QString &error)
        : m_object(object), m_path(std::move(path)), m_error(error)
    {
    }

    bool allowOnly(std::initializer_list<const char *> keys)
    {
        QSet<QString> known;
        for (const char *k : keys)
            known.insert(QString::fromLatin1(k));
        for (auto it = m_object.begin(); it != m_object.end(); ++it)
            if (!known.contains(it.key()))
                return fail(it.key(), QStringLiteral("unknown field"));
        return true;
    }

    bool string(const char *key, QString &out, bool required, const QString &fallback = QString())
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required)
                return fail(QLatin1String(key), QStringLiteral("is missing"));
            out = fallback;
            return true;
        }
        if (!v.isString())
            return fail(QLatin1String(key), QStringLiteral("must be a string"));
        out = v.toString();
        return true;
    }

    bool milliseconds(const char *key, int &out)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined()) {
            out = 0;
            return true;
        }
        if (!v.isDouble())
            return fail(QLatin1String(key), QStringLiteral("must be a number"));
        const double d = v.toDouble();
        if (d < 0 || d > 2147483647.0 || std::floor(d) != d)
            return fail(QLatin1String(key), QStringLiteral("must be a whole number of milliseconds, 0 or more"));
        out = int(d);
        return true;
    }

    bool array(const char *key, QJsonArray &out)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined()) {
            out = QJsonArray();
            return true;
        }
        if (!v.isArray())
            return fail(QLatin1String(key), QStringLiteral("must be an array"));
        out = v.toArray();
        return true;
    }

    bool object(const char *key, QJsonObject &out, bool &present)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        present = !v.isUndefined();
        if (!present) {
            out = QJsonObject();
            return true;
        }
        if (!v.isObject())
            return fail(QLatin1String(key), QStringLiteral("must be an object"));
        out = v.toObject();
        return true;
    }

    QString path(const char *key) const { return m_path + QLatin1Char('.') + QLatin1String(key); }

private:
    bool fail(const QString &key, const QString &why)
    {
        m_error = QStringLiteral("%1.%2: %3").arg(m_path, key, why);
        return false;
    }

    QJsonObject m_object;
    QString m_path;
    QString &m_error;
};

bool elementObject(const QJsonValue &v, const QString &path, QJsonObject &out, QString &error)
{
    if (!v.isObject()) {
        error = QStringLiteral("%1: must be an object").arg(path);
        return false;
    }
    out = v.toObject();
    return true;
}

bool readCapture(const QJsonValue &v, const QString &path, Capture &c, QString &error)
{
    QJsonObject o;
    if (!elementObject(v, path, o, error))
        return false;
    ObjectReader r(o, path, error);
    return r.allowOnly({"name", "source", "expression"}) && r.string("name", c.name, true)
        && r.string("source", c.source, false, QStringLiteral("path"))
        && r.string("expression", c.expression, false);
}

bool readAssertion(const QJsonValue &v, const QString &path, Assertion &a, QString &error)
{
    QJsonObject o;
    if (!elementObject(v, path, o, error))
        return false;
    ObjectReader r(o, path, error);
    if (!(r.allowOnly({"kind", "target", "op", "expected"}) && r.string("kind", a.kind, true)
          && r.string("target", a.target, false) && r.string("op", a.op, false, QStringLiteral("=="))))
        return false;
    a.expected = o.value(QStringLiteral("expected"));
    return true;
}

bool readCheck(const QJsonValue &v, const QString &path, Check &c, QString &error)
{
    QJsonObject o;
    if (!elementObject(v, path, o, error))
        return false;
    ObjectReader r(o, path, error);
    QJsonArray captures, assertions;
    QJsonObject eventually;
    bool hasSpec = false, hasEventually = false;
    if (!(r.allowOnly({"id", "type", "name", "spec", "captures", "assertions", "eventually"})
          && r.string("id", c.id, true) && r.string("type", c.type, true)
          && r.string("name", c.name, false) && r.object("spec", c.spec, hasSpec)
          && r.array("captures", captures) && r.array("assertions", assertions)
          && r.object("eventually", eventually, hasEventually)))
        return false;
    for (int i = 0; i < captures.size(); ++i) {
        Capture capture;
        if (!readCapture(captures.at(i), QStringLiteral("%1[%2]").arg(r.path("captures")).arg(i), capture, error))
            return false;
        c.captures.append(capture);
    }
    for (int i = 0; i < assertions.size(); ++i) {
        Assertion assertion;
        if (!readAssertion(assertions.at(i), QStringLiteral("%1[%2]").arg(r.path("assertions")).arg(i), assertion, error))
            return false;
        c.assertions.append(assertion);
    }
    if (hasEventually) {
        ObjectReader e(eventually, r.path("eventually"), error);
        if (!(e.allowOnly({"timeout_ms", "interval_ms"}) && e.milliseconds("timeout_ms", c.eventually.timeoutMs)
              && e.milliseconds("interval_ms", c.eventually.intervalMs)))
            return false;
    }
    return true;
}

} // namespace

QJsonArray checksToJson(const QList<Check> &checks)
{
    QJsonArray array;
    for (const Check &c : checks) {
        QJsonArray captures, assertions;
        for (const Capture &capture : c.captures)
            captures.append(captureToJson(capture));
        for (const Assertion &assertion : c.assertions)
            assertions.append(assertionToJson(assertion));
        QJsonObject o{{QStringLiteral("id"), c.id},
                      {QStringLiteral("type"), c.type},
                      {QStringLiteral("name"), c.name},
                      {QStringLiteral("spec"), c.spec},
                      {QStringLiteral("captures"), captures},
                      {QStringLiteral("assertions"), assertions}};
        if (c.eventually.timeoutMs != 0 || c.eventually.intervalMs != 0)
            o.insert(QStringLiteral("eventually"),
                     QJsonObject{{QStringLiteral("timeout_ms"), c.eventually.timeoutMs},
                                 {QStringLiteral("interval_ms"), c.eventually.intervalMs}});
        array.append(o);
    }
    return array;
}

Result<QList<Check>> checksFromJson(const QJsonArray &array, const QString &where)
{
    QList<Check> checks;
    QString error;
    for (int i = 0; i < array.size(); ++i) {
        Check check;
        if (!readCheck(array.at(i), QStringLiteral("%1[%2]").arg(where).arg(i), check, error))
            return Result<QList<Check>>::failure(error);
        checks.append(check);
    }
    return checks;
}

} // namespace flowbench
