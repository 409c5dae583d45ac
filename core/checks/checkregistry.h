#pragma once

#include "checks/checktype.h"

#include <QStringList>
#include <map>
#include <memory>

namespace flowbench {

// The check types this program knows, by name. Registration lines live in
// checkregistry.cpp: a new check type is one file pair plus one line there.
//
// How a runner drives them:
//   1. Before anything goes out: validate() every check, then type->prepare(check) for
//      every check (compiles jq programs once, cached for the process).
//   2. Per run: fill CheckContext: environment, projectDir, variables
//      (SecretResolver::addVariables(env, scope); scope.setRunId(id)), runStartedAt,
//      logBaseline = std::make_shared<LogBaseline>(LogBaseline::take(checks, projectDir, scope)),
//      network = one QNetworkAccessManager per worker thread.
//   3. Per step: exec = type->create(check, context) on the network's thread; connect
//      finished(); exec->target() ("host:port") for per-host limits; exec->start().
//      finished() comes exactly once (also after cancel(), as Skipped); merge
//      outcome.captures into the scope for the next steps of the test case.
class CheckRegistry
{
public:
    static const CheckRegistry &instance();
    const CheckType *type(const QString &name) const; // nullptr if unknown
    QStringList names() const;
    // Validates a check against its type (and its `eventually`); an unknown type is an
    // error naming it.
    Status validate(const Check &check) const;
    // `eventually`: with a timeout_ms, interval_ms must be at least kMinEventuallyIntervalMs.
    static constexpr int kMinEventuallyIntervalMs = 50;
    static Status validateEventually(const Eventually &eventually);

private:
    CheckRegistry();
    void add(std::unique_ptr<CheckType> type);
    std::map<QString, std::unique_ptr<CheckType>> m_types;
};

} // namespace flowbench
