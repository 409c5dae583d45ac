#pragma once

#include "model/run.h"

#include <QStringList>

namespace flowbench {

// What each try of an `eventually` step that did not pass said, shown above the last
// try's own evidence: a reader sees whether the system was moving (a count going up) or
// stuck. A long poll keeps its first and last tries.
class TryLog
{
public:
    void note(int attempt, qint64 startedMs, ResultStatus status, const QString &message);
    void noteStopped(int attempt, qint64 startedMs); // cut off at eventually's bound
    QString above(const QString &evidence) const;
    void clear() { m_lines.clear(); }
    bool isEmpty() const { return m_lines.isEmpty(); }

private:
    QStringList m_lines;
};

} // namespace flowbench
