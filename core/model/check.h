#pragma once

#include "model/ids.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace flowbench {

// A value taken from a step's outcome into a variable for later steps of the same
// test case. source: one of the capture sources its check type declares ("path", "jq"…).
struct Capture
{
    QString name;
    QString source = QStringLiteral("path");
    QString expression;

    bool operator==(const Capture &o) const
    {
        return name == o.name && source == o.source && expression == o.expression;
    }
};

// One assertion on a step's outcome: a kind its check type declares (status, json_path…),
// a target where the kind takes one (a header name, a JSON path, a jq program), an op
// the kind allows, and the expected value. The kinds and ops are listed only in the
// check types' vocabularies (core/checks/checkvocabulary.h, CheckType::vocabulary()).
struct Assertion
{
    QString kind;
    QString target;
    QString op = QStringLiteral("==");
    QJsonValue expected;

    bool operator==(const Assertion &o) const
    {
        return kind == o.kind && target == o.target && op == o.op && expected == o.expected;
    }
};

// Re-run the step until its assertions hold, within a bound (queues, jobs, replicas).
struct Eventually
{
    int timeoutMs = 0;
    int intervalMs = 0;
    bool enabled() const { return timeoutMs > 0; }
    bool operator==(const Eventually &o) const
    {
        return timeoutMs == o.timeoutMs && intervalMs == o.intervalMs;
    }
};

// A step of a test case. The spec is typed by the check type that owns it
// (core/checks/<type>check.*), which parses and validates it; the model keeps it as
// JSON so that a new check type needs no change to the model or the store.
struct Check
{
    Id id;
    QString type; // a registered check type (CheckRegistry::names())
    QString name;
    QJsonObject spec;
    QList<Capture> captures;
    QList<Assertion> assertions;
    Eventually eventually;

    bool operator==(const Check &o) const
    {
        return id == o.id && type == o.type && name == o.name && spec == o.spec
            && captures == o.captures && assertions == o.assertions && eventually == o.eventually;
    }
    bool operator!=(const Check &o) const { return !(*this == o); }
};

} // namespace flowbench
