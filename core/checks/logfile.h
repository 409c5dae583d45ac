#pragma once

#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <memory>
#include <optional>

namespace flowbench {

// Which file a path names: the same after a rename (log rotation), another one when a new
// file takes the old name.
struct FileIdentity
{
    quint64 device = 0;
    quint64 inode = 0;
    bool operator==(const FileIdentity &o) const { return device == o.device && inode == o.inode; }
    bool operator!=(const FileIdentity &o) const { return !(*this == o); }
};

inline size_t qHash(const FileIdentity &id, size_t seed = 0)
{
    return qHashMulti(seed, id.device, id.inode);
}

// The identity of the file at `path` now; nullopt when there is none.
std::optional<FileIdentity> identityOf(const QString &path);

// An open log file, read by position: it stays the same file when it is renamed or
// removed, and concurrent scans on several threads share it (reads do not move an
// offset). Owns the descriptor.
class LogFile
{
public:
    static std::shared_ptr<LogFile> open(const QString &path, QString *error);
    ~LogFile();
    LogFile(const LogFile &) = delete;
    LogFile &operator=(const LogFile &) = delete;

    FileIdentity identity() const { return m_identity; }
    QString openedAs() const { return m_path; }
    // Where the file is now ("…/app.log.1" after a rotation); empty when it was removed.
    QString currentPath() const;
    qint64 size() const; // -1 on error
    // Up to `max` bytes from `offset`; fewer at the end of the file.
    QByteArray read(qint64 offset, qint64 max) const;

private:
    LogFile(int fd, const QString &path, FileIdentity identity)
        : m_fd(fd)
        , m_path(path)
        , m_identity(identity)
    {
    }
    int m_fd;
    QString m_path;
    FileIdentity m_identity;
};

} // namespace flowbench
