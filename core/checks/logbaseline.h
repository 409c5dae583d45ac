#pragma once

#include "checks/checktype.h"
#include "checks/logfile.h"

#include <QDateTime>
#include <QList>
#include <QRegularExpression>
#include <memory>

namespace flowbench {

// Where a log check starts reading one file.
struct LogSource
{
    QString label; // for a person: "/…/app.log.1 (/…/app.log when the run began)"
    QString path; // opened at scan time when `file` is null
    std::shared_ptr<LogFile> file; // held since the run began
    qint64 from = 0; // offset of the first new byte; -1: by the lines' own times
    bool gone = false; // rotated away and removed: nothing left to read
};

// The log files as they were when the run began, so that a log check counts exactly the
// lines written since, whatever rotation did meanwhile. The runner takes it once, before
// the first step runs:
//     context.logBaseline = std::make_shared<LogBaseline>(LogBaseline::take(checks, projectDir, variables));
// Each file matching a log check's pattern is recorded by identity (device + inode), size
// and first bytes, and kept open for the run:
//  - renamed away (app.log -> app.log.1): still read, from its size at run start to its end;
//  - a new file at the old name (or any new file a pattern matches): read from its start;
//  - truncated in place (copytruncate): read from its start after the truncation;
//  - the copy copytruncate made (app.log.1, a new file beginning with app.log's old
//    bytes): read only past app.log's size at run start;
//  - a file matched under two names (app.log* after a rename) is read once.
// A pattern with variables unknown at run start (captures) is recorded with "*" there.
class LogBaseline
{
public:
    static LogBaseline take(const QList<Check> &checks, const QString &projectDir,
        const VariableScope &variables = VariableScope());
    // Records the files matching one file pattern ("logs/app-*.log", relative to projectDir).
    void record(const QString &pattern, const QString &projectDir);

    // What a log check with `pattern` reads now. A file no recorded pattern covers gets
    // from = -1 (the baseline cannot tell; lines are judged by their times).
    QList<LogSource> sources(const QString &pattern, const QString &projectDir) const;
    // Held open at most this many files; past it, a file is found again by its identity.
    static constexpr int kMaxOpenFiles = 256;
    // First bytes kept to recognise a truncated file and a copy of it.
    static constexpr int kHeadBytes = 4096;

    QDateTime takenAt() const { return m_takenAt; }

    // Files matching a pattern now, sorted; the pattern may have wildcards in its file name.
    static QStringList matchingFiles(const QString &pattern, const QString &projectDir);
    static QString absolutePattern(const QString &pattern, const QString &projectDir);

private:
    struct Tracked
    {
        QString path; // at run start
        FileIdentity identity;
        qint64 size = 0;
        QByteArray head;
        std::shared_ptr<LogFile> file; // null past kMaxOpenFiles
    };
    bool covers(const QString &absolutePath) const;
    // Open on the tracked file wherever it is now; null when it is gone.
    std::shared_ptr<LogFile> reopen(const Tracked &tracked) const;
    // Truncated or rewritten since the run began.
    static bool rewritten(const Tracked &tracked, const LogFile &now);
    LogSource sourceOf(const Tracked &tracked) const;

    QList<Tracked> m_tracked;
    QList<QRegularExpression> m_covered;
    int m_open = 0;
    QDateTime m_takenAt = QDateTime::currentDateTimeUtc();
};

} // namespace flowbench
