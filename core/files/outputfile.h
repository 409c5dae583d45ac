#pragma once

#include "result.h"

#include <QByteArray>
#include <QIODevice>
#include <QString>

namespace flowbench {

// Where every report and export goes (`-o`, `--junit`, `--json`, and each new exporter):
// - "-" (or /dev/stdout, /dev/stderr, /dev/fd/N): that descriptor, written as it is;
// - a regular file, or a path that does not exist yet: written under a temporary name in
//   the same folder and renamed over the target only when complete, so readers see the
//   old file or the new one, never half of one (a symbolic link to a regular file is
//   followed, and the link stays);
// - an existing character or block device or FIFO (/dev/stdout, a pipe, /dev/null):
//   written in place, never replaced by a regular file;
// - a folder, a socket or a link to nothing: refused.
// Errors name the file and the cause; a full disk (ENOSPC, EDQUOT) says "disk full".
//
// Streaming: open(), write() as often as needed (or hand the device to QXmlStreamWriter,
// QTextStream, QPdfWriter...), then commit(). Destroyed without commit(), a temporary file
// is removed and the target is left as it was.
class OutputFile : public QIODevice
{
    Q_OBJECT
public:
    enum class Mode { StandardOutput, ReplaceFile, InPlace };

    explicit OutputFile(QString path, QObject *parent = nullptr);
    ~OutputFile() override;

    // Decides the mode and opens; the error names the file. WriteOnly is the only mode.
    Status openOutput();
    bool open(OpenMode mode) override;
    // Flushes, syncs and renames into place (ReplaceFile); the first write error if any.
    Status commit();
    // The first error so far (also from write()), or success.
    Status status() const { return m_status; }

    QString path() const { return m_path; }
    Mode mode() const { return m_mode; }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    Status fail(const QString &what, int error);
    void discard();

    QString m_path;
    QString m_target; // the file renamed over (symbolic links resolved)
    QString m_temporary;
    Mode m_mode = Mode::ReplaceFile;
    int m_fd = -1;
    unsigned m_permissions = 0; // of the replaced file, kept on the new one
    bool m_keepPermissions = false;
    Status m_status;
};

// The whole of `bytes` to `path` through an OutputFile.
Status writeOutput(const QString &path, const QByteArray &bytes);

// What is at `path` if it is not a regular file and cannot hold a project database:
// "a folder", "a character device", "a block device", "a FIFO", "a socket"; empty for
// a regular file, a link to one, or nothing at all.
QString specialFileKind(const QString &path);

// "disk full (No space left on device)" for ENOSPC and EDQUOT, else strerror(error).
QString describeWriteError(int error);

} // namespace flowbench
