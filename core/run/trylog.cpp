#include "run/trylog.h"

namespace flowbench {

namespace {
constexpr int kFirst = 3;
constexpr int kLast = 6;
constexpr int kLineChars = 160; // what a try said, cut: the last try's evidence has the rest

QString at(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1);
}
} // namespace

void TryLog::note(int attempt, qint64 startedMs, ResultStatus status, const QString &message)
{
    QString line = message.section(QLatin1Char('\n'), 0, 0);
    if (line.size() > kLineChars)
        line = line.left(kLineChars - 1) + QStringLiteral("…");
    m_lines
        << QStringLiteral("  try %1 at %2 s: %3: %4").arg(attempt).arg(at(startedMs), toString(status), line);
}

void TryLog::noteStopped(int attempt, qint64 startedMs)
{
    m_lines << QStringLiteral("  try %1 at %2 s: stopped at the bound").arg(attempt).arg(at(startedMs));
}

QString TryLog::above(const QString &evidence) const
{
    if (m_lines.isEmpty())
        return evidence;
    QStringList shown = m_lines;
    if (m_lines.size() > kFirst + kLast + 1)
        shown = m_lines.mid(0, kFirst)
            + QStringList { QStringLiteral("  … %1 more tries …").arg(m_lines.size() - kFirst - kLast) }
            + m_lines.mid(m_lines.size() - kLast);
    return QStringLiteral("Tries:\n") + shown.join(QLatin1Char('\n'))
        + (evidence.isEmpty() ? QString() : QStringLiteral("\n\n") + evidence);
}

} // namespace flowbench
