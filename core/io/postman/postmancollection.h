#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace flowbench {

// A key/value row of a Postman collection (header, query parameter, form field, variable),
// with the JSON pointer it was read at, so the report can name its place.
struct PostmanKeyValue
{
    QString key;
    QString value;
    bool disabled = false;
    QString type; // form-data: "text" or "file"; variables: "secret", "string"...
    QString pointer;
};

// An auth block: type ("inherit" when the item has none, "noauth", "bearer", "basic",
// "apikey"...) and its parameters, v2.0 objects and v2.1 key/value lists read alike.
struct PostmanAuth
{
    QString type = QStringLiteral("inherit");
    QMap<QString, QString> params;
    QString pointer;
};

// A script line and where it was read ("/item/0/event/1/script/exec/3").
struct PostmanScriptLine
{
    QString text;
    QString pointer;
};

// A folder (children) or a request (method set) of a collection, in file order.
struct PostmanItem
{
    QString id; // Postman's item id, or empty
    QString name;
    QString pointer; // "/item/2/item/0"; empty for the collection itself
    bool isFolder = false;
    QList<PostmanItem> children;
    QList<PostmanKeyValue> variables;
    PostmanAuth auth;
    QList<PostmanScriptLine> tests; // the "test" event's lines
    QList<PostmanScriptLine> prerequest;

    // Requests only.
    QString method;
    QString url; // raw, with the enabled query parameters, {{variables}} kept
    QList<PostmanKeyValue> headers;
    QList<PostmanKeyValue> query; // every parameter, disabled ones included
    QList<PostmanKeyValue> pathVariables; // values of ":name" path segments
    QJsonObject body; // Postman's body object as written
    QString bodyPointer;
};

struct PostmanCollection
{
    QString name;
    QString version; // "2.0" or "2.1"
    PostmanItem root; // the collection: its variables, auth, events and items
};

// Reads a Postman Collection v2.0 or v2.1. A malformed file is an error naming `fileName`
// and the JSON pointer of the offending field.
Result<PostmanCollection> readPostmanCollection(const QByteArray &data, const QString &fileName);

// An environment or globals file: its name and values ("_postman_variable_scope").
struct PostmanVariableFile
{
    QString name;
    QString scope; // "environment" or "globals"
    QString fileName;
    QList<PostmanKeyValue> values;
};
Result<PostmanVariableFile> readPostmanVariableFile(const QByteArray &data, const QString &fileName);

} // namespace flowbench
