#pragma once

#include "model/ids.h"

#include <QDateTime>
#include <QString>

namespace flowbench {

// A review remark on a node.
struct Comment
{
    Id id;
    Id nodeId;
    QString author;
    QString text;
    QDateTime createdAt;
    bool resolved = false;
    int revision = 0;

    bool operator==(const Comment &o) const
    {
        return id == o.id && nodeId == o.nodeId && author == o.author && text == o.text
            && createdAt == o.createdAt && resolved == o.resolved;
    }
    bool operator!=(const Comment &o) const { return !(*this == o); }
};

} // namespace flowbench
