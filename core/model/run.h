#pragma once

#include "model/ids.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace flowbench {

// pass: every assertion held; fail: an assertion is false; error: could not execute.
enum class ResultStatus { Pass, Fail, Error, Skipped };
QString toString(ResultStatus status);
std::optional<ResultStatus> resultStatusFromString(const QString &text);

// The outcome of one check in one run.
struct CheckResult
{
    Id id;
    Id runId;
    Id testCaseId;
    Id checkId;
    Id nodeId;
    ResultStatus status = ResultStatus::Skipped;
    qint64 durationMs = 0;
    int attempts = 0; // tries made by `eventually`
    QString message; // for a person: what failed or why it could not run
    QString evidence; // truncated response excerpt or rows
    QDateTime finishedAt;
    // The faults active while its test case ran, for a person: "orders → payment: latency=3000".
    QString faults;
    // The result of one of the test case's cleanup steps (TestCase::cleanup), not of its
    // steps: reports show these apart and the run's counts leave them out (Run).
    bool cleanup = false;

    bool operator==(const CheckResult &o) const
    {
        return id == o.id && runId == o.runId && testCaseId == o.testCaseId && checkId == o.checkId
            && nodeId == o.nodeId && status == o.status && durationMs == o.durationMs
            && attempts == o.attempts && message == o.message && evidence == o.evidence
            && finishedAt == o.finishedAt && faults == o.faults && cleanup == o.cleanup;
    }
};

struct Run
{
    Id id;
    QString environment; // environment name at the time of the run
    QString selection; // what was run, for a person: "flow Checkout", "all"
    QDateTime startedAt;
    QDateTime finishedAt;
    bool cancelled = false;
    int passed = 0;
    int failed = 0;
    int errors = 0;
    int skipped = 0;
    // Empty for Flowbench's own runs; for results imported from another tool, the file
    // they came from ("pytest-results.xml").
    QString source;
    // A run split over several `flowbench-cli run --shard K/N` processes (possibly on
    // several machines) into one stored run: N, 0 when not split. shardsIn lists the
    // shards whose results are in (1-based, ascending); the counts above are of those.
    int shardCount = 0;
    QList<int> shardsIn;
    // Who started it (runs.started_by, schema 10): history, not content. Neither compared
    // below nor exported, so the canonical JSON of a project stays as it was.
    QString startedBy;

    // Some shards have not written their results yet: the run is not whole.
    bool isPartial() const { return shardCount > 0 && shardsIn.size() < shardCount; }
    QList<int> missingShards() const
    {
        QList<int> missing;
        for (int k = 1; k <= shardCount; ++k)
            if (!shardsIn.contains(k))
                missing.append(k);
        return missing;
    }
    // For a person: "partial: shards 2, 3 of 3 missing"; empty when the run is whole.
    QString partialNote() const
    {
        const QList<int> missing = missingShards();
        if (shardCount == 0 || missing.isEmpty())
            return QString();
        QStringList numbers;
        for (int k : missing)
            numbers << QString::number(k);
        return QStringLiteral("partial: %1 %2 of %3 missing")
            .arg(missing.size() == 1 ? QStringLiteral("shard") : QStringLiteral("shards"),
                numbers.join(QStringLiteral(", ")))
            .arg(shardCount);
    }

    bool operator==(const Run &o) const
    {
        return id == o.id && environment == o.environment && selection == o.selection
            && startedAt == o.startedAt && finishedAt == o.finishedAt && cancelled == o.cancelled
            && passed == o.passed && failed == o.failed && errors == o.errors && skipped == o.skipped
            && source == o.source && shardCount == o.shardCount && shardsIn == o.shardsIn;
    }
};

} // namespace flowbench
