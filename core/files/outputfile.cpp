#include "files/outputfile.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flowbench {

namespace {

QByteArray encoded(const QString &path)
{
    return QFile::encodeName(path);
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QString();
}

bool writtenInPlace(mode_t mode)
{
    return S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode);
}

// A name no other writer uses, beside the target (rename(2) works within one file system).
// Created 0666 less the umask, as a plain open would.
int createTemporary(const QString &target, QString *name)
{
    static QAtomicInteger<quint32> serial;
    const QFileInfo info(target);
    for (int attempt = 0; attempt < 100; ++attempt) {
        *name = info.absoluteDir().filePath(
            QStringLiteral(".%1.%2-%3-%4.partial")
                .arg(info.fileName())
                .arg(QCoreApplication::applicationPid())
                .arg(serial.fetchAndAddRelaxed(1))
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
        const int fd = ::open(encoded(*name).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

// "-", /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N name a descriptor this
// process was given: written as it is, as the shell does, whatever it leads to (a file
// opened for appending stays so; nothing is renamed over the file behind it).
int inheritedDescriptor(const QString &path)
{
    if (path == QLatin1String("-") || path == QLatin1String("/dev/stdout"))
        return STDOUT_FILENO;
    if (path == QLatin1String("/dev/stderr"))
        return STDERR_FILENO;
    for (const QLatin1String prefix : { QLatin1String("/dev/fd/"), QLatin1String("/proc/self/fd/") }) {
        if (!path.startsWith(prefix))
            continue;
        bool ok = false;
        const int fd = path.mid(prefix.size()).toInt(&ok);
        if (ok && fd >= 0)
            return fd;
    }
    return -1;
}

} // namespace

QString describeWriteError(int error)
{
    const QString text = QString::fromLocal8Bit(std::strerror(error));
    if (error == ENOSPC || error == EDQUOT)
        return QStringLiteral("disk full (%1)").arg(text);
    return text;
}

QString specialFileKind(const QString &path)
{
    struct stat st;
    if (::stat(encoded(path).constData(), &st) != 0)
        return QString();
    return kindOf(st.st_mode);
}

OutputFile::OutputFile(QString path, QObject *parent)
    : QIODevice(parent)
    , m_path(std::move(path))
{
}

OutputFile::~OutputFile()
{
    discard();
}

Status OutputFile::fail(const QString &what, int error)
{
    if (m_status.ok()) {
        QString message = QStringLiteral("%1: %2: %3").arg(m_path, what, describeWriteError(error));
        if (m_mode == Mode::ReplaceFile && m_keepPermissions)
            message += QStringLiteral("; the old file was left as it was");
        m_status = Status::failure(message);
        setErrorString(m_status.error());
    }
    return m_status;
}

void OutputFile::discard()
{
    if (m_fd >= 0 && m_mode != Mode::StandardOutput)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temporary.isEmpty())
        ::unlink(encoded(m_temporary).constData());
    m_temporary.clear();
    if (isOpen())
        QIODevice::close();
}

bool OutputFile::open(OpenMode mode)
{
    if ((mode & ReadOnly) || !(mode & WriteOnly)) {
        m_status
            = Status::failure(QStringLiteral("%1: an output file is opened for writing only").arg(m_path));
        setErrorString(m_status.error());
        return false;
    }
    return openOutput().ok();
}

Status OutputFile::openOutput()
{
    auto refuse = [this](const QString &message) {
        m_status = Status::failure(QStringLiteral("%1: %2").arg(m_path, message));
        setErrorString(m_status.error());
        return m_status;
    };
    if (isOpen())
        return refuse(QStringLiteral("is already open"));
    m_status = success();
    if (m_path.isEmpty())
        return refuse(QStringLiteral("no file name given"));

    if (const int fd = inheritedDescriptor(m_path); fd >= 0) {
        if (::fcntl(fd, F_GETFD) < 0)
            return refuse(QStringLiteral("names file descriptor %1, which is not open").arg(fd));
        std::fflush(stdout); // what the program printed before comes first
        std::fflush(stderr);
        m_mode = Mode::StandardOutput;
        m_fd = fd;
        QIODevice::open(WriteOnly | Unbuffered);
        return success();
    }

    m_target = m_path;
    struct stat st;
    if (::lstat(encoded(m_path).constData(), &st) != 0) {
        if (errno != ENOENT)
            return fail(QStringLiteral("cannot inspect it"), errno);
        const QFileInfo info(m_path);
        if (!info.absoluteDir().exists())
            return refuse(QStringLiteral("the folder %1 does not exist").arg(info.absolutePath()));
        m_mode = Mode::ReplaceFile;
        m_keepPermissions = false;
    } else {
        if (S_ISLNK(st.st_mode)) {
            const QString linked = QFileInfo(m_path).symLinkTarget();
            if (::stat(encoded(m_path).constData(), &st) != 0)
                return refuse(QStringLiteral("is a symbolic link to %1, which cannot be reached (%2)")
                                  .arg(linked, QString::fromLocal8Bit(std::strerror(errno))));
            if (S_ISREG(st.st_mode))
                m_target = QFileInfo(m_path).canonicalFilePath(); // replace the file, keep the link
        }
        if (S_ISDIR(st.st_mode))
            return refuse(QStringLiteral("is a folder; name a file to write"));
        if (S_ISSOCK(st.st_mode))
            return refuse(QStringLiteral("is a socket; name a file, a FIFO or a device to write"));
        if (writtenInPlace(st.st_mode)) {
            m_mode = Mode::InPlace;
        } else if (S_ISREG(st.st_mode)) {
            // A file this user may not write is not replaced behind its back (rename(2)
            // would allow it wherever the folder is writable).
            if (::access(encoded(m_target).constData(), W_OK) != 0)
                return fail(QStringLiteral("cannot write"), errno);
            m_mode = Mode::ReplaceFile;
            m_keepPermissions = true;
            m_permissions = st.st_mode & 07777;
        } else {
            return refuse(QStringLiteral("is not a file, a FIFO or a device; nothing was written"));
        }
    }

    if (m_mode == Mode::InPlace) {
        // No O_TRUNC and no O_CREAT: a device or FIFO is written, never replaced. Opening
        // a FIFO waits for its reader, as the shell's `> fifo` does.
        m_fd = ::open(encoded(m_path).constData(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (m_fd < 0)
            return fail(QStringLiteral("cannot open it for writing"), errno);
        struct stat opened;
        if (::fstat(m_fd, &opened) != 0 || !writtenInPlace(opened.st_mode)) {
            ::close(m_fd);
            m_fd = -1;
            return refuse(QStringLiteral("was replaced while it was being opened; nothing was written"));
        }
    } else {
        m_fd = createTemporary(m_target, &m_temporary);
        if (m_fd < 0) {
            const int error = errno;
            m_temporary.clear();
            return fail(QStringLiteral("cannot create a temporary file in %1 to write it whole")
                            .arg(QFileInfo(m_target).absolutePath()),
                error);
        }
        if (m_keepPermissions && ::fchmod(m_fd, m_permissions) != 0) {
            const int error = errno;
            discard();
            return fail(QStringLiteral("cannot give the new file the permissions of the old one"), error);
        }
    }
    QIODevice::open(WriteOnly | Unbuffered);
    return success();
}

qint64 OutputFile::readData(char *, qint64)
{
    return -1;
}

qint64 OutputFile::writeData(const char *data, qint64 size)
{
    if (!m_status || m_fd < 0)
        return -1;
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::write(m_fd, data + done, size_t(size - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail(QStringLiteral("cannot write"), errno);
            return -1;
        }
        done += n;
    }
    return done;
}

Status OutputFile::commit()
{
    if (!isOpen() && m_status)
        return Status::failure(QStringLiteral("%1: was not opened").arg(m_path));
    if (!m_status) {
        discard();
        return m_status;
    }
    switch (m_mode) {
    case Mode::StandardOutput:
        break;
    case Mode::InPlace: {
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0 && errno != EINTR)
            fail(QStringLiteral("cannot finish writing"), errno);
        break;
    }
    case Mode::ReplaceFile: {
        // On disk before it is renamed into place: a crash leaves the old file or the new
        // one, and a full disk shows here at the latest (some file systems report late).
        if (::fsync(m_fd) != 0) {
            fail(QStringLiteral("cannot write"), errno);
            break;
        }
        const int fd = m_fd;
        m_fd = -1;
        if (::close(fd) != 0 && errno != EINTR) {
            fail(QStringLiteral("cannot write"), errno);
            break;
        }
        if (::rename(encoded(m_temporary).constData(), encoded(m_target).constData()) != 0) {
            fail(QStringLiteral("cannot move the new file into place"), errno);
            break;
        }
        m_temporary.clear();
        const int folder = ::open(
            encoded(QFileInfo(m_target).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (folder >= 0) {
            ::fsync(folder); // the rename itself; best effort
            ::close(folder);
        }
        break;
    }
    }
    discard();
    return m_status;
}

Status writeOutput(const QString &path, const QByteArray &bytes)
{
    OutputFile file(path);
    if (Status s = file.openOutput(); !s)
        return s;
    file.write(bytes);
    return file.commit();
}

} // namespace flowbench
