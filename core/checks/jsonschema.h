#pragma once

#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <memory>

namespace flowbench {

// A JSON Schema compiled once (valijson, draft 7) and shared: get it with compiled() from
// CheckType::prepare() before requests go out, then validate responses against it.
//
// The schema may be written the OpenAPI way: OpenAPI 3.0 `nullable`, Swagger 2
// `x-nullable`, boolean exclusiveMinimum/exclusiveMaximum, component schemas under
// components.schemas (Swagger 2: definitions) referenced as "#/components/schemas/X".
// toDraft7() translates those before valijson sees them.
class JsonSchema
{
public:
    // The cached schema for this value, compiling it on first use. A schema valijson
    // cannot read is a failure naming why ("$ref \"#/definitions/Nope\" cannot be resolved").
    static Result<std::shared_ptr<const JsonSchema>> compiled(const QJsonValue &schema);
    // How many schemas were compiled in this process (for tests).
    static int compileCount();
    // OpenAPI 3.0 / Swagger 2 schema -> JSON Schema draft 7 (see the class comment).
    static QJsonValue toDraft7(const QJsonValue &schema);

    ~JsonSchema();
    JsonSchema(const JsonSchema &) = delete;
    JsonSchema &operator=(const JsonSchema &) = delete;

    // One message per violated rule (at most `limit`), each naming the JSON pointer and
    // the rule: "/items/0/price: type: expected number, got string". Empty: valid.
    QStringList violations(const QJsonValue &instance, int limit = 3) const;

private:
    JsonSchema();
    struct Compiled;
    std::unique_ptr<Compiled> m;
};

} // namespace flowbench
