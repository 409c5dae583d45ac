#include "run/shardplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

namespace flowbench {

Result<ShardSpec> ShardSpec::parse(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^\\s*(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*$"));
    const QRegularExpressionMatch m = form.match(text);
    const auto bad = [&](const QString &why) {
        return Result<ShardSpec>::failure(QStringLiteral("\"%1\": %2").arg(text, why));
    };
    if (!m.hasMatch())
        return bad(QStringLiteral("expected K/N, shard K of N (1/3, 2/3, 3/3)"));
    ShardSpec spec;
    spec.index = m.captured(1).toInt();
    spec.count = m.captured(2).toInt();
    if (spec.count < 1 || spec.count > 1000)
        return bad(QStringLiteral("N must be from 1 to 1000"));
    if (spec.index < 1 || spec.index > spec.count)
        return bad(QStringLiteral("K must be from 1 to N (%1)").arg(spec.count));
    return spec;
}

ShardPlan ShardPlan::split(const QList<Id> &testCaseIds, const QHash<Id, qint64> &durationsMs, int count)
{
    ShardPlan plan;
    if (count < 1)
        return plan;
    QList<Id> ids = testCaseIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

    QList<qint64> known;
    for (const Id &id : std::as_const(ids))
        if (durationsMs.contains(id))
            known.append(qMax<qint64>(0, durationsMs.value(id)));
    qint64 fallback = kDefaultDurationMs;
    if (!known.isEmpty()) {
        std::sort(known.begin(), known.end());
        fallback = known.at(known.size() / 2);
    }
    struct Weighted
    {
        Id id;
        qint64 ms;
    };
    QList<Weighted> items;
    for (const Id &id : std::as_const(ids))
        items.append({ id, durationsMs.contains(id) ? qMax<qint64>(0, durationsMs.value(id)) : fallback });
    std::stable_sort(items.begin(), items.end(),
        [](const Weighted &a, const Weighted &b) { return a.ms != b.ms ? a.ms > b.ms : a.id < b.id; });

    plan.m_shards.resize(count);
    plan.m_estimatedMs.fill(0, count);
    for (const Weighted &item : std::as_const(items)) {
        // The lightest shard; among equals the one with fewer test cases, then the first.
        int best = 0;
        for (int k = 1; k < count; ++k) {
            const qint64 load = plan.m_estimatedMs.at(k), bestLoad = plan.m_estimatedMs.at(best);
            if (load < bestLoad
                || (load == bestLoad && plan.m_shards.at(k).size() < plan.m_shards.at(best).size()))
                best = k;
        }
        plan.m_shards[best].append(item.id);
        plan.m_estimatedMs[best] += item.ms;
    }
    for (QList<Id> &shard : plan.m_shards)
        std::sort(shard.begin(), shard.end());
    return plan;
}

QList<Id> ShardPlan::shard(int index) const
{
    return index >= 1 && index <= count() ? m_shards.at(index - 1) : QList<Id>();
}

QList<Id> ShardPlan::testCaseIds() const
{
    QList<Id> all;
    for (const QList<Id> &shard : m_shards)
        all += shard;
    std::sort(all.begin(), all.end());
    return all;
}

qint64 ShardPlan::estimatedMs(int index) const
{
    return index >= 1 && index <= count() ? m_estimatedMs.at(index - 1) : 0;
}

QString ShardPlan::toJson() const
{
    QJsonArray shards, estimated;
    for (const QList<Id> &shard : m_shards)
        shards.append(QJsonArray::fromStringList(shard));
    for (qint64 ms : m_estimatedMs)
        estimated.append(ms);
    const QJsonObject o { { QStringLiteral("shards"), shards },
        { QStringLiteral("estimated_ms"), estimated } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Result<ShardPlan> ShardPlan::fromJson(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (!doc.isObject() || !doc.object().value(QStringLiteral("shards")).isArray())
        return Result<ShardPlan>::failure(QStringLiteral("the stored shard plan is damaged"));
    ShardPlan plan;
    const QJsonArray shards = doc.object().value(QStringLiteral("shards")).toArray();
    const QJsonArray estimated = doc.object().value(QStringLiteral("estimated_ms")).toArray();
    for (int k = 0; k < shards.size(); ++k) {
        QList<Id> ids;
        for (const QJsonValue &v : shards.at(k).toArray())
            ids.append(v.toString());
        plan.m_shards.append(ids);
        plan.m_estimatedMs.append(qint64(estimated.at(k).toDouble()));
    }
    return plan;
}

} // namespace flowbench
