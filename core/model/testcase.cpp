#include "model/testcase.h"
#include "model/enumnames.h"

namespace flowbench {

namespace {
const std::pair<Priority, const char *> kPriorities[] = {
    {Priority::Low, "low"}, {Priority::Medium, "medium"},
    {Priority::High, "high"}, {Priority::Critical, "critical"},
};
} // namespace

QString toString(Priority priority) { return enumName(kPriorities, priority); }
std::optional<Priority> priorityFromString(const QString &text) { return enumFromName(kPriorities, text); }

} // namespace flowbench
