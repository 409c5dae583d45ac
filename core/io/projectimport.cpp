#include "io/projectimport.h"

#include "checks/projectvalidator.h"

#include <QFile>
#include <algorithm>
#include <QFileInfo>

namespace flowbench {

Result<Import> readImportFile(
    const Importer &importer, const QString &path, const Project &target, const QStringList &companionFiles)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return Result<Import>::failure(QStringLiteral("%1: cannot read: %2").arg(path, in.errorString()));
    ImportSource source;
    source.data = in.readAll();
    source.name = path;
    source.baseDirectory = QFileInfo(path).absolutePath();
    source.companionFiles = companionFiles;
    return importer.read(source, target);
}

ImportReport summarizeImport(const QString &source, const ProjectChangeSet &changes)
{
    ImportReport report;
    report.source = source;
    const QString added = ProjectChangeSet::describe(changes.added);
    if (added != QLatin1String("nothing"))
        report.taken << QStringLiteral("added %1").arg(added);
    const QString changed = ProjectChangeSet::describe(changes.changed);
    if (changed != QLatin1String("nothing"))
        report.taken << QStringLiteral("changed %1").arg(changed);
    for (const Project *part : { &changes.added, &changes.changed }) {
        report.counts[QStringLiteral("nodes")] += int(part->nodes.size());
        report.counts[QStringLiteral("edges")] += int(part->edges.size());
        report.counts[QStringLiteral("test_cases")] += int(part->testCases.size());
        for (const TestCase &tc : part->testCases) {
            report.counts[QStringLiteral("checks")] += int(tc.checks.size());
            for (const Check &c : tc.checks) {
                report.counts[QStringLiteral("assertions")] += int(c.assertions.size());
                report.counts[QStringLiteral("captures")] += int(c.captures.size());
            }
        }
        for (const Environment &e : part->environments)
            report.counts[QStringLiteral("variables")] += int(e.variables.size());
    }
    return report;
}

void leaveOutRunHistory(Import &import)
{
    Project &added = import.changes.added;
    if (added.runs.isEmpty() && added.results.isEmpty() && import.changes.changed.runs.isEmpty()
        && import.changes.changed.results.isEmpty())
        return;
    Project history;
    history.runs = added.runs + import.changes.changed.runs;
    history.results = added.results + import.changes.changed.results;
    added.runs.clear();
    added.results.clear();
    import.changes.changed.runs.clear();
    import.changes.changed.results.clear();
    import.report.leaveOut(0, QStringLiteral("runs"),
        QStringLiteral("%1 not taken: run history is imported only into a new project")
            .arg(ProjectChangeSet::describe(history)));
    // The "taken" lines counted them.
    import.report.taken = summarizeImport(import.report.source, import.changes).taken;
}

QList<Assertion> mergeHandAssertions(const QList<Assertion> &fresh, const QList<Assertion> &before)
{
    QList<Assertion> merged = fresh;
    for (const Assertion &a : before) {
        const bool sourceOwns = std::any_of(fresh.cbegin(), fresh.cend(),
            [&](const Assertion &f) { return f.kind == a.kind && f.target == a.target; });
        if (!sourceOwns && !merged.contains(a))
            merged.append(a);
    }
    return merged;
}

QStringList importProblems(const Project &target, const ProjectChangeSet &changes)
{
    return projectProblems(appliedTo(target, changes));
}

} // namespace flowbench
