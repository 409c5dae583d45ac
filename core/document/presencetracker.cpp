#include "document/presencetracker.h"

#include "model/ids.h"
#include "store/projectstore.h"

#include <QTimer>

namespace flowbench {

int PresenceTracker::intervalMs()
{
    bool ok = false;
    const int interval = qEnvironmentVariableIntValue("FLOWBENCH_PRESENCE_INTERVAL_MS", &ok);
    return ok && interval >= 50 ? interval : 20000;
}

PresenceTracker::PresenceTracker(ProjectStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sessionId(newId())
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(intervalMs());
    connect(m_timer, &QTimer::timeout, this, &PresenceTracker::renew);
    m_timer->start();
    renew();
}

PresenceTracker::~PresenceTracker()
{
    m_store->leavePresence(m_sessionId);
}

void PresenceTracker::renew()
{
    QList<PresenceEntry> others;
    if (m_store->renewPresence(m_sessionId).ok()) {
        if (const auto here = m_store->presence(3LL * m_timer->interval())) {
            for (const PresenceEntry &e : here.value())
                if (e.sessionId != m_sessionId)
                    others.append(e);
        }
    }
    const auto key = [](const QList<PresenceEntry> &list) {
        QStringList keys;
        for (const PresenceEntry &e : list)
            keys << e.sessionId + e.who;
        return keys;
    };
    const bool differs = key(others) != key(m_others);
    m_others = others;
    if (differs)
        emit changed();
}

} // namespace flowbench
