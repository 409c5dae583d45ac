#include "checks/logbaseline.h"

#include <QDir>
#include <QFileInfo>

namespace flowbench {

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
    const auto entries = dir.entryInfoList({info.fileName()}, QDir::Files | QDir::Readable, QDir::Name);
    for (const QFileInfo &entry : entries)
        files.append(entry.absoluteFilePath());
    return files;
}

void LogBaseline::record(const QString &pattern, const QString &projectDir)
{
    const QString absolute = absolutePattern(pattern, projectDir);
    // Default conversion: '*' does not cross '/', like the file-name glob below.
    m_covered.append(QRegularExpression(QRegularExpression::wildcardToRegularExpression(absolute)));
    for (const QString &file : matchingFiles(pattern, projectDir))
        m_sizes.insert(file, QFileInfo(file).size());
}

LogBaseline LogBaseline::take(const QList<Check> &checks, const QString &projectDir, const VariableScope &variables)
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

std::optional<qint64> LogBaseline::offset(const QString &absolutePath) const
{
    const auto it = m_sizes.constFind(absolutePath);
    const qint64 size = QFileInfo(absolutePath).size();
    if (it != m_sizes.constEnd())
        return size < it.value() ? 0 : it.value();
    for (const QRegularExpression &re : m_covered)
        if (re.match(absolutePath).hasMatch())
            return 0; // created after the run began
    return std::nullopt;
}

} // namespace flowbench
