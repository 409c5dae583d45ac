#include "testcases/checkforms/checkformfactory.h"
#include "checks/checkregistry.h"
#include "testcases/checkforms/amqpcheckform.h"
#include "testcases/checkforms/amqpqueuecheckform.h"
#include "testcases/checkforms/httpcheckform.h"
#include "testcases/checkforms/logcheckform.h"
#include "testcases/checkforms/redischeckform.h"
#include "testcases/checkforms/sqlcheckform.h"
#include "testcases/checkforms/tcpcheckform.h"

namespace flowbench {

CheckFormFactory::CheckFormFactory()
{
    add<HttpCheckForm>("http");
    add<SqlCheckForm>("sql");
    add<RedisCheckForm>("redis");
    add<LogCheckForm>("log");
    add<TcpCheckForm>("tcp");
    add<AmqpCheckForm>("amqp");
    add<AmqpQueueCheckForm>("amqp_queue");
}

const CheckFormFactory &CheckFormFactory::instance()
{
    static const CheckFormFactory factory;
    return factory;
}

template <typename Form> void CheckFormFactory::add(const char *type)
{
    m_entries.push_back({ QString::fromLatin1(type), [](QWidget *parent) { return new Form(parent); } });
}

const CheckFormFactory::Entry *CheckFormFactory::entry(const QString &type) const
{
    for (const Entry &e : m_entries)
        if (e.type == type)
            return &e;
    return nullptr;
}

QStringList CheckFormFactory::types() const
{
    QStringList result;
    for (const Entry &e : m_entries)
        result.append(e.type);
    return result;
}

QString CheckFormFactory::label(const QString &type) const
{
    const CheckType *t = CheckRegistry::instance().type(type);
    return t && entry(type) ? t->vocabulary().title : type;
}

CheckForm *CheckFormFactory::create(const QString &type, QWidget *parent) const
{
    const Entry *e = entry(type);
    return e ? e->create(parent) : nullptr;
}

Check CheckFormFactory::newCheck(const QString &type) const
{
    Check check;
    check.id = newId();
    check.type = type;
    check.name = label(type);
    if (const CheckType *t = CheckRegistry::instance().type(type); t && entry(type))
        check.spec = t->vocabulary().newSpec();
    return check;
}

} // namespace flowbench
