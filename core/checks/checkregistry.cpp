#include "checks/checkregistry.h"

#include "checks/httpcheck.h"
#include "checks/logcheck.h"
#include "checks/redischeck.h"
#include "checks/sqlcheck.h"

namespace flowbench {

CheckRegistry::CheckRegistry()
{
    add(std::make_unique<HttpCheck>());
    add(std::make_unique<SqlCheck>());
    add(std::make_unique<RedisCheck>());
    add(std::make_unique<LogCheck>());
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

Status CheckRegistry::validate(const Check &check) const
{
    const CheckType *t = type(check.type);
    if (!t)
        return Status::failure(QStringLiteral("check type \"%1\" is not known (known: %2)")
                                   .arg(check.type, names().join(QStringLiteral(", "))));
    return t->validate(check);
}

} // namespace flowbench
