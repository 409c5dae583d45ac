#include "testcases/checkforms/checkformfactory.h"
#include "testcases/checkforms/httpcheckform.h"
#include "testcases/checkforms/logcheckform.h"
#include "testcases/checkforms/redischeckform.h"
#include "testcases/checkforms/sqlcheckform.h"

#include <QCoreApplication>

namespace flowbench {

CheckFormFactory::CheckFormFactory()
{
    add<HttpCheckForm>("http", QCoreApplication::translate("CheckFormFactory", "HTTP request"));
    add<SqlCheckForm>("sql", QCoreApplication::translate("CheckFormFactory", "SQL query"));
    add<RedisCheckForm>("redis", QCoreApplication::translate("CheckFormFactory", "Redis command"));
    add<LogCheckForm>("log", QCoreApplication::translate("CheckFormFactory", "Log lines"));
}

const CheckFormFactory &CheckFormFactory::instance()
{
    static const CheckFormFactory factory;
    return factory;
}

template <typename Form> void CheckFormFactory::add(const char *type, const QString &label)
{
    m_entries.push_back({ QString::fromLatin1(type), label, [](QWidget *parent) { return new Form(parent); },
        &Form::defaultSpec });
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
    const Entry *e = entry(type);
    return e ? e->label : type;
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
    if (const Entry *e = entry(type))
        check.spec = e->defaultSpec();
    return check;
}

} // namespace flowbench
