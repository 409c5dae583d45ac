#include "support/specialfiles.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace flowbench::testing {

namespace {

QString lastError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// Sets or clears FS_IMMUTABLE_FL on an open file or folder.
bool setImmutable(const QString &path, bool on, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error = lastError();
        return false;
    }
    int flags = 0;
    bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    if (!ok)
        *error
            = QStringLiteral("cannot set the immutable attribute (as chattr +i does): %1").arg(lastError());
    ::close(fd);
    return ok;
}

} // namespace

QString makeNullDevice(const QString &path)
{
    if (::geteuid() != 0)
        return QStringLiteral("making a device node (mknod) needs root");
    if (::mknod(QFile::encodeName(path).constData(), S_IFCHR | 0666, makedev(1, 3)) != 0)
        return QStringLiteral("mknod %1 c 1 3: %2").arg(path, lastError());
    return QString();
}

QString makeFifo(const QString &path)
{
    if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
        return QStringLiteral("mkfifo %1: %2").arg(path, lastError());
    return QString();
}

FifoReader::FifoReader(const QString &path) : m_path(path)
{
    // A handle on the FIFO itself, so that the destructor reaches it even after the code
    // under test replaced the name with a regular file.
    m_handle = ::open(QFile::encodeName(path).constData(), O_PATH | O_CLOEXEC);
    m_data = std::async(std::launch::async, [path] {
        QByteArray data;
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return QByteArray("(cannot open the FIFO)");
        char buffer[4096];
        ssize_t n;
        while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
            data.append(buffer, n);
        ::close(fd);
        return data;
    });
}

FifoReader::~FifoReader()
{
    if (!m_data.valid()) {
        if (m_handle >= 0)
            ::close(m_handle);
        return;
    }
    if (m_data.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        // Still waiting for a writer: be one, with nothing to say, so the reader ends.
        const QByteArray same = "/proc/self/fd/" + QByteArray::number(m_handle);
        const int fd = ::open(m_handle >= 0 ? same.constData() : QFile::encodeName(m_path).constData(),
                              O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            ::close(fd);
    }
    m_data.wait();
    if (m_handle >= 0)
        ::close(m_handle);
}

QByteArray FifoReader::result(int timeoutMs)
{
    if (!m_data.valid())
        return QByteArray("(already taken)");
    if (m_data.wait_for(std::chrono::milliseconds(timeoutMs)) != std::future_status::ready)
        return QByteArray("(no writer within ") + QByteArray::number(timeoutMs) + " ms)";
    return m_data.get();
}

QString fileKind(const QString &path)
{
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return QStringLiteral("missing");
    if (S_ISCHR(st.st_mode))
        return QStringLiteral("character device %1:%2").arg(major(st.st_rdev)).arg(minor(st.st_rdev));
    if (S_ISBLK(st.st_mode))
        return QStringLiteral("block device");
    if (S_ISFIFO(st.st_mode))
        return QStringLiteral("FIFO");
    if (S_ISLNK(st.st_mode))
        return QStringLiteral("symbolic link");
    if (S_ISDIR(st.st_mode))
        return QStringLiteral("folder");
    if (S_ISSOCK(st.st_mode))
        return QStringLiteral("socket");
    return QStringLiteral("regular file");
}

ReadOnlyMark::ReadOnlyMark(const QString &path)
    : m_path(path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        m_error = QStringLiteral("%1: %2").arg(path, lastError());
        return;
    }
    m_mode = st.st_mode & 07777;
    if (::geteuid() == 0) {
        QString error;
        if (!setImmutable(path, true, &error))
            m_error = QStringLiteral("%1: %2").arg(path, error);
        else
            m_immutable = true;
        return;
    }
    if (::chmod(QFile::encodeName(path).constData(), m_mode & ~0222) != 0)
        m_error = QStringLiteral("chmod a-w %1: %2").arg(path, lastError());
}

ReadOnlyMark::~ReadOnlyMark()
{
    if (!m_error.isEmpty())
        return;
    QString error;
    if (m_immutable)
        setImmutable(m_path, false, &error);
    else
        ::chmod(QFile::encodeName(m_path).constData(), m_mode);
}

} // namespace flowbench::testing
