#pragma once

#include "checks/observation.h"
#include "model/check.h"
#include "model/testcase.h"
#include "result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace flowbench {

// What an assertion's target or expected value, or a capture's expression, is: how
// validate() checks it, how a form edits it and how docs/checks.md names it.
enum class Operand {
    None, // not used
    Text, // non-empty text (a header name, a column)
    Number, // a JSON number
    Bool, // true or false
    Value, // any JSON value, but given
    Regex, // a non-empty, valid regular expression
    JsonPath, // a JSON path (core/checks/jsonpath.h)
    Jq, // a jq program (compiled once, cached)
    JsonSchema, // a JSON Schema object (compiled once, cached; OpenAPI dialects translated)
};
QString operandName(Operand operand); // "JSON path", for docs and hints

// An assertion operator ("==", "exists"...). AssertionEvaluator implements them; a kind
// lists the ones it allows.
struct AssertionOp
{
    QString name;
    // What `expected` must be with this op; nullopt: what the kind says (status: a number).
    std::optional<Operand> expected;
    QString description;
};

// What an assertion kind reads from an observation. A failure is why it cannot be read
// ("there is no JSON to look into"); nullopt is "missing" (exists / not_exists decide).
using KindReading = Result<std::optional<QJsonValue>>;

// One assertion kind a check type offers ("status", "json_path", "connected"): what it
// takes, the ops it allows, a description for forms and docs, and how it is judged.
struct AssertionKind
{
    QString name;
    QString label; // for a combo box: "JSON path"
    QString description; // one line for tooltips and docs/checks.md
    Operand target = Operand::None;
    QString targetHint; // "header name, e.g. Content-Type"
    QList<AssertionOp> ops; // empty: the kind itself is the test (no op)
    Operand expected = Operand::None; // what `expected` is, unless the op says otherwise
    // What a new assertion of this kind starts with.
    QString newOp = QStringLiteral("==");
    QJsonValue newExpected;
    // Failure messages start with this ("body: expected to contain …"); empty: the
    // name, followed by the target when the kind has one ("header Content-Type: …").
    QString subject;
    // Work a kind does once per check before any run (compiling a schema); its failure
    // is a validation error. Empty: nothing to prepare.
    std::function<Status(const QString &target, const QJsonValue &expected)> prepare;
    // Kinds with ops: the value the op compares with `expected`.
    std::function<KindReading(const Observation &, const QString &target)> read;
    // Kinds without ops: the whole judgement; nullopt when it holds, else why not.
    std::function<std::optional<QString>(
        const Observation &, const QString &target, const QJsonValue &expected)>
        judge;

    const AssertionOp *op(const QString &name) const;
    QStringList opNames() const;
    // What `expected` is with `op` (the op's own rule or the kind's).
    Operand expectedWith(const QString &op) const;
};

// One source a capture can take its value from ("path", "column", "regex").
struct CaptureSource
{
    QString name;
    QString description;
    Operand expression = Operand::Text;
    QString hint; // "data.id"
    // The captured text, or why there is none (without the capture's name).
    std::function<Result<QString>(const Observation &, const QString &expression)> read;
};

// A value a spec field may take, with a note for forms and docs (a Redis command's
// arguments: "key start stop").
struct SpecChoice
{
    QString value;
    QString note;
};

// One field of a check's spec ("url", "timeout_ms").
struct SpecField
{
    enum class Kind {
        Text, // a string; `choices` are suggestions
        Number, // a number within minimum..maximum (whole numbers when `whole`)
        Duration, // a positive number of milliseconds
        Bool, // true or false
        Object, // a JSON object
        List, // a JSON array
        Enum, // one of `choices`
        Connection, // the name of a connection of the environment; `choices` are its drivers
    };
    QString name;
    Kind kind = Kind::Text;
    QString label; // "Timeout"
    QString description; // one line for tooltips and docs/checks.md
    bool required = false;
    QJsonValue defaultValue
        = QJsonValue(QJsonValue::Undefined); // what a run uses when the field is absent; Undefined: none
    bool inNewCheck = false; // a new step starts with it (its default, or empty)
    QList<SpecChoice> choices;
    double minimum = 0;
    double maximum = 0;
    bool whole = false;
    QString expects; // the shape in messages and docs: "an object of name -> text"
    QString whenMissing; // the message when required and absent; default "must not be empty"
    // The field's own rule, replacing the generic one for a present value; its message
    // names the field ("spec.url: …").
    std::function<Status(const QJsonValue &)> check;

    QStringList choiceValues() const;
    QString kindName() const; // "text", "number" … for docs
    // The generic part of validation for one value (Undefined: absent).
    Status validate(const QJsonValue &value) const;
};

// Everything a check type is made of, as forms, validate(), the runner and
// docs/checks.md see it. Built once per type (CheckType::vocabulary()).
struct CheckVocabulary
{
    QString title; // "HTTP request": menus, new steps, docs
    QString summary; // one paragraph for docs/checks.md
    // How deep a check of this type reaches (a test case's derived level is its deepest
    // check's): http and tcp the API, redis/log/amqp a service's effects, sql the database.
    TestLevel level = TestLevel::Api;
    QList<SpecField> fields;
    QList<AssertionKind> assertions;
    QList<CaptureSource> captures;
    // What is judged when a check has no assertion at all (log: count >= 1).
    QList<Assertion> impliedAssertions;

    const SpecField *field(const QString &name) const;
    const AssertionKind *assertion(const QString &name) const;
    const CaptureSource *capture(const QString &name) const;
    QStringList fieldNames() const;
    QStringList assertionNames() const;
    QStringList captureNames() const;
    // The spec of a new step: each inNewCheck field with its default (or empty).
    QJsonObject newSpec() const;
    // The generic part of a spec's validation: each declared field in order.
    Status validateSpec(const QJsonObject &spec) const;
};

} // namespace flowbench
