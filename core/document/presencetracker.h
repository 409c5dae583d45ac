#pragma once

#include "store/editlog.h"

#include <QList>
#include <QObject>

class QTimer;

namespace flowbench {

class ProjectStore;

// Keeps this document's row in a shared project's presence table and the list of the
// others there: renews it at once and every interval (FLOWBENCH_PRESENCE_INTERVAL_MS,
// default 20 s, at least 50 ms), reads who else is there each time (rows not renewed for
// 3 intervals are of clients that died) and removes the row when it goes. Presence is a
// courtesy: a failure (a role without grants on presence) leaves the list empty.
class PresenceTracker : public QObject
{
    Q_OBJECT
public:
    PresenceTracker(ProjectStore *store, QObject *parent = nullptr);
    ~PresenceTracker() override;

    QList<PresenceEntry> others() const { return m_others; }
    static int intervalMs();

signals:
    void changed();

private:
    void renew();

    ProjectStore *m_store;
    QString m_sessionId;
    QTimer *m_timer;
    QList<PresenceEntry> m_others;
};

} // namespace flowbench
