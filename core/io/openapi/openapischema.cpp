#include "io/openapi/openapischema.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>

namespace flowbench {

namespace {

class SchemaBundler
{
public:
    explicit SchemaBundler(OpenApiSource &source)
        : m_source(source)
    {
    }

    Result<QJsonValue> bundle(const QJsonValue &value, const QString &file, const QString &pointer, int depth)
    {
        if (depth > 200)
            return Result<QJsonValue>::failure(
                QStringLiteral("%1#%2: schema nested too deeply").arg(file, pointer));
        if (value.isArray()) {
            QJsonArray out;
            const QJsonArray in = value.toArray();
            for (int i = 0; i < in.size(); ++i) {
                auto item
                    = bundle(in.at(i), file, pointer + QLatin1Char('/') + QString::number(i), depth + 1);
                if (!item)
                    return item;
                out.append(*item);
            }
            return QJsonValue(out);
        }
        if (!value.isObject())
            return value;
        const QJsonObject in = value.toObject();
        if (in.value(QLatin1String("$ref")).isString()) {
            const auto name = definitionFor(LocatedValue { value, file, pointer }, depth);
            if (!name)
                return Result<QJsonValue>::failure(name.error());
            QJsonObject out { { QStringLiteral("$ref"), QStringLiteral("#/definitions/") + *name } };
            // OpenAPI 3.0 allows nullable beside a $ref in practice; keep it.
            if (in.contains(QLatin1String("nullable")))
                out.insert(QStringLiteral("nullable"), in.value(QLatin1String("nullable")));
            return QJsonValue(out);
        }
        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it) {
            auto v = bundle(it.value(), file,
                pointer + QLatin1Char('/') + OpenApiSource::escapePointer(it.key()), depth + 1);
            if (!v)
                return v;
            out.insert(it.key(), *v);
        }
        return QJsonValue(out);
    }

    QJsonObject definitions() const { return m_definitions; }

private:
    Result<QString> definitionFor(const LocatedValue &ref, int depth)
    {
        const auto target = m_source.resolve(ref);
        if (!target)
            return Result<QString>::failure(target.error());
        const QString key = target->place();
        if (const auto it = m_names.constFind(key); it != m_names.constEnd())
            return *it;
        QString name = target->pointer.section(QLatin1Char('/'), -1);
        if (name.isEmpty())
            name = QFileInfo(target->file).completeBaseName();
        name.replace(QLatin1Char('~'), QLatin1Char('_'));
        QString unique = name;
        for (int n = 2; m_taken.contains(unique); ++n)
            unique = name + QString::number(n);
        m_taken.insert(unique);
        m_names.insert(key, unique); // before bundling: a recursive schema finds itself
        const auto body = bundle(target->value, target->file, target->pointer, depth + 1);
        if (!body)
            return Result<QString>::failure(body.error());
        m_definitions.insert(unique, *body);
        return unique;
    }

    OpenApiSource &m_source;
    QHash<QString, QString> m_names; // place -> definition name
    QSet<QString> m_taken;
    QJsonObject m_definitions;
};

std::optional<QJsonValue> given(const QJsonObject &schema)
{
    for (const char *key : { "example", "default", "const" })
        if (schema.contains(QLatin1String(key)))
            return schema.value(QLatin1String(key));
    const QJsonValue examples = schema.value(QLatin1String("examples")); // 3.1: a list
    if (examples.isArray() && !examples.toArray().isEmpty())
        return examples.toArray().at(0);
    const QJsonArray values = schema.value(QLatin1String("enum")).toArray();
    if (!values.isEmpty())
        return values.at(0);
    return std::nullopt;
}

} // namespace

Result<QJsonObject> bundleSchema(OpenApiSource &source, const LocatedValue &schema)
{
    SchemaBundler bundler(source);
    const auto body = bundler.bundle(schema.value, schema.file, schema.pointer, 0);
    if (!body)
        return Result<QJsonObject>::failure(body.error());
    QJsonObject out = body->isObject() ? body->toObject() : QJsonObject();
    if (!bundler.definitions().isEmpty()) {
        QJsonObject definitions = out.value(QLatin1String("definitions")).toObject();
        const QJsonObject found = bundler.definitions();
        for (auto it = found.begin(); it != found.end(); ++it)
            definitions.insert(it.key(), it.value());
        out.insert(QStringLiteral("definitions"), definitions);
    }
    return out;
}

std::optional<QJsonValue> exampleFor(
    OpenApiSource &source, const LocatedValue &start, const QString &where, QString *missing, int depth)
{
    const auto resolved = source.resolve(start);
    if (!resolved || depth > 16) {
        *missing = where;
        return std::nullopt;
    }
    const QJsonObject schema = resolved->value.toObject();
    if (const auto value = given(schema))
        return value;
    const QJsonArray allOf = schema.value(QLatin1String("allOf")).toArray();
    if (!allOf.isEmpty()) {
        QJsonObject merged;
        for (int i = 0; i < allOf.size(); ++i) {
            const auto part = exampleFor(source,
                LocatedValue {
                    allOf.at(i), resolved->file, resolved->pointer + QStringLiteral("/allOf/%1").arg(i) },
                where, missing, depth + 1);
            if (!part)
                return std::nullopt;
            const QJsonObject o = part->toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                merged.insert(it.key(), it.value());
        }
        return QJsonValue(merged);
    }
    for (const char *choice : { "oneOf", "anyOf" }) {
        const QJsonArray options = schema.value(QLatin1String(choice)).toArray();
        if (!options.isEmpty())
            return exampleFor(source,
                LocatedValue { options.at(0), resolved->file,
                    resolved->pointer + QStringLiteral("/%1/0").arg(QLatin1String(choice)) },
                where, missing, depth + 1);
    }
    const QJsonValue typeValue = schema.value(QLatin1String("type"));
    const QString type = typeValue.isArray() ? typeValue.toArray().at(0).toString() : typeValue.toString();
    const bool objectLike
        = type == QLatin1String("object") || (type.isEmpty() && schema.contains(QLatin1String("properties")));
    if (objectLike) {
        QJsonObject out;
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        for (const QJsonValue &r : schema.value(QLatin1String("required")).toArray()) {
            const QString name = r.toString();
            const QString here = where + QLatin1Char('.') + name;
            if (!properties.contains(name)) {
                *missing = here;
                return std::nullopt;
            }
            const auto value = exampleFor(source,
                LocatedValue { properties.value(name), resolved->file,
                    resolved->pointer + QStringLiteral("/properties/") + OpenApiSource::escapePointer(name) },
                here, missing, depth + 1);
            if (!value)
                return std::nullopt;
            out.insert(name, *value);
        }
        return QJsonValue(out);
    }
    if (type == QLatin1String("array")) {
        if (schema.value(QLatin1String("minItems")).toInt(0) == 0)
            return QJsonValue(QJsonArray());
        const auto item = exampleFor(source,
            LocatedValue { schema.value(QLatin1String("items")), resolved->file,
                resolved->pointer + QStringLiteral("/items") },
            where + QStringLiteral("[0]"), missing, depth + 1);
        if (!item)
            return std::nullopt;
        return QJsonValue(QJsonArray { *item });
    }
    *missing = where;
    return std::nullopt;
}

} // namespace flowbench
