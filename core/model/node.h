#pragma once

#include "model/ids.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace flowbench {

enum class NodeKind { Screen, Api, Service, Table, Queue, Cache, Job, External };

QString toString(NodeKind kind);
std::optional<NodeKind> nodeKindFromString(const QString &text);
QList<NodeKind> allNodeKinds();
// The kind-specific property names a node of this kind carries (api: method, path...).
QStringList nodeKindProperties(NodeKind kind);

// Likelihood and impact are each 1..5; the score (1..25) orders risk lists.
struct Risk
{
    int likelihood = 1;
    int impact = 1;
    int score() const { return likelihood * impact; }
    bool isValid() const { return likelihood >= 1 && likelihood <= 5 && impact >= 1 && impact <= 5; }
    bool operator==(const Risk &o) const { return likelihood == o.likelihood && impact == o.impact; }
    bool operator!=(const Risk &o) const { return !(*this == o); }
};

struct Node
{
    Id id;
    NodeKind kind = NodeKind::Service;
    QString name;
    QString group;  // domain or team, drawn as a cluster
    QString owner;
    QString description;
    Risk risk;
    QJsonObject properties; // kind-specific: api {method, path}, table {connection, table}...
    double x = 0;
    double y = 0;
    bool pinned = false;
    int revision = 0; // row version for optimistic concurrency

    bool operator==(const Node &o) const;
    bool operator!=(const Node &o) const { return !(*this == o); }
};

} // namespace flowbench
