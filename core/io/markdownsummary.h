#pragma once

#include "model/project.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace flowbench {

// A run as the short Markdown that CI systems show on a job page (GitHub's
// $GITHUB_STEP_SUMMARY, GitLab and Azure summaries): a headline with the counts, the
// failed and errored checks with a one-line cause each, then one table per flow (test
// cases without a flow last). Link-free: causes sit in code spans, so URLs in messages
// are not turned into links, and nothing points outside the page. Deterministic for a
// given run (golden file tests/data/summary/).
class MarkdownSummary
{
public:
    // More failed checks than this are counted, not listed: job pages cap a summary's size.
    static constexpr int kMaxListed = 50;

    static QByteArray toMarkdown(const Project &project, const Run &run, const QList<CheckResult> &results);
    // Through an OutputFile ('-' is standard output); the error names the file.
    static Status write(
        const QString &path, const Project &project, const Run &run, const QList<CheckResult> &results);
};

} // namespace flowbench
