#include "team/ledger.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <chrono>

namespace flowbench::bench {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString Ack::seenKey() const
{
    return kind == Kind::EdgeRemoved ? QStringLiteral("removed ") + item : value;
}

namespace {

QString fieldOf(Ack::Kind kind)
{
    switch (kind) {
    case Ack::Kind::NodeName:
        return QStringLiteral("name");
    case Ack::Kind::NodeOwner:
        return QStringLiteral("owner");
    case Ack::Kind::CaseTitle:
        return QStringLiteral("title");
    default:
        return QStringLiteral("edge");
    }
}

} // namespace

Verdict verifyAgainstStore(const Project &stored, const QList<EditorReport> &reports)
{
    QHash<Id, Node> nodes;
    for (const Node &n : stored.nodes)
        nodes.insert(n.id, n);
    QHash<Id, TestCase> cases;
    for (const TestCase &t : stored.testCases)
        cases.insert(t.id, t);
    QHash<Id, Edge> edges;
    for (const Edge &e : stored.edges)
        edges.insert(e.id, e);

    Verdict v;
    auto lose = [&v](const QString &detail) {
        ++v.lost;
        if (v.details.size() < 10)
            v.details << detail;
    };
    QHash<QString, QList<Ack>> byField; // "<item> <field>" -> its acknowledged edits
    QHash<Id, QList<int>> revisions; // every revision an edit of the item was acknowledged with
    QHash<Id, Ack> added, removed;
    for (const EditorReport &r : reports)
        for (const Ack &a : r.acks) {
            switch (a.kind) {
            case Ack::Kind::EdgeAdded:
                added.insert(a.item, a);
                break;
            case Ack::Kind::EdgeRemoved:
                removed.insert(a.item, a);
                break;
            default:
                byField[a.item + QLatin1Char(' ') + fieldOf(a.kind)].append(a);
                revisions[a.item].append(a.revision);
            }
        }
    for (auto it = revisions.begin(); it != revisions.end(); ++it) {
        QList<int> &list = it.value();
        std::sort(list.begin(), list.end());
        for (int i = 1; i < list.size(); ++i)
            if (list[i] == list[i - 1])
                lose(QStringLiteral("%1: two acknowledged edits both wrote revision %2")
                         .arg(it.key())
                         .arg(list[i]));
    }
    for (auto it = byField.cbegin(); it != byField.cend(); ++it) {
        ++v.fieldsChecked;
        const Ack last = *std::max_element(
            it->cbegin(), it->cend(), [](const Ack &a, const Ack &b) { return a.revision < b.revision; });
        QString now;
        bool present = true;
        if (last.kind == Ack::Kind::CaseTitle) {
            present = cases.contains(last.item);
            now = cases.value(last.item).title;
        } else {
            present = nodes.contains(last.item);
            now = last.kind == Ack::Kind::NodeName ? nodes.value(last.item).name
                                                   : nodes.value(last.item).owner;
        }
        if (!present)
            lose(QStringLiteral("%1: the item is gone").arg(it.key()));
        else if (now != last.value)
            lose(QStringLiteral("%1: stored \"%2\", last acknowledged \"%3\" (revision %4)")
                     .arg(it.key(), now, last.value)
                     .arg(last.revision));
    }
    for (const Ack &a : std::as_const(added)) {
        ++v.fieldsChecked;
        if (removed.contains(a.item))
            continue;
        if (!edges.contains(a.item))
            lose(QStringLiteral("edge %1 (%2): added but not stored").arg(a.item, a.value));
        else if (edges.value(a.item).label != a.value)
            lose(QStringLiteral("edge %1: stored label \"%2\", added as \"%3\"")
                     .arg(a.item, edges.value(a.item).label, a.value));
    }
    for (const Ack &a : std::as_const(removed)) {
        ++v.fieldsChecked;
        if (edges.contains(a.item))
            lose(QStringLiteral("edge %1: removed but still stored").arg(a.item));
    }
    return v;
}

} // namespace flowbench::bench
