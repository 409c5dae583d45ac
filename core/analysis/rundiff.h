#pragma once

#include "model/project.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace flowbench {

// Two runs of one project side by side, check by check (matched by check id): what newly
// fails, what was fixed, what still fails, and the checks only one of them ran. The one
// comparison behind `flowbench-cli diff --runs`, the HTML report's "Since the previous
// run" and the Run History panel's Compare.
struct RunDiff
{
    struct Entry
    {
        Id checkId;
        std::optional<CheckResult> before; // none: the check did not run in A
        std::optional<CheckResult> after; // none: the check did not run in B
        const CheckResult &latest() const { return after ? *after : *before; }
    };

    Run before;
    Run after;
    QList<Entry> newFailures; // passed or absent before, fail/error now
    QList<Entry> fixed; // fail/error before, pass now
    QList<Entry> stillFailing; // fail/error in both
    QList<Entry> stillPassing; // pass in both (not printed: nothing to review)
    QList<Entry> newChecks; // in B, not in A (a failing one is also a new failure)
    QList<Entry> goneChecks; // in A, not in B

    bool hasNewFailures() const { return !newFailures.isEmpty(); }
    static QList<Id> checkIds(const QList<Entry> &entries);

    // Result lists of two runs, in the order of `after` (then `before` for gone checks); a
    // check's first result in a run counts, a skipped one neither fails nor passes.
    static RunDiff compare(const QList<CheckResult> &before, const QList<CheckResult> &after);

    // What `flowbench-cli diff PROJECT --runs` prints: the two runs, the counts per group,
    // then per group one line per check (its status before → now, test case, node, check
    // and the first line of its message), ordered by node, test case and step.
    QString toText(const Project &project) const;

    // How each node of `project` changed, for the map: the worst of its checks (a new
    // failure, else still failing, else fixed, else unchanged). Nodes none of whose checks
    // ran in either run are absent.
    // In order of weight: a node shows the weightiest change among its checks.
    enum class NodeChange { Unchanged, Fixed, StillFailing, NewFailure };
    QHash<Id, NodeChange> nodeChanges(const Project &project) const;
};

// The index in `runs` of the run with this id, or of the one run whose id starts with it
// (`report --run`, `diff --runs`). Fails naming the run, or the runs a prefix matches.
Result<qsizetype> findRun(const QList<Run> &runs, const QString &idOrPrefix);

// The diff of two stored runs of `project` (runs and results from ProjectStore::load or
// canonical JSON with runs), by id or unique prefix. Both empty: the newest run against
// the one before it; only `before`: that run against the newest. Fails with a message
// naming the run (unknown, ambiguous) or saying there are fewer than two runs.
Result<RunDiff> diffRuns(
    const Project &project, const QString &before = QString(), const QString &after = QString());

} // namespace flowbench
