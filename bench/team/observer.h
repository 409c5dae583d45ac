#pragma once

#include "document/projectdocument.h"
#include "document/storewatcher.h"

#include <QHash>
#include <memory>

namespace flowbench::bench {

// A client that only watches, the way a window does: its StoreWatcher hears NOTIFY and
// the document takes in what they named (syncWithOthers). Every value a sync brings in is
// stamped with the time it arrived, keyed as Ack::seenKey (the first time only). The
// watcher's poll is switched off, so only the live path counts.
class Observer : public QObject
{
    Q_OBJECT
public:
    // `scanSync`: syncWithStore (a scan) instead of syncWithOthers (the rows others named).
    Observer(std::unique_ptr<ProjectDocument> document, bool scanSync);

    const QHash<QString, qint64> &seen() const { return m_seen; }
    int syncs() const { return m_syncs; }
    qint64 lastSyncNs() const { return m_lastSyncNs; }
    QString error() const { return m_error; }
    // What one look costs with nothing new: a scan of ids and revisions, or the whole
    // project read again and compared with --whole-sync (milliseconds, the median of `times`).
    double idleSyncMs(int times);

private:
    void sync();
    void see(const QString &key, qint64 at);

    std::unique_ptr<ProjectDocument> m_document;
    bool m_scanSync = false;
    std::unique_ptr<StoreWatcher> m_watcher;
    QHash<QString, qint64> m_seen;
    int m_syncs = 0;
    qint64 m_lastSyncNs = 0;
    QString m_error;
};

} // namespace flowbench::bench
