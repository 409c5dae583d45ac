#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "redis": one read-only command (allow-list below) on a connection of the environment,
// run on a pool thread; the reply becomes JSON (HGETALL an object) for json_path and jq.
class RedisCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("redis"); }
    const CheckVocabulary &vocabulary() const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    // A read-only command of the allow-list and the arguments it takes.
    struct Command
    {
        QString name;
        int minArgs;
        int maxArgs; // -1: any number
        QString usage; // "key start stop"
    };
    // The allow-list, the one place it is written (the form and docs read it from
    // vocabulary(): spec.command's choices).
    static const QList<Command> &commands();
    static QStringList allowedCommands();
    // spec.command as it is checked and sent: leading and trailing whitespace trimmed,
    // upper case, runs of inner whitespace as one space; then held against
    // allowedCommands(). Validation and execution both call this, so what passes one is
    // what the other sends. Refused, naming spec.command: an empty name, CR or LF (a second
    // command smuggled into the line), other control characters, anything but ASCII
    // letters and digits, a name outside the allow-list (also one with its arguments
    // written after it: they go in spec.args).
    static Result<QString> allowedCommand(const QString &text);
    // Why `count` arguments do not suit an allowed command ("LRANGE takes: key start stop;
    // 1 given"), or an empty string. validate() and the form ask the same.
    static QString argumentsProblem(const QString &command, int count);

protected:
    Status validateRules(const Check &check) const override;
};

} // namespace flowbench
