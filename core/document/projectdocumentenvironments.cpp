#include "document/projectdocument.h"

#include <QSet>

namespace flowbench {

QList<Environment> ProjectDocument::environments() const
{
    const Result<QList<Environment>> list = m_store->environments();
    return list ? list.value() : QList<Environment>();
}

Status ProjectDocument::setEnvironments(const QList<Environment> &wanted)
{
    const Result<QList<Environment>> current = m_store->environments();
    if (!current)
        return fail(Status::failure(current.error()));
    QHash<Id, Environment> stored;
    for (const Environment &e : current.value())
        stored.insert(e.id, e);
    QSet<Id> kept;
    for (const Environment &e : wanted)
        kept.insert(e.id);
    const Status s = m_store->transaction([&]() -> Status {
        // Removals first, so a name freed by one environment can go to another.
        for (const Environment &e : current.value())
            if (!kept.contains(e.id))
                if (Status r = m_store->removeEnvironment(e.id); !r)
                    return r;
        for (Environment e : wanted) {
            auto it = stored.constFind(e.id);
            if (it == stored.cend()) {
                if (Status r = m_store->addEnvironment(e); !r)
                    return r;
            } else if (e != *it) {
                e.revision = it->revision; // the caller's copy may be older than the row
                if (Status r = m_store->updateEnvironment(e); !r)
                    return r;
            }
        }
        return success();
    });
    if (!s)
        return fail(s);
    emit environmentsChanged();
    return success();
}

} // namespace flowbench
