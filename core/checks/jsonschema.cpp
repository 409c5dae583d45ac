#include "checks/jsonschema.h"

#include "checks/assertionevaluator.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

// valijson reports a schema it cannot read by throwing (or by abort() without this);
// the exception never leaves compiled().
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <stdexcept>

namespace flowbench {

struct JsonSchema::Compiled
{
    QJsonValue root; // the draft 7 translation, for naming the rule a value broke
    valijson::Schema schema;
    QMutex mutex; // valijson's Validator caches regexes; one validation at a time
    valijson::Validator validator;
};

namespace {

struct CacheEntry
{
    std::shared_ptr<const JsonSchema> schema;
    QString error;
};

QMutex &cacheMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QByteArray, CacheEntry> &cache()
{
    static QHash<QByteArray, CacheEntry> entries;
    return entries;
}

int g_compileCount = 0;

QByteArray keyOf(const QJsonValue &v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    return AssertionEvaluator::asText(v).toUtf8();
}

QJsonValue translate(const QJsonValue &schema);

QJsonObject translateMap(const QJsonValue &map)
{
    QJsonObject out;
    const QJsonObject in = map.toObject();
    for (auto it = in.begin(); it != in.end(); ++it)
        out.insert(it.key(), translate(it.value()));
    return out;
}

QJsonArray translateList(const QJsonValue &list)
{
    QJsonArray out;
    for (const QJsonValue &v : list.toArray())
        out.append(translate(v));
    return out;
}

QString rewriteRef(const QString &ref)
{
    static const QString components = QStringLiteral("#/components/schemas/");
    if (ref.startsWith(components))
        return QStringLiteral("#/definitions/") + ref.mid(components.size());
    return ref;
}

// One schema object, keyword by keyword: maps of schemas keep their keys as names (a
// property may be called "nullable").
QJsonValue translate(const QJsonValue &schema)
{
    if (!schema.isObject())
        return schema;
    const QJsonObject in = schema.toObject();
    QJsonObject out;
    for (auto it = in.begin(); it != in.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (key == QLatin1String("properties") || key == QLatin1String("patternProperties")
            || key == QLatin1String("definitions") || key == QLatin1String("$defs"))
            out.insert(key, translateMap(v));
        else if (key == QLatin1String("allOf") || key == QLatin1String("anyOf")
            || key == QLatin1String("oneOf"))
            out.insert(key, translateList(v));
        else if (key == QLatin1String("items"))
            out.insert(key, v.isArray() ? QJsonValue(translateList(v)) : translate(v));
        else if (key == QLatin1String("additionalProperties") || key == QLatin1String("not")
            || key == QLatin1String("additionalItems") || key == QLatin1String("contains")
            || key == QLatin1String("propertyNames") || key == QLatin1String("if")
            || key == QLatin1String("then") || key == QLatin1String("else"))
            out.insert(key, translate(v));
        else if (key == QLatin1String("$ref") && v.isString())
            out.insert(key, rewriteRef(v.toString()));
        else if (key == QLatin1String("nullable") || key == QLatin1String("x-nullable"))
            continue; // handled below
        else if ((key == QLatin1String("exclusiveMinimum") || key == QLatin1String("exclusiveMaximum"))
            && v.isBool())
            continue; // draft 4 style, handled below
        else if (key == QLatin1String("components")) {
            // An OpenAPI document's component schemas become draft 7 definitions.
            const QJsonObject schemas = translateMap(v.toObject().value(QLatin1String("schemas")));
            QJsonObject definitions = out.value(QLatin1String("definitions")).toObject();
            for (auto s = schemas.begin(); s != schemas.end(); ++s)
                definitions.insert(s.key(), s.value());
            out.insert(QStringLiteral("definitions"), definitions);
        } else
            out.insert(key, v);
    }
    // OpenAPI 3.0 / Swagger 2: exclusiveMinimum: true turns minimum exclusive.
    for (const auto &[flag, bound] :
        { std::pair { QStringLiteral("exclusiveMinimum"), QStringLiteral("minimum") },
            std::pair { QStringLiteral("exclusiveMaximum"), QStringLiteral("maximum") } }) {
        if (in.value(flag).toBool(false) && in.value(bound).isDouble()) {
            out.insert(flag, in.value(bound));
            out.remove(bound);
        }
    }
    const bool nullable = in.value(QLatin1String("nullable")).toBool(false)
        || in.value(QLatin1String("x-nullable")).toBool(false);
    if (!nullable)
        return out;
    if (out.contains(QLatin1String("enum"))) {
        QJsonArray values = out.value(QLatin1String("enum")).toArray();
        if (!values.contains(QJsonValue::Null))
            values.append(QJsonValue::Null);
        out.insert(QStringLiteral("enum"), values);
    }
    const QJsonValue type = out.value(QLatin1String("type"));
    if (type.isString() && !out.contains(QLatin1String("$ref"))) {
        out.insert(QStringLiteral("type"), QJsonArray { type, QStringLiteral("null") });
        return out;
    }
    if (type.isArray() && !out.contains(QLatin1String("$ref"))) {
        QJsonArray types = type.toArray();
        if (!types.contains(QStringLiteral("null")))
            types.append(QStringLiteral("null"));
        out.insert(QStringLiteral("type"), types);
        return out;
    }
    // No type of its own ($ref, allOf…): the value may be null or what the rest says.
    QJsonObject nullOnly { { QStringLiteral("type"), QStringLiteral("null") } };
    QJsonObject rest = out;
    QJsonObject wrapper;
    for (const char *keep : { "definitions", "$schema", "$id" }) {
        const QString k = QString::fromLatin1(keep);
        if (rest.contains(k)) {
            wrapper.insert(k, rest.value(k));
            rest.remove(k);
        }
    }
    wrapper.insert(QStringLiteral("anyOf"), QJsonArray { rest, nullOnly });
    return wrapper;
}

// valijson's context ("<root>", "[items]", "[0]") -> the path's segments.
QStringList segmentsOf(const std::vector<std::string> &context)
{
    QStringList segments;
    for (const std::string &part : context) {
        const QString s = QString::fromStdString(part);
        if (s.startsWith(QLatin1Char('[')) && s.endsWith(QLatin1Char(']')))
            segments.append(s.mid(1, s.size() - 2));
    }
    return segments;
}

QString pointerOf(const QStringList &segments)
{
    if (segments.isEmpty())
        return QStringLiteral("(root)");
    QString out;
    for (QString s : segments)
        out += QLatin1Char('/')
            + s.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
    return out;
}

std::optional<QJsonValue> valueAt(const QJsonValue &instance, const QStringList &segments)
{
    QJsonValue v = instance;
    for (const QString &s : segments) {
        if (v.isObject() && v.toObject().contains(s))
            v = v.toObject().value(s);
        else if (v.isArray()) {
            bool ok = false;
            const int i = s.toInt(&ok);
            if (!ok || i < 0 || i >= v.toArray().size())
                return std::nullopt;
            v = v.toArray().at(i);
        } else
            return std::nullopt;
    }
    return v;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// A local "$ref" ("#/definitions/Item") followed, a few times at most (cycles end there).
QJsonObject resolved(const QJsonValue &root, QJsonObject schema)
{
    for (int hops = 0; hops < 16 && schema.value(QLatin1String("$ref")).isString(); ++hops) {
        const QString ref = schema.value(QLatin1String("$ref")).toString();
        if (!ref.startsWith(QLatin1String("#")))
            break;
        QStringList parts = ref.mid(1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (QString &p : parts)
            p = p.replace(QLatin1String("~1"), QLatin1String("/"))
                    .replace(QLatin1String("~0"), QLatin1String("~"));
        const auto target = valueAt(root, parts);
        if (!target || !target->isObject())
            break;
        schema = target->toObject();
    }
    return schema;
}

// The schema that governs the value at `segments`, where it is plain to see
// (properties, items, additionalProperties, $ref); empty when it is not.
QJsonObject schemaAt(const QJsonValue &root, const QStringList &segments)
{
    QJsonObject schema = resolved(root, root.toObject());
    for (const QString &s : segments) {
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        const QJsonValue items = schema.value(QLatin1String("items"));
        bool isIndex = false;
        const int index = s.toInt(&isIndex);
        if (properties.contains(s))
            schema = properties.value(s).toObject();
        else if (isIndex && items.isObject())
            schema = items.toObject();
        else if (isIndex && items.isArray() && index < items.toArray().size())
            schema = items.toArray().at(index).toObject();
        else if (schema.value(QLatin1String("additionalProperties")).isObject())
            schema = schema.value(QLatin1String("additionalProperties")).toObject();
        else
            return {};
        schema = resolved(root, schema);
    }
    return schema;
}

QString expectedTypes(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (type.isString())
        return type.toString();
    QStringList names;
    for (const QJsonValue &t : type.toArray())
        names.append(t.toString());
    return names.join(QStringLiteral(" or "));
}

// valijson's description -> "rule: what was wrong" (the rule is the schema keyword).
QString ruleMessage(const std::string &description, const QJsonValue &root, const QStringList &segments,
    const QJsonValue &instance)
{
    const QString text = QString::fromStdString(description);
    const auto actual = valueAt(instance, segments);
    const QString got = actual ? AssertionEvaluator::describe(*actual) : QStringLiteral("nothing");
    static const QRegularExpression missing(QStringLiteral("^Missing required property '(.*)'\\.$"));
    if (const auto m = missing.match(text); m.hasMatch())
        return QStringLiteral("required: property \"%1\" is missing").arg(m.captured(1));
    if (text.contains(QLatin1String("'type' constraint"))) {
        const QString wanted = expectedTypes(schemaAt(root, segments));
        const QString gotType = actual ? typeName(*actual) : QStringLiteral("nothing");
        return wanted.isEmpty() ? QStringLiteral("type: %1 is not allowed here").arg(gotType)
                                : QStringLiteral("type: expected %1, got %2").arg(wanted, gotType);
    }
    if (text.contains(QLatin1String("enum values"))) {
        const QJsonArray allowed = schemaAt(root, segments).value(QLatin1String("enum")).toArray();
        return allowed.isEmpty() ? QStringLiteral("enum: %1 is not one of the allowed values").arg(got)
                                 : QStringLiteral("enum: expected one of %1, got %2")
                                       .arg(AssertionEvaluator::asText(allowed), got);
    }
    static const QList<std::pair<QString, QString>> rules = {
        { QStringLiteral("'const'"), QStringLiteral("const") },
        { QStringLiteral("number less than or equal"), QStringLiteral("maximum") },
        { QStringLiteral("number less than"), QStringLiteral("exclusiveMaximum") },
        { QStringLiteral("number greater than or equal"), QStringLiteral("minimum") },
        { QStringLiteral("number greater than"), QStringLiteral("exclusiveMinimum") },
        { QStringLiteral("no more than"), QStringLiteral("max") },
        { QStringLiteral("no fewer than"), QStringLiteral("min") },
        { QStringLiteral("multiple of"), QStringLiteral("multipleOf") },
        { QStringLiteral("'pattern'"), QStringLiteral("pattern") },
        { QStringLiteral("could not be validated using 'properties'"),
            QStringLiteral("additionalProperties") },
        { QStringLiteral("additional properties"), QStringLiteral("additionalProperties") },
        { QStringLiteral("uniqueness"), QStringLiteral("uniqueItems") },
        { QStringLiteral("anyOf"), QStringLiteral("anyOf") },
        { QStringLiteral("oneOf"), QStringLiteral("oneOf") },
        { QStringLiteral("exactly one"), QStringLiteral("oneOf") },
        { QStringLiteral("'not'"), QStringLiteral("not") },
        { QStringLiteral("valid date"), QStringLiteral("format") },
        { QStringLiteral("valid time"), QStringLiteral("format") },
        { QStringLiteral("dependency"), QStringLiteral("dependencies") },
        { QStringLiteral("if-then-else"), QStringLiteral("if") },
        { QStringLiteral("'contains'"), QStringLiteral("contains") },
    };
    QString rule = QStringLiteral("schema");
    for (const auto &[needle, name] : rules)
        if (text.contains(needle)) {
            rule = name;
            break;
        }
    if (rule == QLatin1String("max") || rule == QLatin1String("min")) {
        const QString what = text.startsWith(QLatin1String("Array")) ? QStringLiteral("Items")
            : text.startsWith(QLatin1String("String"))               ? QStringLiteral("Length")
                                                                     : QStringLiteral("Properties");
        rule += what;
    }
    QString detail = text;
    if (detail.endsWith(QLatin1Char('.')))
        detail.chop(1);
    // std::to_string writes 0.000000; a person wrote 0.
    static const QRegularExpression zeros(QStringLiteral("(\\d)\\.0+\\b"));
    detail.replace(zeros, QStringLiteral("\\1"));
    if (!detail.isEmpty())
        detail[0] = detail.at(0).toLower();
    return QStringLiteral("%1: %2, got %3").arg(rule, detail, got);
}

// Messages a parent adds for a child's failure: the child's own message says more.
bool isEcho(const std::string &description)
{
    return description.rfind("Failed to validate item #", 0) == 0
        || description.rfind("Failed to validate against schema associated with property name", 0) == 0
        || description.rfind("Failed to validate against child schema #", 0) == 0
        || description.rfind("Failed to validate against additional properties schema", 0) == 0
        || description.rfind("Failed to validate against schema associated with pattern", 0) == 0;
}

} // namespace

JsonSchema::JsonSchema()
    : m(std::make_unique<Compiled>())
{
}
JsonSchema::~JsonSchema() = default;

QJsonValue JsonSchema::toDraft7(const QJsonValue &schema)
{
    return translate(schema);
}

int JsonSchema::compileCount()
{
    QMutexLocker lock(&cacheMutex());
    return g_compileCount;
}

Result<std::shared_ptr<const JsonSchema>> JsonSchema::compiled(const QJsonValue &schema)
{
    using R = Result<std::shared_ptr<const JsonSchema>>;
    const QByteArray key = keyOf(schema);
    QMutexLocker lock(&cacheMutex());
    if (const auto it = cache().constFind(key); it != cache().constEnd())
        return it->schema ? R(it->schema) : R::failure(it->error);
    ++g_compileCount;
    CacheEntry entry;
    if (!schema.isObject() && !schema.isBool()) {
        entry.error = QStringLiteral("a JSON Schema must be an object (or true/false), got %1")
                          .arg(AssertionEvaluator::describe(schema));
    } else {
        std::shared_ptr<JsonSchema> compiledSchema(new JsonSchema);
        compiledSchema->m->root = translate(schema);
        try {
            valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
            const valijson::adapters::QtJsonAdapter adapter(compiledSchema->m->root);
            parser.populateSchema(adapter, compiledSchema->m->schema);
            entry.schema = compiledSchema;
        } catch (const std::exception &e) {
            entry.error
                = QStringLiteral("the JSON Schema cannot be read: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    cache().insert(key, entry);
    return entry.schema ? R(entry.schema) : R::failure(entry.error);
}

QStringList JsonSchema::violations(const QJsonValue &instance, int limit) const
{
    valijson::ValidationResults results;
    {
        QMutexLocker lock(&m->mutex);
        const valijson::adapters::QtJsonAdapter target(instance);
        if (m->validator.validate(m->schema, target, &results))
            return {};
    }
    QStringList out;
    QStringList echoes;
    for (auto it = results.begin(); it != results.end(); ++it) {
        const QStringList segments = segmentsOf(it->context);
        const QString line = pointerOf(segments) + QStringLiteral(": ")
            + ruleMessage(it->description, m->root, segments, instance);
        (isEcho(it->description) ? echoes : out).append(line);
    }
    if (out.isEmpty())
        out = echoes;
    out.removeDuplicates();
    if (out.size() > limit) {
        const auto more = out.size() - limit;
        out = out.mid(0, limit);
        out.append(QStringLiteral("(%1 more)").arg(more));
    }
    return out;
}

} // namespace flowbench
