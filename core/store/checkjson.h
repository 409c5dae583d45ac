#pragma once

#include "model/check.h"
#include "result.h"

#include <QJsonArray>
#include <QList>
#include <QString>

namespace flowbench {

// The JSON form of a test case's checks, shared by the project store (test_cases.checks)
// and the canonical JSON export/import. Each check is
//   {id, type, name, spec, captures: [{name, source, expression}],
//    assertions: [{kind, target, op, expected}], eventually: {timeout_ms, interval_ms}}
// with `eventually` left out when both bounds are 0 and `expected` left out when undefined.
QJsonArray checksToJson(const QList<Check> &checks);

// `where` is the JSON path of the array ("checks", "testCases[3].checks"); an error names
// the offending field below it: "checks[2].eventually.timeout_ms: must be a number".
// Unknown fields are refused so that a misspelt key is reported instead of dropped.
Result<QList<Check>> checksFromJson(const QJsonArray &array, const QString &where);

} // namespace flowbench
