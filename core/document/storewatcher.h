#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace flowbench {

class ProjectDocument;

// Notices that the open project changed under the document: another window, flowbench-cli
// or git wrote the file. A file watcher on the project file and its -wal says "look now"
// (debounced); a timer polls as well, for file systems that do not report changes. What
// it looks at is SQLite's data_version (ProjectDocument::storeVersion): it moves only for
// other writers' commits, so the document's own edits never trigger it. A file replaced
// under its name (git checkout, a copy over it) keeps the old inode open, so the identity
// of the file is compared too. A shared project on PostgreSQL has no file: its version
// counts other clients' commits announced by NOTIFY (ProjectStore::dataVersion), and each
// announcement (ProjectDocument::othersCommitted) makes it look at once.
class StoreWatcher : public QObject
{
    Q_OBJECT
public:
    explicit StoreWatcher(ProjectDocument *document, QObject *parent = nullptr);

    void setPollInterval(int ms); // default 1500
    // Looks now (the watcher and the timer call this).
    void check();

    // After replaced(), once the old store is closed and before the file is opened again:
    // SQLite does not check or clear the -wal of a file that moved under an open
    // connection, and would replay the old file's last edits onto the new one. A -wal (and
    // -shm) older than the file is the old file's: it is renamed to "…-wal.replaced", not
    // deleted. Returns the names it set aside.
    static QStringList setAsideStaleJournal(const QString &path);

signals:
    // Another writer committed to the same file: sync the document (syncWithStore).
    void changedUnderneath();
    // The file at the path is another file now (or gone and back): reopen it.
    void replaced();

private:
    void watch();
    QString fileIdentity() const;

    QPointer<ProjectDocument> m_document;
    QString m_path;
    QString m_identity;
    qint64 m_version = -1;
    QFileSystemWatcher m_files;
    QTimer m_debounce;
    QTimer m_poll;
    QTimer m_notified; // 0 ms: a burst of notifications is one look
    bool m_shared = false;
};

} // namespace flowbench
