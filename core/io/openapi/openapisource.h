#pragma once

#include "result.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace flowbench {

// A JSON or YAML text as a JSON value (YAML anchors and aliases expanded; plain scalars
// typed as YAML 1.2's core schema says: true, 12, 1.5, null). A malformed text is an
// error naming `name` and the line: "api.yaml:12:3: end of map not found".
Result<QJsonValue> parseJsonOrYaml(const QByteArray &data, const QString &name);

// A value found in the spec and where: the file (as messages name it) and a JSON pointer.
struct LocatedValue
{
    QJsonValue value;
    QString file; // key of the document it is in
    QString pointer; // "/paths/~1pets/get"

    QString place() const { return file + QLatin1Char('#') + pointer; }
};

// An OpenAPI/Swagger document and the files its $refs reach, read once each. Relative
// file references resolve from the referring file's folder (the main file's is the
// ImportSource's baseDirectory); a reference chain that comes back to where it started is
// an error naming each step.
class OpenApiSource
{
public:
    OpenApiSource(const QJsonValue &root, const QString &name, const QString &baseDirectory);

    const QJsonValue &root() const { return m_root; }
    QString name() const { return m_name; }
    LocatedValue rootValue() const { return { m_root, m_name, QString() }; }

    // `value` itself when it is not a {"$ref": …}; otherwise what its chain of references
    // ends at. `from` is the file the reference is written in.
    Result<LocatedValue> resolve(const LocatedValue &value);
    // The target of one reference text, written in file `from`.
    Result<LocatedValue> target(const QString &ref, const QString &from);

    static QString escapePointer(const QString &segment); // "/" -> "~1", "~" -> "~0"

private:
    Result<QJsonValue> document(const QString &file);

    QJsonValue m_root;
    QString m_name;
    QString m_baseDirectory;
    QHash<QString, QJsonValue> m_documents; // by absolute path
    QHash<QString, QString> m_display; // absolute path -> name in messages
};

} // namespace flowbench
