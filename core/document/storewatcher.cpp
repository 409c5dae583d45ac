#include "document/storewatcher.h"

#include "document/projectdocument.h"

#include <QFileInfo>

#if defined(Q_OS_UNIX)
#include <sys/stat.h>
#endif

namespace flowbench {

StoreWatcher::StoreWatcher(ProjectDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_path(document->filePath())
    , m_shared(document->location().isShared())
{
    m_identity = m_shared ? QString() : fileIdentity();
    if (const Result<qint64> v = document->storeVersion())
        m_version = *v;
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(100); // a commit writes the -wal several times
    connect(&m_debounce, &QTimer::timeout, this, &StoreWatcher::check);
    m_poll.setInterval(1500);
    connect(&m_poll, &QTimer::timeout, this, &StoreWatcher::check);
    m_poll.start();
    m_notified.setSingleShot(true);
    m_notified.setInterval(0);
    connect(&m_notified, &QTimer::timeout, this, &StoreWatcher::check);
    connect(document, &ProjectDocument::othersCommitted, &m_notified, qOverload<>(&QTimer::start));
    if (m_shared)
        return; // no file to watch
    connect(&m_files, &QFileSystemWatcher::fileChanged, this, [this] {
        m_debounce.start();
        watch(); // a replaced file drops out of the watcher
    });
    connect(&m_files, &QFileSystemWatcher::directoryChanged, this, [this] {
        m_debounce.start();
        watch(); // the -wal appears and goes
    });
    watch();
}

void StoreWatcher::setPollInterval(int ms)
{
    m_poll.setInterval(ms);
}

void StoreWatcher::watch()
{
    const QStringList wanted { m_path, m_path + QStringLiteral("-wal"), QFileInfo(m_path).absolutePath() };
    for (const QString &p : wanted)
        if (QFileInfo::exists(p) && !m_files.files().contains(p) && !m_files.directories().contains(p))
            m_files.addPath(p);
}

QString StoreWatcher::fileIdentity() const
{
#if defined(Q_OS_UNIX)
    struct stat st;
    if (::stat(QFile::encodeName(m_path).constData(), &st) != 0)
        return QString();
    return QStringLiteral("%1:%2").arg(st.st_dev).arg(st.st_ino);
#else
    return QFileInfo(m_path).birthTime().toString(Qt::ISODateWithMs);
#endif
}

QStringList StoreWatcher::setAsideStaleJournal(const QString &path)
{
    const QFileInfo file(path);
    const QFileInfo wal(path + QStringLiteral("-wal"));
    if (!file.exists() || !wal.exists() || wal.lastModified() > file.lastModified())
        return {};
    QStringList moved;
    for (const QString &suffix : { QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        const QString from = path + suffix;
        const QString to = from + QStringLiteral(".replaced");
        QFile::remove(to);
        if (QFile::exists(from) && QFile::rename(from, to))
            moved << to;
    }
    return moved;
}

void StoreWatcher::check()
{
    if (!m_document)
        return;
    // A shared project is a URL: there is no file to be replaced under its name.
    if (!m_shared) {
        const QString identity = fileIdentity();
        if (identity.isEmpty())
            return; // gone for now (a checkout writes it anew): look again later
        if (identity != m_identity) {
            m_identity = identity;
            emit replaced();
            return;
        }
    }
    const Result<qint64> version = m_document->storeVersion();
    if (!version || *version == m_version)
        return;
    m_version = *version;
    emit changedUnderneath();
}

} // namespace flowbench
