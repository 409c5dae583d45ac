#pragma once

#include "checks/checkvocabulary.h"

namespace flowbench {

// The assertion ops, and the assertion kinds and capture sources that several check types
// share (JSON path, jq, latency), each defined once here. A check type lists in its
// vocabulary the ones it offers and defines its own beside them (http: status, header;
// sql: row_count, column; tcp: connected).
class CommonVocabulary
{
public:
    // Every op AssertionEvaluator::compare implements, in the order docs list them.
    static const QList<AssertionOp> &allOps();
    static AssertionOp op(const QString &name); // one of allOps()
    // ==, !=, <, <=, >, >=: numbers compare as numbers, texts in order.
    static QList<AssertionOp> comparisonOps();

    static AssertionKind jsonPath();
    static AssertionKind jq();
    static AssertionKind latencyMs();
    // The JSON validated against the JSON Schema in `expected` (OpenAPI dialects too).
    static AssertionKind jsonSchema();
    // A count the type sets in Observation::count (rows, matching lines).
    static AssertionKind count(const QString &name, const QString &label, const QString &description);

    static CaptureSource path();
    static CaptureSource jqCapture();
    static CaptureSource regex(const QString &over); // over: "the response body"

    // spec.timeout_ms of the networked types, with the type's default.
    static SpecField timeoutMs(int defaultMs, const QString &description);
    // Why there is no JSON to look into, or nullopt when there is.
    static std::optional<QString> missingJson(const Observation &o);
};

} // namespace flowbench
