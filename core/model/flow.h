#pragma once

#include "model/ids.h"
#include "model/node.h"

#include <QList>
#include <QString>

namespace flowbench {

// A named user journey: an ordered path of nodes, highlighted on the map.
struct Flow
{
    Id id;
    QString name;
    QString description;
    QList<Id> nodeIds; // in journey order; a node may appear more than once
    Risk risk;
    int revision = 0;

    bool operator==(const Flow &o) const
    {
        return id == o.id && name == o.name && description == o.description && nodeIds == o.nodeIds
            && risk == o.risk;
    }
    bool operator!=(const Flow &o) const { return !(*this == o); }
};

} // namespace flowbench
