#pragma once

#include "model/ids.h"

#include <QList>
#include <QString>

namespace flowbench {

struct Project;

// A plain snapshot of the map to lay out: the layout never touches the document, so it can
// run on any thread while the user keeps editing.
struct LayoutNodeSpec
{
    Id id;
    double width = 120;  // points
    double height = 48;  // points
    QString group;       // drawn as a cluster; empty = no cluster
    bool pinned = false; // pinned nodes keep (x, y)
    double x = 0;        // top-left, Qt y-down points
    double y = 0;
};

struct LayoutEdgeSpec
{
    Id id;
    Id from;
    Id to;
};

enum class LayoutStrategy {
    Automatic, // Graphviz dot up to LayoutRequest::largeGraphThreshold nodes, layered above
    Graphviz,  // always Graphviz dot (clusters, splines)
    Layered,   // always the native layered layout (groups laid out one by one, then packed)
};

struct LayoutRequest
{
    QList<LayoutNodeSpec> nodes;
    QList<LayoutEdgeSpec> edges;
    LayoutStrategy strategy = LayoutStrategy::Automatic;
    // Above this many nodes dot gets slow (about n^2; 1,500 nodes: 0.2-1.9 s here depending
    // on load), see bench/layout/README.md.
    int largeGraphThreshold = 1500;
    double nodeSeparation = 18; // points between nodes of one layer
    double rankSeparation = 54; // points between layers (columns, left to right)

    // A snapshot of a project's map with every node at its default size.
    static LayoutRequest fromProject(const Project &project, double nodeWidth = 120,
                                     double nodeHeight = 48);
};

} // namespace flowbench
