#include "team/observer.h"

#include "model/projectchangeset.h"
#include "team/ledger.h"

#include <algorithm>

namespace flowbench::bench {

Observer::Observer(std::unique_ptr<ProjectDocument> document, bool scanSync)
    : m_document(std::move(document))
    , m_scanSync(scanSync)
    , m_watcher(std::make_unique<StoreWatcher>(m_document.get()))
{
    m_watcher->setPollInterval(24 * 60 * 60 * 1000);
    connect(m_watcher.get(), &StoreWatcher::changedUnderneath, this, &Observer::sync);
}

double Observer::idleSyncMs(int times)
{
    QList<qint64> ns;
    for (int i = 0; i < times; ++i) {
        const qint64 start = nowNs();
        if (!m_document->syncWithStore())
            return -1;
        ns << nowNs() - start;
    }
    std::sort(ns.begin(), ns.end());
    return ns.isEmpty() ? -1 : ns.at(ns.size() / 2) / 1e6;
}

void Observer::see(const QString &key, qint64 at)
{
    if (!m_seen.contains(key))
        m_seen.insert(key, at);
}

void Observer::sync()
{
    ProjectChangeSet changes;
    if (Status s = m_scanSync ? m_document->syncWithStore(&changes) : m_document->syncWithOthers(&changes); !s) {
        m_error = s.error();
        return;
    }
    // The document holds the values now (views would be drawing them).
    const qint64 at = nowNs();
    ++m_syncs;
    m_lastSyncNs = at;
    for (const Node &n : std::as_const(changes.changed.nodes)) {
        see(n.name, at);
        see(n.owner, at);
    }
    for (const TestCase &t : std::as_const(changes.changed.testCases))
        see(t.title, at);
    for (const Edge &e : std::as_const(changes.added.edges))
        see(e.label, at);
    for (const Edge &e : std::as_const(changes.removed.edges))
        see(QStringLiteral("removed ") + e.id, at);
}

} // namespace flowbench::bench
