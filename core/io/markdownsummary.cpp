#include "io/markdownsummary.h"

#include "files/outputfile.h"
#include "run/testcasesummary.h"

#include <QMap>

namespace flowbench {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
}

QString statusBadge(ResultStatus status)
{
    switch (status) {
    case ResultStatus::Pass:
        return QStringLiteral("✅ pass");
    case ResultStatus::Fail:
        return QStringLiteral("❌ fail");
    case ResultStatus::Error:
        return QStringLiteral("⚠️ error");
    case ResultStatus::Skipped:
        return QStringLiteral("⏭️ skipped");
    }
    return QString();
}

// Plain text in a table cell or list item: one line, no Markdown meaning.
QString text(const QString &raw)
{
    QString out;
    for (const QChar c : raw.simplified()) {
        if (QStringLiteral("\\`*_[]<>|#!~").contains(c))
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

// A cause as a code span: one line, at most 160 characters, no backticks inside (a span
// cannot hold its own fence); in a table '|' escaped (GFM reads \| inside spans there,
// and only there).
QString cause(const QString &raw, bool inTable)
{
    QString line = raw.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 160)
        line = line.left(159) + QChar(0x2026);
    line.replace(QLatin1Char('`'), QLatin1Char('\''));
    if (inTable)
        line.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return line.isEmpty() ? QString() : QStringLiteral("`%1`").arg(line);
}

QString stepName(const TestCaseSummary &s, int i)
{
    const Check *step = s.steps.at(i);
    const QString name
        = step ? (step->name.isEmpty() ? step->type : step->name) : QStringLiteral("(removed check)");
    // Cleanup steps are numbered apart from the steps ("cleanup step 1").
    int number = 0;
    for (int k = 0; k <= i; ++k)
        number += s.results.at(k).cleanup == s.results.at(i).cleanup ? 1 : 0;
    return QStringLiteral("%1 %2 %3")
        .arg(s.results.at(i).cleanup ? QStringLiteral("cleanup step") : QStringLiteral("step"))
        .arg(number)
        .arg(text(name));
}

// "2/3", and "2/3 · cleanup 1/1" when the test case has cleanup steps.
QString checksCell(const TestCaseSummary &s)
{
    QString cell = QStringLiteral("%1/%2").arg(s.passed).arg(s.checks);
    if (s.cleanupSteps > 0)
        cell += QStringLiteral(" · cleanup %1/%2").arg(s.cleanupPassed).arg(s.cleanupSteps);
    return cell;
}

} // namespace

QByteArray MarkdownSummary::toMarkdown(
    const Project &project, const Run &run, const QList<CheckResult> &results)
{
    const QList<TestCaseSummary> summaries = summarizeByTestCase(project, results);
    QString md;
    const ResultStatus overall = overallStatus(run);
    const QString verdict = run.cancelled ? QStringLiteral("⏹️ cancelled")
        : overall == ResultStatus::Pass   ? QStringLiteral("✅ passed")
        : overall == ResultStatus::Fail   ? QStringLiteral("❌ failed")
        : overall == ResultStatus::Error  ? QStringLiteral("⚠️ errors")
                                          : QStringLiteral("⏭️ skipped");
    md += QStringLiteral("## Flowbench run: %1 — %2\n\n")
              .arg(
                  verdict, text(project.name.isEmpty() ? QStringLiteral("(unnamed project)") : project.name));
    const qint64 wall
        = run.startedAt.isValid() && run.finishedAt.isValid() ? run.startedAt.msecsTo(run.finishedAt) : 0;
    // The counts are of the steps; cleanup steps are counted apart (an error among them
    // is in the errors too: it left something behind).
    int steps = 0, cleanupSteps = 0, cleanupPassed = 0;
    for (const TestCaseSummary &s : summaries) {
        steps += s.checks;
        cleanupSteps += s.cleanupSteps;
        cleanupPassed += s.cleanupPassed;
    }
    md += QStringLiteral("**%1 test cases, %2 checks:** %3 passed, %4 failed, %5 errors, %6 skipped in %7")
              .arg(summaries.size())
              .arg(steps)
              .arg(run.passed)
              .arg(run.failed)
              .arg(run.errors)
              .arg(run.skipped)
              .arg(seconds(wall));
    if (cleanupSteps > 0)
        md += QStringLiteral(" · **cleanup:** %1 of %2 steps passed").arg(cleanupPassed).arg(cleanupSteps);
    md += QStringLiteral("\n\n");
    md += QStringLiteral("Environment: %1 · selection: %2 · run `%3`\n")
              .arg(text(run.environment.isEmpty() ? QStringLiteral("(none)") : run.environment),
                  text(run.selection.isEmpty() ? QStringLiteral("all") : run.selection), run.id);
    if (run.isPartial())
        md += QStringLiteral("\n**%1**: these are the results of the shards in so far.\n")
                  .arg(run.partialNote());
    else if (run.shardCount > 0)
        md += QStringLiteral("\nAll %1 shards are in.\n").arg(run.shardCount);

    // Failed and errored checks, in run order; skipped steps after them are not causes.
    QStringList problems;
    int problemCount = 0;
    for (const TestCaseSummary &s : summaries) {
        for (int i = 0; i < s.results.size(); ++i) {
            const CheckResult &r = s.results.at(i);
            if (r.status != ResultStatus::Fail && r.status != ResultStatus::Error)
                continue;
            if (++problemCount > kMaxListed)
                continue;
            const QString where = s.nodeName.isEmpty()
                ? text(s.title)
                : text(s.nodeName) + QStringLiteral(" / ") + text(s.title);
            problems << QStringLiteral("- %1 **%2**, %3: %4")
                            .arg(r.status == ResultStatus::Fail ? QStringLiteral("❌")
                                                                : QStringLiteral("⚠️"),
                                where, stepName(s, i), cause(r.message, false));
        }
    }
    if (problemCount > 0) {
        md += QStringLiteral("\n### Failed checks (%1)\n\n").arg(problemCount);
        md += problems.join(QLatin1Char('\n')) + QLatin1Char('\n');
        if (problemCount > kMaxListed)
            md += QStringLiteral("- … and %1 more\n").arg(problemCount - kMaxListed);
    }

    // One table per flow, in name order; test cases without a flow last.
    QMap<QString, QList<const TestCaseSummary *>> byFlow;
    QList<const TestCaseSummary *> noFlow;
    for (const TestCaseSummary &s : summaries)
        (s.flowName.isEmpty() ? noFlow : byFlow[s.flowName]).append(&s);
    auto table = [&](const QString &heading, const QList<const TestCaseSummary *> &cases) {
        int passed = 0;
        for (const TestCaseSummary *s : cases)
            passed += s->status == ResultStatus::Pass ? 1 : 0;
        md += QStringLiteral("\n### %1 — %2 of %3 test cases passed\n\n")
                  .arg(heading)
                  .arg(passed)
                  .arg(cases.size());
        md += QStringLiteral("| Status | Test case | Node | Checks | Duration | Cause |\n");
        md += QStringLiteral("|---|---|---|---:|---:|---|\n");
        for (const TestCaseSummary *s : cases)
            md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                      .arg(statusBadge(s->status), text(s->title), text(s->nodeName), checksCell(*s),
                          seconds(s->durationMs),
                          s->status == ResultStatus::Pass ? QString() : cause(s->firstProblem, true));
    };
    for (auto it = byFlow.cbegin(); it != byFlow.cend(); ++it)
        table(QStringLiteral("Flow %1").arg(text(it.key())), it.value());
    if (!noFlow.isEmpty())
        table(byFlow.isEmpty() ? QStringLiteral("Test cases") : QStringLiteral("Not in a flow"), noFlow);
    return md.toUtf8();
}

Status MarkdownSummary::write(
    const QString &path, const Project &project, const Run &run, const QList<CheckResult> &results)
{
    return writeOutput(path, toMarkdown(project, run, results));
}

} // namespace flowbench
