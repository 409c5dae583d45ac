#include "io/postman/postmancollection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace flowbench {

namespace {

// Errors while reading: the first one wins, with the file and JSON pointer.
class CollectionReader
{
public:
    explicit CollectionReader(const QString &fileName)
        : m_file(fileName)
    {
    }

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString &pointer, const QString &text)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1: %2: %3")
                          .arg(m_file, pointer.isEmpty() ? QStringLiteral("/") : pointer, text);
    }

    // A string field, absent = `fallback`; numbers and booleans are taken as text (Postman
    // writes both); anything else is an error.
    QString text(
        const QJsonObject &o, const QString &key, const QString &pointer, const QString &fallback = {})
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (v.isString())
            return v.toString();
        if (v.isDouble())
            return QString::number(v.toDouble(), 'g', 17);
        if (v.isBool())
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        fail(pointer + QLatin1Char('/') + key, QStringLiteral("must be text"));
        return fallback;
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &pointer)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray())
            fail(pointer + QLatin1Char('/') + key, QStringLiteral("must be a list"));
        return v.toArray();
    }

    QList<PostmanKeyValue> keyValues(const QJsonObject &o, const QString &key, const QString &pointer)
    {
        QList<PostmanKeyValue> out;
        const QString base = pointer + QLatin1Char('/') + key;
        const QJsonValue v = o.value(key);
        // v2.0 allows headers as one "Name: value\n" text.
        if (v.isString()) {
            const QStringList lines = v.toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (int i = 0; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(QLatin1Char(':'));
                if (colon <= 0)
                    continue;
                out.append(
                    { lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed(), false, {}, base });
            }
            return out;
        }
        const QJsonArray list = array(o, key, pointer);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString p = QStringLiteral("%1/%2").arg(base).arg(i);
            if (!list[i].isObject()) {
                fail(p, QStringLiteral("must be an object with a key and a value"));
                return out;
            }
            const QJsonObject kv = list[i].toObject();
            PostmanKeyValue row;
            row.key = text(kv, QStringLiteral("key"), p);
            if (row.key.isEmpty())
                row.key = text(kv, QStringLiteral("id"), p);
            row.value = text(kv, QStringLiteral("value"), p);
            row.type = text(kv, QStringLiteral("type"), p);
            if (row.type == QLatin1String("file"))
                row.value = text(kv, QStringLiteral("src"), p);
            row.disabled = kv.value(QLatin1String("disabled")).toBool()
                || kv.value(QLatin1String("enabled")) == QJsonValue(false);
            row.pointer = p;
            out.append(row);
        }
        return out;
    }

    PostmanAuth auth(const QJsonObject &o, const QString &pointer)
    {
        PostmanAuth a;
        const QJsonValue v = o.value(QLatin1String("auth"));
        if (v.isUndefined() || v.isNull())
            return a;
        const QString p = pointer + QStringLiteral("/auth");
        if (!v.isObject()) {
            fail(p, QStringLiteral("must be an object"));
            return a;
        }
        const QJsonObject ao = v.toObject();
        a.type = text(ao, QStringLiteral("type"), p);
        a.pointer = p;
        if (a.type.isEmpty()) {
            fail(p + QStringLiteral("/type"), QStringLiteral("is missing"));
            return a;
        }
        const QJsonValue params = ao.value(a.type);
        if (params.isArray()) { // v2.1: [{key, value}]
            for (const PostmanKeyValue &kv : keyValues(ao, a.type, p))
                a.params.insert(kv.key, kv.value);
        } else if (params.isObject()) { // v2.0: {token: "..."}
            const QJsonObject po = params.toObject();
            for (auto it = po.begin(); it != po.end(); ++it)
                a.params.insert(it.key(), text(po, it.key(), p + QLatin1Char('/') + a.type));
        } else if (!params.isUndefined() && !params.isNull()) {
            fail(p + QLatin1Char('/') + a.type, QStringLiteral("must be a list or an object"));
        }
        return a;
    }

    void events(const QJsonObject &o, const QString &pointer, PostmanItem &item)
    {
        const QJsonArray list = array(o, QStringLiteral("event"), pointer);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString p = QStringLiteral("%1/event/%2").arg(pointer).arg(i);
            if (!list[i].isObject()) {
                fail(p, QStringLiteral("must be an object"));
                return;
            }
            const QJsonObject e = list[i].toObject();
            const QString listen = text(e, QStringLiteral("listen"), p);
            const QJsonValue script = e.value(QLatin1String("script"));
            if (!script.isObject())
                continue;
            const QJsonValue exec = script.toObject().value(QLatin1String("exec"));
            QList<PostmanScriptLine> lines;
            if (exec.isString()) {
                const QStringList split = exec.toString().split(QLatin1Char('\n'));
                for (int l = 0; l < split.size(); ++l)
                    lines.append({ split[l], QStringLiteral("%1/script/exec (line %2)").arg(p).arg(l + 1) });
            } else if (exec.isArray()) {
                const QJsonArray a = exec.toArray();
                for (qsizetype l = 0; l < a.size(); ++l) {
                    const QString lp = QStringLiteral("%1/script/exec/%2").arg(p).arg(l);
                    if (!a[l].isString()) {
                        fail(lp, QStringLiteral("must be text"));
                        return;
                    }
                    // One entry may hold several lines.
                    for (const QString &line : a[l].toString().split(QLatin1Char('\n')))
                        lines.append({ line, lp });
                }
            } else if (!exec.isUndefined() && !exec.isNull()) {
                fail(p + QStringLiteral("/script/exec"), QStringLiteral("must be a list of lines"));
                return;
            }
            if (listen == QLatin1String("test"))
                item.tests += lines;
            else if (listen == QLatin1String("prerequest"))
                item.prerequest += lines;
        }
    }

    void request(const QJsonValue &v, const QString &pointer, PostmanItem &item)
    {
        const QString p = pointer + QStringLiteral("/request");
        if (v.isString()) { // a bare URL: GET
            item.method = QStringLiteral("GET");
            item.url = v.toString();
            return;
        }
        if (!v.isObject()) {
            fail(p, QStringLiteral("must be an object or a URL"));
            return;
        }
        const QJsonObject r = v.toObject();
        item.method = text(r, QStringLiteral("method"), p, QStringLiteral("GET")).toUpper();
        item.headers = keyValues(r, QStringLiteral("header"), p);
        item.auth = auth(r, p);
        const QJsonValue url = r.value(QLatin1String("url"));
        if (url.isString()) { // v2.0, and v2.1 allows it too
            item.url = url.toString();
            splitQuery(item);
        } else if (url.isObject()) {
            const QJsonObject u = url.toObject();
            const QString up = p + QStringLiteral("/url");
            item.url = text(u, QStringLiteral("raw"), up);
            if (item.url.isEmpty())
                item.url = urlFromParts(u, up);
            item.query = keyValues(u, QStringLiteral("query"), up);
            item.pathVariables = keyValues(u, QStringLiteral("variable"), up);
            if (item.query.isEmpty())
                splitQuery(item);
            else
                item.url = item.url.section(QLatin1Char('?'), 0, 0);
        } else if (!url.isUndefined() && !url.isNull()) {
            fail(p + QStringLiteral("/url"), QStringLiteral("must be text or an object"));
        }
        if (item.url.trimmed().isEmpty())
            fail(p + QStringLiteral("/url"), QStringLiteral("is missing: a request needs a URL"));
        const QJsonValue body = r.value(QLatin1String("body"));
        if (body.isObject()) {
            item.body = body.toObject();
            item.bodyPointer = p + QStringLiteral("/body");
        } else if (!body.isUndefined() && !body.isNull()) {
            fail(p + QStringLiteral("/body"), QStringLiteral("must be an object"));
        }
    }

    // Query parameters of a raw URL, when the file gives no list; the URL keeps its path.
    static void splitQuery(PostmanItem &item)
    {
        const qsizetype q = item.url.indexOf(QLatin1Char('?'));
        if (q < 0)
            return;
        const QStringList pairs = item.url.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts);
        item.url = item.url.left(q);
        for (const QString &pair : pairs)
            item.query.append(
                { pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1), false, {}, {} });
    }

    QString urlFromParts(const QJsonObject &u, const QString &pointer)
    {
        auto joined = [&](const QString &key, const QString &sep) {
            const QJsonValue v = u.value(key);
            if (v.isString())
                return v.toString();
            QStringList parts;
            for (const QJsonValue &part : v.toArray())
                parts << (part.isObject() ? part.toObject().value(QLatin1String("value")).toString()
                                          : part.toString());
            return parts.join(sep);
        };
        QString out;
        const QString protocol = text(u, QStringLiteral("protocol"), pointer);
        if (!protocol.isEmpty())
            out += protocol + QStringLiteral("://");
        out += joined(QStringLiteral("host"), QStringLiteral("."));
        const QString port = text(u, QStringLiteral("port"), pointer);
        if (!port.isEmpty())
            out += QLatin1Char(':') + port;
        const QString path = joined(QStringLiteral("path"), QStringLiteral("/"));
        if (!path.isEmpty())
            out += (path.startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + path;
        return out;
    }

    // A folder or a request; `depth` bounds nesting so a hostile file cannot exhaust the stack.
    void item(const QJsonObject &o, const QString &pointer, PostmanItem &out, int depth)
    {
        if (depth > 64) {
            fail(pointer, QStringLiteral("folders are nested deeper than 64 levels"));
            return;
        }
        out.pointer = pointer;
        out.id = text(o, QStringLiteral("id"), pointer);
        if (out.id.isEmpty())
            out.id = text(o, QStringLiteral("_postman_id"), pointer);
        out.name = text(o, QStringLiteral("name"), pointer);
        out.variables = keyValues(o, QStringLiteral("variable"), pointer);
        events(o, pointer, out);
        if (o.contains(QLatin1String("item")) || !o.contains(QLatin1String("request"))) {
            out.isFolder = true;
            out.auth = auth(o, pointer);
            const QJsonArray children = array(o, QStringLiteral("item"), pointer);
            for (qsizetype i = 0; i < children.size() && !failed(); ++i) {
                const QString p = QStringLiteral("%1/item/%2").arg(pointer).arg(i);
                if (!children[i].isObject()) {
                    fail(p, QStringLiteral("must be an object (a folder or a request)"));
                    return;
                }
                PostmanItem child;
                item(children[i].toObject(), p, child, depth + 1);
                out.children.append(child);
            }
        } else {
            request(o.value(QLatin1String("request")), pointer, out);
        }
    }

private:
    QString m_file;
    QString m_error;
};

QJsonObject parseObject(const QByteArray &data, const QString &fileName, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray before = data.left(parseError.offset);
        *error = QStringLiteral("%1:%2: not JSON: %3")
                     .arg(fileName)
                     .arg(before.count('\n') + 1)
                     .arg(parseError.errorString());
        return {};
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: /: must be a JSON object").arg(fileName);
        return {};
    }
    return doc.object();
}

} // namespace

Result<PostmanCollection> readPostmanCollection(const QByteArray &data, const QString &fileName)
{
    QString error;
    const QJsonObject root = parseObject(data, fileName, &error);
    if (!error.isEmpty())
        return Result<PostmanCollection>::failure(error);
    const QJsonObject info = root.value(QLatin1String("info")).toObject();
    if (info.isEmpty() || !root.value(QLatin1String("item")).isArray())
        return Result<PostmanCollection>::failure(
            QStringLiteral("%1: /: not a Postman collection (needs \"info\" and \"item\")").arg(fileName));
    const QString schema = info.value(QLatin1String("schema")).toString();
    PostmanCollection collection;
    collection.version
        = schema.contains(QLatin1String("v2.0")) ? QStringLiteral("2.0") : QStringLiteral("2.1");
    if (schema.contains(QLatin1String("v1.")))
        return Result<PostmanCollection>::failure(
            QStringLiteral("%1: /info/schema: Postman Collection v1 is not supported; export it as v2.1")
                .arg(fileName));
    CollectionReader reader(fileName);
    collection.name = reader.text(info, QStringLiteral("name"), QStringLiteral("/info"));
    reader.item(root, QString(), collection.root, 0);
    collection.root.name = collection.name;
    if (collection.root.id.isEmpty())
        collection.root.id = info.value(QLatin1String("_postman_id")).toString();
    if (reader.failed())
        return Result<PostmanCollection>::failure(reader.error());
    return collection;
}

Result<PostmanVariableFile> readPostmanVariableFile(const QByteArray &data, const QString &fileName)
{
    QString error;
    const QJsonObject root = parseObject(data, fileName, &error);
    if (!error.isEmpty())
        return Result<PostmanVariableFile>::failure(error);
    if (!root.value(QLatin1String("values")).isArray())
        return Result<PostmanVariableFile>::failure(
            QStringLiteral("%1: /values: missing: not a Postman environment or globals file").arg(fileName));
    CollectionReader reader(fileName);
    PostmanVariableFile file;
    file.fileName = fileName;
    file.name = reader.text(root, QStringLiteral("name"), QString());
    file.scope = reader.text(
        root, QStringLiteral("_postman_variable_scope"), QString(), QStringLiteral("environment"));
    file.values = reader.keyValues(root, QStringLiteral("values"), QString());
    if (reader.failed())
        return Result<PostmanVariableFile>::failure(reader.error());
    return file;
}

} // namespace flowbench
