#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "sql": one query on a connection of the environment (QSQLITE or QPSQL), run on a pool
// thread with a connection of its own. Values are bound (":order_id"), never spliced.
// Read-only unless spec.allow_writes, which a protected environment refuses outright.
class SqlCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("sql"); }
    const CheckVocabulary &vocabulary() const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    // Named placeholders of a query (":order_id"), without "::type" casts, in order.
    static QStringList placeholders(const QString &query);

protected:
    Status validateRules(const Check &check) const override;
};

} // namespace flowbench
