#include "io/openapi/openapisource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

#include <yaml-cpp/yaml.h>

namespace flowbench {

namespace {

constexpr int kMaxDepth = 128;
constexpr qsizetype kMaxNodes = 2'000'000; // aliases can multiply a small file

struct YamlConversion
{
    QString name;
    qsizetype nodes = 0;
    QString error;

    QString at(const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        return mark.line >= 0 ? QStringLiteral("%1:%2:%3").arg(name).arg(mark.line + 1).arg(mark.column + 1)
                              : name;
    }

    QJsonValue scalar(const YAML::Node &node)
    {
        const std::string &text = node.Scalar();
        const QString s = QString::fromStdString(text);
        if (node.Tag() != "?")
            return s; // quoted, or tagged: a string as written
        static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
        static const QRegularExpression number(
            QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
        if (s == QLatin1String("true") || s == QLatin1String("True") || s == QLatin1String("TRUE"))
            return true;
        if (s == QLatin1String("false") || s == QLatin1String("False") || s == QLatin1String("FALSE"))
            return false;
        if (s.isEmpty() || s == QLatin1String("~") || s == QLatin1String("null") || s == QLatin1String("Null")
            || s == QLatin1String("NULL"))
            return QJsonValue::Null;
        if (integer.match(s).hasMatch() || number.match(s).hasMatch()) {
            bool ok = false;
            const double d = s.toDouble(&ok);
            if (ok)
                return d;
        }
        return s;
    }

    QJsonValue convert(const YAML::Node &node, int depth)
    {
        if (!error.isEmpty())
            return {};
        if (depth > kMaxDepth) {
            error = QStringLiteral("%1: nested deeper than %2 levels").arg(at(node)).arg(kMaxDepth);
            return {};
        }
        if (++nodes > kMaxNodes) {
            error = QStringLiteral("%1: more than %2 values (aliases expanded)").arg(at(node)).arg(kMaxNodes);
            return {};
        }
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return QJsonValue::Null;
        case YAML::NodeType::Scalar:
            return scalar(node);
        case YAML::NodeType::Sequence: {
            QJsonArray out;
            for (const YAML::Node &item : node)
                out.append(convert(item, depth + 1));
            return out;
        }
        case YAML::NodeType::Map: {
            QJsonObject out;
            for (const auto &pair : node) {
                if (!pair.first.IsScalar()) {
                    error = QStringLiteral("%1: a map key must be a plain value").arg(at(pair.first));
                    return {};
                }
                const QString key = QString::fromStdString(pair.first.Scalar());
                if (key == QLatin1String("<<") && pair.second.IsMap()) {
                    // A merge key: the anchored map's entries, unless given here.
                    const QJsonObject merged = convert(pair.second, depth + 1).toObject();
                    for (auto it = merged.begin(); it != merged.end(); ++it)
                        if (!out.contains(it.key()))
                            out.insert(it.key(), it.value());
                    continue;
                }
                out.insert(key, convert(pair.second, depth + 1));
            }
            return out;
        }
        }
        return {};
    }
};

int lineOf(const QByteArray &data, int offset)
{
    return int(data.left(offset).count('\n')) + 1;
}

QString unescape(QString segment)
{
    return segment.replace(QLatin1String("~1"), QLatin1String("/"))
        .replace(QLatin1String("~0"), QLatin1String("~"));
}

// yaml-cpp parses nested flow collections by recursion: "[[[[…" deep enough overflows
// the stack. Brackets are counted before it sees the text (quotes ignored: a spec with
// this many brackets in a string is no spec).
int bracketDepth(const QByteArray &data)
{
    int depth = 0;
    int deepest = 0;
    for (const char c : data) {
        if (c == '[' || c == '{')
            deepest = std::max(deepest, ++depth);
        else if ((c == ']' || c == '}') && depth > 0)
            --depth;
    }
    return deepest;
}

} // namespace

Result<QJsonValue> parseJsonOrYaml(const QByteArray &data, const QString &name)
{
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error == QJsonParseError::NoError)
            return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        // A text that starts like JSON is read as JSON: YAML's flow style would accept
        // broken JSON and import something else than the file says.
        return Result<QJsonValue>::failure(
            QStringLiteral("%1:%2: %3").arg(name).arg(lineOf(data, error.offset)).arg(error.errorString()));
    }
    if (bracketDepth(data) > kMaxDepth)
        return Result<QJsonValue>::failure(QStringLiteral("%1: nested deeper than %2 levels").arg(name).arg(kMaxDepth));
    try {
        const YAML::Node node = YAML::Load(data.toStdString());
        YamlConversion conversion { name };
        const QJsonValue value = conversion.convert(node, 0);
        if (!conversion.error.isEmpty())
            return Result<QJsonValue>::failure(conversion.error);
        return value;
    } catch (const YAML::Exception &e) {
        return Result<QJsonValue>::failure(QStringLiteral("%1:%2:%3: %4")
                                               .arg(name)
                                               .arg(e.mark.line + 1)
                                               .arg(e.mark.column + 1)
                                               .arg(QString::fromStdString(e.msg)));
    }
}

OpenApiSource::OpenApiSource(const QJsonValue &root, const QString &name, const QString &baseDirectory)
    : m_root(root)
    , m_name(name)
    , m_baseDirectory(baseDirectory)
{
    m_documents.insert(name, root);
}

QString OpenApiSource::escapePointer(const QString &segment)
{
    QString s = segment;
    return s.replace(QLatin1Char('~'), QLatin1String("~0")).replace(QLatin1Char('/'), QLatin1String("~1"));
}

Result<QJsonValue> OpenApiSource::document(const QString &file)
{
    if (const auto it = m_documents.constFind(file); it != m_documents.constEnd())
        return *it;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return Result<QJsonValue>::failure(QStringLiteral("cannot read %1: %2").arg(file, in.errorString()));
    const auto parsed = parseJsonOrYaml(in.readAll(), m_display.value(file, file));
    if (!parsed)
        return parsed;
    m_documents.insert(file, *parsed);
    return parsed;
}

Result<LocatedValue> OpenApiSource::target(const QString &ref, const QString &from)
{
    using R = Result<LocatedValue>;
    const qsizetype hash = ref.indexOf(QLatin1Char('#'));
    const QString filePart = hash < 0 ? ref : ref.left(hash);
    const QString pointer = hash < 0 ? QString() : ref.mid(hash + 1);
    QString file = from;
    if (!filePart.isEmpty()) {
        if (filePart.contains(QLatin1String("://")))
            return R::failure(
                QStringLiteral("$ref \"%1\": only references to files beside the spec are read").arg(ref));
        // Relative to the referring file's folder; the main file's is the base directory.
        const QString fromDir = from == m_name ? m_baseDirectory : QFileInfo(from).absolutePath();
        if (fromDir.isEmpty())
            return R::failure(QStringLiteral("$ref \"%1\": the spec was not read from a file, so relative "
                                             "references cannot be resolved")
                                  .arg(ref));
        file = QDir::cleanPath(QDir(fromDir).absoluteFilePath(filePart));
        m_display.insert(file, file);
    }
    const auto doc = document(file);
    if (!doc)
        return R::failure(QStringLiteral("$ref \"%1\": %2").arg(ref, doc.error()));
    QJsonValue value = *doc;
    for (const QString &raw : pointer.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        const QString segment = unescape(raw);
        if (value.isObject() && value.toObject().contains(segment)) {
            value = value.toObject().value(segment);
        } else if (value.isArray()) {
            bool ok = false;
            const int index = segment.toInt(&ok);
            if (!ok || index < 0 || index >= value.toArray().size())
                return R::failure(QStringLiteral("$ref \"%1\": %2 has no \"%3\"").arg(ref, file, segment));
            value = value.toArray().at(index);
        } else {
            return R::failure(QStringLiteral("$ref \"%1\": %2 has no \"%3\"").arg(ref, file, segment));
        }
    }
    return LocatedValue { value, file, pointer };
}

Result<LocatedValue> OpenApiSource::resolve(const LocatedValue &start)
{
    using R = Result<LocatedValue>;
    LocatedValue current = start;
    QStringList chain;
    QSet<QString> seen;
    while (current.value.isObject() && current.value.toObject().value(QLatin1String("$ref")).isString()) {
        const QString ref = current.value.toObject().value(QLatin1String("$ref")).toString();
        chain.append(current.place());
        if (seen.contains(current.place()))
            return R::failure(
                QStringLiteral("%1: $ref cycle: %2").arg(start.place(), chain.join(QStringLiteral(" -> "))));
        seen.insert(current.place());
        const auto next = target(ref, current.file);
        if (!next)
            return R::failure(QStringLiteral("%1: %2").arg(current.place(), next.error()));
        current = *next;
    }
    return current;
}

} // namespace flowbench
