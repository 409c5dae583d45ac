#pragma once

#include "model/ids.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace flowbench {

// "--shard K/N": this process runs shard K (1-based) of N. count 0: not sharded.
struct ShardSpec
{
    int index = 0;
    int count = 0;

    bool isSet() const { return count > 0; }
    // "2/3"; 1 <= K <= N <= 1000, anything else is an error saying what was expected.
    static Result<ShardSpec> parse(const QString &text);
    QString toString() const { return QStringLiteral("%1/%2").arg(index).arg(count); }
};

// Which test cases each of N shards runs. split() is deterministic and does not depend
// on the order it is given the test cases (they are taken by id), so every shard of a
// run computes the same plan from the same input. It balances the shards by each test
// case's recorded duration: longest first onto the shard with the least so far (ties:
// lower id first, lower shard first). A test case without history counts as the median
// of those with one (1 s when none has).
//
// The durations differ between shards that start at different times (another run may
// finish in between), so a sharded run does not rely on every shard computing it: the
// first shard to reach the store records its plan with the run, and the others run what
// it says (ProjectStore::claimShardedRun).
class ShardPlan
{
public:
    static constexpr qint64 kDefaultDurationMs = 1000;

    ShardPlan() = default;
    static ShardPlan split(const QList<Id> &testCaseIds, const QHash<Id, qint64> &durationsMs, int count);

    int count() const { return int(m_shards.size()); }
    // The test cases of shard `index` (1-based), by id; empty for an index out of range.
    QList<Id> shard(int index) const;
    // Every test case of the plan, by id.
    QList<Id> testCaseIds() const;
    // The estimated duration of a shard (the sum of its test cases').
    qint64 estimatedMs(int index) const;

    // Stored with the run: {"shards":[["id",...],...],"estimated_ms":[...]}.
    QString toJson() const;
    static Result<ShardPlan> fromJson(const QString &json);

    bool operator==(const ShardPlan &o) const { return m_shards == o.m_shards; }

private:
    QList<QList<Id>> m_shards;
    QList<qint64> m_estimatedMs;
};

} // namespace flowbench
