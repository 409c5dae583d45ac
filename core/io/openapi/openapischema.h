#pragma once

#include "io/openapi/openapisource.h"

#include <QJsonObject>
#include <QSet>

namespace flowbench {

// A response schema made self-contained for a json_schema assertion: every $ref it
// reaches (in this file or another) becomes "#/definitions/<name>" with the target
// copied under "definitions", so recursive schemas stay finite. OpenAPI keywords are
// kept; the assertion translates them (checks/jsonschema.h).
Result<QJsonObject> bundleSchema(OpenApiSource &source, const LocatedValue &schema);

// A value for a schema from what the spec gives: example, default, first enum value,
// const; objects from their required properties, arrays of one item. nullopt when some
// required part has none of them; `missing` then says which ("body.customer.id").
std::optional<QJsonValue> exampleFor(
    OpenApiSource &source, const LocatedValue &schema, const QString &where, QString *missing, int depth = 0);

} // namespace flowbench
