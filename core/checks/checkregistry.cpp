#include "checks/checkregistry.h"

#include "checks/amqpcheck.h"
#include "checks/amqpqueuecheck.h"
#include "checks/httpcheck.h"
#include "checks/logcheck.h"
#include "checks/redischeck.h"
#include "checks/sqlcheck.h"
#include "checks/tcpcheck.h"

namespace flowbench {

CheckRegistry::CheckRegistry()
{
    add(std::make_unique<HttpCheck>());
    add(std::make_unique<SqlCheck>());
    add(std::make_unique<RedisCheck>());
    add(std::make_unique<LogCheck>());
    add(std::make_unique<TcpCheck>());
    add(std::make_unique<AmqpCheck>());
    add(std::make_unique<AmqpQueueCheck>());
}

const CheckRegistry &CheckRegistry::instance()
{
    static const CheckRegistry registry;
    return registry;
}

void CheckRegistry::add(std::unique_ptr<CheckType> type)
{
    const QString name = type->name();
    m_types[name] = std::move(type);
}

const CheckType *CheckRegistry::type(const QString &name) const
{
    const auto it = m_types.find(name);
    return it == m_types.end() ? nullptr : it->second.get();
}

QStringList CheckRegistry::names() const
{
    QStringList list;
    for (const auto &entry : m_types)
        list.append(entry.first);
    return list;
}

const AssertionKind *CheckRegistry::assertionKind(const QString &name) const
{
    for (const auto &entry : m_types)
        if (const AssertionKind *kind = entry.second->vocabulary().assertion(name))
            return kind;
    return nullptr;
}

const CaptureSource *CheckRegistry::captureSource(const QString &name) const
{
    for (const auto &entry : m_types)
        if (const CaptureSource *source = entry.second->vocabulary().capture(name))
            return source;
    return nullptr;
}

Status CheckRegistry::validateEventually(const Eventually &eventually)
{
    if (eventually.timeoutMs < 0 || eventually.intervalMs < 0)
        return Status::failure(QStringLiteral("eventually: bounds must not be negative"));
    // Polling faster only loads the system under test; a try is rarely quicker anyway.
    if (eventually.enabled() && eventually.intervalMs < kMinEventuallyIntervalMs)
        return Status::failure(QStringLiteral("eventually.interval_ms: must be at least %1 ms (got %2)")
                                   .arg(kMinEventuallyIntervalMs)
                                   .arg(eventually.intervalMs));
    return success();
}

Status CheckRegistry::validate(const Check &check) const
{
    const CheckType *t = type(check.type);
    if (!t)
        return Status::failure(QStringLiteral("check type \"%1\" is not known (known: %2)")
                                   .arg(check.type, names().join(QStringLiteral(", "))));
    if (const Status eventually = validateEventually(check.eventually); !eventually)
        return eventually;
    return t->validate(check);
}

} // namespace flowbench
