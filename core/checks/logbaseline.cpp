#include "checks/logbaseline.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace flowbench {

namespace {

QRegularExpression patternRegex(const QString &absolutePattern)
{
    // Default conversion: '*' does not cross '/', like the file-name glob of matchingFiles.
    return QRegularExpression(QRegularExpression::wildcardToRegularExpression(absolutePattern));
}

} // namespace

QString LogBaseline::absolutePattern(const QString &pattern, const QString &projectDir)
{
    if (QDir::isAbsolutePath(pattern) || projectDir.isEmpty())
        return QDir::cleanPath(pattern);
    return QDir::cleanPath(QDir(projectDir).filePath(pattern));
}

QStringList LogBaseline::matchingFiles(const QString &pattern, const QString &projectDir)
{
    const QFileInfo info(absolutePattern(pattern, projectDir));
    const QDir dir = info.dir();
    QStringList files;
    const auto entries = dir.entryInfoList({ info.fileName() }, QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &entry : entries)
        files.append(entry.absoluteFilePath());
    return files;
}

void LogBaseline::record(const QString &pattern, const QString &projectDir)
{
    m_covered.append(patternRegex(absolutePattern(pattern, projectDir)));
    for (const QString &path : matchingFiles(pattern, projectDir)) {
        if (std::any_of(m_tracked.begin(), m_tracked.end(), [&](const Tracked &t) { return t.path == path; }))
            continue;
        Tracked tracked;
        tracked.path = path;
        std::shared_ptr<LogFile> file = LogFile::open(path, nullptr);
        if (!file)
            continue; // unreadable: the check says so when it runs
        tracked.identity = file->identity();
        tracked.size = file->size();
        tracked.head = file->read(0, qMin<qint64>(tracked.size, kHeadBytes));
        if (m_open < kMaxOpenFiles) {
            tracked.file = file;
            ++m_open;
        }
        m_tracked.append(tracked);
    }
}

LogBaseline LogBaseline::take(
    const QList<Check> &checks, const QString &projectDir, const VariableScope &variables)
{
    LogBaseline baseline;
    static const QRegularExpression unknown(QStringLiteral(R"(\{\{[^{}]*\}\})"));
    for (const Check &check : checks) {
        if (check.type != QLatin1String("log"))
            continue;
        QString pattern = check.spec.value(QLatin1String("file")).toString();
        const auto known = variables.interpolate(pattern);
        pattern = known ? *known : QString(pattern).replace(unknown, QStringLiteral("*"));
        if (!pattern.trimmed().isEmpty())
            baseline.record(pattern, projectDir);
    }
    return baseline;
}

bool LogBaseline::covers(const QString &absolutePath) const
{
    return std::any_of(m_covered.begin(), m_covered.end(),
        [&](const QRegularExpression &re) { return re.match(absolutePath).hasMatch(); });
}

std::shared_ptr<LogFile> LogBaseline::reopen(const Tracked &tracked) const
{
    if (tracked.file)
        return tracked.file;
    // Not held open (too many files): under its old name, or renamed within its folder.
    QStringList candidates { tracked.path };
    const QFileInfo info(tracked.path);
    for (const QFileInfo &entry : info.dir().entryInfoList(QDir::Files, QDir::Name))
        candidates << entry.absoluteFilePath();
    for (const QString &path : std::as_const(candidates))
        if (identityOf(path) == tracked.identity)
            if (auto file = LogFile::open(path, nullptr); file && file->identity() == tracked.identity)
                return file;
    return nullptr;
}

bool LogBaseline::rewritten(const Tracked &tracked, const LogFile &now)
{
    if (now.size() < tracked.size)
        return true;
    return tracked.size > 0 && now.read(0, tracked.head.size()) != tracked.head;
}

LogSource LogBaseline::sourceOf(const Tracked &tracked) const
{
    LogSource source;
    source.file = reopen(tracked);
    source.path = tracked.path;
    if (!source.file) {
        // Rotated away and removed (e.g. compressed) before the check read it.
        source.label
            = QStringLiteral("%1 (gone since the run began: its new lines cannot be read)").arg(tracked.path);
        source.gone = true;
        return source;
    }
    const QString now = source.file->currentPath();
    source.label = now == tracked.path ? now
        : now.isEmpty()                ? QStringLiteral("%1 (removed since the run began)").arg(tracked.path)
                                       : QStringLiteral("%1 (%2 when the run began)").arg(now, tracked.path);
    source.from = rewritten(tracked, *source.file) ? 0 : tracked.size;
    return source;
}

QList<LogSource> LogBaseline::sources(const QString &pattern, const QString &projectDir) const
{
    QList<LogSource> sources;
    QSet<FileIdentity> seen;
    const QRegularExpression re = patternRegex(absolutePattern(pattern, projectDir));
    // Files that were there when the run began, wherever rotation moved them.
    for (const Tracked &tracked : m_tracked) {
        if (!re.match(tracked.path).hasMatch())
            continue;
        seen.insert(tracked.identity);
        sources.append(sourceOf(tracked));
    }
    // Files there now.
    for (const QString &path : matchingFiles(pattern, projectDir)) {
        const std::optional<FileIdentity> identity = identityOf(path);
        if (!identity || seen.contains(*identity))
            continue;
        seen.insert(*identity);
        const auto tracked = std::find_if(
            m_tracked.begin(), m_tracked.end(), [&](const Tracked &t) { return t.identity == *identity; });
        if (tracked != m_tracked.end()) {
            sources.append(sourceOf(*tracked)); // renamed to a name this pattern matches
            continue;
        }
        LogSource source;
        source.label = source.path = path;
        if (!covers(path)) {
            source.from = -1;
            sources.append(source);
            continue;
        }
        // New since the run began: from its start, unless it is the copy that copytruncate
        // made of a file truncated since (it begins with that file's old bytes).
        source.file = LogFile::open(path, nullptr);
        if (source.file) {
            for (const Tracked &original : m_tracked) {
                if (original.size == 0)
                    continue;
                const std::shared_ptr<LogFile> now = reopen(original);
                if (now && rewritten(original, *now) && source.file->size() >= original.size
                    && source.file->read(0, original.head.size()) == original.head) {
                    source.from = original.size;
                    source.label
                        = QStringLiteral("%1 (a copy of %2 made during the run)").arg(path, original.path);
                    break;
                }
            }
        }
        sources.append(source);
    }
    return sources;
}

} // namespace flowbench
