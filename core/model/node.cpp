#include "model/node.h"
#include "model/enumnames.h"

namespace flowbench {

namespace {
const std::pair<NodeKind, const char *> kNodeKinds[] = {
    {NodeKind::Screen, "screen"}, {NodeKind::Api, "api"},     {NodeKind::Service, "service"},
    {NodeKind::Table, "table"},   {NodeKind::Queue, "queue"}, {NodeKind::Cache, "cache"},
    {NodeKind::Job, "job"},       {NodeKind::External, "external"},
};
} // namespace

QString toString(NodeKind kind) { return enumName(kNodeKinds, kind); }
std::optional<NodeKind> nodeKindFromString(const QString &text) { return enumFromName(kNodeKinds, text); }

QList<NodeKind> allNodeKinds()
{
    QList<NodeKind> kinds;
    for (const auto &entry : kNodeKinds)
        kinds.append(entry.first);
    return kinds;
}

QStringList nodeKindProperties(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Screen: return {QStringLiteral("route")};
    case NodeKind::Api: return {QStringLiteral("method"), QStringLiteral("path")};
    case NodeKind::Service: return {QStringLiteral("repository")};
    case NodeKind::Table: return {QStringLiteral("connection"), QStringLiteral("table")};
    case NodeKind::Queue: return {QStringLiteral("broker"), QStringLiteral("name")};
    case NodeKind::Cache: return {QStringLiteral("connection"), QStringLiteral("keyPattern")};
    case NodeKind::Job: return {QStringLiteral("schedule")};
    case NodeKind::External: return {QStringLiteral("vendor"), QStringLiteral("url")};
    }
    return {};
}

bool Node::operator==(const Node &o) const
{
    return id == o.id && kind == o.kind && name == o.name && group == o.group && owner == o.owner
        && description == o.description && risk == o.risk && properties == o.properties
        && x == o.x && y == o.y && pinned == o.pinned;
}

} // namespace flowbench
