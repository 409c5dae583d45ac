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
    // spec.command as it is checked and sent: leading and trailing whitespace trimmed,
    // upper case, runs of inner whitespace as one space; then held against
    // allowedCommands(). Validation and execution both call this, so what passes one is
    // what the other sends. Refused, naming spec.command: an empty name, CR or LF (a second
    // command smuggled into the line), other control characters, anything but ASCII
    // letters and digits, a name outside the allow-list (also one with its arguments
    // written after it: they go in spec.args).
    static Result<QString> allowedCommand(const QString &text);
    static QStringList assertionKinds();
    static QStringList captureSources();
};

} // namespace flowbench
