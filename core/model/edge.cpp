#include "model/edge.h"
#include "model/enumnames.h"

namespace flowbench {

namespace {
const std::pair<EdgeKind, const char *> kEdgeKinds[] = {
    {EdgeKind::Calls, "calls"},         {EdgeKind::Reads, "reads"},
    {EdgeKind::Writes, "writes"},       {EdgeKind::Publishes, "publishes"},
    {EdgeKind::Consumes, "consumes"},   {EdgeKind::Triggers, "triggers"},
    {EdgeKind::Schedules, "schedules"},
};
} // namespace

QString toString(EdgeKind kind) { return enumName(kEdgeKinds, kind); }
std::optional<EdgeKind> edgeKindFromString(const QString &text) { return enumFromName(kEdgeKinds, text); }

QList<EdgeKind> allEdgeKinds()
{
    QList<EdgeKind> kinds;
    for (const auto &entry : kEdgeKinds)
        kinds.append(entry.first);
    return kinds;
}

} // namespace flowbench
