#pragma once

#include "io/importreport.h"
#include "io/openapi/openapisource.h"
#include "model/node.h"
#include "model/testcase.h"

namespace flowbench {

struct OperationContext
{
    OpenApiSource &source;
    bool swagger = false; // Swagger 2.0: body/formData parameters, response.schema
    QJsonObject root;
    ImportReport &report;
};

// One operation's api node and smoke test case (ids left empty for the importer).
struct BuiltOperation
{
    Node node;
    TestCase testCase;
};

// The api node and the smoke test case of `operation` (method upper-case) at `path`,
// with the path item's `pathParameters`. What is not taken goes into the report; a
// reference that cannot be resolved is an error naming its place.
Result<BuiltOperation> buildOperation(OperationContext &context, const QString &path, const QString &method,
    const LocatedValue &operation, const LocatedValue &pathParameters);

} // namespace flowbench
