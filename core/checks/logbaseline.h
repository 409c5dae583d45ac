#pragma once

#include "checks/checktype.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <optional>

namespace flowbench {

// Where each log file ended when the run began, so a log check counts only lines written
// since then. The runner takes it once, before the first step runs:
//     context.logBaseline = std::make_shared<LogBaseline>(LogBaseline::take(checks, projectDir, variables));
// A file that did not exist then (but matches a recorded pattern) is new: read from 0.
// A file that shrank since (rotated or truncated) is read from 0 too.
class LogBaseline
{
public:
    // Records the size of every file the log checks among `checks` may read. Variables
    // not known yet (captures of earlier steps) count as "*" so every candidate is covered.
    static LogBaseline take(const QList<Check> &checks, const QString &projectDir,
                            const VariableScope &variables = VariableScope());
    // Records the files matching one file pattern ("logs/app-*.log", relative to projectDir).
    void record(const QString &pattern, const QString &projectDir);

    // The offset where new lines start; nullopt when the file is not covered by any
    // recorded pattern (the baseline cannot tell).
    std::optional<qint64> offset(const QString &absolutePath) const;
    QDateTime takenAt() const { return m_takenAt; }

    // Files matching a pattern now, sorted; the pattern may have wildcards in its file name.
    static QStringList matchingFiles(const QString &pattern, const QString &projectDir);
    static QString absolutePattern(const QString &pattern, const QString &projectDir);

private:
    QHash<QString, qint64> m_sizes;
    QList<QRegularExpression> m_covered;
    QDateTime m_takenAt = QDateTime::currentDateTimeUtc();
};

} // namespace flowbench
