#pragma once

#include "checks/checktype.h"

namespace flowbench {

// "log": counts lines matching a regex in a file or glob (relative to the project
// folder), only among lines written since the run began:
//  - with the runner's LogBaseline (CheckContext::logBaseline): the files as they were at
//    run start, tracked by identity and offset through rotation (see LogBaseline);
//  - without one: none if the file was last written before runStartedAt, else the lines
//    whose leading ISO-8601 time is >= runStartedAt (untimed lines go with the line
//    above); a file with no times at all is an error saying so.
// Variable values are inserted into the regex escaped, as literal text. With no
// assertion, count >= 1.
class LogCheck : public CheckType
{
public:
    QString name() const override { return QStringLiteral("log"); }
    Status validate(const Check &check) const override;
    std::unique_ptr<CheckExecution> create(const Check &check, const CheckContext &context) const override;

    static QStringList assertionKinds();
    static QStringList captureSources();
};

} // namespace flowbench
