#include "checks/logfile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flowbench {

std::optional<FileIdentity> identityOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return FileIdentity { quint64(st.st_dev), quint64(st.st_ino) };
}

std::shared_ptr<LogFile> LogFile::open(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        if (error)
            *error = QStringLiteral("cannot read %1: not a regular file").arg(path);
        return nullptr;
    }
    return std::shared_ptr<LogFile>(
        new LogFile(fd, path, FileIdentity { quint64(st.st_dev), quint64(st.st_ino) }));
}

LogFile::~LogFile()
{
    ::close(m_fd);
}

QString LogFile::currentPath() const
{
    // Linux names an open file's current path here; elsewhere, check the old name.
    const QString target = QFileInfo(QStringLiteral("/proc/self/fd/%1").arg(m_fd)).symLinkTarget();
    if (!target.isEmpty())
        return target.endsWith(QLatin1String(" (deleted)")) ? QString() : target;
    return identityOf(m_path) == m_identity ? m_path : QString();
}

qint64 LogFile::size() const
{
    struct stat st;
    return ::fstat(m_fd, &st) == 0 ? qint64(st.st_size) : -1;
}

QByteArray LogFile::read(qint64 offset, qint64 max) const
{
    QByteArray bytes(int(qMax<qint64>(0, max)), Qt::Uninitialized);
    qint64 got = 0;
    while (got < max) {
        const ssize_t n = ::pread(m_fd, bytes.data() + got, size_t(max - got), off_t(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += n;
    }
    bytes.truncate(int(got));
    return bytes;
}

} // namespace flowbench
