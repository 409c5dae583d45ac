#pragma once

#include "model/ids.h"

#include <QList>
#include <QString>
#include <optional>

namespace flowbench {

enum class EdgeKind { Calls, Reads, Writes, Publishes, Consumes, Triggers, Schedules };

QString toString(EdgeKind kind);
std::optional<EdgeKind> edgeKindFromString(const QString &text);
QList<EdgeKind> allEdgeKinds();

struct Edge
{
    Id id;
    Id from;
    Id to;
    EdgeKind kind = EdgeKind::Calls;
    QString label;
    int revision = 0;

    bool operator==(const Edge &o) const
    {
        return id == o.id && from == o.from && to == o.to && kind == o.kind && label == o.label;
    }
    bool operator!=(const Edge &o) const { return !(*this == o); }
};

} // namespace flowbench
