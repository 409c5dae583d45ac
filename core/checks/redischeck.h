#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "redis": one read-only command (allow-list below) on a connection of the environment,
// run on a pool thread; the reply becomes JSON (HGETALL an object) for json_path and jq.
class RedisCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("redis"); }
    Status validate(const Check &check) const override;
    void prepare(const Check &check) const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    static QStringList allowedCommands();
    static QStringList assertionKinds();
    static QStringList captureSources();
};

} // namespace flowbench
