#pragma once

#include "model/casefault.h"
#include "model/check.h"
#include "model/ids.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace flowbench {

enum class Priority { Low, Medium, High, Critical };
QString toString(Priority priority);
std::optional<Priority> priorityFromString(const QString &text);
QList<Priority> allPriorities(); // lowest first

// How deep a test case reaches, shallowest first: through the API only; a service's
// effects (queue, cache, log); the database; the whole product end to end (through its
// UI, as a person would). A test case without one set is judged by its checks
// (analysis/testlevels.h).
enum class TestLevel { Api, Service, Database, EndToEnd };
QString toString(TestLevel level); // "api", "service", "database", "end-to-end"
std::optional<TestLevel> testLevelFromString(const QString &text);
QList<TestLevel> allTestLevels(); // shallowest first

// Tags as a person types them in one field, "smoke, checkout": each trimmed, empty and
// repeated ones dropped, the order kept. tagsToText() writes them back the same way.
QStringList tagsFromText(const QString &text);
QString tagsToText(const QStringList &tags);

struct TestCase
{
    Id id;
    Id nodeId;
    Id flowId; // empty when not part of a flow
    QString title;
    QString description;
    Priority priority = Priority::Medium;
    QStringList tags;
    bool automated = false; // manual test cases have no checks to run
    int position = 0; // order among the node's test cases
    QList<Check> checks; // ordered steps
    // Where an import took it from ("postman:<item id>", "openapi:GET /pets/{id}"): a
    // re-import of the same source merges into it. Empty when made in Flowbench.
    QString source;
    // Names of external JUnit testcases whose results belong to it ("*.test_checkout*",
    // "classname.name"; * and ? wildcards); empty: matched by title.
    QString junitName;
    // Non-empty: the test case needs a person's look before it is trusted, and why (e.g.
    // script lines an import could not translate, kept verbatim).
    QString reviewNote;
    // Set by a person; empty: derived from the checks (effectiveLevel()).
    std::optional<TestLevel> level;
    // Steps that always run after `checks` end (pass, fail, error, cancel), with the
    // captures made so far: they leave shared data as the test case found it. A cleanup
    // that does not pass makes the test case an error naming what was left behind.
    QList<Check> cleanup;
    int revision = 0;
    // Faults that hold while the test case runs, on nodes or edges the environment has a
    // proxy for (Environment::proxies); a faulted test case runs alone.
    QList<CaseFault> faults;

    bool operator==(const TestCase &o) const
    {
        return id == o.id && nodeId == o.nodeId && flowId == o.flowId && title == o.title
            && description == o.description && priority == o.priority && tags == o.tags
            && automated == o.automated && position == o.position && checks == o.checks && source == o.source
            && junitName == o.junitName && reviewNote == o.reviewNote && level == o.level
            && faults == o.faults && cleanup == o.cleanup;
    }
    bool operator!=(const TestCase &o) const { return !(*this == o); }
};

} // namespace flowbench
