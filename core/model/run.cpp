#include "model/run.h"
#include "model/enumnames.h"

namespace flowbench {

namespace {
const std::pair<ResultStatus, const char *> kStatuses[] = {
    {ResultStatus::Pass, "pass"}, {ResultStatus::Fail, "fail"},
    {ResultStatus::Error, "error"}, {ResultStatus::Skipped, "skipped"},
};
} // namespace

QString toString(ResultStatus status) { return enumName(kStatuses, status); }
std::optional<ResultStatus> resultStatusFromString(const QString &text) { return enumFromName(kStatuses, text); }

} // namespace flowbench
