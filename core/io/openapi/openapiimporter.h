#pragma once

#include "io/importer.h"

namespace flowbench {

// OpenAPI 3.0 / 3.1 and Swagger 2.0, JSON or YAML (yaml-cpp). One `api` node per
// operation (name "GET /pets/{id}", properties method, path, operationId, summary),
// grouped by its first tag, linked from a `service` node per server; one smoke test case
// per operation (TestCase.source "openapi:GET /pets/{id}") built from the examples,
// defaults and enum values of its required inputs, asserting the documented success
// status and, where the response has a JSON schema, json_schema against it. An operation
// whose required input has none of those becomes a manual test case saying what is
// missing. Local and relative-file $refs resolve; a $ref cycle, a missing target or a
// malformed file is an error naming the file and place, and nothing is imported.
// Nodes and test cases the target already has (api by method + path, service by name,
// test case by source) keep their ids, so a second import changes them in place.
class OpenApiImporter : public Importer
{
public:
    QString id() const override { return QStringLiteral("openapi"); }
    QString displayName() const override { return QStringLiteral("OpenAPI / Swagger"); }
    QStringList filePatterns() const override
    {
        return { QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*openapi*.json"),
            QStringLiteral("*swagger*.json") };
    }
    QString description() const override
    {
        return QStringLiteral(
            "operations of an OpenAPI 3.x or Swagger 2.0 spec as api nodes with smoke test cases");
    }
    Result<Import> read(const ImportSource &source, const Project &target) const override;
};

} // namespace flowbench
