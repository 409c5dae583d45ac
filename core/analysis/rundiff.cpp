#include "analysis/rundiff.h"

#include "analysis/nodeoutcomes.h"

#include <QSet>
#include <algorithm>
#include <tuple>

namespace flowbench {

namespace {

bool isBad(ResultStatus s)
{
    return s == ResultStatus::Fail || s == ResultStatus::Error;
}

// Where a check sits, for a person and for a stable order.
struct Place
{
    QString node;
    QString testCase;
    int section = 0; // 0: a step, 1: a cleanup step, 2: a check no longer in the project
    int index = 0;
    QString step; // "step 2 \"user row exists\""
    Id nodeId;
};

QHash<Id, Place> placesOf(const Project &project)
{
    QHash<Id, Place> places;
    for (const TestCase &t : project.testCases) {
        const Node *node = project.node(t.nodeId);
        const QString nodeName = node ? node->name : QStringLiteral("(removed node)");
        auto add = [&](const QList<Check> &checks, int section, const char *word) {
            for (int i = 0; i < checks.size(); ++i) {
                const Check &c = checks.at(i);
                places.insert(c.id,
                    { nodeName, t.title, section, i,
                        QStringLiteral("%1 %2 \"%3\"")
                            .arg(QLatin1String(word))
                            .arg(i + 1)
                            .arg(c.name.isEmpty() ? c.type : c.name),
                        t.nodeId });
            }
        };
        add(t.checks, 0, "step");
        add(t.cleanup, 1, "cleanup step");
    }
    return places;
}

// A check removed from the project since: named by what its result still knows.
Place placeOfRemoved(const Project &project, const CheckResult &r)
{
    Place p;
    const Node *node = project.node(r.nodeId);
    p.node = node ? node->name : QStringLiteral("(removed node)");
    p.testCase = QStringLiteral("(removed test case)");
    for (const TestCase &t : project.testCases)
        if (t.id == r.testCaseId)
            p.testCase = t.title;
    p.section = 2;
    p.step = QStringLiteral("removed check %1").arg(r.checkId);
    p.nodeId = node ? r.nodeId : Id();
    return p;
}

QString oneLine(const QString &message)
{
    QString line = message.section(QLatin1Char('\n'), 0, 0).trimmed();
    constexpr int kMax = 160;
    if (line.size() > kMax)
        line = line.left(kMax - 1) + QStringLiteral("…");
    return line;
}

QString statusText(const std::optional<CheckResult> &r)
{
    return r ? toString(r->status) : QStringLiteral("not run");
}

QString runText(const Run &run)
{
    QStringList parts;
    parts << (run.startedAt.isValid()
            ? run.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
            : QStringLiteral("not started"));
    if (!run.environment.isEmpty())
        parts << QStringLiteral("environment %1").arg(run.environment);
    parts << (run.selection.isEmpty() ? QStringLiteral("all") : run.selection);
    return QStringLiteral("%1 (%2)").arg(run.id, parts.join(QStringLiteral(", ")));
}

} // namespace

RunDiff RunDiff::compare(const QList<CheckResult> &before, const QList<CheckResult> &after)
{
    QHash<Id, CheckResult> old;
    QList<Id> oldOrder;
    for (const CheckResult &r : before)
        if (!old.contains(r.checkId)) {
            old.insert(r.checkId, r);
            oldOrder << r.checkId;
        }
    RunDiff d;
    QSet<Id> seen;
    for (const CheckResult &r : after) {
        if (seen.contains(r.checkId))
            continue;
        seen.insert(r.checkId);
        Entry e { r.checkId, std::nullopt, r };
        const auto was = old.constFind(r.checkId);
        if (was != old.cend())
            e.before = *was;
        else
            d.newChecks << e;
        const bool wasBad = e.before && isBad(e.before->status);
        if (isBad(r.status))
            (wasBad ? d.stillFailing : d.newFailures) << e;
        else if (r.status == ResultStatus::Pass)
            (wasBad ? d.fixed : d.stillPassing) << e;
    }
    for (const Id &id : std::as_const(oldOrder))
        if (!seen.contains(id))
            d.goneChecks << Entry { id, old.value(id), std::nullopt };
    return d;
}

QList<Id> RunDiff::checkIds(const QList<Entry> &entries)
{
    QList<Id> ids;
    for (const Entry &e : entries)
        ids << e.checkId;
    return ids;
}

QString RunDiff::toText(const Project &project) const
{
    const QHash<Id, Place> places = placesOf(project);
    auto placeOf = [&](const Entry &e) {
        const auto it = places.constFind(e.checkId);
        return it != places.cend() ? *it : placeOfRemoved(project, e.latest());
    };
    const std::pair<const char *, const QList<Entry> *> groups[] = {
        { "new failures", &newFailures },
        { "fixed", &fixed },
        { "still failing", &stillFailing },
        { "new checks", &newChecks },
        { "gone checks", &goneChecks },
    };
    QString text;
    text += QStringLiteral("run A: %1\nrun B: %2\n").arg(runText(before), runText(after));
    QStringList counts;
    for (const auto &[name, entries] : groups)
        counts << QStringLiteral("%1: %2").arg(QLatin1String(name)).arg(entries->size());
    text += counts.join(QStringLiteral(", ")) + QLatin1Char('\n');
    for (const auto &[name, entries] : groups) {
        if (entries->isEmpty())
            continue;
        struct Line
        {
            Place place;
            const Entry *entry;
        };
        QList<Line> lines;
        for (const Entry &e : *entries)
            lines.append({ placeOf(e), &e });
        std::sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) {
            return std::tie(a.place.node, a.place.testCase, a.place.section, a.place.index, a.entry->checkId)
                < std::tie(b.place.node, b.place.testCase, b.place.section, b.place.index, b.entry->checkId);
        });
        text += QStringLiteral("\n%1 (%2)\n").arg(QLatin1String(name)).arg(entries->size());
        for (const Line &l : std::as_const(lines)) {
            const Entry &e = *l.entry;
            // The newer message says why it fails now; a fixed or gone check's says why it failed.
            QString message = e.after ? oneLine(e.after->message) : QString();
            if (message.isEmpty() && e.before && !oneLine(e.before->message).isEmpty())
                message = QStringLiteral("was: ") + oneLine(e.before->message);
            text += QStringLiteral("  %1 → %2  test case \"%3\" on \"%4\", %5%6\n")
                        .arg(statusText(e.before), statusText(e.after), l.place.testCase, l.place.node,
                            l.place.step, message.isEmpty() ? QString() : QStringLiteral(": ") + message);
        }
    }
    return text;
}

QHash<Id, RunDiff::NodeChange> RunDiff::nodeChanges(const Project &project) const
{
    const QHash<Id, Id> nodeOfCheck = nodesOfChecks(project);
    QHash<Id, NodeChange> changes;
    auto mark = [&](const QList<Entry> &entries, NodeChange change) {
        for (const Entry &e : entries) {
            Id node = nodeOfCheck.value(e.checkId);
            if (node.isEmpty() && project.node(e.latest().nodeId))
                node = e.latest().nodeId;
            if (node.isEmpty())
                continue;
            const auto it = changes.constFind(node);
            if (it == changes.cend() || change > *it)
                changes.insert(node, change);
        }
    };
    // A check that did not run in B (a smaller selection) says nothing about its node now:
    // such a node stays plain rather than "unchanged".
    mark(newChecks, NodeChange::Unchanged);
    mark(stillPassing, NodeChange::Unchanged);
    mark(fixed, NodeChange::Fixed);
    mark(stillFailing, NodeChange::StillFailing);
    mark(newFailures, NodeChange::NewFailure);
    return changes;
}

Result<qsizetype> findRun(const QList<Run> &runs, const QString &idOrPrefix)
{
    using R = Result<qsizetype>;
    if (idOrPrefix.isEmpty())
        return R::failure(QStringLiteral("no run id given"));
    QList<qsizetype> matches;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (runs.at(i).id == idOrPrefix)
            return i;
        if (runs.at(i).id.startsWith(idOrPrefix))
            matches << i;
    }
    if (matches.isEmpty())
        return R::failure(QStringLiteral("no run %1 in the project's history").arg(idOrPrefix));
    if (matches.size() > 1) {
        QStringList ids;
        for (qsizetype i : std::as_const(matches))
            ids << runs.at(i).id;
        return R::failure(
            QStringLiteral("run %1 is ambiguous: %2 runs start with it (%3); give more of the id")
                .arg(idOrPrefix)
                .arg(matches.size())
                .arg(ids.join(QStringLiteral(", "))));
    }
    return matches.first();
}

Result<RunDiff> diffRuns(const Project &project, const QString &before, const QString &after)
{
    using R = Result<RunDiff>;
    const QList<Run> &runs = project.runs;
    if (runs.size() < 2)
        return R::failure(QStringLiteral("the project has %1 run%2 in its history; a diff of runs needs two "
                                         "(run it again: flowbench-cli run)")
                              .arg(runs.size())
                              .arg(runs.size() == 1 ? QString() : QStringLiteral("s")));
    qsizetype a = runs.size() - 2;
    qsizetype b = runs.size() - 1;
    if (!after.isEmpty()) {
        const Result<qsizetype> found = findRun(runs, after);
        if (!found)
            return R::failure(found.error());
        b = found.value();
        a = b - 1;
    }
    if (!before.isEmpty()) {
        const Result<qsizetype> found = findRun(runs, before);
        if (!found)
            return R::failure(found.error());
        a = found.value();
    }
    if (a < 0)
        return R::failure(
            QStringLiteral("run %1 is the first run: there is none before it").arg(runs.at(b).id));
    if (a == b)
        return R::failure(
            QStringLiteral("run %1 is compared with itself: give another run to compare it with")
                .arg(runs.at(a).id));
    QList<CheckResult> resultsA, resultsB;
    for (const CheckResult &r : project.results) {
        if (r.runId == runs.at(a).id)
            resultsA << r;
        else if (r.runId == runs.at(b).id)
            resultsB << r;
    }
    RunDiff diff = RunDiff::compare(resultsA, resultsB);
    diff.before = runs.at(a);
    diff.after = runs.at(b);
    return diff;
}

} // namespace flowbench
